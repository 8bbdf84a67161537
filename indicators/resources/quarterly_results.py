"""ผลรายไตรมาส: one row per indicator and quarter."""

from django.utils.translation import gettext
from import_export import fields

from indicators.figures import missing_figure_errors, unused_figure_errors
from indicators.models import Indicator, IndicatorStatus, QuarterlyReport, ReportStatus
from kpi_portal.lib.spreadsheet_resource import ThaiModelResource
from kpi_portal.lib.spreadsheet_widgets import (
    BEDateTimeWidget,
    ChoiceLabelWidget,
    CodeForeignKeyWidget,
    ThaiBooleanWidget,
    ThaiDecimalWidget,
    ThaiIntegerWidget,
)
from kpi_portal.lib.thai import to_arabic_digits

from ._common import YearFileOptions, cell_text


class IndicatorNumberWidget(CodeForeignKeyWidget):
    """An indicator named by agency code + its number (ที่) within the resource's fiscal year."""

    def __init__(self, resource):
        super().__init__(Indicator, "number", not_found="")
        self.resource = resource

    def clean(self, value, row=None, **kwargs):
        agency = to_arabic_digits(cell_text((row or {}).get("รหัสหน่วยงาน")))
        number = ThaiIntegerWidget().clean(value)
        if not agency or number is None:
            raise ValueError(gettext("ต้องระบุรหัสหน่วยงานและที่ของตัวชี้วัด"))
        key = (agency, number)
        if key not in self._cache:
            found = (
                Indicator.objects.select_related("agency")
                .filter(fiscal_year=self.resource.fiscal_year, agency__code=agency, number=number)
                .first()
            )
            if found is None:
                message = gettext("ไม่พบตัวชี้วัดที่ %(number)s ของหน่วยงาน “%(agency)s” ในปีงบประมาณนี้")
                raise ValueError(message % {"number": value, "agency": agency})
            self._cache[key] = found
        return self._cache[key]

    def render(self, value, obj=None, **kwargs):
        return value.number if value else ""


class QuarterlyResultResource(ThaiModelResource):
    """ผลการดำเนินงานรายไตรมาส: one row per indicator and quarter."""

    kind_label = "ผลรายไตรมาส"
    needs_fiscal_year = True
    required_columns = ("รหัสหน่วยงาน", "ที่", "ไตรมาส")
    duplicate_field = "quarter"
    validate_constraints = False  # quarter, level and one row per (indicator, quarter) are checked here
    example_row_values = {
        "รหัสหน่วยงาน": "1001", "ที่": "๑", "ไตรมาส": "๒", "ผลงานสะสม (ร้อยละ)": "ร้อยละ ๔๐",
        "ค่าที่วัดได้": "1,390 ห้อง", "รายงานผลการดำเนินงาน": "ดำเนินการตามแผน",
        "สถานะ": "ส่งแล้ว", "วันที่ส่ง": "31/03/2568", "ส่งล่าช้า": "ไม่ใช่",
    }  # fmt: skip

    agency = fields.Field(attribute=None, column_name="รหัสหน่วยงาน", dehydrate_method="dehydrate_agency")
    indicator = fields.Field("indicator", "ที่")
    quarter = fields.Field("quarter", "ไตรมาส", widget=ThaiIntegerWidget())
    progress_percent = fields.Field("progress_percent", "ผลงานสะสม (ร้อยละ)", widget=ThaiDecimalWidget())
    measured_value = fields.Field("measured_value", "ค่าที่วัดได้", widget=ThaiDecimalWidget())
    level_reached = fields.Field("level_reached", "ระดับที่ได้", widget=ThaiDecimalWidget())
    narrative = fields.Field("narrative", "รายงานผลการดำเนินงาน")
    status = fields.Field(
        "status", "สถานะ", widget=ChoiceLabelWidget(ReportStatus.choices, blank_default=ReportStatus.DRAFT)
    )
    submitted_at = fields.Field("submitted_at", "วันที่ส่ง", widget=BEDateTimeWidget())
    is_late = fields.Field("is_late", "ส่งล่าช้า", widget=ThaiBooleanWidget())

    class Meta(YearFileOptions):
        model = QuarterlyReport
        fields = [
            "agency", "indicator", "quarter", "progress_percent", "measured_value", "level_reached",
            "narrative", "status", "submitted_at", "is_late",
        ]  # fmt: skip
        import_id_fields = ["indicator", "quarter"]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["indicator"].widget = IndicatorNumberWidget(self)

    def row_label(self, instance) -> str:
        return f"{instance.indicator.agency.code} ที่ {instance.indicator.number} ไตรมาสที่ {instance.quarter}"

    def dehydrate_agency(self, report):
        return report.indicator.agency.code

    def get_queryset(self):
        return QuarterlyReport.objects.filter(indicator__fiscal_year=self.fiscal_year)

    def export_related(self, queryset):
        return queryset.select_related("indicator__agency")

    def export_queryset(self):
        return self.export_related(self.get_queryset()).order_by(
            "indicator__agency__code", "indicator__number", "quarter"
        )

    def row_key(self, row):
        parts = [to_arabic_digits(cell_text(row.get(c))) for c in ("รหัสหน่วยงาน", "ที่", "ไตรมาส")]
        return tuple(parts) if all(parts) else None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        level = instance.level_reached
        if "level_reached" not in errors and level is not None and not 0 <= level <= 5:
            errors["level_reached"] = [gettext("ระดับที่ได้ต้องอยู่ระหว่าง ๐ ถึง ๕ (ได้ %(level)s)") % {"level": level}]
        if "quarter" not in errors and instance.quarter is not None and instance.quarter not in (1, 2, 3, 4):
            errors["quarter"] = [gettext("ไตรมาสต้องเป็น ๑ ถึง ๔")]
        if "indicator" not in errors and instance.indicator_id and instance.indicator.status != IndicatorStatus.APPROVED:
            # The same rule as the reporting service: only a final (approved) indicator is reported on.
            errors["indicator"] = [gettext("รายงานผลได้เฉพาะตัวชี้วัดที่อนุมัติแล้ว (ถือเป็นข้อยุติ)")]
        if "indicator" not in errors and instance.indicator_id:
            # As the reporting service: a figure the rubric does not score is refused, not kept unscored.
            figures = {
                "value": instance.measured_value, "level": instance.level_reached,
                "value_field": "measured_value", "level_field": "level_reached",
            }  # fmt: skip
            unused = unused_figure_errors(instance.indicator.rubric_kind, **figures)
            for key, message in unused.items():
                errors.setdefault(key, []).append(message)
            if instance.status == ReportStatus.SUBMITTED:
                # As the reporting service: a report is sent only with the figure its rubric scores.
                missing = missing_figure_errors(instance.indicator.rubric_kind, **figures)
                for key, message in missing.items():
                    errors.setdefault(key, []).append(message)
        if not instance._import_new and instance._import_before.get("status") == ReportStatus.SUBMITTED:
            # As on the report page: a submitted report is final until สยป. reopens it there (with a reason).
            errors.setdefault("__all__", []).append(
                gettext("รายงานที่ส่งแล้วแก้ไขผ่านการนำเข้าไม่ได้ (สยป. เปิดให้แก้ไขได้ที่หน้ารายงานผล)")
            )
        super().validate_instance(instance, errors, validate_unique)
