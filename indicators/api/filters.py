"""Query filters of the indicator API: year, agency, element, mission group, status."""

import django_filters
from drf_spectacular.utils import extend_schema_field

# Bounded so that a huge number is a 400, never an integer overflow in the database driver (a 500).
MAX_ID = 2_147_483_647


def bounded_filter(field_name, label, min_value, max_value):
    """A whole-number filter whose bounds the OpenAPI schema states too, so callers know them."""
    number = django_filters.NumberFilter(field_name=field_name, label=label, min_value=min_value, max_value=max_value)
    return extend_schema_field({"type": "integer", "minimum": min_value, "maximum": max_value})(number)


def year_filter(field_name):
    return bounded_filter(field_name, "ปีงบประมาณ (พ.ศ.)", 2400, 2800)


def id_filter(field_name, label):
    return bounded_filter(field_name, label, 1, MAX_ID)

from indicators.models import (
    AgencyPackage,
    CompositionElement,
    Indicator,
    IndicatorStatus,
    PackageStatus,
    QuarterAudit,
    QuarterlyReport,
    ReportStatus,
)
from indicators.models.reporting import AuditStatus


class IndicatorFilter(django_filters.FilterSet):
    year = year_filter("fiscal_year__year_be")
    agency = django_filters.CharFilter(field_name="agency__code", label="รหัสหน่วยงาน")
    element = django_filters.CharFilter(field_name="element__code", label="รหัสองค์ประกอบ เช่น 1.1")
    mission_group = id_filter("agency__mission_groups", "กลุ่มภารกิจ (id)")
    status = django_filters.MultipleChoiceFilter(choices=IndicatorStatus.choices)

    class Meta:
        model = Indicator
        fields = ["year", "agency", "element", "mission_group", "status"]


class _ResultFilter(django_filters.FilterSet):
    year = year_filter("indicator__fiscal_year__year_be")
    agency = django_filters.CharFilter(field_name="indicator__agency__code", label="รหัสหน่วยงาน")
    element = django_filters.CharFilter(field_name="indicator__element__code", label="รหัสองค์ประกอบ")
    mission_group = id_filter("indicator__agency__mission_groups", "กลุ่มภารกิจ (id)")
    indicator = id_filter("indicator", "ตัวชี้วัด (id)")
    quarter = bounded_filter("quarter", "ไตรมาส", 1, 4)


class QuarterlyReportFilter(_ResultFilter):
    status = django_filters.MultipleChoiceFilter(choices=ReportStatus.choices)

    class Meta:
        model = QuarterlyReport
        fields = ["year", "agency", "element", "mission_group", "quarter", "indicator", "status"]


class QuarterAuditFilter(_ResultFilter):
    status = django_filters.MultipleChoiceFilter(choices=AuditStatus.choices)

    class Meta:
        model = QuarterAudit
        fields = ["year", "agency", "element", "mission_group", "quarter", "indicator", "status"]


class CompositionElementFilter(django_filters.FilterSet):
    year = year_filter("fiscal_year__year_be")

    class Meta:
        model = CompositionElement
        fields = ["year", "code", "applies_to", "is_negotiated", "is_joint"]


class AgencyPackageFilter(django_filters.FilterSet):
    year = year_filter("fiscal_year__year_be")
    agency = django_filters.CharFilter(field_name="agency__code", label="รหัสหน่วยงาน")
    mission_group = id_filter("agency__mission_groups", "กลุ่มภารกิจ (id)")
    status = django_filters.MultipleChoiceFilter(choices=PackageStatus.choices)

    class Meta:
        model = AgencyPackage
        fields = ["year", "agency", "mission_group", "status"]
