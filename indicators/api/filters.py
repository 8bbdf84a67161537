"""Query filters of the indicator API: year, agency, element, mission group, status."""

import django_filters

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
    year = django_filters.NumberFilter(field_name="fiscal_year__year_be", label="ปีงบประมาณ (พ.ศ.)")
    agency = django_filters.CharFilter(field_name="agency__code", label="รหัสหน่วยงาน")
    element = django_filters.CharFilter(field_name="element__code", label="รหัสองค์ประกอบ เช่น 1.1")
    mission_group = django_filters.NumberFilter(field_name="agency__mission_groups", label="กลุ่มภารกิจ (id)")
    status = django_filters.MultipleChoiceFilter(choices=IndicatorStatus.choices)

    class Meta:
        model = Indicator
        fields = ["year", "agency", "element", "mission_group", "status"]


class _ResultFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="indicator__fiscal_year__year_be", label="ปีงบประมาณ (พ.ศ.)")
    agency = django_filters.CharFilter(field_name="indicator__agency__code", label="รหัสหน่วยงาน")
    element = django_filters.CharFilter(field_name="indicator__element__code", label="รหัสองค์ประกอบ")
    mission_group = django_filters.NumberFilter(
        field_name="indicator__agency__mission_groups", label="กลุ่มภารกิจ (id)"
    )
    quarter = django_filters.NumberFilter(field_name="quarter")


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
    year = django_filters.NumberFilter(field_name="fiscal_year__year_be", label="ปีงบประมาณ (พ.ศ.)")

    class Meta:
        model = CompositionElement
        fields = ["year", "code", "applies_to", "is_negotiated", "is_joint"]


class AgencyPackageFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="fiscal_year__year_be", label="ปีงบประมาณ (พ.ศ.)")
    agency = django_filters.CharFilter(field_name="agency__code", label="รหัสหน่วยงาน")
    mission_group = django_filters.NumberFilter(field_name="agency__mission_groups", label="กลุ่มภารกิจ (id)")
    status = django_filters.MultipleChoiceFilter(choices=PackageStatus.choices)

    class Meta:
        model = AgencyPackage
        fields = ["year", "agency", "mission_group", "status"]
