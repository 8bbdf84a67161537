"""องค์ประกอบการประเมิน: the composition elements of one fiscal year."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy
from import_export import fields

from indicators.framework_checks import overweight_elements
from indicators.models import CompositionElement, ElementAppliesTo
from kpi_portal.lib.spreadsheet_resource import ThaiModelResource
from kpi_portal.lib.spreadsheet_widgets import (
    ChoiceLabelWidget,
    CodeForeignKeyWidget,
    ThaiBooleanWidget,
    ThaiDecimalWidget,
    ThaiIntegerWidget,
)
from kpi_portal.lib.thai import to_arabic_digits

from ._common import YearFileOptions, agency_widget, cell_text


class CompositionElementResource(ThaiModelResource):
    kind_label = "องค์ประกอบ"
    needs_fiscal_year = True
    required_columns = ("รหัสองค์ประกอบ", "ชื่อองค์ประกอบ")
    duplicate_field = "code"
    example_row = ["1.1", "1", "ประสิทธิภาพในการดำเนินงานตามภารกิจหลัก", "Function Base", "๓๐", "1", "3", "ทุกหน่วยงาน", "ใช่", "ไม่ใช่", "", "1"]

    code = fields.Field("code", "รหัสองค์ประกอบ")
    parent = fields.Field("parent", "องค์ประกอบหลัก")
    name = fields.Field("name", "ชื่อองค์ประกอบ")
    name_en = fields.Field("name_en", "ชื่อภาษาอังกฤษ")
    weight = fields.Field("weight", "น้ำหนักคะแนน", widget=ThaiDecimalWidget())
    min_indicators = fields.Field("min_indicators", "จำนวนตัวชี้วัดขั้นต่ำ", widget=ThaiIntegerWidget())
    max_indicators = fields.Field("max_indicators", "จำนวนตัวชี้วัดสูงสุด", widget=ThaiIntegerWidget())
    applies_to = fields.Field(
        "applies_to",
        "ใช้กับหน่วยงาน",
        widget=ChoiceLabelWidget(ElementAppliesTo.choices, blank_default=ElementAppliesTo.ALL),
    )
    is_negotiated = fields.Field("is_negotiated", "เจรจาตกลง", widget=ThaiBooleanWidget(blank_default=True))
    is_joint = fields.Field("is_joint", "ตัวชี้วัดบูรณาการ", widget=ThaiBooleanWidget())
    evaluated_by = fields.Field("evaluated_by", "หน่วยงานผู้ประเมิน", widget=agency_widget())
    order = fields.Field("order", "ลำดับ", widget=ThaiIntegerWidget(), default=0)

    class Meta(YearFileOptions):
        model = CompositionElement
        fields = [
            "code", "parent", "name", "name_en", "weight", "min_indicators", "max_indicators",
            "applies_to", "is_negotiated", "is_joint", "evaluated_by", "order",
        ]  # fmt: skip
        import_id_fields = ["code"]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._sheet_rows: dict[str, tuple[int, dict]] = {}  # element code → (row number, row) in this sheet
        self.fields["parent"].widget = CodeForeignKeyWidget(
            CompositionElement,
            "code",
            not_found=gettext_lazy("ไม่พบองค์ประกอบหลัก “%(value)s” (ต้องอยู่ในแถวก่อนหน้า)"),
            queryset=self.get_queryset,
        )

    def get_queryset(self):
        return CompositionElement.objects.filter(fiscal_year=self.fiscal_year)

    # --- the weight rules, judged on the sheet's end state ---------------------------------------
    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance.weights_checked_alone = False  # see after_import

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if row_result.instance is not None:
            self._sheet_rows[row_result.instance.code] = (kwargs["row_number"], row)

    def after_import(self, dataset, result, **kwargs):
        """Sub-elements may not outweigh their parent (framework_checks), judged once every row is
        applied, still inside the import's transaction: a sheet that lowers a parent a row before its
        sub-elements, or raises the sub-elements first, ends valid and imports. A refusal sits in the
        parent's row (else in the sheet's first row of its sub-elements), names the sheet's rows of that
        family, and, as any invalid row, rolls the whole file back."""
        super().after_import(dataset, result, **kwargs)
        if result.has_errors() or result.has_validation_errors():
            return  # refused rows were not saved: what is saved is not the sheet's end state
        elements = list(self.get_queryset())
        parent_codes = {element.id: element.code for element in elements}
        for code, problem in overweight_elements(elements).items():
            family = [code] + [e.code for e in elements if parent_codes.get(e.parent_id) == code]
            in_sheet = sorted(
                (member for member in family if member in self._sheet_rows),
                key=lambda member: (member != code, self._sheet_rows[member][0]),
            )
            if not in_sheet:
                continue  # the sheet did not touch this family: not its to refuse
            rows = ", ".join(
                gettext("แถวที่ %(row)s รหัส %(code)s") % {"row": self._sheet_rows[member][0] + 1, "code": member}
                for member in in_sheet
            )
            number, row = self._sheet_rows[in_sheet[0]]
            message = gettext("%(problem)s (ในไฟล์: %(rows)s)") % {"problem": problem, "rows": rows}
            result.append_invalid_row(number, row, ValidationError({self.column_for("weight"): [message]}))

    def init_instance(self, row=None):
        return CompositionElement(fiscal_year=self.fiscal_year)

    def row_key(self, row):
        return to_arabic_digits(cell_text(row.get("รหัสองค์ประกอบ"))) or None

    def export_related(self, queryset):
        return queryset.select_related("parent", "evaluated_by")

    def export_queryset(self):
        return self.export_related(self.get_queryset()).order_by("order", "code")
