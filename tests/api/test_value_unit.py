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


def test_a_level_that_excludes_its_threshold_round_trips(world, api):
    """"น้อยกว่า ๘๐ วัน": level 5 is sent with threshold_exclusive, read back with it; a level sent without it is inclusive."""
    client = api.as_user(world.staff)
    levels = [
        {"level": 5, "success_percent": "100", "criterion": "น้อยกว่า ๘๐ วัน", "threshold": "80", "threshold_exclusive": True},
        {"level": 4, "success_percent": "80", "criterion": "ภายใน ๙๐ วัน", "threshold": "90"},
        *({"level": level, "success_percent": str(level * 20), "criterion": f"ขั้นที่ {level}"} for level in (3, 2, 1)),
    ]
    payload = new_indicator(rubric_kind="mixed", rubric_direction="lower", value_unit="วัน", rubric_levels=levels)

    created = client.post("/api/v1/indicators/", payload, format="json")

    assert created.status_code == 201, created.json()
    body = client.get(f"/api/v1/indicators/{created.json()['id']}/").json()
    assert [(row["level"], row["threshold_exclusive"]) for row in body["rubric_levels"][:2]] == [(5, True), (4, False)]
    saved = Indicator.objects.get(pk=body["id"]).rubric_levels.get(level=5)
    assert (saved.threshold, saved.threshold_exclusive) == (80, True)
