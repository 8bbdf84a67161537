"""Dashboards: early warnings with counts per mission group, filters, and query counts that do not grow."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import RoleKind
from tests.factories import (
    AgencyFactory,
    ApprovedIndicatorFactory,
    CompositionElementFactory,
    DistrictFactory,
    EvidenceRequirementFactory,
    MissionGroupFactory,
    ProjectFactory,
    ProjectStepFactory,
    QuarterAuditFactory,
    QuarterlyReportFactory,
    RoleFactory,
    UserFactory,
)

SUBMITTED = {"status": "submitted", "submitted_at": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)}


def on_plan_indicator(fiscal_year, agency, *, progress, **kwargs):
    """An indicator whose plan expects 50 % by the end of Q1, with Q1 reported at `progress` %."""
    indicator = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency, **kwargs)
    project = ProjectFactory(indicator=indicator)
    ProjectStepFactory(project=project, order=1, weight=D("50"), start_month=1, end_month=3)
    ProjectStepFactory(project=project, order=2, weight=D("50"), start_month=4, end_month=12)
    QuarterlyReportFactory(indicator=indicator, quarter=1, progress_percent=D(progress), **SUBMITTED)
    EvidenceRequirementFactory(indicator=indicator)
    return indicator


@pytest.fixture
def year(current_year):
    # Q1 reported on time; Q2's deadline must not have passed for these tests to be about the plan only.
    for rq in current_year.quarters.all():
        rq.report_deadline = timezone.localdate() + dt.timedelta(days=30 * rq.quarter)
        rq.save()
    return current_year


def test_the_agency_dashboard_lists_its_at_risk_indicators(client, year, agency, staff_user):
    behind = on_plan_indicator(year, agency, progress="30", name="ตัวชี้วัดที่ล่าช้ากว่าแผน")
    on_plan_indicator(year, agency, progress="50", name="ตัวชี้วัดที่เป็นไปตามแผน")
    client.force_login(staff_user)

    response = client.get(reverse("indicators:dashboard_agency", args=[agency.code]))

    rows = response.context["rows"]
    assert [r.indicator for r in response.context["at_risk"]] == [behind]
    assert len(rows) == 2
    body = response.content.decode()
    assert "ต่ำกว่าแผน 20 จุด" in body
    # on the agency's own page the risk list does not repeat the agency's name before each indicator
    risk_list = re.search(r'<ul class="at-risk-list">(.*?)</ul>', body, re.S).group(1)
    assert f"{behind.number}. ตัวชี้วัดที่ล่าช้ากว่าแผน" in risk_list
    assert agency.name_th not in risk_list


def test_the_city_page_counts_at_risk_indicators_per_mission_group(client, year, strategy_user):
    health, works = AgencyFactory(name_th="สำนักการแพทย์"), AgencyFactory(name_th="สำนักการโยธา")
    district = DistrictFactory(name_th="สำนักงานเขตบางซื่อ")
    group1 = MissionGroupFactory(fiscal_year=year, number=1, name="การแพทย์", members=[health])
    group3 = MissionGroupFactory(fiscal_year=year, number=3, name="โยธา", members=[works])
    group3.district_groups.add(district.district_group)
    on_plan_indicator(year, health, progress="50")
    on_plan_indicator(year, works, progress="10")
    on_plan_indicator(year, district, progress="0")
    on_plan_indicator(year, district, progress="45")
    client.force_login(strategy_user)

    response = client.get(reverse("indicators:dashboard_city"))

    counts = {g.name: (g.total, g.at_risk) for g in response.context["group_counts"]}
    assert counts == {str(group1): (1, 0), str(group3): (3, 2)}
    risk_list = re.search(r'<ul class="at-risk-list">(.*?)</ul>', response.content.decode(), re.S).group(1)
    assert "สำนักการโยธา · " in risk_list and "สำนักงานเขตบางซื่อ · " in risk_list  # whose indicator it is

    filtered = client.get(reverse("indicators:dashboard_city"), {"mission_group": group1.pk})
    assert [r.indicator.agency for r in filtered.context["rows"]] == [health]
    risky = client.get(reverse("indicators:dashboard_city"), {"status": "at_risk"})
    assert {r.indicator.agency for r in risky.context["rows"]} == {works, district}
    by_district = client.get(reverse("indicators:dashboard_city"), {"district_group": district.district_group.pk})
    assert {r.indicator.agency for r in by_district.context["rows"]} == {district}


def test_the_element_filter(client, year, strategy_user):
    agency = AgencyFactory()
    function_base = CompositionElementFactory(fiscal_year=year, code="1.1")
    agenda = CompositionElementFactory(fiscal_year=year, code="1.3", name="Agenda Base")
    on_plan_indicator(year, agency, progress="50", element=function_base)
    wanted = on_plan_indicator(year, agency, progress="50", element=agenda)
    client.force_login(strategy_user)
    response = client.get(reverse("indicators:dashboard_city"), {"element": agenda.pk})
    assert [r.indicator for r in response.context["rows"]] == [wanted]


def test_a_filter_with_no_match_says_so_rather_than_that_the_year_is_empty(client, year, strategy_user):
    client.force_login(strategy_user)
    empty_year = client.get(reverse("indicators:dashboard_city"), {"year": year.year_be}).content.decode()
    on_plan_indicator(year, AgencyFactory(), progress="50")
    nothing_at_risk = client.get(reverse("indicators:dashboard_city"), {"status": "at_risk"}).content.decode()

    assert "ไม่มีตัวชี้วัดที่อนุมัติแล้วในปีงบประมาณนี้" in empty_year
    assert "ไม่พบตัวชี้วัดตามตัวกรองที่เลือก" in nothing_at_risk
    assert "ไม่มีตัวชี้วัดที่อนุมัติแล้วในปีงบประมาณนี้" not in nothing_at_risk


def test_the_committee_sees_only_its_agencies(client, year):
    mine, other = AgencyFactory(name_th="สำนักในกลุ่ม"), AgencyFactory(name_th="สำนักนอกกลุ่ม")
    group = MissionGroupFactory(fiscal_year=year, members=[mine])
    member = RoleFactory(user=UserFactory(), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group).user
    on_plan_indicator(year, mine, progress="0")
    on_plan_indicator(year, other, progress="0")
    client.force_login(member)

    response = client.get(reverse("indicators:dashboard_committee"))

    assert {r.indicator.agency for r in response.context["rows"]} == {mine}
    assert "สำนักนอกกลุ่ม" not in response.content.decode()
    assert len(response.context["at_risk"]) == 1


def test_the_committee_page_sums_up_each_agency_with_a_bar_of_what_it_has_sent(client, year):
    """One line per agency: indicators, sent and audited for the due quarter, risks; the bar is the share sent."""
    first, second = AgencyFactory(name_th="สำนักแรก"), AgencyFactory(name_th="สำนักที่สอง")
    group = MissionGroupFactory(fiscal_year=year, members=[first, second])
    member = RoleFactory(user=UserFactory(), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group).user
    sent, _unsent = ApprovedIndicatorFactory(fiscal_year=year, agency=first), ApprovedIndicatorFactory(fiscal_year=year, agency=first)
    audited = ApprovedIndicatorFactory(fiscal_year=year, agency=second)
    for quarter in range(1, 5):
        QuarterlyReportFactory(indicator=sent, quarter=quarter, progress_percent=D("50"), **SUBMITTED)
        QuarterlyReportFactory(indicator=audited, quarter=quarter, progress_percent=D("50"), **SUBMITTED)
        QuarterAuditFactory(indicator=audited, quarter=quarter, verified_progress_percent=D("50"))
    client.force_login(member)

    response = client.get(reverse("indicators:dashboard_committee"))

    lines = {s.agency.name_th: (s.indicators, s.submitted, s.audited) for s in response.context["agency_summaries"]}
    assert lines == {"สำนักแรก": (2, 1, 0), "สำนักที่สอง": (1, 1, 1)}
    table = re.search(r'<table class="data" id="agency-summary">.*?</table>', response.content.decode(), re.S).group(0)
    assert "สำนักแรก" in table and "สำนักที่สอง" in table
    assert 'aria-label="ส่งแล้ว 1 จาก 2 ตัวชี้วัด"' in table
    assert re.search(r'class="bar-fill"[^>]*width="50\.00"', table)
    assert re.search(r'class="bar-fill"[^>]*width="100\.00"', table)


def _make(year, count):
    for n in range(count):
        agency = DistrictFactory() if n % 2 else AgencyFactory()
        MissionGroupFactory(fiscal_year=year, members=[agency])
        indicator = on_plan_indicator(year, agency, progress=str(10 * n))
        QuarterAuditFactory(indicator=indicator, quarter=1, verified_progress_percent=D("5"))


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["city", "agency", "committee"])
def test_dashboard_query_counts_do_not_grow_with_the_number_of_indicators(client, year, strategy_user, page, django_assert_max_num_queries):
    agency = AgencyFactory(code="FIXED")
    group = MissionGroupFactory(fiscal_year=year, members=[agency])
    steering = RoleFactory(user=UserFactory(), kind=RoleKind.STEERING_MEMBER, agency=None).user
    RoleFactory(user=steering, kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group)
    urls = {
        "city": (strategy_user, reverse("indicators:dashboard_city")),
        "agency": (strategy_user, reverse("indicators:dashboard_agency", args=["FIXED"])),
        "committee": (steering, reverse("indicators:dashboard_committee")),
    }
    user, url = urls[page]
    client.force_login(user)
    on_plan_indicator(year, agency, progress="10")
    _make(year, 2)
    small = _count(client, url)

    for _ in range(4):
        on_plan_indicator(year, agency, progress="10")
    _make(year, 6)
    with django_assert_max_num_queries(small):
        client.get(url)
    assert small <= 30  # scoring.services loads the whole year in about ten queries


def test_the_city_table_is_paginated_and_keeps_the_filters(client, year, strategy_user, monkeypatch):
    from indicators.views import dashboards as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    agency = AgencyFactory()
    for _ in range(3):
        on_plan_indicator(year, agency, progress="0")
    client.force_login(strategy_user)
    first = client.get(reverse("indicators:dashboard_city"), {"status": "at_risk"})
    assert len(first.context["rows"]) == 2 and first.context["total"] == 3
    assert "status=at_risk&amp;page=2" in first.content.decode()
    second = client.get(reverse("indicators:dashboard_city"), {"status": "at_risk", "page": 2})
    assert len(second.context["rows"]) == 1


def test_an_overdue_quarter_links_to_its_report_form(client, fiscal_year, agency, staff_user):
    """FY2567 is over: Q1–Q3 with no report are ค้างส่ง, and each badge opens that quarter's form
    (Q4, the quarter still shown as due, keeps its own report link)."""
    indicator = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    QuarterlyReportFactory(indicator=indicator, quarter=2, **SUBMITTED)
    client.force_login(staff_user)

    body = client.get(reverse("indicators:dashboard_agency", args=[agency.code]), {"year": 2567}).content.decode()

    for quarter in (1, 3):
        form = reverse("indicators:report_edit", args=[indicator.pk, quarter])
        assert f'<a class="badge bad" href="{form}">ค้างส่ง</a>' in body
    assert f'href="{reverse("indicators:report_edit", args=[indicator.pk, 2])}"' not in body  # sent: no link
    assert body.count(f'href="{reverse("indicators:report_edit", args=[indicator.pk, 4])}"') == 1


def test_the_city_page_draws_where_each_mission_groups_due_reports_stand(client, year, strategy_user):
    """One stacked bar per mission group for the due quarter (Q1 here), from audited to not yet reported;
    its name opens the page narrowed to that group."""
    health, works = AgencyFactory(name_th="สำนักการแพทย์"), AgencyFactory(name_th="สำนักการโยธา")
    MissionGroupFactory(fiscal_year=year, number=1, name="การแพทย์", members=[health])
    MissionGroupFactory(fiscal_year=year, number=3, name="โยธา", members=[works])
    audited, sent, reopened, draft, _nothing = (ApprovedIndicatorFactory(fiscal_year=year, agency=health) for _ in range(5))
    for indicator in (audited, sent):
        QuarterlyReportFactory(indicator=indicator, quarter=1, progress_percent=D("50"), **SUBMITTED)
    QuarterAuditFactory(indicator=audited, quarter=1, verified_progress_percent=D("50"))
    QuarterlyReportFactory(indicator=reopened, quarter=1, status="reopened")
    QuarterlyReportFactory(indicator=draft, quarter=1, status="draft")
    ApprovedIndicatorFactory(fiscal_year=year, agency=works)
    client.force_login(strategy_user)

    body = client.get(reverse("indicators:dashboard_city")).content.decode()

    table = re.search(r'<table class="data group-counts">.*?</table>', body, re.S).group(0)
    assert "รายงานไตรมาสที่ 1" in table
    assert 'aria-label="สยป. ตรวจแล้ว 1 · ส่งแล้ว รอตรวจ 1 · เปิดให้แก้ไข 1 · ร่าง 1 · ยังไม่รายงาน 1"' in table
    assert 'aria-label="ยังไม่รายงาน 1"' in table
    # ...and in words beside it, for eyes that cannot tell the pale colours apart
    assert '<span class="bar-counts" aria-hidden="true">สยป. ตรวจแล้ว 1 · ส่งแล้ว รอตรวจ 1 · เปิดให้แก้ไข 1 · ร่าง 1 · ยังไม่รายงาน 1</span>' in table
    assert re.search(r'<rect class="seg-audited" x="0\.00" y="0" width="20\.00"', table)
    assert re.search(r'<rect class="seg-not_started" x="80\.00" y="0" width="20\.00"', table)
    assert "ค้างส่ง" in re.search(r'<p class="bar-legend">.*?</p>', body, re.S).group(0)

    link = re.search(r'<a href="([^"]*)">1\. การแพทย์</a>', table).group(1).replace("&amp;", "&")
    narrowed = client.get(reverse("indicators:dashboard_city") + link)
    assert {r.indicator.agency for r in narrowed.context["rows"]} == {health}


def test_the_due_reports_bar_speaks_english_on_the_english_page(client, year, strategy_user, settings):
    agency = AgencyFactory()
    MissionGroupFactory(fiscal_year=year, members=[agency])
    QuarterlyReportFactory(indicator=ApprovedIndicatorFactory(fiscal_year=year, agency=agency), quarter=1, **SUBMITTED)
    client.force_login(strategy_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    body = client.get(reverse("indicators:dashboard_city")).content.decode()

    assert "Quarter 1 reports" in body
    assert 'aria-label="Submitted, awaiting audit 1"' in body
    assert "Audited by the strategy office" in body  # the legend names every state


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"b": 3, "a": 1}, [("a", 1, "0.00", "25.00"), ("b", 3, "25.00", "75.00")]),  # the labels' order, not the counts'
        ({"a": 0, "b": 2}, [("b", 2, "0.00", "100.00")]),  # nothing drawn for an empty state
        ({"a": 1, "b": 2}, [("a", 1, "0.00", "33.33"), ("b", 2, "33.33", "66.67")]),
        ({}, []),
    ],
)
def test_a_stacked_bar_splits_its_total_in_the_labels_order(counts, expected):
    from indicators.charts import stacked_bar

    segments = stacked_bar(counts, [("a", "A"), ("b", "B")])
    assert [(s.key, s.count, s.x, s.width) for s in segments] == expected


def test_a_year_without_reporting_quarters_draws_no_due_reports(client, year, strategy_user):
    agency = AgencyFactory()
    MissionGroupFactory(fiscal_year=year, members=[agency])
    ApprovedIndicatorFactory(fiscal_year=year, agency=agency)
    year.quarters.all().delete()
    client.force_login(strategy_user)

    body = client.get(reverse("indicators:dashboard_city")).content.decode()

    assert '<table class="data group-counts">' in body
    assert "รายงานไตรมาสที่" not in body and 'class="bar stacked"' not in body
