"""Query filters of the indicator API: year, agency, element, mission group, status."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django_filters.widgets import BooleanWidget
from drf_spectacular.utils import extend_schema_field

# Bounded so that a huge number is a 400, never an integer overflow in the database driver (a 500).
MAX_ID = 2_147_483_647


def bounded_filter(field_name, label, min_value, max_value):
    """A whole-number filter whose bounds the OpenAPI schema states too, so callers know them."""
    number = django_filters.NumberFilter(field_name=field_name, label=label, min_value=min_value, max_value=max_value)
    return extend_schema_field({"type": "integer", "minimum": min_value, "maximum": max_value})(number)


class _YesNoWidget(BooleanWidget):
    """true/false or 1/0 in any case; a word it does not know is passed on as typed, for the field to refuse."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return data.get(name) if value is None else value


class _YesNoField(forms.NullBooleanField):
    # Django's own (translated) message for a value outside the choices.
    default_error_messages = {"invalid_choice": forms.ChoiceField.default_error_messages["invalid_choice"]}

    def to_python(self, value):
        if value is None or isinstance(value, bool):
            return value
        if value == "":
            return None  # given empty: no filter, as an empty ?page= is the first page
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})


class YesNoFilter(django_filters.BooleanFilter):
    """A true/false filter that answers 400 to any other value, rather than ignoring it and listing everything."""

    field_class = _YesNoField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _YesNoWidget)
        super().__init__(*args, **kwargs)


class FilterSet(django_filters.FilterSet):
    """The API's filter sets: a model's true/false fields listed in Meta.fields become YesNoFilter."""

    FILTER_DEFAULTS = {**django_filters.FilterSet.FILTER_DEFAULTS, models.BooleanField: {"filter_class": YesNoFilter}}


def year_filter(field_name):
    return bounded_filter(field_name, "ปีงบประมาณ (พ.ศ.)", 2400, 2800)


def id_filter(field_name, label):
    return bounded_filter(field_name, label, 1, MAX_ID)

from indicators.models import (
    AgencyPackage,
    CompositionElement,
    FiscalYear,
    Indicator,
    IndicatorStatus,
    PackageStatus,
    QuarterAudit,
    QuarterlyReport,
    ReportStatus,
)
from indicators.models.reporting import AuditStatus


class IndicatorFilter(FilterSet):
    year = year_filter("fiscal_year__year_be")
    agency = django_filters.CharFilter(field_name="agency__code", label="รหัสหน่วยงาน")
    element = django_filters.CharFilter(field_name="element__code", label="รหัสองค์ประกอบ เช่น 1.1")
    mission_group = id_filter("agency__mission_groups", "กลุ่มภารกิจ (id)")
    status = django_filters.MultipleChoiceFilter(choices=IndicatorStatus.choices)

    class Meta:
        model = Indicator
        fields = ["year", "agency", "element", "mission_group", "status"]


class _ResultFilter(FilterSet):
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


class FiscalYearFilter(FilterSet):
    class Meta:
        model = FiscalYear
        fields = ["is_current"]


class CompositionElementFilter(FilterSet):
    year = year_filter("fiscal_year__year_be")

    class Meta:
        model = CompositionElement
        fields = ["year", "code", "applies_to", "is_negotiated", "is_joint"]


class AgencyPackageFilter(FilterSet):
    year = year_filter("fiscal_year__year_be")
    agency = django_filters.CharFilter(field_name="agency__code", label="รหัสหน่วยงาน")
    mission_group = id_filter("agency__mission_groups", "กลุ่มภารกิจ (id)")
    status = django_filters.MultipleChoiceFilter(choices=PackageStatus.choices)

    class Meta:
        model = AgencyPackage
        fields = ["year", "agency", "mission_group", "status"]
