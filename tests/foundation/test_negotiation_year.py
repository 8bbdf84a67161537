"""While next year's negotiation calendar runs, the start page and the menu take agencies and
committees to that year's negotiation; dashboards stay on the reporting year."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import RoleKind
from indicators.models import NegotiationStage
from indicators.selectors.framework import negotiation_year
from kpi_portal.lib.thai import fiscal_year_be
from tests.factories import FiscalYearFactory, MissionGroupFactory, RoleFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 4, 10)  # FY 2567 is reported on; FY 2568 is being negotiated


def calendar(year, *deadlines):
    for order, deadline in enumerate(deadlines, start=1):
        NegotiationStage.objects.create(fiscal_year=year, order=order, name=f"ขั้นตอนที่ {order}", deadline=deadline)


def test_the_year_being_negotiated_runs_from_the_month_its_first_stage_is_due_to_its_last_deadline():
    FiscalYearFactory(year_be=2567, is_current=True)
    next_year = FiscalYearFactory(year_be=2568)
    calendar(next_year, dt.date(2024, 1, 31), dt.date(2024, 5, 15), dt.date(2024, 8, 31))

    assert negotiation_year(TODAY) == next_year
    assert negotiation_year(dt.date(2024, 1, 1)) == next_year  # the first stage's month has begun
    assert negotiation_year(dt.date(2024, 8, 31)) == next_year
    assert negotiation_year(dt.date(2023, 12, 31)) is None  # not yet
    assert negotiation_year(dt.date(2024, 9, 1)) is None  # the calendar is over


@pytest.fixture
def years(db):
    """The reporting year today falls in, and the next one whose calendar is running."""
    today = timezone.localdate()
    reporting = FiscalYearFactory(year_be=fiscal_year_be(today), is_current=True)
    negotiating = FiscalYearFactory(year_be=reporting.year_be + 1)
    calendar(negotiating, today - dt.timedelta(days=20), today + dt.timedelta(days=60))
    return reporting, negotiating


def test_home_links_the_agency_package_of_the_year_being_negotiated(client, years, staff_user, agency):
    reporting, negotiating = years
    client.force_login(staff_user)
    html = client.get(reverse("home")).content.decode()

    assert reverse("indicators:package", args=[negotiating.year_be, agency.code]) in html
    assert reverse("indicators:package", args=[reporting.year_be, agency.code]) not in html
    assert f"ปีงบประมาณ พ.ศ. {negotiating.year_be} อยู่ระหว่างการจัดทำและเจรจาตกลงตัวชี้วัด" in html
    assert reverse("indicators:dashboard_agency", args=[agency.code]) in html  # the dashboard: the reporting year


def test_home_links_committees_to_the_negotiation_of_that_year(client, years):
    reporting, negotiating = years
    member = RoleFactory(kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=MissionGroupFactory(fiscal_year=negotiating)).user
    client.force_login(member)
    assert reverse("indicators:negotiation_index", args=[negotiating.year_be]) in client.get(reverse("home")).content.decode()


def test_the_menu_opens_the_negotiation_of_the_year_being_negotiated(client, years, staff_user):
    _, negotiating = years
    client.force_login(staff_user)
    assert client.get(reverse("indicators:negotiation_home")).url == reverse(
        "indicators:negotiation_index", args=[negotiating.year_be]
    )


def test_without_a_running_calendar_home_and_menu_stay_on_the_reporting_year(client, years, staff_user, agency):
    reporting, negotiating = years
    negotiating.stages.update(deadline=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(staff_user)

    html = client.get(reverse("home")).content.decode()
    assert reverse("indicators:package", args=[reporting.year_be, agency.code]) in html
    assert "อยู่ระหว่างการจัดทำและเจรจาตกลงตัวชี้วัด" not in html
    assert client.get(reverse("indicators:negotiation_home")).url == reverse(
        "indicators:negotiation_index", args=[reporting.year_be]
    )
