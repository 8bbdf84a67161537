"""Reads for whole-workbook imports: the recent jobs and a running job's progress."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.models import ImportJob
from indicators.services.imports import action_label
from kpi_portal.lib.job_progress import read_progress


@dataclass(frozen=True)
class ImportProgress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


def recent_import_jobs(limit: int = 20) -> list[ImportJob]:
    """Every year's workbook imports, newest first (the import page's list); the file itself is not read."""
    return list(ImportJob.objects.defer("data", "preview", "result").select_related("fiscal_year", "requested_by")[:limit])


def import_job_counts(job: ImportJob) -> list[tuple[str, int]]:
    """The rows per action of the job's last run (its stored summary), each action named in the reader's language."""
    return [(action_label(action), rows) for action, rows in (job.outcome or {}).get("counts", [])]


def import_job_progress(job: ImportJob) -> ImportProgress | None:
    """Rows read so far by the job's running step, from huey's storage; None while it waits in the queue."""
    if not job.is_running:
        return None
    progress = read_progress(job.progress_key)
    return ImportProgress(*progress) if progress else None
