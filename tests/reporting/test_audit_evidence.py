"""Accepting a report without evidence needs the auditor's explicit word; an adjustment must change a figure."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.models import QuarterAudit
from indicators.services.evidence import EvidenceUpload
from indicators.services.auditing import AuditInput, audit_save
from indicators.services.reporting import ReportInput, report_save

from .conftest import PDF_BYTES, upload

NOW = dt.datetime(2024, 1, 10, 12, tzinfo=ZoneInfo("Asia/Bangkok"))
NO_EVIDENCE = "รายงานนี้ไม่มีไฟล์หลักฐาน หากยอมรับผลตามที่หน่วยงานรายงาน"
SAME_FIGURES = "ผลที่ตรวจแล้วตรงกับที่หน่วยงานรายงานทุกค่า"


def send(indicator, user, *, files=()):
    return report_save(
        indicator=indicator, quarter=1, user=user, expected_version=0, submit=True, now=NOW,
        data=ReportInput(progress_percent=D("30"), level_reached=D("2"), narrative="ทำได้ร้อยละ 30"),
        evidence=[EvidenceUpload(upload(name, PDF_BYTES), "") for name in files],
    )  # fmt: skip


def audit(indicator, user, **fields):
    return audit_save(indicator=indicator, quarter=1, user=user, data=AuditInput(**fields), expected_version=0)


@pytest.fixture
def form_url(client, strategy_user, indicator):
    client.force_login(strategy_user)
    return reverse("indicators:audit_edit", args=[indicator.pk, 1])


# --- Accepting without evidence --------------------------------------------------------------


def test_accepting_a_report_without_evidence_is_refused_unless_confirmed(indicator, staff_user, strategy_user):
    send(indicator, staff_user)

    with pytest.raises(ValidationError) as refused:
        audit(indicator, strategy_user, status="accepted", present_requirement_ids=frozenset())
    assert NO_EVIDENCE in refused.value.message_dict["confirm_without_evidence"][0]
    assert not QuarterAudit.objects.exists()

    saved = audit(indicator, strategy_user, status="accepted", confirm_without_evidence=True)
    assert saved.status == "accepted"


def test_accepting_a_report_with_an_evidence_file_needs_no_confirmation(
    indicator, staff_user, strategy_user, media_files
):
    send(indicator, staff_user, files=["รายงานการประชุม.pdf"])
    assert audit(indicator, strategy_user, status="accepted").status == "accepted"


def test_sending_back_a_report_without_evidence_needs_no_confirmation(indicator, staff_user, strategy_user):
    send(indicator, staff_user)
    saved = audit(indicator, strategy_user, status="returned", comment="กรุณาแนบหลักฐาน")
    assert saved.status == "returned"


def test_the_form_warns_and_names_the_missing_confirmation_beside_its_box(client, form_url, indicator, staff_user):
    send(indicator, staff_user)

    page = client.get(form_url).content.decode()
    assert "รายงานนี้ไม่มีไฟล์หลักฐานแนบมา" in page
    assert 'name="confirm_without_evidence"' in page and "ยืนยันผลโดยไม่มีหลักฐาน" in page

    refused = client.post(form_url, {"version": 0, "status": "accepted"})
    assert refused.status_code == 200
    assert NO_EVIDENCE in refused.context["form"].errors["confirm_without_evidence"][0]
    assert not QuarterAudit.objects.exists()

    accepted = client.post(form_url, {"version": 0, "status": "accepted", "confirm_without_evidence": "on"})
    assert accepted.status_code == 302
    assert QuarterAudit.objects.get().status == "accepted"


def test_with_evidence_the_form_has_neither_warning_nor_box(client, form_url, indicator, staff_user, media_files):
    send(indicator, staff_user, files=["รายงานการประชุม.pdf"])
    page = client.get(form_url).content.decode()
    assert "รายงานนี้ไม่มีไฟล์หลักฐานแนบมา" not in page
    assert 'name="confirm_without_evidence"' not in page


def test_the_api_needs_the_same_confirmation(indicator, staff_user, strategy_user):
    from rest_framework.test import APIClient

    send(indicator, staff_user)
    api = APIClient()
    api.force_authenticate(strategy_user)
    body = {"indicator": indicator.pk, "quarter": 1, "status": "accepted", "expected_version": 0}

    refused = api.post("/api/v1/audits/", body, format="json")
    assert refused.status_code == 400 and "confirm_without_evidence" in refused.json()
    assert api.post("/api/v1/audits/", {**body, "confirm_without_evidence": True}, format="json").status_code == 200


# --- An adjustment that adjusts nothing ------------------------------------------------------


@pytest.mark.parametrize(
    "figures",
    [
        {"verified_progress_percent": D("30")},
        {"verified_progress_percent": D("30.00"), "verified_level": D("2")},
        {"verified_level": D("2.0000")},
    ],
)
def test_an_adjustment_repeating_the_reported_figures_is_refused(indicator, staff_user, strategy_user, figures):
    send(indicator, staff_user)

    with pytest.raises(ValidationError) as refused:
        audit(indicator, strategy_user, status="adjusted", comment="ตรวจแล้ว", **figures)

    message = refused.value.message_dict["status"][0]
    assert SAME_FIGURES in message and "“ยอมรับ”" in message
    assert not QuarterAudit.objects.exists()


def test_an_adjustment_changing_one_figure_is_saved(indicator, staff_user, strategy_user):
    send(indicator, staff_user)
    saved = audit(indicator, strategy_user, status="adjusted", comment="ขั้นตอนที่ 2 ไม่ครบ",
                  verified_progress_percent=D("30"), verified_level=D("1"))  # fmt: skip
    assert saved.verified_level == D("1")


def test_the_form_says_so_beside_the_status(client, form_url, indicator, staff_user):
    send(indicator, staff_user)
    response = client.post(
        form_url, {"version": 0, "status": "adjusted", "verified_progress_percent": "๓๐", "verified_level": "2",
                   "comment": "ตรวจแล้ว"},
    )  # fmt: skip
    assert response.status_code == 200
    assert SAME_FIGURES in response.context["form"].errors["status"][0]
    assert SAME_FIGURES in response.content.decode()
