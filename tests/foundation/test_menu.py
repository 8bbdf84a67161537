"""The menu offers only the pages the user's roles open."""

import pytest
from django.urls import reverse

from agencies.models import RoleKind
from tests.factories import RoleFactory

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
