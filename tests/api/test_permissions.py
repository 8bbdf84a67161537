"""The API answers exactly what the web pages answer, through the same permission layer."""

import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def ids(response):
    return sorted(row["id"] for row in response.json()["results"])


@pytest.mark.parametrize(
    "url",
    ["/api/v1/indicators/", "/api/v1/agencies/", "/api/v1/reports/", "/api/v1/fiscal-years/", "/api/v1/rankings/2567/"],
)
def test_anonymous_callers_are_refused(world, api, url):
    response = api.get(url)
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_agency_staff_see_own_and_joint_indicators_only(world, api):
    response = api.as_user(world.staff).get("/api/v1/indicators/")

    assert response.status_code == 200
    assert ids(response) == sorted([world.own_draft.pk, world.own_approved.pk, world.other_joint.pk])


def test_another_agencys_draft_is_not_found_not_forbidden(world, api):
    client = api.as_user(world.staff)

    assert client.get(f"/api/v1/indicators/{world.other_draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/reports/{world.other_report.pk}/").status_code == 404
    assert client.get("/api/v1/agencies/OTHER/").status_code == 404
    assert client.get("/api/v1/scorecards/2567/OTHER/").status_code == 404
    # Of the other agency, only the joint KPI this agency takes part in is listed.
    assert ids(client.get("/api/v1/indicators/", {"agency": "OTHER"})) == [world.other_joint.pk]


def test_agency_staff_cannot_write_anything_of_another_agency(world, api):
    client = api.as_user(world.staff)
    body = {"expected_version": 1, "element": "1.1", "name": "แก้ของคนอื่น", "weight": "10"}

    assert client.put(f"/api/v1/indicators/{world.other_draft.pk}/", body, format="json").status_code == 404
    create = {**body, "fiscal_year": 2567, "agency": "OTHER"}
    assert client.post("/api/v1/indicators/", create, format="json").status_code == 404
    report = {"indicator": world.other_draft.pk, "quarter": 1, "expected_version": 0, "narrative": "x"}
    assert client.post("/api/v1/reports/", report, format="json").status_code == 404
    # A joint KPI they take part in is readable, but it stays the lead agency's to edit.
    joint = client.put(f"/api/v1/indicators/{world.other_joint.pk}/", body, format="json")
    assert joint.status_code == 403
    world.other_draft.refresh_from_db()
    assert world.other_draft.name == "ของเขา ร่าง"


def test_committee_sees_its_mission_group_agencies(world, api):
    response = api.as_user(world.committee).get("/api/v1/agencies/")
    assert [row["code"] for row in response.json()["results"]] == ["OWN"]


def test_strategy_office_sees_everything(world, api):
    client = api.as_user(world.strategy)

    assert len(ids(client.get("/api/v1/indicators/"))) == 4
    assert client.get(f"/api/v1/indicators/{world.other_draft.pk}/").status_code == 200
    assert {row["code"] for row in client.get("/api/v1/agencies/").json()["results"]} == {"OWN", "OTHER"}


def test_token_authentication(world, api):
    token = Token.objects.create(user=world.staff)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api.get(f"/api/v1/indicators/{world.own_draft.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["agency"] == "OWN" and body["fiscal_year"] == 2567 and body["element"] == "1.1"
    assert [row["level"] for row in body["rubric_levels"]] == [5, 4, 3, 2, 1]


def test_filters_by_year_element_mission_group_and_status(world, api):
    client = api.as_user(world.strategy)

    assert ids(client.get("/api/v1/indicators/", {"status": "approved"})) == sorted(
        [world.own_approved.pk, world.other_joint.pk]
    )
    assert len(ids(client.get("/api/v1/indicators/", {"mission_group": world.group_own.pk}))) == 2
    assert ids(client.get("/api/v1/indicators/", {"year": 2566})) == []
    assert len(ids(client.get("/api/v1/indicators/", {"year": 2567, "element": "1.1"}))) == 4


def test_rankings_show_only_visible_rows_with_city_wide_ranks(world, api):
    response = api.as_user(world.staff).get("/api/v1/rankings/2567/")

    assert response.status_code == 200
    body = response.json()
    assert [row["agency"] for row in body["overall"]] == ["OWN"]
    assert [[r["agency"] for r in group["rows"]] for group in body["mission_groups"]] == [["OWN"]]
    assert (body["fiscal_year"], body["ranked_count"]) == (2567, 2)
    strategy = api.as_user(world.strategy).get("/api/v1/scorecards/2567/").json()
    assert {card["agency"] for card in strategy} >= {"OWN", "OTHER"}


def test_huge_numbers_are_client_errors_not_overflows(world, api):
    """Found by the schemathesis run: SQLite cannot bind integers past 64 bits, so they must never reach it."""
    client = api.as_user(world.strategy)
    huge = "9" * 25

    assert client.get("/api/v1/packages/", {"year": huge}).status_code == 400
    assert client.get("/api/v1/indicators/", {"mission_group": huge}).status_code == 400
    assert client.get("/api/v1/reports/", {"indicator": huge}).status_code == 400
    assert client.get(f"/api/v1/indicators/{huge}/").status_code == 404
    assert client.get(f"/api/v1/rankings/{huge}/").status_code == 404
    body = {"indicator": int(huge), "quarter": 1, "expected_version": 0}
    assert client.post("/api/v1/reports/", body, format="json").status_code == 400
