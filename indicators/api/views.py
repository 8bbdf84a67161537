"""Read-only API of the framework and indicators.

Indicators, reports and audits are scoped by agencies.permissions.visible_indicators /
indicator_for_user, the same functions the web pages use; what a user may not see is a 404.
"""

import django_filters
from rest_framework import viewsets

from agencies.permissions import indicator_for_user, visible_indicators
from indicators.models import CompositionElement, FiscalYear, Indicator, QuarterAudit, QuarterlyReport

from .filters import IndicatorFilter, QuarterAuditFilter, QuarterlyReportFilter
from .serializers import (
    CompositionElementSerializer,
    FiscalYearSerializer,
    IndicatorSerializer,
    QuarterAuditSerializer,
    QuarterlyReportSerializer,
)


class FiscalYearViewSet(viewsets.ReadOnlyModelViewSet):
    """ปีงบประมาณ with its quarters and scoring policy (reference data)."""

    queryset = FiscalYear.objects.prefetch_related("quarters").order_by("-year_be")
    serializer_class = FiscalYearSerializer
    lookup_field = "year_be"
    lookup_value_regex = "[0-9]+"
    filterset_fields = ["is_current"]


class CompositionElementFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="fiscal_year__year_be", label="ปีงบประมาณ (พ.ศ.)")

    class Meta:
        model = CompositionElement
        fields = ["year", "code", "applies_to", "is_negotiated", "is_joint"]


class CompositionElementViewSet(viewsets.ReadOnlyModelViewSet):
    """องค์ประกอบ of each year's framework (reference data)."""

    queryset = CompositionElement.objects.select_related("fiscal_year", "parent", "evaluated_by").order_by(
        "fiscal_year__year_be", "order", "code"
    )
    serializer_class = CompositionElementSerializer
    filterset_class = CompositionElementFilter


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """ตัวชี้วัด with rubric levels, baselines, participants and milestone conditions."""

    queryset = Indicator.objects.none()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter

    def get_queryset(self):
        return (
            visible_indicators(self.request.user)
            .select_related("fiscal_year", "agency", "element")
            .prefetch_related("rubric_levels", "baselines", "participants__agency", "conditions")
            .order_by("fiscal_year__year_be", "agency__code", "number")
        )

    def get_object(self):
        indicator = indicator_for_user(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, indicator)
        return indicator


class QuarterlyReportViewSet(viewsets.ReadOnlyModelViewSet):
    """รายงานผลรายไตรมาส of indicators the caller may see."""

    queryset = QuarterlyReport.objects.none()
    serializer_class = QuarterlyReportSerializer
    filterset_class = QuarterlyReportFilter

    def get_queryset(self):
        return (
            QuarterlyReport.objects.filter(indicator__in=visible_indicators(self.request.user))
            .select_related("indicator__fiscal_year", "indicator__agency")
            .order_by("indicator__fiscal_year__year_be", "indicator__agency__code", "indicator__number", "quarter")
        )


class QuarterAuditViewSet(viewsets.ReadOnlyModelViewSet):
    """สยป. ตรวจประเมิน: audited results of indicators the caller may see."""

    queryset = QuarterAudit.objects.none()
    serializer_class = QuarterAuditSerializer
    filterset_class = QuarterAuditFilter

    def get_queryset(self):
        return (
            QuarterAudit.objects.filter(indicator__in=visible_indicators(self.request.user))
            .select_related("indicator__fiscal_year", "indicator__agency")
            .order_by("indicator__fiscal_year__year_be", "indicator__agency__code", "indicator__number", "quarter")
        )
