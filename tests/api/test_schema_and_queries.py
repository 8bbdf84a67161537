"""The OpenAPI schema is valid and warning-free, the docs need no CDN, and list endpoints don't do N+1."""

import re

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openapi_spec_validator import validate

from indicators.models import AgencyPackage, AuditStatus, JointParticipant, QuarterAudit
from tests.factories import AgencyFactory, CompositionElementFactory, IndicatorFactory, QuarterlyReportFactory

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(api, world):
    response = api.as_user(world.staff).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    indicator = spec["components"]["schemas"]["Indicator"]["properties"]
    assert indicator["rubric_levels"]["items"]["$ref"] == "#/components/schemas/RubricLevel"
    assert spec["components"]["schemas"]["RubricLevel"]["properties"]["threshold_exclusive"]["type"] == "boolean"
    level_input = spec["components"]["schemas"]["RubricLevelInputRequest"]["properties"]["threshold_exclusive"]
    assert level_input["type"] == "boolean" and "น้อยกว่า" in level_input["description"]
    assert {"/api/v1/indicators/", "/api/v1/rankings/{year}/", "/api/v1/scorecards/{year}/{code}/"} <= set(spec["paths"])


def test_schema_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert yaml.safe_load(target.read_text())["info"]["title"] == "KPI Portal API"


def test_docs_are_served_from_our_own_static_files(api, world):
    html = api.as_user(world.staff).get("/api/docs/").content.decode()

    assert "swagger-ui" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


def test_the_docs_page_sends_a_browser_that_is_not_logged_in_to_the_login_form(client):
    """It answered a bare "401 Unauthorized" page; the API itself still answers 401 (tests above)."""
    response = client.get("/api/docs/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/api/docs/"
    assert client.get("/api/v1/indicators/").status_code == 401


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/api/v1/indicators/", "/api/v1/reports/", "/api/v1/audits/", "/api/v1/agencies/", "/api/v1/packages/",
            "/api/v1/elements/", "/api/v1/mission-groups/", "/api/v1/fiscal-years/"],
)  # fmt: skip
def test_list_query_count_does_not_grow_with_rows(world, api, url):
    client = api.as_user(world.strategy)

    def add_rows(n):
        for _ in range(n):
            agency = AgencyFactory()
            AgencyPackage.objects.create(agency=agency, fiscal_year=world.year)
            world.group_own.members.add(agency)
            element = CompositionElementFactory(fiscal_year=world.year, code=f"9.{agency.pk}", parent=world.element)
            indicator = IndicatorFactory(fiscal_year=world.year, agency=agency, element=element)
            JointParticipant.objects.create(indicator=indicator, agency=world.own, duty="ร่วม")
            QuarterlyReportFactory(indicator=indicator, quarter=1)
            QuarterAudit.objects.create(indicator=indicator, quarter=1, status=AuditStatus.ACCEPTED, auditor=world.strategy)

    add_rows(1)
    few = _count(client, url)
    add_rows(6)
    many = _count(client, url)

    assert many == few


@pytest.mark.parametrize("url", ["/api/v1/indicators/", "/api/v1/reports/", "/api/v1/agencies/"])
def test_agency_staff_list_query_count_does_not_grow(world, api, url):
    client = api.as_user(world.staff)
    IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element)
    few = _count(client, url)
    for _ in range(5):
        QuarterlyReportFactory(indicator=IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element))
    assert _count(client, url) == few


@pytest.mark.parametrize("user", ["strategy", "staff"])
def test_indicator_detail_query_count_does_not_grow_with_partners(world, api, user):
    """The detail read each joint partner's agency one by one (the list read them at once)."""
    client = api.as_user(getattr(world, user))
    url = f"/api/v1/indicators/{world.other_joint.pk}/"
    few = _count(client, url)
    partners = [AgencyFactory() for _ in range(5)]
    for agency in partners:
        JointParticipant.objects.create(indicator=world.other_joint, agency=agency, duty="ร่วม")

    assert _count(client, url) == few == 10
    listed = {p["agency"] for p in client.get(url).json()["participants"]}
    assert {a.code for a in partners} <= listed


@pytest.fixture
def spec(api, world):
    return api.as_user(world.strategy).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def operations(spec):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_its_error_answers(spec):
    """Found by schemathesis: 400, 401, 403, 404 and 409 came back from operations that documented only 200."""
    for path, method, operation in operations(spec):
        codes = set(operation["responses"])
        assert {"401", "403", "404"} <= codes, (method, path)
        if method != "get" or any(p["in"] == "query" for p in operation.get("parameters", [])):
            assert "400" in codes, (method, path)
        if method != "get":
            assert "409" in codes, (method, path)
    error = spec["components"]["schemas"]["Error"]
    assert error["properties"]["detail"]["type"] == "string"
    field_errors = spec["components"]["schemas"]["FieldErrors"]
    # A field's messages; a table's per-row messages ({} for good rows); a list's by position; unreadable JSON.
    kinds = [alt["type"] for alt in field_errors["additionalProperties"]["anyOf"]]
    assert kinds == ["array", "array", "object", "string"]


def test_bounded_numbers_are_bounded_in_the_schema(spec):
    """Found by schemathesis: mission_group=0 or year=2801 were schema-valid but answered 400."""
    params = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/reports/"]["get"]["parameters"]}
    assert (params["year"]["minimum"], params["year"]["maximum"]) == (2400, 2800)
    assert (params["quarter"]["minimum"], params["quarter"]["maximum"]) == (1, 4)
    assert params["mission_group"]["minimum"] == params["indicator"]["minimum"] == 1
    number = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/mission-groups/"]["get"]["parameters"]}["number"]
    assert number["minimum"] == 1
    year = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/rankings/{year}/"]["get"]["parameters"]}["year"]
    assert (year["minimum"], year["maximum"]) == (2400, 2800)


def test_decimal_inputs_need_a_digit(spec):
    """Found by schemathesis: drf-spectacular's decimal pattern let through "" and "-", which the API refuses."""
    pattern = spec["components"]["schemas"]["IndicatorCreateInputRequest"]["properties"]["weight"]["pattern"]
    assert all(re.fullmatch(pattern, ok) for ok in ["10", "10.5", ".5", "1234.56"])
    # A weight is above 0: the schema says so as the API does (a negative one is refused on the field).
    assert not any(re.fullmatch(pattern, bad) for bad in ["", "-", ".", "-.", "12345.6", "1.234", "-3"])
    percent = spec["components"]["schemas"]["ReportInputRequest"]["properties"]["progress_percent"]["pattern"]
    assert re.fullmatch(percent, "40.5") and not re.fullmatch(percent, "-9")


def test_percentages_and_levels_are_bounded_in_the_schema(spec):
    """A client reading the schema learns that a percentage stops at 100 and a level at 5 (the API refuses more)."""
    schemas = spec["components"]["schemas"]
    percents = [
        schemas["ReportInputRequest"]["properties"]["progress_percent"]["pattern"],
        schemas["AuditInputRequest"]["properties"]["verified_progress_percent"]["pattern"],
        schemas["RubricLevelInputRequest"]["properties"]["success_percent"]["pattern"],
    ]
    for percent in percents:
        assert all(re.fullmatch(percent, ok) for ok in ["0", "7", "99.99", "100", "100.00", ".5"]), percent
        assert not any(re.fullmatch(percent, bad) for bad in ["927", "100.01", "101", "-1", "", "."]), percent
    for level in [
        schemas["ReportInputRequest"]["properties"]["level_reached"]["pattern"],
        schemas["AuditInputRequest"]["properties"]["verified_level"]["pattern"],
    ]:
        assert all(re.fullmatch(level, ok) for ok in ["0", "3.5", "4.9999", "5", "5.0000"]), level
        assert not any(re.fullmatch(level, bad) for bad in ["5.0001", "6", "12", "-1"]), level


def test_operation_descriptions_are_for_the_callers_in_thai(spec):
    """The views' docstrings (English, with module paths) once became every operation's description."""
    described = [op["description"] for _, _, op in operations(spec) if op.get("description")]
    assert described  # the writes explain versions and who may call them
    for text in described:
        assert "indicators." not in text and "the caller" not in text, text
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in text), text
    reports = spec["paths"]["/api/v1/reports/"]["post"]["description"]
    assert "expected_version" in reports and "409" in reports


def test_writes_take_json_only(spec):
    """Nested tables (rubric levels, baselines) cannot be sent as a form; the schema no longer offers forms."""
    for path, method, operation in operations(spec):
        if "requestBody" in operation:
            assert set(operation["requestBody"]["content"]) == {"application/json"}, (method, path)


def test_operations_say_what_they_do_and_how_to_sign_in(spec):
    for path, method, operation in operations(spec):
        assert operation.get("summary"), (method, path)
    assert spec["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"
    assert "Authorization: Token" in spec["info"]["description"]
    assert "พ.ศ." in spec["info"]["description"]


def test_a_caller_may_ask_for_bigger_or_smaller_pages_up_to_500(world, api, spec):
    """Another city system reading a whole year asked for ?page_size= and got 50 rows regardless."""
    from tests.factories import AgencyFactory

    AgencyFactory()
    client = api.as_user(world.strategy)
    total = client.get("/api/v1/agencies/").json()["count"]
    assert total >= 3

    two = client.get("/api/v1/agencies/", {"page_size": 2}).json()
    capped = client.get("/api/v1/agencies/", {"page_size": 100000}).json()

    assert len(two["results"]) == 2 and two["next"] and "page_size=2" in two["next"]
    assert len(capped["results"]) == total  # capped at 500, never an error
    params = {p["name"] for p in spec["paths"]["/api/v1/reports/"]["get"]["parameters"]}
    assert "page_size" in params
