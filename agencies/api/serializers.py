"""Read shapes of the organisation for the API; agencies and years are referred to by their stable codes."""

from rest_framework import serializers

from agencies.models import Agency, DistrictGroup, MissionGroup


class DistrictGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = DistrictGroup
        fields = ["id", "code", "name", "order"]


class AgencySerializer(serializers.ModelSerializer):
    district_group = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Agency
        fields = ["code", "abbreviation", "name_th", "name_en", "kind", "district_group", "order", "is_active"]


class MissionGroupSerializer(serializers.ModelSerializer):
    fiscal_year = serializers.SlugRelatedField(slug_field="year_be", read_only=True)
    members = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    district_groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = MissionGroup
        fields = ["id", "fiscal_year", "number", "name", "chair_title", "secretariat", "members", "district_groups"]
