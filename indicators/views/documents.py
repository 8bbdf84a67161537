"""PDF downloads: a single agency's document comes back in the request; the whole city runs as a job."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

from agencies.permissions import (
    agency_for_user,
    agency_in_year,
    document_job_for_user,
    indicator_for_user,
    is_city_wide,
    visible_agencies,
)
from indicators import documents
from indicators.models import DocumentJobKind, DocumentJobStatus
from indicators.selectors.framework import fiscal_year_or_404
from indicators.services.documents import document_job_create
from kpi_portal.lib.pdf import render_pdf


def digits_choice(request) -> bool | None:
    """?digits=arabic prints Arabic digits; the default follows settings.PDF_THAI_DIGITS."""
    choice = request.GET.get("digits")
    return {"arabic": False, "thai": True}.get(choice)


def thai_document(view):
    """Official forms stay Thai whichever language the pages are shown in (choice labels included)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override("th"):
            return view(request, *args, **kwargs)

    return wrapper


def document_year(year: int, code: str = ""):
    """The year a document is for; when it does not exist the 404 page offers the years that do, each
    opening the agency's dashboard (or the city's), where that year's documents are one click away."""
    if code:
        return fiscal_year_or_404(year, action=reverse("indicators:dashboard_agency", args=[code]))
    return fiscal_year_or_404(year, action=reverse("indicators:dashboard_city"))


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    # Django quotes and encodes the name: an agency code is the admin's to type, quotes and Thai included.
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


@login_required
def agency_documents(request, year: int, code: str):
    agency = agency_for_user(request.user, code)
    fiscal_year = document_year(year, agency.code)
    agency_in_year(request.user, agency, fiscal_year)
    indicators = documents.printable_indicators(fiscal_year=fiscal_year, agency=agency)
    return render(
        request,
        "indicators/documents.html",
        {"agency": agency, "fiscal_year": fiscal_year, "indicators": indicators, "quarters": (1, 2, 3, 4)},
    )


@login_required
@thai_document
def summary_form_pdf(request, year: int, code: str):
    agency = agency_for_user(request.user, code)
    fiscal_year = document_year(year, agency.code)
    agency_in_year(request.user, agency, fiscal_year)
    context = documents.summary_form_context(fiscal_year=fiscal_year, agency=agency)
    content = render_pdf(template_name="pdf/summary_form.html", context=context, thai_digits=digits_choice(request))
    return pdf_response(content, f"summary-{year}-{agency.code}.pdf")


@login_required
@thai_document
def negotiation_package_pdf(request, year: int, code: str):
    agency = agency_for_user(request.user, code)
    fiscal_year = document_year(year, agency.code)
    agency_in_year(request.user, agency, fiscal_year)
    context = documents.negotiation_package_context(fiscal_year=fiscal_year, agency=agency)
    content = render_pdf(
        template_name="pdf/negotiation_package.html", context=context, thai_digits=digits_choice(request)
    )
    return pdf_response(content, f"package-{year}-{agency.code}.pdf")


@login_required
@thai_document
def indicator_sheet_pdf(request, pk: int):
    indicator = indicator_for_user(request.user, pk)
    context = documents.indicator_sheet_context(indicator=indicator)
    content = render_pdf(template_name="pdf/indicator_sheet.html", context=context, thai_digits=digits_choice(request))
    name = f"indicator-{indicator.fiscal_year.year_be}-{indicator.agency.code}-{indicator.number}.pdf"
    return pdf_response(content, name)


@login_required
@thai_document
def quarterly_report_pdf(request, year: int, code: str, quarter: int):
    agency = agency_for_user(request.user, code)
    fiscal_year = document_year(year, agency.code)
    agency_in_year(request.user, agency, fiscal_year)
    if quarter not in (1, 2, 3, 4):
        raise Http404("ไม่มีไตรมาสนี้")
    context = documents.quarterly_report_context(fiscal_year=fiscal_year, agency=agency, quarter=quarter)
    content = render_pdf(
        template_name="pdf/quarterly_report.html", context=context, thai_digits=digits_choice(request)
    )
    return pdf_response(content, f"quarter-{quarter}-{year}-{agency.code}.pdf")


def quarter_choice(request) -> int | None:
    """?quarter=n gives provisional results up to quarter n; anything else means the whole year."""
    value = request.GET.get("quarter", "")
    return int(value) if value in ("1", "2", "3", "4") else None


@login_required
@thai_document
def scorecard_pdf(request, year: int, code: str):
    from scoring.documents import scorecard_context

    agency = agency_for_user(request.user, code)
    fiscal_year = document_year(year, agency.code)
    agency_in_year(request.user, agency, fiscal_year)
    context = scorecard_context(fiscal_year=fiscal_year, agency=agency, quarter=quarter_choice(request))
    content = render_pdf(template_name="pdf/scorecard.html", context=context, thai_digits=digits_choice(request))
    return pdf_response(content, f"scorecard-{year}-{agency.code}.pdf")


@login_required
@thai_document
def ranking_pdf(request, year: int):
    """The ranking report; like the ranking page, a user sees only the rows of agencies they may see."""
    from scoring.documents import ranking_context

    fiscal_year = fiscal_year_or_404(year, action=reverse("scoring:index"))
    visible = set(visible_agencies(request.user, fiscal_year).values_list("pk", flat=True))
    context = ranking_context(fiscal_year=fiscal_year, quarter=quarter_choice(request), visible=visible)
    content = render_pdf(template_name="pdf/ranking.html", context=context, thai_digits=digits_choice(request))
    return pdf_response(content, f"ranking-{year}.pdf")


@login_required
def city_documents(request, year: int):
    """City-wide staff start the whole city's book here and see earlier jobs."""
    if not is_city_wide(request.user):
        raise Http404("ไม่พบหน้า")
    fiscal_year = document_year(year)
    error = None
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind not in DocumentJobKind.values:
            error = gettext("กรุณาเลือกเอกสารที่ต้องการ")
        else:
            try:
                job = document_job_create(
                    kind=kind,
                    fiscal_year=fiscal_year,
                    requested_by=request.user,
                    thai_digits=request.POST.get("digits") != "arabic",
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
            else:
                return redirect("indicators:document_job", pk=job.pk)
    jobs = documents.recent_document_jobs(fiscal_year)
    return render(
        request,
        "indicators/city_documents.html",
        {"fiscal_year": fiscal_year, "jobs": jobs, "kinds": DocumentJobKind.choices, "error": error},
        status=400 if error else 200,
    )


@login_required
def document_job(request, pk: int):
    """Progress page; refreshes itself (meta refresh, no JavaScript) until the file is ready."""
    job = document_job_for_user(request.user, pk)
    return render(request, "indicators/document_job.html", {"job": job, "refresh": not job.is_finished})


@login_required
def document_job_download(request, pk: int):
    job = document_job_for_user(request.user, pk)
    if job.status != DocumentJobStatus.DONE or not job.file:
        raise Http404("เอกสารยังไม่พร้อม")
    return FileResponse(job.file.open("rb"), content_type="application/pdf", filename=job.file.name.rsplit("/", 1)[-1])
