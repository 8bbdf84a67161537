"""Input shapes of the API writes. They check types only; every rule is in the services they feed."""

from decimal import Decimal

from django.utils.translation import gettext as _
from rest_framework import serializers

from indicators.models import AuditStatus, Indicator, QuarterAudit, QuarterlyReport
from indicators.services.negotiation import TRANSITIONS
from indicators.validators import WEIGHT_ABOVE_ZERO

from .filters import MAX_ID


class RubricLevelInput(serializers.Serializer):
    level = serializers.IntegerField(min_value=1, max_value=5)
    success_percent = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    criterion = serializers.CharField(max_length=5000)
    threshold = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)
    threshold_exclusive = serializers.BooleanField(
        required=False,
        help_text="true = ค่าที่เท่ากับค่าเกณฑ์ไม่ได้ระดับนี้ (“น้อยกว่า ๘๐ วัน”, “มากกว่าร้อยละ ๘๐”); ไม่ส่ง = คงค่าเดิม (ระดับใหม่: false)",
    )


class BaselineInput(serializers.Serializer):
    year_be = serializers.IntegerField(min_value=2500, max_value=2700)
    value_text = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
    value_number = serializers.DecimalField(max_digits=14, decimal_places=4, required=False, allow_null=True)


class ParticipantInput(serializers.Serializer):
    agency = serializers.CharField(max_length=20, help_text="รหัสหน่วยงาน")
    duty = serializers.CharField(max_length=5000)
    weight = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, allow_null=True, min_value=Decimal("0.01"),
        error_messages={"min_value": WEIGHT_ABOVE_ZERO},
    )
    is_lead = serializers.BooleanField(required=False, default=False)


class ConditionInput(serializers.Serializer):
    percent = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    description = serializers.CharField(max_length=5000)


class EvidenceRequirementInput(serializers.Serializer):
    description = serializers.CharField(max_length=5000)


class IndicatorInput(serializers.ModelSerializer):
    """A whole indicator form: its fields and every table (tables replace what is stored)."""

    element = serializers.CharField(max_length=10, help_text="รหัสองค์ประกอบของปีนั้น เช่น 1.1")
    number = serializers.IntegerField(min_value=1, max_value=32767, required=False, allow_null=True)
    rubric_levels = RubricLevelInput(many=True, required=False, default=list)
    baselines = BaselineInput(many=True, required=False, default=list)
    participants = ParticipantInput(many=True, required=False, default=list)
    conditions = ConditionInput(many=True, required=False, default=list)
    evidence_requirements = EvidenceRequirementInput(many=True, required=False, default=list)

    class Meta:
        model = Indicator
        fields = [
            "element", "number", "code", "name", "result_type", "indicator_type", "target_value", "target_unit",
            "target_text", "value_unit", "weight", "definition", "calculation_method", "data_collection", "data_sources",
            "policy_code", "policy_text", "outputs", "outcomes", "conditions_title", "rubric_kind",
            "rubric_direction", "rubric_title", "responsible_person",
            "rubric_levels", "baselines", "participants", "conditions", "evidence_requirements",
        ]  # fmt: skip
        validators = []
        # The model's weight validator becomes DRF's min_value, whose own words would be "… 0.01".
        extra_kwargs = {"weight": {"error_messages": {"min_value": WEIGHT_ABOVE_ZERO}}}


def amendment_reason_field():
    return serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True,
        help_text="เหตุผลการแก้ไขหลังอนุมัติ (สยป. เมื่อชุดตัวชี้วัดอนุมัติแล้ว)",
    )


class IndicatorCreateInput(IndicatorInput):
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700, help_text="ปีงบประมาณ พ.ศ.")
    agency = serializers.CharField(max_length=20, help_text="รหัสหน่วยงาน")
    amendment_reason = amendment_reason_field()

    class Meta(IndicatorInput.Meta):
        fields = ["fiscal_year", "agency", *IndicatorInput.Meta.fields, "amendment_reason"]


KEPT_WHEN_LEFT_OUT = "ไม่ส่ง = คงตารางเดิม; ส่ง [] = ล้างตาราง"


class IndicatorUpdateInput(IndicatorInput):
    expected_version = serializers.IntegerField(min_value=0, max_value=MAX_ID, help_text="version ที่อ่านมา (กันการบันทึกทับกัน)")
    amendment_reason = amendment_reason_field()
    # A table left out keeps its rows, as a field left out keeps its value (no default: absent stays absent).
    rubric_levels = RubricLevelInput(many=True, required=False, help_text=KEPT_WHEN_LEFT_OUT)
    baselines = BaselineInput(many=True, required=False, help_text=KEPT_WHEN_LEFT_OUT)
    participants = ParticipantInput(many=True, required=False, help_text=KEPT_WHEN_LEFT_OUT)
    conditions = ConditionInput(many=True, required=False, help_text=KEPT_WHEN_LEFT_OUT)
    evidence_requirements = EvidenceRequirementInput(many=True, required=False, help_text=KEPT_WHEN_LEFT_OUT)

    class Meta(IndicatorInput.Meta):
        fields = [*IndicatorInput.Meta.fields, "expected_version", "amendment_reason"]


# Which rubrics score each figure (indicators.figures); the other figure is refused with a 400 on its field.
VALUE_HELP = "ใช้กับเกณฑ์แบบค่าตัวเลขหรือแบบผสมเท่านั้น"
LEVEL_HELP = "ใช้กับเกณฑ์แบบขั้นตอนความสำเร็จหรือแบบผสมเท่านั้น"


class ReportInputSerializer(serializers.ModelSerializer):
    """Save (and optionally submit) the agency's own figures for one quarter."""

    indicator = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    submit = serializers.BooleanField(required=False, default=False)
    expected_version = serializers.IntegerField(min_value=0, max_value=MAX_ID, help_text="0 สำหรับรายงานใหม่")
    narrative = serializers.CharField(max_length=20000, required=False, default="", allow_blank=True)

    class Meta:
        model = QuarterlyReport
        fields = [
            "indicator", "quarter", "progress_percent", "measured_value", "level_reached", "narrative",
            "submit", "expected_version",
        ]  # fmt: skip
        validators = []
        extra_kwargs = {
            "measured_value": {"help_text": VALUE_HELP},
            "level_reached": {"help_text": LEVEL_HELP},
        }


def read_version_field():
    return serializers.IntegerField(
        min_value=0, max_value=MAX_ID, required=False, allow_null=True, default=None,
        help_text="version ที่อ่านมา: ถ้าส่งและข้อมูลเปลี่ยนไปแล้วได้ 409 (ไม่ส่ง = ไม่ตรวจ)",
    )


class ReopenInput(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)
    expected_version = read_version_field()


class AuditInputSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    status = serializers.ChoiceField(choices=AuditStatus.choices)
    comment = serializers.CharField(max_length=20000, required=False, default="", allow_blank=True)
    present_requirement_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list
    )
    confirm_without_evidence = serializers.BooleanField(
        required=False, default=False, help_text="ต้องเป็น true เพื่อยอมรับผลของรายงานที่ไม่มีไฟล์หลักฐาน"
    )
    expected_version = serializers.IntegerField(min_value=0, max_value=MAX_ID, help_text="0 สำหรับการตรวจครั้งแรก")
    expected_report_version = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, required=False, allow_null=True, default=None,
        help_text=(
            "version ของรายงานไตรมาสที่อ่านมาตรวจ: ถ้าส่งและรายงานถูกเปิดให้แก้ไขแล้วส่งใหม่หลังจากนั้นได้ 409 "
            "(ไม่ส่ง = ไม่ตรวจ)"
        ),
    )  # fmt: skip

    class Meta:
        model = QuarterAudit
        fields = [
            "indicator", "quarter", "status", "verified_progress_percent", "verified_value", "verified_level",
            "comment", "present_requirement_ids", "confirm_without_evidence", "expected_version",
            "expected_report_version",
        ]  # fmt: skip
        validators = []
        extra_kwargs = {
            "verified_value": {"help_text": VALUE_HELP},
            "verified_level": {"help_text": LEVEL_HELP},
        }


class IndicatorCommentInput(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    body = serializers.CharField(max_length=5000)


class TransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=[(name, t.label) for name, t in TRANSITIONS.items()])
    reason = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)
    comments = IndicatorCommentInput(many=True, required=False, default=list)
    expected_version = read_version_field()

    def validate_comments(self, rows):
        # The service takes one comment per indicator: a second row for the same one would be dropped unseen.
        indicators = [row["indicator"] for row in rows]
        if twice := sorted({pk for pk in indicators if indicators.count(pk) > 1}):
            raise serializers.ValidationError(
                _("ส่งความเห็นของตัวชี้วัด %(ids)s มากกว่าหนึ่งรายการ รวมเป็นรายการเดียว")
                % {"ids": ", ".join(map(str, twice))}
            )
        return rows
