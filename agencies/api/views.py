"""Read-only API of the organisation. Agencies are scoped by agencies.permissions.visible_agencies."""

import django_filters
from rest_framework import viewsets

from agencies.models import Agency, AgencyKind, DistrictGroup, MissionGroup
from agencies.permissions import agency_for_user, visible_agencies

from indicators.api.filters import FilterSet, bounded_filter, id_filter, year_filter
from kpi_portal.api_schema import summaries

from .serializers import AgencySerializer, DistrictGroupSerializer, MissionGroupSerializer


class AgencyFilter(FilterSet):
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices)
    district_group = django_filters.CharFilter(field_name="district_group__code")
    mission_group = id_filter("mission_groups", "กลุ่มภารกิจ (id)")

    class Meta:
        model = Agency
        fields = ["kind", "district_group", "mission_group", "is_active"]


@summaries(list="หน่วยงานที่ผู้ใช้มองเห็น", retrieve="หน่วยงานหนึ่งแห่ง (ตามรหัส)")
class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    """หน่วยงาน the caller may see (their own, those their committee negotiates with, or all for สยป.)."""

    queryset = Agency.objects.none()
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return visible_agencies(self.request.user).select_related("district_group").order_by("kind", "order", "code")

    def get_object(self):
        agency = agency_for_user(self.request.user, self.kwargs["code"])
        self.check_object_permissions(self.request, agency)
        return agency


@summaries(list="กลุ่มเขตทั้งหมด", retrieve="กลุ่มเขตหนึ่งกลุ่ม")
class DistrictGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """กลุ่มเขต: reference data every signed-in user may read."""

    queryset = DistrictGroup.objects.order_by("order", "name")
    serializer_class = DistrictGroupSerializer
    lookup_value_regex = "[0-9]{1,9}"


class MissionGroupFilter(FilterSet):
    year = year_filter("fiscal_year__year_be")
    number = bounded_filter("number", "ลำดับกลุ่มภารกิจ", 1, 99)

    class Meta:
        model = MissionGroup
        fields = ["year", "number"]


@summaries(list="กลุ่มภารกิจของแต่ละปีพร้อมหน่วยงานสมาชิก", retrieve="กลุ่มภารกิจหนึ่งกลุ่ม")
class MissionGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """กลุ่มภารกิจ of each year with member agencies (reference data, as published in the year's circular)."""

    queryset = (
        MissionGroup.objects.select_related("fiscal_year")
        .prefetch_related("members", "district_groups")
        .order_by("fiscal_year__year_be", "number")
    )
    serializer_class = MissionGroupSerializer
    lookup_value_regex = "[0-9]{1,9}"
    filterset_class = MissionGroupFilter
