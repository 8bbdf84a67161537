"""The year picker on the dashboards, ranking and scorecard: every fiscal year in B.E., a GET form
that works without JavaScript, switching shows that year's rows and keeps the other filters."""

import re

import pytest
from django.urls import reverse

from agencies.models import RoleKind
from tests.factories import (
    AgencyFactory,
    ApprovedIndicatorFactory,
    FiscalYearFactory,
    MissionGroupFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(db):
    """An agency in a mission group both years, with one approved indicator each year."""
    last = FiscalYearFactory(year_be=2566)
    this = FiscalYearFactory(year_be=2567, is_current=True)
    FiscalYearFactory(year_be=2568)  # prepared, not yet current
    agency = AgencyFactory(code="WORKS")
    groups = {year.year_be: MissionGroupFactory(fiscal_year=year, members=[agency]) for year in (last, this)}
    ApprovedIndicatorFactory(fiscal_year=last, agency=agency, name="ตัวชี้วัดของปี 2566")
    ApprovedIndicatorFactory(fiscal_year=this, agency=agency, name="ตัวชี้วัดของปี 2567")
    return {"agency": agency, "groups": groups}


def picker(html):
    """The year picker's options (value, shown, selected) and hidden inputs, as a person sees the form."""
    form = re.search(r'<form method="get"[^>]*class="year-form">(.*?)</form>', html, re.S).group(0)
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]+)</option>', form)
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    action = re.search(r'action="([^"]+)"', form.split(">")[0])
    return {
        "options": [(value, shown) for value, _, shown in options],
        "selected": [value for value, selected, _ in options if selected],
        "hidden": hidden,
        "action": action.group(1) if action else None,
    }


def test_the_agency_dashboard_lists_the_years_and_shows_the_year_chosen(client, two_years):
    staff = RoleFactory(kind=RoleKind.AGENCY_STAFF, agency=two_years["agency"]).user
    client.force_login(staff)
    url = reverse("indicators:dashboard_agency", args=["WORKS"])

    current = client.get(url).content.decode()
    assert picker(current)["options"] == [("2568", "พ.ศ. 2568"), ("2567", "พ.ศ. 2567"), ("2566", "พ.ศ. 2566")]
    assert picker(current)["selected"] == ["2567"] and picker(current)["action"] is None  # this page
    assert "ตัวชี้วัดของปี 2567" in current and "ตัวชี้วัดของปี 2566" not in current

    earlier = client.get(url, {"year": "2566"}).content.decode()
    assert picker(earlier)["selected"] == ["2566"]
    assert "ตัวชี้วัดของปี 2566" in earlier and "ตัวชี้วัดของปี 2567" not in earlier
    assert client.get(url, {"year": "2590"}).status_code == 404


def test_the_city_dashboard_keeps_the_filters_that_outlive_the_year(client, two_years, strategy_user):
    client.force_login(strategy_user)
    group = two_years["groups"][2567]
    response = client.get(
        reverse("indicators:dashboard_city"), {"year": "2567", "status": "late", "mission_group": group.pk, "page": "2"}
    )
    form = picker(response.content.decode())
    # the status filter goes along; a mission group (a row of 2567) and the page number do not
    assert form["hidden"] == [("status", "late")]
    switched = client.get(reverse("indicators:dashboard_city"), {"status": "", "year": "2566"}).content.decode()
    assert "ตัวชี้วัดของปี 2566" in switched and "ตัวชี้วัดของปี 2567" not in switched


def test_the_committee_dashboard_switches_year(client, two_years):
    member = UserFactory()
    for group in two_years["groups"].values():
        RoleFactory(user=member, kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group)
    client.force_login(member)
    url = reverse("indicators:dashboard_committee")

    assert picker(client.get(url).content.decode())["selected"] == ["2567"]
    earlier = client.get(url, {"year": "2566"}).content.decode()
    assert "ตัวชี้วัดของปี 2566" in earlier and "ตัวชี้วัดของปี 2567" not in earlier


def test_the_ranking_and_scorecard_pickers_go_to_the_year_chosen_with_the_quarter(client, two_years, strategy_user):
    client.force_login(strategy_user)
    ranking = client.get(reverse("scoring:ranking", args=[2567]), {"quarter": "2"}).content.decode()
    form = picker(ranking)
    assert form["action"] == reverse("scoring:index") and form["hidden"] == [("quarter", "2")]
    assert form["selected"] == ["2567"]
    assert client.get(reverse("scoring:index"), {"year": "2566", "quarter": "2"}).url == (
        reverse("scoring:ranking", args=[2566]) + "?quarter=2"
    )

    card = picker(client.get(reverse("scoring:scorecard", args=[2567, "WORKS"])).content.decode())
    assert card["hidden"] == [("agency", "WORKS")]
    assert client.get(reverse("scoring:index"), {"agency": "WORKS", "year": "2566"}).url == (
        reverse("scoring:scorecard", args=[2566, "WORKS"])
    )


def test_the_scorecard_picker_does_not_open_an_agency_the_user_may_not_see(client, two_years):
    client.force_login(RoleFactory(kind=RoleKind.AGENCY_STAFF).user)
    assert client.get(reverse("scoring:index"), {"agency": "WORKS", "year": "2566"}).status_code == 404
