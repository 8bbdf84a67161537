"""The menu offers only the pages the user's roles open."""

import pytest
from django.urls import reverse

from agencies.models import RoleKind
from tests.factories import MissionGroupFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kind,city_link",
    [(RoleKind.STRATEGY_OFFICE, True), (RoleKind.STEERING_MEMBER, False), (RoleKind.AGENCY_STAFF, False)],
)
def test_it_links_the_city_overview_only_for_those_it_admits(client, fiscal_year, kind, city_link):
    user = RoleFactory(kind=kind, agency=None if kind != RoleKind.AGENCY_STAFF else RoleFactory().agency).user
    client.force_login(user)
    city = reverse("indicators:dashboard_city")
    assert (f'href="{city}"' in client.get(reverse("home")).content.decode()) is city_link
    assert (client.get(city).status_code == 200) is city_link


@pytest.mark.parametrize(
    "kind,committee_link",
    [
        (RoleKind.COMMITTEE_MEMBER, True),
        (RoleKind.COMMITTEE_SECRETARY, True),
        (RoleKind.STEERING_MEMBER, True),
        (RoleKind.STRATEGY_OFFICE, False),
        (RoleKind.AGENCY_STAFF, False),
    ],
)
def test_it_links_the_committee_page_only_for_committee_members(client, fiscal_year, kind, committee_link):
    if kind in (RoleKind.COMMITTEE_MEMBER, RoleKind.COMMITTEE_SECRETARY):
        role = RoleFactory(kind=kind, agency=None, mission_group=MissionGroupFactory(fiscal_year=fiscal_year))
    elif kind == RoleKind.AGENCY_STAFF:
        role = RoleFactory(kind=kind)
    else:
        role = RoleFactory(kind=kind, agency=None)
    client.force_login(role.user)
    committee = reverse("indicators:dashboard_committee")
    home = client.get(reverse("home")).content.decode()
    assert home.count(f'href="{committee}"') == (2 if committee_link else 0)  # the menu and the start page
    assert (client.get(committee).status_code == 200) is committee_link
