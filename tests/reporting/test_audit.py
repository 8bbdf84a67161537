"""The strategy office's audit: verified figures override the self-report in the result used."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from indicators.models import AuditChecklistItem, QuarterAudit, ReportStatus
from indicators.selectors.reporting import indicator_progress
from indicators.services.auditing import AuditInput, audit_save, report_reopen
from indicators.services.reporting import ReportInput, report_save
from tests.factories import EvidenceRequirementFactory

NOW = dt.datetime(2024, 1, 10, 12, tzinfo=ZoneInfo("Asia/Bangkok"))


@pytest.fixture
def submitted(indicator, staff_user):
    return report_save(
        indicator=indicator,
        quarter=1,
        user=staff_user,
        data=ReportInput(progress_percent=D("30"), level_reached=D("2"), narrative="ทำได้ร้อยละ 30"),
        expected_version=0,
        submit=True,
        now=NOW,
    )


def audit(indicator, user, *, version=0, **fields):
    fields.setdefault("confirm_without_evidence", True)  # these reports have no files; test_audit_evidence.py is about that
    return audit_save(indicator=indicator, quarter=1, user=user, data=AuditInput(**fields), expected_version=version)


def test_an_adjusted_audit_is_the_result_used(indicator, submitted, strategy_user):
    audit(indicator, strategy_user, status="adjusted", verified_progress_percent=D("20"), comment="หลักฐานขั้นตอนที่ 3 ไม่ครบ")

    row = indicator_progress(indicator, today=dt.date(2024, 1, 20)).quarters[0]

    assert row.report.progress_percent == D("30")  # the agency's own figure is kept
    assert row.used.progress_percent == D("20") and row.used.is_audited
    assert row.used.level_reached == D("2")  # not adjusted: the agency's level stands


def test_before_the_audit_the_self_report_is_used(indicator, submitted):
    row = indicator_progress(indicator, today=dt.date(2024, 1, 20)).quarters[0]
    assert row.used.progress_percent == D("30") and row.used.source == "self"


def test_accepting_confirms_the_agencys_figures(indicator, submitted, strategy_user):
    saved = audit(indicator, strategy_user, status="accepted")
    assert saved.verified_progress_percent == D("30") and saved.verified_level == D("2")


def test_returning_reopens_the_report_for_correction(indicator, submitted, strategy_user):
    audit(indicator, strategy_user, status="returned", comment="กรุณาแนบรายงานการประชุม")
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.REOPENED
    progress = indicator_progress(indicator, today=dt.date(2024, 1, 20))
    # A returned audit verifies nothing, and a report under correction counts for nothing until it
    # is sent again: the page shows no result, as the score does.
    assert progress.quarters[0].used.source is None
    assert progress.latest_quarter is None and progress.score is None


def test_a_report_reopened_for_correction_counts_again_once_resubmitted(indicator, submitted, staff_user, strategy_user):
    reopened = report_reopen(report=submitted, user=strategy_user, reason="แนบหลักฐานไม่ครบ")
    report_save(
        indicator=indicator, quarter=1, user=staff_user, data=ReportInput(progress_percent=D("45"), level_reached=D("2"), narrative="แก้ไขแล้ว"),
        expected_version=reopened.version,
    )  # fmt: skip
    during = indicator_progress(indicator, today=dt.date(2024, 1, 20))
    assert during.quarters[0].report.progress_percent == D("45")  # being corrected, not sent
    assert during.quarters[0].used.progress_percent is None and during.score is None

    report_save(
        indicator=indicator, quarter=1, user=staff_user, data=ReportInput(progress_percent=D("45"), level_reached=D("2"), narrative="แก้ไขแล้ว"),
        expected_version=reopened.version + 1, submit=True, now=NOW,
    )  # fmt: skip
    after = indicator_progress(indicator, today=dt.date(2024, 1, 20))
    assert after.quarters[0].used.progress_percent == D("45") and after.score is not None


def test_an_audit_stops_counting_once_the_corrected_report_is_sent_again(indicator, submitted, staff_user, strategy_user):
    audit(indicator, strategy_user, status="accepted")
    reopened = report_reopen(report=submitted, user=strategy_user, reason="ตัวเลขไม่ตรงกับหลักฐาน")
    during = indicator_progress(indicator, today=dt.date(2024, 1, 20)).quarters[0]
    assert during.used.is_audited and during.used.level_reached == D("2")  # still the verified result

    report_save(
        indicator=indicator, quarter=1, user=staff_user, data=ReportInput(progress_percent=D("80"), level_reached=D("4"), narrative="แก้ไขแล้ว"),
        expected_version=reopened.version, submit=True, now=timezone.now(),
    )  # fmt: skip
    resent = indicator_progress(indicator, today=dt.date(2024, 1, 20))
    # The old acceptance verified figures that are gone: the new ones count as the agency's own
    # until สยป. audits again, on the page and in the score alike.
    assert resent.quarters[0].status_key == "submitted"
    assert resent.quarters[0].used.source == "self" and resent.quarters[0].used.level_reached == D("4")
    assert resent.score.level == D("4")

    audit(indicator, strategy_user, version=1, status="adjusted", verified_level=D("3"), comment="หลักฐานถึงระดับ 3")
    audited = indicator_progress(indicator, today=dt.date(2024, 1, 20))
    assert audited.quarters[0].status_key == "audited" and audited.quarters[0].used.level_reached == D("3")
    assert audited.score.level == D("3")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"status": "adjusted", "comment": "ปรับ"}, "verified_progress_percent"),  # adjusted without a figure
        ({"status": "adjusted", "verified_progress_percent": D("10")}, "comment"),  # adjusted without a reason
        ({"status": "returned"}, "comment"),
        ({"status": "returned", "comment": "\u200b\u200b"}, "comment"),  # a reason nobody can read
    ],
)
def test_incomplete_audits_are_refused(indicator, submitted, strategy_user, fields, field):
    with pytest.raises(ValidationError) as caught:
        audit(indicator, strategy_user, **fields)
    assert field in caught.value.message_dict
    assert not QuarterAudit.objects.exists()


def test_only_the_strategy_office_audits_and_only_submitted_reports(indicator, staff_user, strategy_user):
    report_save(indicator=indicator, quarter=1, user=staff_user, data=ReportInput(progress_percent=D("5")), expected_version=0)
    with pytest.raises(ValidationError, match="ส่งรายงาน"):
        audit(indicator, strategy_user, status="accepted")
    with pytest.raises(PermissionDenied):
        audit(indicator, staff_user, status="accepted")


def test_the_checklist_follows_the_agreed_evidence_items(indicator, submitted, strategy_user):
    minutes = EvidenceRequirementFactory(indicator=indicator, order=1, description="รายงานการประชุมคณะทำงาน")
    approval = EvidenceRequirementFactory(indicator=indicator, order=2, description="โครงการที่ได้รับอนุมัติ")

    saved = audit(indicator, strategy_user, status="accepted", present_requirement_ids=frozenset({approval.pk}))

    ticks = {item.requirement_id: item.is_present for item in AuditChecklistItem.objects.filter(audit=saved)}
    assert ticks == {minutes.pk: False, approval.pk: True}

    # A second look that finds the minutes too: that tick changes, and only it leaves a trace.
    audit(indicator, strategy_user, version=saved.version, status="accepted",
          present_requirement_ids=frozenset({approval.pk, minutes.pk}))  # fmt: skip
    assert set(AuditChecklistItem.objects.values_list("is_present", flat=True)) == {True}
    assert AuditChecklistItem.history.filter(requirement=minutes).count() == 2
    assert AuditChecklistItem.history.filter(requirement=approval).count() == 1


def test_a_second_auditor_on_a_stale_form_is_refused(indicator, submitted, strategy_user):
    from indicators.services.auditing import StaleAuditError

    audit(indicator, strategy_user, status="accepted")
    with pytest.raises(StaleAuditError):
        audit(indicator, strategy_user, version=0, status="adjusted", verified_progress_percent=D("1"), comment="x")
    assert QuarterAudit.objects.get().status == "accepted"


def test_the_audit_page_shows_the_agency_figures_beside_the_form_and_saves(client, indicator, submitted, strategy_user):
    EvidenceRequirementFactory(indicator=indicator, description="รายงานการประชุมคณะทำงาน")
    url = reverse("indicators:audit_edit", args=[indicator.pk, 1])
    client.force_login(strategy_user)
    page = client.get(url).content.decode()
    assert "ทำได้ร้อยละ 30" in page and "รายงานการประชุมคณะทำงาน" in page
    # The heading says which year's quarter is being audited, in B.E.
    assert f"ไตรมาสที่ 1 · ปีงบประมาณ พ.ศ. {indicator.fiscal_year.year_be}</h1>" in page

    response = client.post(
        url, {"version": 0, "status": "adjusted", "verified_progress_percent": "20", "comment": "ปรับตามหลักฐาน"}, follow=True
    )
    body = response.content.decode()
    # The message names what was audited, whose, and the outcome (the auditor may come from a long queue).
    assert f"ตรวจผลตัวชี้วัดที่ {indicator.number} ของสำนักงานของฉัน ไตรมาสที่ 1 แล้ว: ปรับผล" in body
    # Indicator page: the agency's 30 and the audited 20 side by side; 20 is the result used.
    assert "ร้อยละ 30" in body and "ร้อยละ 20" in body and "ปรับผล" in body


def test_the_audit_page_offers_no_form_before_the_agency_submits(client, indicator, submitted, strategy_user):
    client.force_login(strategy_user)
    page = client.get(reverse("indicators:audit_edit", args=[indicator.pk, 2])).content.decode()  # Q2 not reported
    assert "หน่วยงานยังไม่รายงานไตรมาสนี้" in page
    assert "ตรวจประเมินได้เมื่อหน่วยงานส่งรายงานไตรมาสนี้แล้วเท่านั้น" in page
    assert "บันทึกผลการตรวจ" not in page
    page = client.get(reverse("indicators:audit_edit", args=[indicator.pk, 1])).content.decode()  # Q1 submitted
    assert "บันทึกผลการตรวจ" in page


def test_agency_staff_cannot_open_the_audit_page(client, indicator, submitted, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("indicators:audit_edit", args=[indicator.pk, 1])).status_code == 403


def test_provisional_points_follow_the_audited_level(client, indicator, submitted, strategy_user, staff_user):
    """Weight 10, milestone rubric: the agency's level 2 gives 4 points until the audit verifies level 3 (6 points)."""
    client.force_login(staff_user)
    page = client.get(reverse("indicators:indicator_page", args=[indicator.pk]))
    assert page.context["progress"].score.points == D("4")

    audit(indicator, strategy_user, status="adjusted", verified_level=D("3"), comment="หลักฐานครบถึงระดับ 3")

    page = client.get(reverse("indicators:indicator_page", args=[indicator.pk]))
    assert page.context["progress"].score.points == D("6")
    assert "6 / 10" in page.content.decode()
    dashboard = client.get(reverse("indicators:dashboard_agency", args=[indicator.agency.code]), {"year": 2567})
    assert dashboard.context["rows"][0].score.points == D("6")


def test_the_indicator_page_offers_an_audit_exactly_for_quarters_the_service_audits(
    client, indicator, submitted, staff_user, strategy_user
):
    report_save(indicator=indicator, quarter=2, user=staff_user, data=ReportInput(progress_percent=D("40")),
                expected_version=0, now=NOW)  # fmt: skip  # Q2 only a draft

    def audit_url(quarter):
        return reverse("indicators:audit_edit", args=[indicator.pk, quarter])

    client.force_login(strategy_user)

    page = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()

    assert audit_url(1) in page and audit_url(2) not in page
    refused = client.post(audit_url(2), {"version": 0, "status": "accepted"}).content.decode()
    assert "ตรวจประเมินได้เมื่อหน่วยงานส่งรายงานไตรมาสนี้แล้วเท่านั้น" in refused
    assert not QuarterAudit.objects.filter(quarter=2).exists()
    client.force_login(staff_user)
    assert audit_url(1) not in client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()


def test_the_indicator_page_offers_to_report_only_quarters_the_agency_may_still_edit(
    client, indicator, submitted, staff_user
):
    def report_url(quarter):
        return reverse("indicators:report_edit", args=[indicator.pk, quarter])

    client.force_login(staff_user)
    page = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()

    assert f'href="{report_url(1)}">ดูรายงาน' in page  # submitted: read only
    assert f'href="{report_url(2)}">รายงานผล' in page
    refused = client.post(report_url(1), {"version": submitted.version, "progress_percent": "50", "narrative": "x"})
    # Refused with the reason (and the typed text kept), never saved over the sent report.
    assert "บันทึกไม่สำเร็จ: รายงานไตรมาสนี้ถูกส่งแล้ว" in refused.content.decode()
    submitted.refresh_from_db()
    assert (submitted.status, submitted.progress_percent) == ("submitted", D("30"))
