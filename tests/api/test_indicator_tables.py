"""An indicator drafted or saved through the API: bad tables or years are refused beside their field, in Thai."""

import pytest

from indicators.models import Indicator, RubricLevel

from .test_writes import RUBRIC, new_indicator

pytestmark = pytest.mark.django_db

TWICE = {
    "rubric_levels": (
        [*RUBRIC[:4], {**RUBRIC[3], "criterion": "อีกครั้ง"}],
        "ระดับความสำเร็จซ้ำกัน",
    ),
    "baselines": (
        [{"year_be": 2565, "value_text": "๘๐"}, {"year_be": 2565, "value_text": "๙๐"}],
        "ปี พ.ศ. 2565 มีมากกว่าหนึ่งแถว",
    ),
    "participants": (
        [{"agency": "OTHER", "duty": "ร่วมดำเนินการ"}, {"agency": "OTHER", "duty": "ร่วมอีกครั้ง"}],
        "หน่วยงาน “OTHER” มีมากกว่าหนึ่งแถว",
    ),
    "conditions": (
        [{"percent": "20", "description": "ขั้นที่ ๑"}, {"percent": "20.00", "description": "ขั้นที่ ๒"}],
        "ร้อยละของแผน 20.00 มีมากกว่าหนึ่งแถว",
    ),
}


@pytest.mark.parametrize("table", TWICE)
def test_a_key_twice_in_a_table_is_refused_beside_it_and_nothing_is_drafted(world, api, table):
    rows, message = TWICE[table]
    before = Indicator.objects.count()

    response = api.as_user(world.staff).post("/api/v1/indicators/", new_indicator(**{table: rows}), format="json")

    assert response.status_code == 400
    assert response.json() == {table: [message]}
    assert Indicator.objects.count() == before


def test_a_level_twice_in_an_update_is_refused_and_the_saved_rubric_stays(world, api):
    client = api.as_user(world.staff)
    url = f"/api/v1/indicators/{world.own_draft.pk}/"
    saved = client.put(url, {"element": "1.1", "name": "ของฉัน ร่าง", "weight": "10", "rubric_levels": RUBRIC,
                             "expected_version": world.own_draft.version}, format="json").json()
    rows, message = TWICE["rubric_levels"]

    response = client.put(url, {"element": "1.1", "name": "ชื่อใหม่", "weight": "10", "rubric_levels": rows,
                                "expected_version": saved["version"]}, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {"rubric_levels": ["A success level appears twice"]}
    kept = Indicator.objects.get(pk=world.own_draft.pk)
    assert (kept.name, kept.version) == ("ของฉัน ร่าง", saved["version"])
    assert sorted(RubricLevel.objects.filter(indicator=kept).values_list("criterion", flat=True)) == sorted(
        row["criterion"] for row in RUBRIC
    )


def test_a_fiscal_year_that_does_not_exist_is_a_400_beside_the_field(world, api):
    client = api.as_user(world.staff)

    thai = client.post("/api/v1/indicators/", new_indicator(fiscal_year=2599), format="json")
    english = client.post("/api/v1/indicators/", new_indicator(fiscal_year=2599), format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert thai.status_code == english.status_code == 400
    assert thai.json() == {"fiscal_year": ["ไม่พบปีงบประมาณ พ.ศ. 2599"]}
    assert list(english.json()) == ["fiscal_year"] and "2599" in english.json()["fiscal_year"][0]
    assert not Indicator.objects.filter(fiscal_year__year_be=2599).exists()


@pytest.mark.parametrize(
    "extra, field, english",
    [
        ({"element": "9.9"}, "element", "No element “9.9” in fiscal year 2567"),
        ({"participants": [{"agency": "NOPE", "duty": "ร่วม"}]}, "participants", "No agency with the code “NOPE”"),
    ],
)
def test_unknown_codes_are_named_in_the_callers_language(world, api, extra, field, english):
    response = api.as_user(world.staff).post(
        "/api/v1/indicators/", new_indicator(**extra), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    assert response.json() == {field: [english]}


def test_a_table_left_out_of_an_update_keeps_its_rows_and_an_empty_one_clears_it(world, api):
    """A PUT naming only the fields it changes wiped every table left out, and with the evidence items
    the audit ticks that point at them."""
    from indicators.models import AuditChecklistItem, EvidenceRequirement, IndicatorBaseline
    from tests.factories import EvidenceRequirementFactory, QuarterAuditFactory

    client = api.as_user(world.staff)
    url = f"/api/v1/indicators/{world.own_draft.pk}/"
    baselines = [{"year_be": 2566, "value_text": "ร้อยละ ๙๐", "value_number": "90"}]
    saved = client.put(url, {"element": "1.1", "name": "ของฉัน ร่าง", "weight": "10", "rubric_levels": RUBRIC,
                             "baselines": baselines, "expected_version": world.own_draft.version}, format="json").json()
    evidence = EvidenceRequirementFactory(indicator=world.own_draft, order=1, description="รายงานการประชุม")
    tick = AuditChecklistItem.objects.create(
        audit=QuarterAuditFactory(indicator=world.own_draft, quarter=1), requirement=evidence, is_present=True
    )

    renamed = client.put(url, {"element": "1.1", "name": "ชื่อใหม่", "weight": "10",
                               "expected_version": saved["version"]}, format="json")

    assert renamed.status_code == 200, renamed.json()
    body = renamed.json()
    assert body["name"] == "ชื่อใหม่"
    assert [row["level"] for row in body["rubric_levels"]] == [5, 4, 3, 2, 1]
    assert [row["year_be"] for row in body["baselines"]] == [2566]
    assert [row["id"] for row in body["evidence_requirements"]] == [evidence.pk]
    assert AuditChecklistItem.objects.filter(pk=tick.pk).exists()

    cleared = client.put(url, {"element": "1.1", "name": "ชื่อใหม่", "weight": "10", "baselines": [],
                               "expected_version": body["version"]}, format="json")

    assert cleared.status_code == 200 and cleared.json()["baselines"] == []
    assert not IndicatorBaseline.objects.filter(indicator=world.own_draft).exists()
    assert EvidenceRequirement.objects.filter(pk=evidence.pk).exists()
