"""Background tasks (huey; `manage.py run_huey` consumes, tests run them inline)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def run_document_job(job_id: int) -> None:
    from indicators.services.documents import document_job_run

    document_job_run(job_id=job_id)


@db_task()
def run_import_job(job_id: int) -> None:
    from indicators.services.import_jobs import import_job_run

    import_job_run(job_id=job_id)


@db_periodic_task(crontab(minute="7"))
def expire_import_previews() -> None:
    """Hourly: drop the files of browser imports whose preview nobody confirmed in time."""
    from indicators.services.import_jobs import import_previews_expire

    import_previews_expire()
