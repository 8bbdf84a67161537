"""Error answers an integrating system can rely on: JSON, in the caller's language, the right status code."""

import json

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import AgencyFactory

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


@pytest.mark.parametrize("url", ["/api/v1/indicators/-1/", "/api/v1/no-such-thing/", "/api/v1/rankings/25670/"])
def test_an_unknown_api_address_is_a_json_404(world, api, url):
    """Found by schemathesis: addresses no route matches answered with the site's HTML error page."""
    response = api.as_user(world.strategy).get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "ไม่พบข้อมูลนี้"}


def test_pages_outside_the_api_keep_the_html_404(world, client):
    client.force_login(world.strategy)

    response = client.get("/indicators/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("credentials", [{}, {"HTTP_AUTHORIZATION": "Token not-a-token"}])
def test_missing_or_bad_credentials_are_a_401_that_names_the_scheme(world, api, credentials):
    """Found by schemathesis (anonymous run): 403 without WWW-Authenticate left a caller no way to tell why."""
    response = api.get("/api/v1/indicators/", **credentials)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "results" not in response.json()


def test_a_signed_in_user_without_the_right_is_still_a_403(world, api):
    token = Token.objects.create(user=world.staff)
    audit = {"indicator": world.own_approved.pk, "quarter": 1, "status": "accepted", "expected_version": 0}

    response = api.post("/api/v1/audits/", audit, format="json", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 403


def test_a_null_character_is_refused_in_thai(world, api):
    """Found by schemathesis: a NUL in a filter or a field came back as "Null characters are not allowed."."""
    client = api.as_user(world.strategy)

    in_filter = client.get("/api/v1/indicators/", {"agency": "O\x00WN"})
    in_body = client.post("/api/v1/indicators/", {"fiscal_year": 2567, "agency": "O\x00WN"}, format="json")

    assert in_filter.status_code == in_body.status_code == 400
    assert in_filter.json() == {"agency": ["ห้ามมีอักขระ null"]}
    assert in_body.json()["agency"] == ["ห้ามมีอักขระ null"]


@pytest.mark.parametrize(
    "url",
    ["/api/v1/agencies/?is_active=banana", "/api/v1/fiscal-years/?is_current=null",
     "/api/v1/elements/?is_negotiated=yes", "/api/v1/elements/?is_joint=2"],
)  # fmt: skip
def test_a_yes_no_filter_refuses_a_word_it_does_not_know_in_the_callers_language(world, api, url):
    """Found by schemathesis: an unknown value of a true/false filter was ignored and the whole list came back."""
    client = api.as_user(world.strategy)
    name, value = url.split("?")[1].split("=")

    thai = client.get(url)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert thai.status_code == english.status_code == 400
    assert thai.json() == {name: [f"เลือกตัวเลือกที่ถูกต้อง. {value} ไม่ใช่ตัวเลือกที่ใช้ได้."]}
    assert english.json() == {name: [f"Select a valid choice. {value} is not one of the available choices."]}


@pytest.mark.parametrize(
    ("value", "codes"),
    [("true", ["OTHER", "OWN"]), ("1", ["OTHER", "OWN"]), ("False", ["GONE"]), ("0", ["GONE"]), ("", ["GONE", "OTHER", "OWN"])],
)  # fmt: skip
def test_a_yes_no_filter_takes_true_false_1_0_and_nothing(world, api, value, codes):
    AgencyFactory(code="GONE", is_active=False)

    response = api.as_user(world.strategy).get("/api/v1/agencies/", {"is_active": value})

    assert response.status_code == 200
    assert sorted(agency["code"] for agency in response.json()["results"]) == codes


@pytest.mark.parametrize(
    ("body", "answer"),
    [
        ({"narrative": ["x"]}, {"narrative": ["ต้องเป็นข้อความ"]}),
        ({"submit": "maybe"}, {"submit": ["ต้องเป็น true หรือ false"]}),
        ({"narrative": "\ud800"}, {"narrative": ["ห้ามมีอักขระ surrogate: U+D800"]}),
    ],
)
def test_drf_field_messages_without_a_thai_catalogue_are_thai(world, api, body, answer):
    """Found by schemathesis: "Not a valid string.", "Must be a valid boolean." and the surrogate refusal
    came back in English to Thai callers (DRF's Thai catalogue lacks them)."""
    report = {"indicator": world.own_approved.pk, "quarter": 2, "expected_version": 0, **body}
    content = json.dumps(report)  # escapes a lone surrogate, which the test client could not encode

    response = api.as_user(world.staff).generic("POST", "/api/v1/reports/", content, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == answer


@pytest.mark.parametrize(
    ("content", "thai", "english"),
    [
        ("{bad", "อ่าน JSON ไม่ได้", "JSON parse error"),
        ("null", "ไม่ได้ส่งข้อมูล", "No data provided."),
    ],
)
def test_an_unreadable_or_empty_body_is_refused_in_the_callers_language(world, api, content, thai, english):
    """Found by schemathesis: DRF writes "JSON parse error - ..." and "No data provided" without gettext."""
    client = api.as_user(world.staff)

    answers = [
        client.generic("POST", "/api/v1/reports/", content, content_type="application/json", **language)
        for language in ({}, {"HTTP_ACCEPT_LANGUAGE": "en"})
    ]

    assert [answer.status_code for answer in answers] == [400, 400]
    messages = [str(answer.json()) for answer in answers]
    assert thai in messages[0] and "JSON parse error" not in messages[0] and "No data provided" not in messages[0]
    assert english in messages[1]


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({"HTTP_AUTHORIZATION": "Token"}, "ส่วนหัว token ไม่ถูกต้อง: ไม่ได้ส่ง token มา"),
        ({"HTTP_AUTHORIZATION": "Token a b"}, "ส่วนหัว token ไม่ถูกต้อง: token ต้องไม่มีช่องว่าง"),
        ({"HTTP_ACCEPT": "text/xml"}, "ไม่สามารถตอบในรูปแบบที่ส่วนหัว Accept ขอได้"),
    ],
)
def test_header_refusals_are_thai(world, api, headers, detail):
    """Found by schemathesis: a malformed token header (401) and an Accept nobody serves (406) answered in English."""
    if "HTTP_AUTHORIZATION" not in headers:
        api.as_user(world.staff)

    response = api.get("/api/v1/indicators/", **headers)

    assert response.json() == {"detail": detail}


@pytest.mark.parametrize("url", ["/api/v1/agencies/O%00WN/", "/api/v1/scorecards/2567/O%00WN/"])
def test_a_null_character_in_an_agency_code_in_the_address_is_a_404(world, api, url):
    """Found by schemathesis on PostgreSQL: the code reached the query and the driver refused it (a 500)."""
    response = api.as_user(world.strategy).get(url)

    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบหน่วยงาน"}


@pytest.mark.parametrize("url", ["/api/v1/reports/", "/api/v1/indicators/", "/api/v1/scorecards/2567/"])
def test_options_points_at_the_schema_and_keeps_developer_notes_to_itself(world, api, url):
    """OPTIONS sent the view's English docstring and, for writes, the read fields as if they were the input."""
    response = api.as_user(world.staff).options(url)

    assert response.status_code == 200
    body = response.json()
    assert "description" not in body and "actions" not in body
    assert body["schema"].endswith("/api/schema/") and "application/json" in body["parses"]


def test_a_method_an_address_does_not_take_is_a_405_in_readable_thai(world, api):
    """DRF's own Thai reads "ไม่ใช่อนุญาติให้ใช้ Method …"; ours says it plainly, English callers keep DRF's."""
    client = api.as_user(world.strategy)

    thai = client.delete("/api/v1/indicators/")
    english = client.delete("/api/v1/indicators/", HTTP_ACCEPT_LANGUAGE="en")

    assert thai.status_code == english.status_code == 405
    assert thai.json() == {"detail": 'ไม่อนุญาตให้ใช้เมธอด "DELETE" กับที่อยู่นี้'}
    assert english.json() == {"detail": 'Method "DELETE" not allowed.'}
