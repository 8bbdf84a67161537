"""Import/export in the admin: the same resources, checks and all-or-nothing rule as `import_kpis`."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ImportForm, SelectableFieldsExportForm

from agencies.permissions import can_import, can_import_workbooks
from indicators.models import FiscalYear, ImportJob
from indicators.services.imports import blank_template, export_year_refusal
from indicators.services.spreadsheets import SafeCSV, SafeXLSX, SpreadsheetRefused
from kpi_portal.lib.thai import be_year

from .admin_columns import be_datetime_column


TEMPLATE_CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class YearImportForm(ImportForm):
    fiscal_year = forms.ModelChoiceField(
        queryset=FiscalYear.objects.order_by("-year_be"),
        required=False,
        label=_("ปีงบประมาณ"),
        help_text=_("จำเป็นสำหรับองค์ประกอบ ตัวชี้วัด และผลรายไตรมาส"),
    )


class YearConfirmImportForm(ConfirmImportForm):
    fiscal_year = forms.ModelChoiceField(
        queryset=FiscalYear.objects.all(), required=False, widget=forms.HiddenInput()
    )


class ThaiColumnsExportForm(SelectableFieldsExportForm):
    """The columns to export named as the file heads them ("รหัสหน่วยงาน"), not "Agency (รหัสหน่วยงาน)"."""

    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        return field.column_name if field and field.column_name else super()._get_field_label(resource, field_name)


class KpiImportExportMixin(ImportExportMixin):
    """Thai templates, XML-bomb/macro/size checks, formula-safe exports, and rollback on any invalid row."""

    import_formats = [SafeXLSX, SafeCSV]
    export_formats = [SafeXLSX, SafeCSV]
    import_form_class = YearImportForm
    confirm_form_class = YearConfirmImportForm
    export_form_class = ThaiColumnsExportForm
    import_template_name = "admin/kpi_import.html"
    template_kind = ""  # which blank template the import page offers

    def get_urls(self):
        # Before the admin's own: its catch-all "<object_id>/" would take "import/template.xlsx".
        info = self.opts.app_label, self.opts.model_name
        template = path(
            "import/template.<str:fmt>", self.admin_site.admin_view(self.blank_template_view),
            name="%s_%s_import_template" % info,
        )  # fmt: skip
        return [template, *super().get_urls()]

    def has_import_permission(self, request):
        return can_import(request.user, self.model)

    def blank_template_view(self, request, fmt: str):
        """The import page's blank template (Thai headers and one example row), for those who may import."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if not self.template_kind or fmt not in TEMPLATE_CONTENT_TYPES:
            raise Http404("ไม่พบแม่แบบ")
        content = blank_template(kind=self.template_kind, fmt=fmt)
        response = HttpResponse(content, content_type=TEMPLATE_CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="kpi-template-{self.template_kind}.{fmt}"'
        return response

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        cleaned = getattr(form, "cleaned_data", None) or {}
        return {"fiscal_year": cleaned.get("fiscal_year")}

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None and import_form.cleaned_data.get("fiscal_year"):
            initial["fiscal_year"] = import_form.cleaned_data["fiscal_year"].pk
        return initial

    def add_data_read_fail_error_to_form(self, form, e):
        """A file that cannot be read: the safe reader's own reason (ไฟล์ไม่ใช่ไฟล์ .xlsx ที่ถูกต้อง, มีมาโคร …),
        not the library's English "'SpreadsheetRefused' encountered while trying to read file"."""
        if isinstance(e, SpreadsheetRefused):
            form.add_error("import_file", str(e))
        else:
            form.add_error("import_file", _("อ่านไฟล์ไม่ได้ ตรวจสอบว่ารูปแบบไฟล์ที่เลือก (xlsx หรือ csv) ตรงกับไฟล์ที่แนบ"))

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True  # never commit the valid half of a file
        return kwargs

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["template_kind"] = self.template_kind
        return context

    def import_action(self, request, **kwargs):
        """The import page also points สยป. to the whole-workbook import (every sheet, in the background)."""
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse):
            response.context_data["can_import_workbooks"] = can_import_workbooks(request.user)
        return response

    def get_export_filename(self, request, queryset, file_format):
        """'ตัวชี้วัด-2569-11-22.xlsx': what was exported, by its Thai name, and today's date in B.E."""
        today = timezone.localdate()
        stamp = f"{be_year(today.year)}-{today.month:02d}-{today.day:02d}"
        return f"{self.model._meta.verbose_name_plural}-{stamp}.{file_format.get_extension()}"

    def export_action(self, request):
        """A yearly kind exports one fiscal year at a time (services.imports.export_year_refusal): back to
        the list, with its filters, to choose the year."""
        if self.has_export_permission(request) and (refusal := export_year_refusal(self.get_export_queryset(request))):
            self.message_user(request, refusal, messages.WARNING)
            opts = self.model._meta
            return redirect(f"{reverse(f'admin:{opts.app_label}_{opts.model_name}_changelist')}?{request.GET.urlencode()}")
        return super().export_action(request)

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        response = super()._do_file_export(file_format, request, queryset, export_form=export_form)
        # The library quotes the name as it is; a Thai name reaches the browser only as RFC 6266's filename*.
        response["Content-Disposition"] = content_disposition_header(
            True, self.get_export_filename(request, queryset, file_format)
        )
        return response


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """The record of browser imports; they start from the import page (indicators:import_workbook)."""

    list_display = ["filename", "fiscal_year", "status", "requested_by", "confirmed_by", "created_at_be", "finished_at_be"]
    created_at_be = be_datetime_column(ImportJob, "created_at")
    finished_at_be = be_datetime_column(ImportJob, "finished_at")
    list_filter = ["status", "fiscal_year"]
    list_select_related = ["fiscal_year", "requested_by", "confirmed_by"]
    exclude = ["data"]
    readonly_fields = [f.name for f in ImportJob._meta.fields if f.name != "data"]

    def has_add_permission(self, request):
        return False  # an import starts from the import page, which checks the file and queues the worker
