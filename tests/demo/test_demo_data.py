"""The demo_data command: a plausible FY2567 package and a finished year of reports for every agency still without one."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.models import AgencyKind
from indicators.models import AgencyPackage, Indicator, JointParticipant, QuarterlyReport, RubricKind, RubricLevel
from indicators.selectors.dashboards import approved_indicators, dashboard_rows
from scoring.services import build_scorecards
from tests.factories import (
    AgencyFactory,
    CompositionElementFactory,
    DistrictFactory,
    FiscalYearFactory,
    IndicatorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fy2567_framework(db):
    year = FiscalYearFactory(year_be=2567)
    for code in ("1.1", "1.2", "1.3"):
        CompositionElementFactory(fiscal_year=year, code=code, weight=None)
    return year


@pytest.fixture
def city(fy2567_framework):
    """Three departments and three districts, one of which already has its real package."""
    departments = [AgencyFactory(kind=AgencyKind.DEPARTMENT) for _ in range(3)]
    districts = [DistrictFactory() for _ in range(3)]
    seeded = departments[0]
    IndicatorFactory(
        fiscal_year=fy2567_framework, agency=seeded, name="ตัวชี้วัดจริงของหน่วยงาน", weight=Decimal("70")
    )
    return {"seeded": seeded, "others": departments[1:] + districts}


def run():
    out = StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def test_it_gives_every_agency_without_indicators_a_package_worth_70_points(city):
    """70 with the one joint KPI (1.2) each agency leads or joins, as in the seed: the ranking's maximum."""
    run()
    by_agency = defaultdict(list)
    for indicator in Indicator.objects.select_related("element").exclude(agency=city["seeded"]):
        by_agency[indicator.agency_id].append(indicator)
    assert set(by_agency) == {agency.pk for agency in city["others"]}
    for indicators in by_agency.values():
        assert 5 <= len(indicators) <= 7
        assert {i.element.code for i in indicators} <= {"1.1", "1.2", "1.3"}
        assert all("ตัวอย่าง" in i.name and i.status == "approved" for i in indicators)
    joined = JointParticipant.objects.values_list("agency_id", flat=True)
    assert sorted(joined) == sorted(agency.pk for agency in city["others"])  # each in exactly one joint KPI
    scorecards = build_scorecards(fiscal_year=2567, agencies=city["others"])
    assert [card.max_points for card in scorecards] == [70] * len(city["others"])
    packages = AgencyPackage.objects.filter(status="approved")
    assert packages.count() == len(city["others"])
    # The negotiation page's "ส่งเมื่อ" shows when each was sent, which was before it was approved.
    assert all(p.submitted_at and p.submitted_at < p.approved_at for p in packages)


def test_it_leaves_an_agency_with_real_indicators_alone(city):
    run()
    names = list(Indicator.objects.filter(agency=city["seeded"]).values_list("name", flat=True))
    assert names == ["ตัวชี้วัดจริงของหน่วยงาน"]
    assert not QuarterlyReport.objects.filter(indicator__agency=city["seeded"]).exists()


def test_every_demo_indicator_has_five_rubric_levels_and_numeric_thresholds_in_order(city):
    run()
    demo = Indicator.objects.exclude(agency=city["seeded"])
    assert demo.filter(rubric_kind=RubricKind.NUMERIC).exists()
    assert demo.filter(rubric_kind=RubricKind.MILESTONE).exists()
    for indicator in demo.prefetch_related("rubric_levels"):
        levels = sorted(indicator.rubric_levels.all(), key=lambda r: -r.level)
        assert [r.level for r in levels] == [5, 4, 3, 2, 1]
        thresholds = [r.threshold for r in levels]
        if indicator.rubric_kind == RubricKind.NUMERIC:
            assert thresholds == sorted(thresholds, reverse=indicator.rubric_direction == "higher")
        else:
            assert thresholds == [None] * 5


def test_reports_cover_the_finished_year_with_progress_in_range(city):
    run()
    reports = QuarterlyReport.objects.select_related("indicator")
    assert set(reports.values_list("quarter", flat=True)) == {1, 2, 3, 4}
    # FY2567 is over: Q1–Q3 are reported for every demo indicator; only a late agency may lack Q4.
    quarters = defaultdict(set)
    for indicator_id, quarter in reports.values_list("indicator_id", "quarter"):
        quarters[indicator_id].add(quarter)
    demo = Indicator.objects.exclude(agency=city["seeded"])
    assert all(quarters[i.pk] >= {1, 2, 3} for i in demo)
    assert all(quarters[i.pk] == {1, 2, 3, 4} or all(r.is_late for r in i.reports.all()) for i in demo)
    assert all(Decimal(0) <= r.progress_percent <= 100 for r in reports)
    # Each report carries the figure its rubric scores, and only that one.
    for report in reports:
        if report.indicator.rubric_kind == RubricKind.NUMERIC:
            assert report.measured_value is not None and report.level_reached is None
        else:
            assert report.measured_value is None and 0 <= report.level_reached <= 5
    assert all(r.submitted_at and r.narrative for r in reports)
    # Late reports are those submitted after the quarter's deadline.
    year = city["others"][0].indicators.first().fiscal_year
    deadlines = {q.quarter: q.report_deadline for q in year.quarters.all()}
    for report in reports:
        assert report.is_late == (report.submitted_at.date() > deadlines[report.quarter])


def _state():
    indicators = Indicator.objects.order_by("agency__code", "number")
    counts = (Indicator.objects.count(), RubricLevel.objects.count(), QuarterlyReport.objects.count())
    return counts, list(indicators.values_list("agency__code", "number", "name"))


def test_running_twice_changes_nothing(city):
    run()
    before = _state()
    assert "0 agencies" in run()
    assert _state() == before


def _report_rows():
    reports = QuarterlyReport.objects.order_by("indicator__agency__code", "indicator__number", "quarter")
    columns = ("indicator__agency__code", "indicator__name", "quarter", "progress_percent", "is_late")
    return list(reports.values_list(*columns))


def test_it_is_deterministic(city):
    run()
    first = _report_rows()
    Indicator.objects.exclude(agency=city["seeded"]).delete()
    AgencyPackage.objects.all().delete()
    run()
    assert _report_rows() == first


def test_it_refuses_to_run_without_the_fy2567_framework(db):
    AgencyFactory()
    with pytest.raises(CommandError):
        run()


def test_every_demo_indicator_has_a_step_plan_the_dashboards_compare_progress_with(city):
    """Without a plan the dashboards' แผน column is "-" and no demo indicator can fall behind it."""
    run()
    year = city["others"][0].indicators.first().fiscal_year
    demo = approved_indicators(year).exclude(agency=city["seeded"])
    rows = dashboard_rows(demo, fiscal_year=year, today=dt.date(2024, 2, 1))  # Q1 reported, Q2 running
    assert rows and all(row.curve is not None for row in rows)
    assert {row.curve[2] for row in rows} == {Decimal("25.00")}  # a quarter's worth by the end of ธ.ค.
    assert all(sum(step.weight for step in p.steps.all()) == 100 for i in demo for p in i.projects.all())
