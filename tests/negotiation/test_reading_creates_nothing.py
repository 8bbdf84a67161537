"""Reading negotiation pages creates no package row and no history entry in the reader's name;
the first write creates the draft package."""

import pytest
from django.urls import reverse

from indicators.models import AgencyPackage
from tests.factories import IndicatorFactory

from .conftest import indicator_post

pytestmark = pytest.mark.django_db


def test_opening_pages_of_an_untouched_package_writes_nothing(client, world):
    indicator = IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element, number=1)
    package_url = reverse("indicators:package", args=[2567, "OWN"])
    pages = {
        world.committee: [package_url, reverse("indicators:indicator", args=[indicator.pk]),
                          reverse("indicators:package_send_back", args=[2567, "OWN"])],
        world.staff: [package_url, reverse("indicators:indicator", args=[indicator.pk]),
                      reverse("indicators:indicator_create", args=[2567, "OWN"]),
                      reverse("indicators:indicator_delete", args=[indicator.pk])],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code in (200, 403), url
    page = client.get(package_url).content.decode()
    assert "ร่าง" in page  # shown as a draft all the same
    assert not AgencyPackage.objects.exists() and not AgencyPackage.history.exists()


def test_the_first_write_creates_the_draft_package(client, world):
    client.force_login(world.staff)
    response = client.post(reverse("indicators:indicator_create", args=[2567, "OWN"]), indicator_post(world))
    assert response.status_code == 302
    package = AgencyPackage.objects.get(agency=world.own, fiscal_year=world.year)
    assert package.status == "draft"
    assert package.history.get().history_type == "+"
