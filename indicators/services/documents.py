"""Writes for printed documents: start a whole-city PDF job and run it with progress."""

from __future__ import annotations

import logging
import tempfile
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from agencies.models import Agency
from indicators import documents
from indicators.models import DocumentJob, DocumentJobKind, DocumentJobStatus, FiscalYear
from kpi_portal.lib import pdf

logger = logging.getLogger(__name__)

TEMPLATES = {
    DocumentJobKind.CITY_SUMMARY: "pdf/summary_form.html",
    DocumentJobKind.CITY_PACKAGE: "pdf/negotiation_package.html",
}


def city_agencies(*, fiscal_year: FiscalYear) -> list[Agency]:
    """Active agencies with indicators this year, in the official order."""
    return list(
        Agency.objects.filter(is_active=True, indicators__fiscal_year=fiscal_year)
        .distinct()
        .order_by("kind", "order", "code")
    )


def city_book_htmls(*, kind: str, fiscal_year: FiscalYear, agencies: list[Agency], thai_digits: bool):
    """Yield the finished HTML of every agency's document, in order (a few queries for all agencies)."""
    template_name = TEMPLATES[kind]
    for _, context in documents.package_contexts(fiscal_year=fiscal_year, agencies=agencies):
        yield pdf.render_html(template_name=template_name, context=context, thai_digits=thai_digits)


def city_book_write(
    out: BinaryIO, *, kind: str, fiscal_year: FiscalYear, thai_digits: bool = True, workers=None, on_done=None
) -> None:
    """Write one PDF with every agency's document to `out`; agencies render in parallel worker processes.

    The book goes to a file, not memory: at ten times today's indicators it is thousands of pages.
    """
    agencies = city_agencies(fiscal_year=fiscal_year)
    htmls = city_book_htmls(kind=kind, fiscal_year=fiscal_year, agencies=agencies, thai_digits=thai_digits)
    pdf.write_book(htmls, out, thai_digits=thai_digits, workers=workers, on_done=on_done)


@transaction.atomic
def document_job_create(*, kind: str, fiscal_year: FiscalYear, requested_by, thai_digits: bool = True) -> DocumentJob:
    """Queue a whole-city document; the worker picks it up once this transaction commits."""
    from indicators.tasks import run_document_job

    job = DocumentJob(kind=kind, fiscal_year=fiscal_year, requested_by=requested_by, thai_digits=thai_digits)
    job.total = len(city_agencies(fiscal_year=fiscal_year))
    job.full_clean()
    if job.total == 0:
        raise ValidationError({"fiscal_year": gettext("ยังไม่มีหน่วยงานที่มีตัวชี้วัดในปีงบประมาณนี้")})
    job.save()
    transaction.on_commit(lambda: run_document_job(job.pk))
    return job


def document_job_run(*, job_id: int) -> DocumentJob:
    """Build the job's PDF, saving progress after each agency; a failure is recorded, never raised."""
    job = DocumentJob.objects.select_related("fiscal_year").get(pk=job_id)
    if job.status != DocumentJobStatus.QUEUED:
        return job
    job.status = DocumentJobStatus.RUNNING
    job.save(update_fields=["status"])

    def progress(count: int) -> None:
        DocumentJob.objects.filter(pk=job.pk).update(done=min(count, job.total))

    with tempfile.TemporaryFile() as book:
        try:
            city_book_write(
                book, kind=job.kind, fiscal_year=job.fiscal_year, thai_digits=job.thai_digits, on_done=progress
            )
        except Exception as exc:  # the page must show the failure instead of spinning forever
            logger.exception("document job %s failed", job.pk)
            job.status, job.error, job.finished_at = DocumentJobStatus.FAILED, str(exc)[:2000], timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
            return job
        job.refresh_from_db(fields=["done"])
        book.seek(0)
        job.file.save(f"{job.kind}-{job.fiscal_year.year_be}-{job.pk}.pdf", File(book), save=False)
    job.status, job.done, job.finished_at = DocumentJobStatus.DONE, job.total, timezone.now()
    job.save(update_fields=["file", "status", "done", "finished_at"])
    return job
