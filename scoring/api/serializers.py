"""Read shapes of scorecards and rankings (scoring.services dataclasses)."""

from rest_framework import serializers


def _decimal(**kwargs):
    return serializers.DecimalField(max_digits=12, decimal_places=4, read_only=True, **kwargs)


class IndicatorLineSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField(read_only=True)
    number = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    element_code = serializers.CharField(read_only=True)
    weight = _decimal()
    level = _decimal()
    points = _decimal()
    source = serializers.CharField(read_only=True, allow_null=True, help_text="audit, self หรือ null เมื่อยังไม่มีผล")
    quarter = serializers.IntegerField(read_only=True, allow_null=True)
    explanation = serializers.CharField(read_only=True)
    is_joint = serializers.BooleanField(read_only=True)


class ElementScoreSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    points = _decimal()
    max_points = _decimal()
    depth = serializers.IntegerField(read_only=True)


class ScorecardSerializer(serializers.Serializer):
    agency = serializers.CharField(source="agency.code", read_only=True)
    agency_name = serializers.CharField(source="agency.name_th", read_only=True)
    fiscal_year = serializers.IntegerField(source="fiscal_year.year_be", read_only=True)
    quarter = serializers.IntegerField(read_only=True, allow_null=True)
    total_points = _decimal()
    max_points = _decimal()
    percent = _decimal(allow_null=True)
    rank = serializers.IntegerField(read_only=True, allow_null=True)
    elements = ElementScoreSerializer(many=True, read_only=True)
    indicators = IndicatorLineSerializer(many=True, read_only=True)


class RankRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(read_only=True)
    agency = serializers.CharField(source="scorecard.agency.code", read_only=True)
    agency_name = serializers.CharField(source="scorecard.agency.name_th", read_only=True)
    total_points = _decimal(source="scorecard.total_points")
    max_points = _decimal(source="scorecard.max_points")
    percent = _decimal(source="scorecard.percent", allow_null=True)


class GroupRankingSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    rows = RankRowSerializer(many=True, read_only=True)


class RankingSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField(source="fiscal_year.year_be", read_only=True)
    quarter = serializers.IntegerField(read_only=True, allow_null=True)
    ranked_count = serializers.IntegerField(read_only=True, help_text="จำนวนหน่วยงานที่จัดอันดับทั้งเมือง")
    overall = RankRowSerializer(many=True, read_only=True)
    mission_groups = GroupRankingSerializer(many=True, read_only=True)
    district_groups = GroupRankingSerializer(many=True, read_only=True)


class ScoreQuery(serializers.Serializer):
    quarter = serializers.IntegerField(
        min_value=1, max_value=4, required=False, help_text="ผลชั่วคราวถึงไตรมาสนี้; ไม่ระบุ = ผลทั้งปี"
    )
