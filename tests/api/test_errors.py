"""Error answers an integrating system can rely on: JSON, in the caller's language, the right status code."""

import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/api/v1/packages/999999/", "/api/v1/reports/999999/", "/api/v1/audits/999999/", "/api/v1/elements/999999/",
     "/api/v1/fiscal-years/2499/", "/api/v1/scorecards/2499/", "/api/v1/rankings/2499/"],
)  # fmt: skip
def test_a_missing_object_is_a_404_in_the_callers_language(world, api, url):
    """Found by schemathesis: DRF's lookups answered Thai callers "No AgencyPackage matches the given query."."""
    client = api.as_user(world.strategy)

    thai = client.get(url)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert thai.status_code == english.status_code == 404
    assert thai.json() == {"detail": "ไม่พบข้อมูลนี้"}
    assert english.json() == {"detail": "Not found."}


def test_the_permission_layers_own_404_message_is_kept(world, api):
    response = api.as_user(world.staff).get(f"/api/v1/indicators/{world.other_draft.pk}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบตัวชี้วัด"}
