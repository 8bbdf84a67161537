"""Which figures a rubric scores decides what the report and audit keep, on the pages and in the services."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.figures import RubricFigures, figures_for
from indicators.models import QuarterlyReport, RubricKind
from indicators.services.auditing import AuditInput, audit_save
from indicators.services.reporting import ReportInput, report_save

NOW = dt.datetime(2024, 1, 10, 12, tzinfo=ZoneInfo("Asia/Bangkok"))
NUMERIC_LEVEL_REFUSED = "เกณฑ์ของตัวชี้วัดนี้เป็นแบบค่าตัวเลข ไม่ใช้ระดับที่ได้ กรุณาเว้นว่างไว้"
MILESTONE_VALUE_REFUSED = "เกณฑ์ของตัวชี้วัดนี้เป็นแบบขั้นตอนความสำเร็จ (Milestone) ไม่ใช้ค่าที่วัดได้ กรุณาเว้นว่างไว้"


@pytest.mark.parametrize(
    ("kind", "figures"),
    [
        (RubricKind.MILESTONE, RubricFigures(value=False, level=True)),
        (RubricKind.NUMERIC, RubricFigures(value=True, level=False)),
        (RubricKind.MIXED, RubricFigures(value=True, level=True)),
    ],
)
def test_each_rubric_kind_scores_its_own_figures(kind, figures):
    assert figures_for(kind) == figures


def with_kind(indicator, kind):
    indicator.rubric_kind = kind
    indicator.save()
    return indicator


def save(indicator, user, **figures):
    data = ReportInput(progress_percent=D("30"), narrative="ทำได้ร้อยละ 30", **figures)
    return report_save(indicator=indicator, quarter=1, user=user, data=data, expected_version=0, submit=True, now=NOW)


# --- The services ------------------------------------------------------------------------------


def test_a_level_on_a_numeric_indicator_is_refused_and_nothing_is_saved(indicator, staff_user):
    with pytest.raises(ValidationError) as caught:
        save(with_kind(indicator, RubricKind.NUMERIC), staff_user, measured_value=D("1390"), level_reached=D("3"))
    assert caught.value.message_dict == {"level_reached": [NUMERIC_LEVEL_REFUSED]}
    assert not QuarterlyReport.objects.exists()


def test_a_value_on_a_milestone_indicator_is_refused(indicator, staff_user):
    with pytest.raises(ValidationError) as caught:
        save(with_kind(indicator, RubricKind.MILESTONE), staff_user, measured_value=D("12"), level_reached=D("2"))
    assert caught.value.message_dict == {"measured_value": [MILESTONE_VALUE_REFUSED]}


def test_a_mixed_indicator_keeps_both_figures(indicator, staff_user):
    report = save(with_kind(indicator, RubricKind.MIXED), staff_user, measured_value=D("1390"), level_reached=D("2"))
    assert (report.measured_value, report.level_reached) == (D("1390"), D("2"))


def test_the_audit_refuses_a_verified_figure_the_rubric_does_not_score(indicator, staff_user, strategy_user):
    save(with_kind(indicator, RubricKind.NUMERIC), staff_user, measured_value=D("1390"))
    data = AuditInput(status="adjusted", verified_level=D("4"), comment="ตามหลักฐาน")
    with pytest.raises(ValidationError) as caught:
        audit_save(indicator=indicator, quarter=1, user=strategy_user, data=data, expected_version=0)
    assert caught.value.message_dict == {"verified_level": [NUMERIC_LEVEL_REFUSED]}


def test_accepting_keeps_only_the_figures_the_rubric_scores(indicator, staff_user, strategy_user):
    """A level typed while the rubric was a milestone one is not confirmed once it has become numeric."""
    report = save(with_kind(indicator, RubricKind.MIXED), staff_user, measured_value=D("1390"), level_reached=D("2"))
    with_kind(indicator, RubricKind.NUMERIC)  # amended by the strategy office after the report

    audit = audit_save(
        indicator=indicator, quarter=1, user=strategy_user, data=AuditInput(status="accepted", confirm_without_evidence=True), expected_version=0
    )

    assert (audit.verified_value, audit.verified_level) == (D("1390"), None)
    report.refresh_from_db()
    assert report.level_reached == D("2")  # the agency's own report is left as they wrote it


# --- Through the pages -------------------------------------------------------------------------


def test_the_report_form_of_a_numeric_indicator_asks_for_the_value_only(client, indicator, staff_user):
    with_kind(indicator, RubricKind.NUMERIC)
    client.force_login(staff_user)
    page = client.get(reverse("indicators:report_edit", args=[indicator.pk, 1])).content.decode()
    assert 'name="measured_value"' in page and 'name="level_reached"' not in page


def test_the_audit_form_of_a_milestone_indicator_asks_for_the_level_only(client, indicator, staff_user, strategy_user):
    save(with_kind(indicator, RubricKind.MILESTONE), staff_user, level_reached=D("2"))
    client.force_login(strategy_user)
    url = reverse("indicators:audit_edit", args=[indicator.pk, 1])

    page = client.get(url).content.decode()
    assert 'name="verified_level"' in page and 'name="verified_value"' not in page

    # A value sent anyway (an old form, a hand-made request) is not kept.
    client.post(url, {"version": 0, "status": "adjusted", "verified_value": "99", "verified_level": "3", "comment": "ok"})
    audit = indicator.audits.get(quarter=1)
    assert (audit.verified_value, audit.verified_level) == (None, D("3"))
