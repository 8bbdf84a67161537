"""Reopening and auditing from a page opened before the report changed: refused, nothing typed lost.

Seen: two สยป. officers had the same sent report open; one reopened it, the agency corrected and sent
it again, and the other's older page then reopened (or accepted) the corrected report unseen.
"""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import QuarterAudit, QuarterlyReport, ReportStatus
from indicators.services.auditing import report_reopen
from indicators.services.reporting import ReportInput, report_save
from tests.factories import RoleFactory, UserFactory

MOVED_ON = "รายงานนี้เปลี่ยนไปหลังจากที่ท่านเปิดหน้านี้ (สถานะขณะนี้: ส่งแล้ว)"



@pytest.fixture
def colleague(strategy_user):
    """Another สยป. officer."""
    from agencies.models import RoleKind

    return RoleFactory(user=UserFactory(username="sue", is_staff=True), kind=RoleKind.STRATEGY_OFFICE, agency=None).user


def _reopened_and_sent_again(report, colleague, staff_user):
    """The colleague reopens the report and the agency sends a corrected one."""
    reopened = report_reopen(report=report, user=colleague, reason="แนบหลักฐาน")
    return report_save(
        indicator=report.indicator, quarter=1, user=staff_user,
        data=ReportInput(progress_percent=D("60"), level_reached=D("3"), narrative="แก้ไขแล้ว ร้อยละ 60"),
        expected_version=reopened.version, submit=True, now=timezone.now(),
    )  # fmt: skip


def _hidden(page: str, name: str, action: str = "") -> str:
    """The value of hidden field `name` (in the form posting to `action`), as the browser would send it."""
    if action:
        page = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S).group(1)
    return re.search(rf'<input type="hidden" name="{name}" value="(\d+)"', page).group(1)


def test_reopening_from_a_page_opened_before_the_report_was_sent_again_is_refused_keeping_the_reason(
    client, indicator, sent, staff_user, strategy_user, colleague
):
    page_url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    reopen_url = reverse("indicators:report_reopen", args=[indicator.pk, 1])
    client.force_login(strategy_user)
    read = _hidden(client.get(page_url).content.decode(), "version", reopen_url)
    corrected = _reopened_and_sent_again(sent, colleague, staff_user)

    response = client.post(reopen_url, {"version": read, "reason": "ตัวเลขไม่ตรงกับหลักฐาน"})

    body = response.content.decode()
    assert response.status_code == 422
    assert MOVED_ON in body
    assert 'value="ตัวเลขไม่ตรงกับหลักฐาน"' in body  # the reason typed waits in the form
    assert "แก้ไขแล้ว ร้อยละ 60" in body  # the page shows the report as it is now
    report = QuarterlyReport.objects.get()
    assert report.status == ReportStatus.SUBMITTED and report.version == corrected.version
    assert _hidden(body, "version", reopen_url) == str(corrected.version)

    # Having seen the corrected report, the officer's next reopen goes through.
    again = client.post(reopen_url, {"version": str(corrected.version), "reason": "ยังไม่ครบ"}, follow=True)
    assert "เปิดรายงานไตรมาสที่ 1 ให้หน่วยงานแก้ไขแล้ว" in again.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.REOPENED
    assert report.history.filter(history_change_reason="ยังไม่ครบ").exists()


def test_reopening_a_report_a_colleague_reopened_meanwhile_says_so(client, indicator, sent, strategy_user, colleague):
    """Not the bare 'only sent reports can be reopened': the officer learns the report moved on, and how."""
    page_url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    reopen_url = reverse("indicators:report_reopen", args=[indicator.pk, 1])
    client.force_login(strategy_user)
    read = _hidden(client.get(page_url).content.decode(), "version", reopen_url)
    reopened = report_reopen(report=sent, user=colleague, reason="แนบหลักฐาน")

    response = client.post(reopen_url, {"version": read, "reason": "ตัวเลขไม่ตรง"}, follow=True)

    body = response.content.decode()
    assert "รายงานนี้เปลี่ยนไปหลังจากที่ท่านเปิดหน้านี้ (สถานะขณะนี้: เปิดให้แก้ไข)" in body
    report = QuarterlyReport.objects.get()
    assert report.version == reopened.version  # not reopened twice
    assert not report.history.filter(history_change_reason="ตัวเลขไม่ตรง").exists()


def test_reopening_from_a_current_page_goes_through(client, indicator, sent, strategy_user):
    page_url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    reopen_url = reverse("indicators:report_reopen", args=[indicator.pk, 1])
    client.force_login(strategy_user)
    read = _hidden(client.get(page_url).content.decode(), "version", reopen_url)

    response = client.post(reopen_url, {"version": read, "reason": "แนบหลักฐานไม่ครบ"})

    assert response.status_code == 302
    assert QuarterlyReport.objects.get().status == ReportStatus.REOPENED


def test_a_reason_too_long_is_refused_beside_its_field_not_dropped(client, indicator, sent, strategy_user):
    client.force_login(strategy_user)
    response = client.post(
        reverse("indicators:report_reopen", args=[indicator.pk, 1]), {"version": sent.version, "reason": "ก" * 301}
    )
    assert response.status_code == 422
    assert response.context["reopen_form"].errors["reason"]
    assert QuarterlyReport.objects.get().status == ReportStatus.SUBMITTED


def test_an_audit_from_a_page_opened_before_the_report_was_sent_again_is_refused_keeping_the_input(
    client, indicator, sent, staff_user, strategy_user, colleague
):
    url = reverse("indicators:audit_edit", args=[indicator.pk, 1])
    client.force_login(strategy_user)
    opened = client.get(url).content.decode()
    read = {name: _hidden(opened, name) for name in ("version", "report_version")}
    corrected = _reopened_and_sent_again(sent, colleague, staff_user)

    # Accepting would record the corrected 60 % the auditor never saw as verified.
    typed = {**read, "status": "accepted", "comment": "ตรวจหลักฐานแล้ว", "confirm_without_evidence": "on",
             "verified_progress_percent": "30"}  # fmt: skip
    response = client.post(url, typed)

    body = response.content.decode()
    assert response.status_code == 200
    assert MOVED_ON in body
    assert "ตรวจหลักฐานแล้ว" in body  # the comment typed is kept
    assert "แก้ไขแล้ว ร้อยละ 60" in body  # beside it, the report now to be judged
    assert not QuarterAudit.objects.exists()
    assert _hidden(body, "report_version") == str(corrected.version)

    # The next deliberate save judges the report the auditor has now seen.
    saved = client.post(url, {**typed, "report_version": str(corrected.version)})
    assert saved.status_code == 302
    assert QuarterAudit.objects.get().verified_progress_percent == D("60")


def test_an_audit_from_a_page_opened_before_the_report_was_reopened_says_it_was_not_saved(
    client, indicator, sent, strategy_user, colleague
):
    """The form gives way to 'not ready for audit' once the report is reopened; the refusal must still show."""
    url = reverse("indicators:audit_edit", args=[indicator.pk, 1])
    client.force_login(strategy_user)
    opened = client.get(url).content.decode()
    read = {name: _hidden(opened, name) for name in ("version", "report_version")}
    report_reopen(report=sent, user=colleague, reason="แนบหลักฐาน")

    response = client.post(url, {**read, "status": "accepted", "comment": "ตรวจหลักฐานแล้ว",
                                 "confirm_without_evidence": "on", "verified_progress_percent": "30"})  # fmt: skip

    body = response.content.decode()
    assert "รายงานนี้เปลี่ยนไปหลังจากที่ท่านเปิดหน้านี้ (สถานะขณะนี้: เปิดให้แก้ไข) ยังไม่ได้บันทึกการดำเนินการของท่าน" in body
    assert 'role="alert"' in body
    assert not QuarterAudit.objects.exists()


def test_a_version_no_report_can_have_is_refused_without_keeping_the_figures_as_a_conflict(
    client, indicator, staff_user, current_year
):
    """A tampered hidden version beyond the database's integer was kept as the stale save's "based on" version:
    on PostgreSQL "integer out of range", a 500."""
    from indicators.models import ReportConflict

    indicator.fiscal_year = current_year
    indicator.save()
    client.force_login(staff_user)
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    assert client.post(url, {"version": 0, "progress_percent": "20", "level_reached": "1", "narrative": "ก"}).status_code == 302

    response = client.post(url, {"version": "99999999999", "progress_percent": "30", "level_reached": "1", "narrative": "ข"})

    assert response.status_code == 200
    assert not ReportConflict.objects.exists()
    assert QuarterlyReport.objects.get().progress_percent == 20
