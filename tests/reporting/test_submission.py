"""Draft, submit, deadlines and lateness, reopening: the rules of the agency's quarterly report."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from indicators.models import QuarterlyReport, ReportStatus
from indicators.services.auditing import may_reopen, report_reopen
from indicators.services.reporting import ReportInput, report_save

BANGKOK = ZoneInfo("Asia/Bangkok")
FILLED = ReportInput(progress_percent=D("20"), level_reached=D("1"), narrative="ขั้นตอนที่ 1-2 แล้วเสร็จ")


def save(indicator, user, *, version, submit=False, data=FILLED, now=None, quarter=1):
    return report_save(
        indicator=indicator, quarter=quarter, user=user, data=data, expected_version=version, submit=submit, now=now
    )


def at(year, month, day, hour=12, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=BANGKOK)


def test_a_draft_is_saved_and_can_be_changed(indicator, staff_user):
    report = save(indicator, staff_user, version=0)
    assert report.status == ReportStatus.DRAFT and report.version == 1
    report = save(indicator, staff_user, version=1, data=ReportInput(progress_percent=D("30"), narrative="แก้ไข"))
    assert report.progress_percent == D("30") and report.version == 2


@pytest.mark.parametrize(
    ("moment", "late"),
    [
        (at(2024, 1, 10), False),  # before the deadline (15 Jan 2024 for Q1 of FY 2567)
        (at(2024, 1, 15, 23, 59), False),  # the deadline day itself, Bangkok time
        (at(2024, 1, 16, 0, 30), True),  # already 16 Jan in Bangkok although 15 Jan in UTC
        (at(2024, 3, 1), True),
    ],
)
def test_a_submission_after_the_deadline_day_is_marked_late(indicator, staff_user, moment, late):
    report = save(indicator, staff_user, version=0, submit=True, now=moment)
    assert report.status == ReportStatus.SUBMITTED
    assert report.is_late is late
    assert report.submitted_at == moment


def test_the_deadline_comes_from_the_fiscal_years_quarter(indicator, staff_user):
    q1 = indicator.fiscal_year.quarters.get(quarter=1)
    q1.report_deadline = dt.date(2024, 1, 31)
    q1.save()
    assert save(indicator, staff_user, version=0, submit=True, now=at(2024, 1, 20)).is_late is False


def test_submitting_needs_progress_and_narrative_and_saves_nothing_otherwise(indicator, staff_user):
    with pytest.raises(ValidationError) as caught:
        save(indicator, staff_user, version=0, submit=True, data=ReportInput(), now=at(2024, 1, 10))
    assert "กรุณากรอกผลงานสะสม" in str(caught.value.message_dict["progress_percent"])
    assert "narrative" in caught.value.message_dict
    assert not QuarterlyReport.objects.exists()


def test_numeric_rubrics_need_the_measured_value(indicator, staff_user):
    indicator.rubric_kind = "numeric"
    indicator.save()
    no_value = ReportInput(progress_percent=D("20"), narrative="ดำเนินการแล้ว")  # a numeric rubric takes no level
    with pytest.raises(ValidationError) as caught:
        save(indicator, staff_user, version=0, submit=True, data=no_value, now=at(2024, 1, 10))
    assert "measured_value" in caught.value.message_dict


def test_a_submitted_report_cannot_be_changed_by_the_agency(indicator, staff_user):
    report = save(indicator, staff_user, version=0, submit=True, now=at(2024, 1, 10))
    with pytest.raises(ValidationError, match="สยป. เปิดให้แก้ไข"):
        save(indicator, staff_user, version=report.version, data=ReportInput(progress_percent=D("99"), narrative="x"))
    report.refresh_from_db()
    assert report.progress_percent == D("20")


def test_only_the_strategy_office_reopens(indicator, staff_user, strategy_user):
    report = save(indicator, staff_user, version=0, submit=True, now=at(2024, 1, 10))
    with pytest.raises(PermissionDenied):
        report_reopen(report=report, user=staff_user)

    report = report_reopen(report=report, user=strategy_user, reason="แนบหลักฐานไม่ครบ")

    assert report.status == ReportStatus.REOPENED
    corrected = save(indicator, staff_user, version=report.version, submit=True, now=at(2024, 2, 20),
                     data=ReportInput(progress_percent=D("25"), level_reached=D("1"), narrative="แนบหลักฐานเพิ่ม"))
    assert corrected.status == ReportStatus.SUBMITTED and corrected.progress_percent == D("25")
    # Resubmitting after a reopen does not turn an on-time report into a late one.
    assert corrected.is_late is False
    assert report.history.filter(history_change_reason="แนบหลักฐานไม่ครบ", status="reopened").exists()


def test_may_reopen_is_the_strategy_office_on_a_submitted_report(indicator, staff_user, strategy_user):
    assert not may_reopen(strategy_user, None)
    report = save(indicator, staff_user, version=0)
    assert not may_reopen(strategy_user, report)  # a draft
    report = save(indicator, staff_user, version=report.version, submit=True, now=at(2024, 1, 10))
    assert may_reopen(strategy_user, report) and not may_reopen(staff_user, report)
    assert not may_reopen(strategy_user, report_reopen(report=report, user=strategy_user))


def test_the_reopen_form_shows_exactly_when_reopening_goes_through(client, indicator, staff_user, strategy_user):
    report = save(indicator, staff_user, version=0, submit=True, now=at(2024, 1, 10))
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    reopen_url = reverse("indicators:report_reopen", args=[indicator.pk, 1])

    client.force_login(staff_user)
    assert reopen_url not in client.get(url).content.decode()
    assert client.post(reopen_url, {"reason": "ขอแก้"}).status_code == 403

    client.force_login(strategy_user)
    assert reopen_url in client.get(url).content.decode()
    reopened = client.post(reopen_url, {"reason": "แนบหลักฐานไม่ครบ"}, follow=True).content.decode()
    assert "เปิดรายงานไตรมาสที่ 1 ให้หน่วยงานแก้ไขแล้ว" in reopened and reopen_url not in reopened

    again = client.post(reopen_url, {"reason": "ซ้ำ"}, follow=True).content.decode()
    assert "เปิดให้แก้ไขได้เฉพาะรายงานที่ส่งแล้ว" in again
    report.refresh_from_db()
    assert report.status == ReportStatus.REOPENED and report.history.filter(history_change_reason="ซ้ำ").count() == 0


def test_a_draft_cannot_be_reopened(indicator, staff_user, strategy_user):
    report = save(indicator, staff_user, version=0)
    with pytest.raises(ValidationError):
        report_reopen(report=report, user=strategy_user)


def test_only_approved_indicators_are_reported(indicator, staff_user):
    indicator.status = "agreed"
    indicator.save()
    with pytest.raises(ValidationError, match="อนุมัติแล้ว"):
        save(indicator, staff_user, version=0)


def test_other_agencies_cannot_report(indicator, outsider, strategy_user):
    for user in (outsider, strategy_user):
        with pytest.raises(PermissionDenied):
            save(indicator, user, version=0)


# --- Through the pages -------------------------------------------------------------------------


def test_staff_save_a_draft_then_submit_in_the_browser_form(client, current_year, agency, staff_user):
    from tests.factories import ApprovedIndicatorFactory

    indicator = ApprovedIndicatorFactory(fiscal_year=current_year, agency=agency)
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    client.force_login(staff_user)

    page = client.get(url)
    assert page.status_code == 200 and "บันทึกร่าง" in page.content.decode()

    client.post(url, {"version": 0, "progress_percent": "๑๐", "level_reached": "1", "narrative": "ร่าง", "save": "1"})
    report = QuarterlyReport.objects.get(indicator=indicator, quarter=1)
    assert report.status == ReportStatus.DRAFT and report.progress_percent == D("10")

    response = client.post(
        url, {"version": report.version, "progress_percent": "10", "level_reached": "1", "narrative": "ส่งจริง", "submit": "1"}, follow=True
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.is_late is False
    body = response.content.decode()
    assert "ส่งรายงานไตรมาสที่ 1 แล้ว" in body
    assert "<form method=\"post\" enctype" not in body  # read-only now

    refused = client.post(url, {"version": report.version, "progress_percent": "50", "narrative": "x", "save": "1"})
    assert "บันทึกไม่สำเร็จ: รายงานไตรมาสนี้ถูกส่งแล้ว" in refused.content.decode()  # refused, in Thai
    report.refresh_from_db()
    assert (report.status, report.progress_percent, report.narrative) == (ReportStatus.SUBMITTED, D("10"), "ส่งจริง")


def test_a_late_submission_says_so_on_the_page(client, indicator, staff_user):
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])  # FY 2567 is long past
    client.force_login(staff_user)
    response = client.post(url, {"version": 0, "progress_percent": "10", "level_reached": "1", "narrative": "ส่งช้า", "submit": "1"}, follow=True)
    assert QuarterlyReport.objects.get().is_late is True
    assert "ส่งล่าช้า" in response.content.decode()


def test_a_bad_number_is_refused_next_to_the_field_and_the_text_is_kept(client, indicator, staff_user):
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    client.force_login(staff_user)
    response = client.post(url, {"version": 0, "progress_percent": "150", "narrative": "ข้อความยาวที่พิมพ์ไว้", "save": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "ข้อความยาวที่พิมพ์ไว้" in body
    assert "has-error" in body
    assert not QuarterlyReport.objects.exists()


def test_staff_cannot_reopen_through_the_page_but_the_strategy_office_can(client, indicator, staff_user, strategy_user):
    report = save(indicator, staff_user, version=0, submit=True, now=at(2024, 1, 10))
    url = reverse("indicators:report_reopen", args=[indicator.pk, 1])

    client.force_login(staff_user)
    assert client.post(url, {"reason": "ขอแก้"}).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    client.force_login(strategy_user)
    page = client.get(reverse("indicators:report_edit", args=[indicator.pk, 1])).content.decode()
    assert "เปิดให้หน่วยงานแก้ไข" in page
    client.post(url, {"reason": "แนบหลักฐานไม่ครบ"})
    report.refresh_from_db()
    assert report.status == ReportStatus.REOPENED


def test_the_full_reopen_reason_the_form_allows_is_kept_in_the_history(client, indicator, staff_user, strategy_user):
    """The form takes 300 characters; PostgreSQL refused more than 100 in the history before."""
    report = save(indicator, staff_user, version=0, submit=True, now=at(2024, 1, 10))
    reason = "แนบหลักฐานไม่ครบ " + "ข" * 283
    assert len(reason) == 300

    client.force_login(strategy_user)
    client.post(reverse("indicators:report_reopen", args=[indicator.pk, 1]), {"reason": reason})

    report.refresh_from_db()
    assert report.status == ReportStatus.REOPENED
    assert report.history.latest().history_change_reason == reason


def test_the_form_shows_the_planned_cumulative_percent_for_the_quarter(client, indicator, staff_user):
    from tests.factories import ProjectFactory, ProjectStepFactory

    project = ProjectFactory(indicator=indicator)
    ProjectStepFactory(project=project, order=1, weight=D("35"), start_month=1, end_month=3)
    ProjectStepFactory(project=project, order=2, weight=D("65"), start_month=4, end_month=12)
    client.force_login(staff_user)
    body = client.get(reverse("indicators:report_edit", args=[indicator.pk, 1])).content.decode()
    assert "แผนสะสม ณ สิ้นไตรมาส" in body and "ร้อยละ 35" in body


def test_the_form_shows_the_quarters_deadline_in_buddhist_era(client, indicator, staff_user):
    q2 = indicator.fiscal_year.quarters.get(quarter=2)
    q2.report_deadline = dt.date(2024, 4, 10)
    q2.save()
    client.force_login(staff_user)
    body = client.get(reverse("indicators:report_edit", args=[indicator.pk, 2])).content.decode()
    assert "กำหนดส่ง" in body and "10 เมษายน 2567" in body
