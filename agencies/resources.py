"""Spreadsheet columns for agencies (หน่วยงาน); rows are matched on the agency code."""

from django.utils.translation import gettext_lazy as _
from import_export import fields

from kpi_portal.lib.spreadsheet_resource import ThaiModelResource
from kpi_portal.lib.spreadsheet_widgets import (
    ChoiceLabelWidget,
    CodeForeignKeyWidget,
    ThaiBooleanWidget,
    ThaiIntegerWidget,
)

from .models import Agency, AgencyKind, DistrictGroup


class AgencyResource(ThaiModelResource):
    kind_label = "หน่วยงาน"
    required_columns = ("รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภทหน่วยงาน")
    duplicate_field = "code"
    example_row = ["1001", "ขพน.", "สำนักงานเขตพระนคร", "Phra Nakhon District Office", "สำนักงานเขต", "กรุงเทพกลาง", "1", "ใช่"]

    code = fields.Field("code", "รหัสหน่วยงาน")
    abbreviation = fields.Field("abbreviation", "อักษรย่อ")
    name_th = fields.Field("name_th", "ชื่อหน่วยงาน")
    name_en = fields.Field("name_en", "ชื่อภาษาอังกฤษ")
    kind = fields.Field("kind", "ประเภทหน่วยงาน", widget=ChoiceLabelWidget(AgencyKind.choices))
    district_group = fields.Field(
        "district_group",
        "กลุ่มเขต",
        widget=CodeForeignKeyWidget(DistrictGroup, "name", not_found=_("ไม่พบกลุ่มเขต “%(value)s”")),
    )
    order = fields.Field("order", "ลำดับ", widget=ThaiIntegerWidget(), default=0)
    is_active = fields.Field("is_active", "ใช้งาน", widget=ThaiBooleanWidget(blank_default=True))

    class Meta:
        model = Agency
        fields = ["code", "abbreviation", "name_th", "name_en", "kind", "district_group", "order", "is_active"]
        import_id_fields = ["code"]
        use_transactions = True
        clean_model_instances = True
        store_instance = True
        skip_diff = True
        report_skipped = True

    def row_key(self, row):
        return str(row.get("รหัสหน่วยงาน") or "").strip() or None

    def export_related(self, queryset):
        return queryset.select_related("district_group")

    def export_queryset(self):
        return self.export_related(Agency.objects.all()).order_by("kind", "order", "code")
