"""An adjustment that leaves a figure empty ("keep the agency's") keeps the figure the auditor saw.

Seen in the browser: สยป. adjusted only the cumulative % of a level-4 report, then reopened it;
the agency's unsent draft (level 1) at once became the "ผลตรวจ สยป." result on the scorecard,
the ranking and the indicator page (8 points → 2), while the quarterly PDF printed "-" as the
audited level.
"""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from indicators.documents import quarterly_report_context
from indicators.selectors.reporting import indicator_progress
from indicators.services.auditing import AuditInput, audit_save, report_reopen
from indicators.services.reporting import ReportInput, report_save
from scoring.services import build_scorecards

NOW = dt.datetime(2024, 1, 10, 12, tzinfo=ZoneInfo("Asia/Bangkok"))


@pytest.fixture
def adjusted(indicator, staff_user, strategy_user):
    """The agency sent 80 % at level 4; สยป. corrected the % to 70 and left the level to the agency's."""
    report_save(
        indicator=indicator, quarter=1, user=staff_user,
        data=ReportInput(progress_percent=D("80"), level_reached=D("4"), narrative="ถึงขั้นที่ 4"),
        expected_version=0, submit=True, now=NOW,
    )  # fmt: skip
    return audit_save(
        indicator=indicator, quarter=1, user=strategy_user, expected_version=0,
        data=AuditInput(status="adjusted", verified_progress_percent=D("70"), comment="ผลงานสะสมจริงร้อยละ 70",
                        confirm_without_evidence=True),
    )  # fmt: skip


def _scored_level(indicator):
    card = build_scorecards(fiscal_year=indicator.fiscal_year.year_be)[0]
    return next(line for line in card.indicators if line.indicator_id == indicator.pk).level


def test_a_draft_correction_does_not_change_an_adjusted_result(indicator, adjusted, staff_user, strategy_user):
    assert _scored_level(indicator) == D("4")

    reopened = report_reopen(report=adjusted.report, user=strategy_user, reason="แก้ไขเรื่องเล่า")
    report_save(
        indicator=indicator, quarter=1, user=staff_user,
        data=ReportInput(progress_percent=D("10"), level_reached=D("1"), narrative="กำลังแก้ไข"),
        expected_version=reopened.version,
    )  # fmt: skip  # saved as a draft, not sent

    # The audited result stands until the corrected report is sent again.
    assert _scored_level(indicator) == D("4")
    used = indicator_progress(indicator, today=dt.date(2024, 1, 20)).quarters[0].used
    assert (used.source, used.progress_percent, used.level_reached) == ("audit", D("70"), D("4"))


def test_the_quarterly_pdf_prints_the_level_the_adjustment_kept(indicator, adjusted):
    context = quarterly_report_context(fiscal_year=indicator.fiscal_year, agency=indicator.agency, quarter=1)
    row = context["rows"][0]
    assert (row["audit_progress"], row["audit_level"]) == ("70", "4")
    assert D(row["audit_level"]) == _scored_level(indicator)  # the scorecard's level, not "-"



def test_older_adjustments_get_the_figure_they_kept_from_the_report_history(indicator, staff_user, strategy_user):
    """Migration 0013: an audit saved before the fix, with its level empty, while the report is
    being corrected: it gets the level the report had when audited, not the draft's."""
    from importlib import import_module

    from django.apps import apps

    from indicators.models import ReportStatus
    from tests.factories import QuarterAuditFactory, SubmittedReportFactory

    report = SubmittedReportFactory(indicator=indicator, quarter=1, progress_percent=D("80"), level_reached=D("4"))
    QuarterAuditFactory(indicator=indicator, quarter=1, report=report, status="adjusted",
                        verified_progress_percent=D("70"), comment="ผลงานสะสมจริงร้อยละ 70")  # fmt: skip
    report.status, report.level_reached, report.progress_percent = ReportStatus.REOPENED, D("1"), D("10")
    report.save()  # the agency's unsent correction
    assert _scored_level(indicator) == D("1")  # what the old rule gave

    import_module("indicators.migrations.0013_audit_keeps_reported_figures").keep_reported_figures(apps, None)

    assert _scored_level(indicator) == D("4")
    used = indicator_progress(indicator, today=dt.date(2024, 1, 20)).quarters[0].used
    assert (used.progress_percent, used.level_reached) == (D("70"), D("4"))
