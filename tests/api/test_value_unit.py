"""The API reads and writes the measured value's unit, and says which unit applies when it is left blank."""

import pytest

from indicators.models import Indicator

from .test_writes import new_indicator

pytestmark = pytest.mark.django_db


def test_an_indicator_drafted_with_a_value_unit_reads_back_with_it(world, api):
    client = api.as_user(world.staff)

    created = client.post("/api/v1/indicators/", new_indicator(target_unit="ร้อยละ", value_unit="วัน"), format="json")

    assert created.status_code == 201, created.json()
    body = client.get(f"/api/v1/indicators/{created.json()['id']}/").json()
    assert (body["target_unit"], body["value_unit"], body["measured_unit"]) == ("ร้อยละ", "วัน", "วัน")
    assert Indicator.objects.get(pk=body["id"]).value_unit == "วัน"


def test_without_a_value_unit_the_measured_unit_is_the_targets(world, api):
    client = api.as_user(world.staff)

    created = client.post("/api/v1/indicators/", new_indicator(target_unit="ห้อง"), format="json")

    body = client.get(f"/api/v1/indicators/{created.json()['id']}/").json()
    assert (body["value_unit"], body["measured_unit"]) == ("", "ห้อง")
