"""องค์ประกอบการประเมิน: the composition elements of one fiscal year."""

from import_export import fields

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
        self.fields["parent"].widget = CodeForeignKeyWidget(
            CompositionElement,
            "code",
            not_found="ไม่พบองค์ประกอบหลัก “{value}” (ต้องอยู่ในแถวก่อนหน้า)",
            queryset=self.get_queryset,
        )

    def get_queryset(self):
        return CompositionElement.objects.filter(fiscal_year=self.fiscal_year)

    def init_instance(self, row=None):
        return CompositionElement(fiscal_year=self.fiscal_year)

    def row_key(self, row):
        return to_arabic_digits(cell_text(row.get("รหัสองค์ประกอบ"))) or None

    def export_queryset(self):
        return self.get_queryset().select_related("parent", "evaluated_by").order_by("order", "code")
