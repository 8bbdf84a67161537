"""`manage.py scorecard`: JSON with the issue's fields, and a readable table."""

import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import (
    AgencyFactory,
    JointParticipantFactory,
    QuarterAuditFactory,
    ScoredIndicatorFactory,
    SubmittedReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_with_results(fiscal_year, agency):
    first = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=1, name="โครงการ HR", weight=D(10))
    second = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=2, name="ห้องพัก", weight=D(20))
    SubmittedReportFactory(indicator=first, quarter=2, level_reached=D(3))
    SubmittedReportFactory(indicator=first, quarter=4, level_reached=D(4))
    QuarterAuditFactory(indicator=second, quarter=4, verified_level=D(5))
    other = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=AgencyFactory(code="XYZ"), weight=D(10))
    SubmittedReportFactory(indicator=other, quarter=4, level_reached=D(1))


def run(*args) -> str:
    out = StringIO()
    call_command("scorecard", *args, stdout=out)
    return out.getvalue()


def test_it_prints_json_with_the_issues_fields(year_with_results):
    payload = json.loads(run("--year", "2567", "--format", "json"))
    assert [a["code"] for a in payload["agencies"]] == ["OWN", "XYZ"]
    own = payload["agencies"][0]
    assert set(own) == {"code", "name", "total_points", "max_points", "percent", "rank", "elements", "indicators"}
    assert (own["name"], own["total_points"], own["max_points"], own["rank"]) == ("สำนักงานของฉัน", "28.0000", "30.0000", 1)
    assert D(own["percent"]) == D("93.3333")
    assert own["elements"] == [{"code": "1.1", "points": "28.0000", "max_points": "30.0000"}]
    first, second = own["indicators"]
    assert set(first) == {"number", "name", "weight", "level", "points", "source", "explanation", "joint_owner"}
    assert (first["number"], first["points"], first["source"]) == (1, "8.0000", "self")
    assert (second["points"], second["source"]) == ("20.0000", "audit")


def test_it_filters_by_agency_and_quarter(year_with_results):
    payload = json.loads(run("--year", "2567", "--agency", "OWN", "--quarter", "2", "--format", "json"))
    (own,) = payload["agencies"]
    assert payload["quarter"] == 2
    assert [i["points"] for i in own["indicators"]] == ["6.0000", "0.0000"]
    assert own["indicators"][1]["source"] is None


def test_it_prints_a_table(year_with_results):
    text = run("--year", "2567", "--agency", "OWN")
    assert "ผลคะแนน ปีงบประมาณ พ.ศ. 2567" in text
    assert "สำนักงานของฉัน" in text and "93.33" in text
    assert "1. โครงการ HR" in text and "รายงานของหน่วยงาน" in text


def test_it_refuses_an_unknown_year_or_agency(year_with_results):
    with pytest.raises(CommandError, match="2599"):
        run("--year", "2599")
    with pytest.raises(CommandError, match="NOPE"):
        run("--year", "2567", "--agency", "NOPE")


def test_a_joint_kpi_is_named_with_the_agency_that_owns_it(fiscal_year, agency, other_agency):
    joint = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=3, name="ลดขยะร่วมกัน", weight=D(10))
    JointParticipantFactory(indicator=joint, agency=other_agency, weight=D(10))
    SubmittedReportFactory(indicator=joint, quarter=4, level_reached=D(4))

    (other,) = json.loads(run("--year", "2567", "--agency", "OTHER", "--format", "json"))["agencies"]
    assert [(i["number"], i["joint_owner"]) for i in other["indicators"]] == [(3, agency.abbreviation)]
    (own,) = json.loads(run("--year", "2567", "--agency", "OWN", "--format", "json"))["agencies"]
    assert own["indicators"][0]["joint_owner"] is None

    assert f"3. ลดขยะร่วมกัน (ตัวชี้วัดร่วม ของ {agency.abbreviation})" in run("--year", "2567", "--agency", "OTHER")
