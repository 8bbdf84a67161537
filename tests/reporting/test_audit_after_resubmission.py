"""The audit form after the agency sends a corrected report: it starts from the new submission.

Seen in the browser: สยป. sent a report (250 rooms) back with a comment; the agency sent 300 rooms.
The audit form still offered 250 as the verified value, "ส่งกลับให้แก้ไข" ticked and the old
comment: an auditor who only corrected the % under "ปรับผล" recorded 250 rooms over the agency's
300 without noticing, and the old request went to the agency again as the new audit's comment.
"""

from decimal import Decimal as D

from django.urls import reverse
from django.utils import timezone

from indicators.services.auditing import AuditInput, audit_save, report_reopen
from indicators.services.reporting import ReportInput, report_save
from tests.factories import EvidenceRequirementFactory




def _audit(indicator, user, **fields):
    return audit_save(
        indicator=indicator, quarter=1, user=user, expected_version=0,
        data=AuditInput(confirm_without_evidence=True, **fields),
    )  # fmt: skip


def _send_again(indicator, user, version):
    return report_save(
        indicator=indicator, quarter=1, user=user,
        data=ReportInput(progress_percent=D("60"), level_reached=D("3"), narrative="แก้ไขแล้ว ร้อยละ 60"),
        expected_version=version, submit=True, now=timezone.now(),
    )  # fmt: skip


def _audit_form(client, indicator, user):
    client.force_login(user)
    return client.get(reverse("indicators:audit_edit", args=[indicator.pk, 1])).context["form"]


def test_after_a_returned_report_is_sent_again_the_form_offers_the_new_figures(
    client, indicator, sent, staff_user, strategy_user
):
    minutes = EvidenceRequirementFactory(indicator=indicator, description="รายงานการประชุมคณะทำงาน")
    _audit(indicator, strategy_user, status="returned", comment="กรุณาแนบรายงานการประชุม",
           present_requirement_ids=frozenset({minutes.pk}))  # fmt: skip
    sent.refresh_from_db()
    _send_again(indicator, staff_user, sent.version)

    form = _audit_form(client, indicator, strategy_user)

    assert form["verified_progress_percent"].value() == D("60")
    assert form["verified_level"].value() == D("3")
    assert not form["status"].value() and not form["comment"].value()  # a new judgement, not the old one
    assert form["present"].value() == [minutes.pk]  # evidence already found stays ticked
    assert form["version"].value() == 1  # still saved on top of the audit it replaces


def test_after_an_audited_report_is_reopened_and_sent_again_the_form_offers_the_new_figures(
    client, indicator, sent, staff_user, strategy_user
):
    _audit(indicator, strategy_user, status="adjusted", verified_progress_percent=D("20"), comment="ไม่ครบ")
    reopened = report_reopen(report=sent, user=strategy_user, reason="แก้ไขตัวเลข")
    _send_again(indicator, staff_user, reopened.version)

    form = _audit_form(client, indicator, strategy_user)

    assert (form["verified_progress_percent"].value(), form["verified_level"].value()) == (D("60"), D("3"))
    assert not form["status"].value()


def test_an_audit_of_the_current_submission_is_shown_as_saved(client, indicator, sent, strategy_user):
    _audit(indicator, strategy_user, status="adjusted", verified_progress_percent=D("20"), comment="ไม่ครบ")

    form = _audit_form(client, indicator, strategy_user)

    assert (form["status"].value(), form["verified_progress_percent"].value()) == ("adjusted", D("20"))
    assert form["comment"].value() == "ไม่ครบ"


def test_the_page_calls_an_adjustment_of_the_earlier_submission_the_previous_audit(
    client, indicator, sent, staff_user, strategy_user
):
    """The adjusted score (level 4) no longer stands beside the form as if it counted for the new report."""
    _audit(indicator, strategy_user, status="adjusted", verified_level=D("4"), comment="หลักฐานถึงระดับ 4")
    client.force_login(strategy_user)
    url = reverse("indicators:audit_edit", args=[indicator.pk, 1])
    assert "ผลที่ปรับแล้วคิดเป็น" in client.get(url).content.decode()

    reopened = report_reopen(report=sent, user=strategy_user, reason="แก้ไขตัวเลข")
    _send_again(indicator, staff_user, reopened.version)

    page = client.get(url).content.decode()
    assert "ผลที่ปรับแล้วคิดเป็น" not in page
    assert "ผลการตรวจครั้งก่อน (ก่อนหน่วยงานส่งรายงานฉบับนี้)" in page and "หลักฐานถึงระดับ 4" in page
