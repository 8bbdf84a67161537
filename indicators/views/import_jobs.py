"""The strategy office's whole-workbook import: upload, watch the dry run, confirm, watch the import.
Both runs are background jobs (services/import_jobs.py); these pages only show them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from agencies.permissions import can_import, can_import_workbooks, import_job_for_user
from indicators.forms_imports import WorkbookUploadForm
from indicators.selectors.framework import current_fiscal_year
from indicators.selectors.import_jobs import import_job_counts, import_job_progress, recent_import_jobs
from indicators.services.import_jobs import (
    ImportJobRefused,
    import_job_cancel,
    import_job_confirm,
    import_job_create,
)
from indicators.services.imports import KINDS
from kpi_portal.forms import year_param

def _blank_templates(user) -> list[tuple[str, str]]:
    """(sheet name, link) of the blank templates the user may download from the admin's import pages:
    each sheet's model (its resource's) has one."""
    links = []
    for resource, sheet in KINDS.values():
        opts = resource._meta.model._meta
        if can_import(user, resource._meta.model):
            links.append((sheet, reverse(f"admin:{opts.app_label}_{opts.model_name}_import_template", args=["xlsx"])))
    return links


@login_required
def import_workbook(request):
    """Upload a workbook for a fiscal year; its dry run starts in the background."""
    if not can_import_workbooks(request.user):
        raise Http404("ไม่พบหน้า")
    if request.method == "POST":
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = import_job_create(
                    fiscal_year=form.cleaned_data["fiscal_year"],
                    requested_by=request.user,
                    upload=form.cleaned_data["file"],
                    language=request.LANGUAGE_CODE,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("indicators:import_job", pk=job.pk)
    else:
        year = current_fiscal_year(year_param(request.GET))
        form = WorkbookUploadForm(initial={"fiscal_year": year.year_be if year else None})
    context = {"form": form, "jobs": recent_import_jobs(), "blank_templates": _blank_templates(request.user)}
    return render(request, "indicators/import_workbook.html", context, status=400 if form.errors else 200)


@login_required
def import_job(request, pk: int):
    """A job's progress while it runs (meta refresh, no JavaScript), then its preview or its result."""
    job = import_job_for_user(request.user, pk)
    context = {
        "job": job,
        "progress": import_job_progress(job),
        "counts": import_job_counts(job),
        "refresh": job.is_running,
        "preview_days": settings.IMPORT_PREVIEW_DAYS,
    }
    return render(request, "indicators/import_job.html", context)


@login_required
@require_POST
def import_job_step(request, pk: int, step: str):
    """Confirm a clean dry run (the real import starts) or give the file up."""
    job = import_job_for_user(request.user, pk)
    try:
        if step == "confirm":
            import_job_confirm(job=job, confirmed_by=request.user)
        else:
            import_job_cancel(job=job)
    except ImportJobRefused as refused:
        messages.error(request, str(refused))
    return redirect("indicators:import_job", pk=job.pk)
