"""The level and weighted points an auditor weighs: on the audit form (reported, and adjusted) and in the queue."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from indicators.selectors.audit_scores import audit_scores
from indicators.services.auditing import AuditInput, audit_save
from tests.factories import ApprovedIndicatorFactory, QuarterlyReportFactory, ScoredIndicatorFactory

BANGKOK = ZoneInfo("Asia/Bangkok")
THRESHOLDS = {5: 360, 4: 300, 3: 240, 2: 180, 1: 120}


def submitted(indicator, quarter=1, **fields):
    return QuarterlyReportFactory(
        indicator=indicator,
        quarter=quarter,
        status="submitted",
        submitted_at=dt.datetime(2024, 1, 10, 9, tzinfo=BANGKOK),
        **fields,
    )


@pytest.fixture
def auditor(client, strategy_user):
    client.force_login(strategy_user)
    return strategy_user


@pytest.fixture
def numeric(fiscal_year, agency):
    """Weight 20; 300 rooms is level 4, 240 is level 3."""
    return ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D("20"), rubric=THRESHOLDS,
                                  rubric_kind="numeric")  # fmt: skip


def test_the_form_shows_the_level_and_points_the_reported_figures_give(client, auditor, numeric):
    submitted(numeric, measured_value=D("300"))

    page = client.get(reverse("indicators:audit_edit", args=[numeric.pk, 1]))

    assert page.context["scores"].reported.level == D("4")
    assert page.context["scores"].reported.points == D("16")  # 20 × 4 ÷ 5
    assert page.context["scores"].audited is None  # nothing adjusted yet
    body = page.content.decode()
    assert '<strong class="level">4</strong>' in body and '<strong class="points">16</strong>' in body
    assert "คะแนน (ถ่วงน้ำหนัก)" in body


def test_after_an_adjustment_the_form_also_shows_what_the_audited_figures_give(client, auditor, numeric):
    submitted(numeric, measured_value=D("300"))
    audit_save(indicator=numeric, quarter=1, user=auditor, expected_version=0,
               data=AuditInput(status="adjusted", verified_value=D("240"), comment="นับซ้ำ ๖๐ ห้อง"))  # fmt: skip

    page = client.get(reverse("indicators:audit_edit", args=[numeric.pk, 1]))

    scores = page.context["scores"]
    assert (scores.reported.level, scores.reported.points) == (D("4"), D("16"))
    assert (scores.audited.level, scores.audited.points) == (D("3"), D("12"))
    assert "ผลที่ปรับแล้วคิดเป็น" in page.content.decode()


def test_an_accepted_audit_shows_no_separate_audited_score(auditor, numeric):
    report = submitted(numeric, measured_value=D("300"))
    audit = audit_save(indicator=numeric, quarter=1, user=auditor, expected_version=0,
                       data=AuditInput(status="accepted", confirm_without_evidence=True))  # fmt: skip
    assert audit_scores(numeric, report, audit).audited is None


def test_a_milestone_level_is_scored_with_the_indicators_weight(auditor, indicator):
    report = submitted(indicator, level_reached=D("2"))  # weight 10
    score = audit_scores(indicator, report, None).reported
    assert (score.level, score.points) == (D("2"), D("4"))


def test_without_a_scored_figure_the_form_says_it_cannot_be_computed_yet(client, auditor, indicator):
    submitted(indicator)  # a milestone rubric and no level reported
    page = client.get(reverse("indicators:audit_edit", args=[indicator.pk, 1]))
    assert page.context["scores"].reported is None
    assert "ยังคำนวณไม่ได้" in page.content.decode()


def test_the_queue_shows_the_level_the_reported_figures_reach(client, auditor, fiscal_year, agency, numeric):
    milestone = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    submitted(numeric, measured_value=D("250"))
    submitted(milestone, level_reached=D("4.5"))

    page = client.get(reverse("indicators:audit_queue"), {"year": 2567})

    levels = {row.indicator.pk: row.reported.level for row in page.context["rows"]}
    assert levels == {numeric.pk: D("3"), milestone.pk: D("4.5")}
    body = page.content.decode()
    assert "ระดับตามผลที่รายงาน" in body
    assert '<td class="num reported-level">4.5</td>' in body
