"""Admin actions that print documents, and the list of whole-city document jobs."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.permissions import visible_agencies, visible_indicators
from indicators import documents
from indicators.models import DocumentJob
from indicators.selectors.framework import current_fiscal_year
from kpi_portal.lib import pdf

from .admin_columns import be_datetime_column
from .views.documents import pdf_response


@admin.action(description=_("พิมพ์ชุดเอกสารเจรจาตกลง (PDF) ปีงบประมาณปัจจุบัน"))
def print_negotiation_packages(modeladmin, request, queryset):
    fiscal_year = current_fiscal_year()
    agencies = list(queryset.filter(pk__in=visible_agencies(request.user, fiscal_year)).order_by("kind", "order", "code"))
    if fiscal_year is None or not agencies:
        modeladmin.message_user(request, gettext("ไม่มีปีงบประมาณหรือหน่วยงานที่พิมพ์ได้"), messages.WARNING)
        return None
    htmls = [
        pdf.render_html(template_name="pdf/negotiation_package.html", context=context)
        for _, context in documents.package_contexts(fiscal_year=fiscal_year, agencies=agencies)
    ]
    content = pdf.merge_pdfs(pdf.render_each(htmls))
    return pdf_response(content, f"packages-{fiscal_year.year_be}.pdf")


@admin.action(description=_("พิมพ์รายละเอียดตัวชี้วัดที่เลือก (PDF)"))
def print_indicator_sheets(modeladmin, request, queryset):
    indicators = list(
        documents.indicators_for_print_by_pk(pks=queryset.filter(pk__in=visible_indicators(request.user)).values("pk"))
    )
    if not indicators:
        modeladmin.message_user(request, gettext("ไม่มีตัวชี้วัดที่พิมพ์ได้"), messages.WARNING)
        return None
    elements = {}
    sheets = []
    for indicator in indicators:
        if indicator.fiscal_year_id not in elements:
            elements[indicator.fiscal_year_id] = documents.elements_of_year(indicator.fiscal_year)
        sheets.append(documents.sheet_context(indicator, elements=elements[indicator.fiscal_year_id]))
    year = indicators[0].fiscal_year.year_be
    context = {
        "title": documents.SHEET_TITLE.format(year=year),
        "sheets": sheets,
        "printed_on": documents.printed_on(),
    }
    content = pdf.render_pdf(template_name="pdf/indicator_sheet.html", context=context)
    return pdf_response(content, f"indicators-{timezone.localdate():%Y%m%d}.pdf")


@admin.register(DocumentJob)
class DocumentJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "fiscal_year", "status", "done", "total", "requested_by", "created_at_be", "finished_at_be"]
    created_at_be = be_datetime_column(DocumentJob, "created_at")
    finished_at_be = be_datetime_column(DocumentJob, "finished_at")
    list_filter = ["kind", "status", "fiscal_year"]
    list_select_related = ["fiscal_year", "requested_by"]
    readonly_fields = [f.name for f in DocumentJob._meta.fields]

    def has_add_permission(self, request):
        return False  # jobs start from the city documents page, which queues the worker
