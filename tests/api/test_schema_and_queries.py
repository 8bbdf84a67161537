"""The OpenAPI schema is valid and warning-free, the docs need no CDN, and list endpoints don't do N+1."""

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
