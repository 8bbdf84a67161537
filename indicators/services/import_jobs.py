"""Writes for whole-workbook imports from the browser: upload → dry run (a job) → confirm → real import
(a second job). Both runs go through services.imports.import_spreadsheet, all or nothing; their
progress goes to huey's storage (kpi_portal.lib.job_progress), never through the import's connection."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext

from indicators.models import FiscalYear, ImportJob, ImportJobStatus
from kpi_portal.lib.job_progress import ProgressWriter, clear_progress

from .imports import CellError, ImportReport, import_spreadsheet
from .spreadsheets import SpreadsheetRefused, check_size, check_upload, file_format

logger = logging.getLogger(__name__)


class ImportJobRefused(Exception):
    """The job is not waiting for this step any more (confirmed, cancelled or finished); the message is Thai."""


def read_upload(upload) -> bytes:
    """The uploaded file's bytes; format, size, macros or a broken workbook are a ValidationError on the
    file field, in Thai, before anything is stored or queued."""
    if upload is None:
        raise ValidationError({"file": gettext("กรุณาเลือกไฟล์ที่จะนำเข้า")})
    try:
        fmt = file_format(upload.name)
        check_size(upload.size)
        data = upload.read()
        check_upload(data, fmt)
    except SpreadsheetRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    return data


def _supported_language(language: str | None) -> str:
    try:
        return translation.get_supported_language_variant(language or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


@transaction.atomic
def import_job_create(*, fiscal_year: FiscalYear, requested_by, upload, language: str | None = None) -> ImportJob:
    """Keep the file and queue its dry run, to be checked in the uploader's `language` (the site's when
    not given). The person's earlier previews still waiting for a confirmation are given up: a new
    upload replaces them, and their files are dropped."""
    from indicators.tasks import run_import_job

    data = read_upload(upload)
    import_previews_expire()
    abandoned = ImportJob.objects.filter(requested_by=requested_by, status=ImportJobStatus.CHECKED)
    abandoned.update(status=ImportJobStatus.CANCELLED, data=None, finished_at=timezone.now())
    job = ImportJob.objects.create(
        fiscal_year=fiscal_year, requested_by=requested_by, filename=upload.name[:255], data=data,
        language=_supported_language(language),
    )
    transaction.on_commit(lambda: run_import_job(job.pk))
    return job


def import_previews_expire(*, now: datetime | None = None) -> int:
    """Give up the previews nobody confirmed within IMPORT_PREVIEW_DAYS and drop their files (an hourly
    task, and each upload); the job keeps its dry run's outcome and says it expired. Returns how many."""
    now = now or timezone.now()
    overdue = ImportJob.objects.filter(
        status=ImportJobStatus.CHECKED, created_at__lt=now - timedelta(days=settings.IMPORT_PREVIEW_DAYS)
    )
    return overdue.update(status=ImportJobStatus.EXPIRED, data=None, finished_at=now)


def _take_step(job: ImportJob, **changes) -> None:
    """Move a previewed job on, once: a second click or a second person finds it already moved, and a
    preview left longer than IMPORT_PREVIEW_DAYS is expired instead (by the caller, before the step's
    transaction, so that the refusal does not roll the expiry back)."""
    moved = ImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.CHECKED, data__isnull=False).update(**changes)
    job.refresh_from_db()
    if not moved and job.status == ImportJobStatus.EXPIRED:
        raise ImportJobRefused(gettext("ผลการทดลองนำเข้านี้หมดอายุแล้ว ไม่ได้นำเข้าไฟล์นี้ อัปโหลดไฟล์ใหม่เพื่อนำเข้า"))
    if not moved:
        raise ImportJobRefused(gettext("งานนำเข้านี้ยืนยันหรือยกเลิกไปแล้ว"))


def import_job_confirm(*, job: ImportJob, confirmed_by) -> ImportJob:
    """Queue the real import of a file whose dry run found no errors, unless its preview expired
    (the hourly task not yet round)."""
    from indicators.tasks import run_import_job

    import_previews_expire()
    with transaction.atomic():
        _take_step(job, status=ImportJobStatus.IMPORTING, confirmed_by=confirmed_by)
        transaction.on_commit(lambda: run_import_job(job.pk))
    return job


def import_job_cancel(*, job: ImportJob) -> ImportJob:
    """Give up a previewed file without importing it; the file is dropped."""
    import_previews_expire()
    _take_step(job, status=ImportJobStatus.CANCELLED, data=None, finished_at=timezone.now())
    return job


def _run_import(job: ImportJob, dry_run: bool) -> ImportReport:
    try:
        return import_spreadsheet(
            data=bytes(job.data),
            filename=job.filename,
            year_be=job.fiscal_year.year_be,
            dry_run=dry_run,
            on_progress=ProgressWriter(job.progress_key),
        )
    except Exception:  # the page must show the failure instead of spinning forever; the import rolled back
        logger.exception("import job %s failed", job.pk)
        report = ImportReport(dry_run=dry_run)
        report.errors.append(CellError(job.filename, None, None, gettext("เกิดข้อผิดพลาดที่ระบบไม่คาดคิด ไม่ได้บันทึกข้อมูลใด ๆ")))
        return report


def import_job_run(*, job_id: int) -> ImportJob:
    """Run the job's pending step (dry run or real import); the outcome is recorded, never raised. Its
    messages are worded in the uploader's language (job.language), whoever confirmed it; the action names
    stay Thai, as the command line's, and pages translate them as they show them."""
    job = ImportJob.objects.select_related("fiscal_year").get(pk=job_id)
    if not job.is_running or job.data is None:
        return job
    dry_run = job.status == ImportJobStatus.CHECKING
    with translation.override(job.language):
        report = _run_import(job, dry_run)
    if dry_run:
        job.preview = report.summary()
        job.status = ImportJobStatus.CHECKED if report.ok else ImportJobStatus.REFUSED
    else:
        job.result = report.summary()
        job.status = ImportJobStatus.IMPORTED if report.ok else ImportJobStatus.FAILED
    if job.status != ImportJobStatus.CHECKED:  # nothing more will read the file
        job.data, job.finished_at = None, timezone.now()
    job.save(update_fields=["preview", "result", "status", "data", "finished_at"])
    clear_progress(job.progress_key)
    return job
