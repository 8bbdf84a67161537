"""Absolute rules the database itself enforces, on SQLite and PostgreSQL alike."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from agencies.models import Agency, AgencyKind, Role, RoleKind
from indicators.models import QuarterlyReport, ReportingQuarter, RubricLevel
from tests.factories import (
    AgencyFactory,
    CompositionElementFactory,
    DistrictGroupFactory,
    IndicatorFactory,
    QuarterlyReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_it_keeps_one_rubric_row_per_level():
    indicator = IndicatorFactory()
    refused(lambda: RubricLevel.objects.create(indicator=indicator, level=5, success_percent=100, criterion="ซ้ำ"))


def test_it_refuses_rubric_levels_outside_1_to_5():
    indicator = IndicatorFactory(rubric=False)
    refused(lambda: RubricLevel.objects.create(indicator=indicator, level=6, success_percent=100, criterion="x"))
    refused(lambda: RubricLevel.objects.create(indicator=indicator, level=0, success_percent=0, criterion="x"))


def test_it_keeps_one_report_per_indicator_and_quarter():
    report = QuarterlyReportFactory(quarter=2)
    refused(lambda: QuarterlyReport.objects.create(indicator=report.indicator, quarter=2))


def test_it_refuses_quarters_outside_1_to_4():
    indicator = IndicatorFactory()
    refused(lambda: QuarterlyReport.objects.create(indicator=indicator, quarter=5))
    refused(lambda: QuarterlyReport.objects.create(indicator=indicator, quarter=0))


def test_it_refuses_a_second_reporting_quarter_with_the_same_number(fiscal_year):
    first = fiscal_year.quarters.get(quarter=1)
    refused(
        lambda: ReportingQuarter.objects.create(
            fiscal_year=fiscal_year,
            quarter=1,
            start_date=first.start_date,
            end_date=first.end_date,
            report_deadline=first.report_deadline,
        )
    )


@pytest.mark.parametrize("weight", [Decimal("0"), Decimal("-5")])
def test_it_refuses_indicator_weights_that_are_not_positive(weight):
    refused(lambda: IndicatorFactory(weight=weight))


def test_it_refuses_non_positive_element_weights(fiscal_year):
    refused(lambda: CompositionElementFactory(fiscal_year=fiscal_year, code="9", weight=Decimal("0")))


def test_it_keeps_indicator_numbers_unique_within_an_agency_and_year():
    first = IndicatorFactory(number=1)
    refused(lambda: IndicatorFactory(number=1, agency=first.agency, fiscal_year=first.fiscal_year, element=first.element))


def test_it_allows_district_groups_only_on_district_offices():
    group = DistrictGroupFactory()
    refused(lambda: AgencyFactory(kind=AgencyKind.DEPARTMENT, district_group=group))
    assert AgencyFactory(kind=AgencyKind.DISTRICT, district_group=group).district_group == group


def test_it_refuses_agency_roles_without_an_agency():
    user = UserFactory()
    refused(lambda: Role.objects.create(user=user, kind=RoleKind.AGENCY_STAFF))


def test_it_refuses_committee_roles_without_a_mission_group():
    user = UserFactory()
    refused(lambda: Role.objects.create(user=user, kind=RoleKind.COMMITTEE_MEMBER))


def test_it_keeps_agency_codes_unique():
    AgencyFactory(code="DUP")
    refused(lambda: Agency.objects.create(code="DUP", name_th="ซ้ำ", kind=AgencyKind.OFFICE))


def test_it_refuses_progress_outside_0_to_100():
    indicator = IndicatorFactory()
    refused(lambda: QuarterlyReport.objects.create(indicator=indicator, quarter=1, progress_percent=Decimal("120")))
