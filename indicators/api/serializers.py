"""Read shapes of the framework, indicators, quarterly reports and audits for the API."""

from rest_framework import serializers

from indicators.models import (
    AgencyPackage,
    CompositionElement,
    EvidenceRequirement,
    FiscalYear,
    Indicator,
    IndicatorBaseline,
    JointParticipant,
    MilestoneCondition,
    QuarterAudit,
    QuarterlyReport,
    ReportingQuarter,
    RubricLevel,
)


class ReportingQuarterSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingQuarter
        fields = ["quarter", "start_date", "end_date", "report_deadline"]


class FiscalYearSerializer(serializers.ModelSerializer):
    quarters = ReportingQuarterSerializer(many=True, read_only=True)

    class Meta:
        model = FiscalYear
        fields = [
            "year_be",
            "start_date",
            "end_date",
            "is_current",
            "interpolate",
            "rounding_places",
            "rounding_mode",
            "below_level_one",
            "at_risk_margin",
            "quarters",
        ]


class CompositionElementSerializer(serializers.ModelSerializer):
    fiscal_year = serializers.SlugRelatedField(slug_field="year_be", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    evaluated_by = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = CompositionElement
        fields = [
            "id",
            "fiscal_year",
            "code",
            "parent",
            "name",
            "name_en",
            "weight",
            "min_indicators",
            "max_indicators",
            "applies_to",
            "is_negotiated",
            "is_joint",
            "evaluated_by",
            "rule_note",
            "order",
        ]


class RubricLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = RubricLevel
        fields = ["level", "success_percent", "criterion", "threshold", "threshold_exclusive"]


class IndicatorBaselineSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorBaseline
        fields = ["year_be", "value_text", "value_number"]


class JointParticipantSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = JointParticipant
        fields = ["agency", "duty", "weight", "is_lead"]


class MilestoneConditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = MilestoneCondition
        fields = ["percent", "description"]


class EvidenceRequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceRequirement
        fields = ["id", "order", "description"]


class IndicatorSerializer(serializers.ModelSerializer):
    fiscal_year = serializers.SlugRelatedField(slug_field="year_be", read_only=True)
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)
    element = serializers.SlugRelatedField(slug_field="code", read_only=True)
    rubric_levels = RubricLevelSerializer(many=True, read_only=True)
    baselines = IndicatorBaselineSerializer(many=True, read_only=True)
    participants = JointParticipantSerializer(many=True, read_only=True)
    conditions = MilestoneConditionSerializer(many=True, read_only=True)
    evidence_requirements = EvidenceRequirementSerializer(many=True, read_only=True)
    measured_unit = serializers.CharField(
        read_only=True, help_text="หน่วยของค่าที่วัดได้และค่าเกณฑ์ที่ใช้จริง: value_unit หรือ target_unit ถ้าเว้นว่าง"
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "fiscal_year",
            "agency",
            "element",
            "number",
            "code",
            "name",
            "result_type",
            "indicator_type",
            "status",
            "target_value",
            "target_unit",
            "target_text",
            "value_unit",
            "measured_unit",
            "weight",
            "definition",
            "calculation_method",
            "data_collection",
            "data_sources",
            "policy_code",
            "policy_text",
            "outputs",
            "outcomes",
            "rubric_kind",
            "rubric_direction",
            "rubric_title",
            "conditions_title",
            "responsible_person",
            "version",
            "updated_at",
            "rubric_levels",
            "baselines",
            "participants",
            "conditions",
            "evidence_requirements",
        ]


class QuarterRecordSerializer(serializers.ModelSerializer):
    """A quarter's record (report or audit) names the year and agency of its indicator, read-only."""

    fiscal_year = serializers.IntegerField(source="indicator.fiscal_year.year_be", read_only=True)
    agency = serializers.CharField(source="indicator.agency.code", read_only=True)


class QuarterlyReportSerializer(QuarterRecordSerializer):

    class Meta:
        model = QuarterlyReport
        fields = [
            "id",
            "indicator",
            "fiscal_year",
            "agency",
            "quarter",
            "progress_percent",
            "measured_value",
            "level_reached",
            "narrative",
            "status",
            "submitted_at",
            "is_late",
            "updated_at",
            "version",
        ]


class QuarterAuditSerializer(QuarterRecordSerializer):

    class Meta:
        model = QuarterAudit
        fields = [
            "id",
            "indicator",
            "fiscal_year",
            "agency",
            "quarter",
            "report",
            "verified_progress_percent",
            "verified_value",
            "verified_level",
            "status",
            "comment",
            "audited_at",
            "version",
        ]


class AgencyPackageSerializer(serializers.ModelSerializer):
    fiscal_year = serializers.SlugRelatedField(slug_field="year_be", read_only=True)
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = AgencyPackage
        fields = ["id", "fiscal_year", "agency", "status", "submitted_at", "approved_at", "version"]
