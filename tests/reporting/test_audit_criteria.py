"""The audit and report forms show what a result is judged against and the evidence agreed on."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from tests.factories import EvidenceRequirementFactory, MilestoneConditionFactory, QuarterlyReportFactory


@pytest.fixture
def agreed(indicator):
    indicator.data_collection = "รายงานการประชุมคณะทำงานทุกไตรมาส"
    indicator.target_text = "ร้อยละ ๑๐๐ (๓๖๐ ห้อง)"
    indicator.save()
    EvidenceRequirementFactory(indicator=indicator, order=1, description="สำเนาคำสั่งแต่งตั้งคณะทำงาน")
    MilestoneConditionFactory(indicator=indicator, percent=D("60"), description="ซ่อมแซมแล้วเสร็จ ๒๑๖ ห้อง")
    return indicator


def test_the_audit_form_shows_the_rubric_target_conditions_and_agreed_evidence(client, agreed, strategy_user):
    QuarterlyReportFactory(indicator=agreed, quarter=1, status="submitted", submitted_at=dt.datetime(2024, 1, 5, tzinfo=dt.timezone.utc))
    client.force_login(strategy_user)

    body = client.get(reverse("indicators:audit_edit", args=[agreed.pk, 1])).content.decode()

    for level in (5, 4, 3, 2, 1):
        assert f"ดำเนินการตามแผนฯ ร้อยละ {level * 20}" in body  # each rubric level's criterion
    assert "ร้อยละ ๑๐๐ (๓๖๐ ห้อง)" in body
    assert "ซ่อมแซมแล้วเสร็จ ๒๑๖ ห้อง" in body
    assert "รายงานการประชุมคณะทำงานทุกไตรมาส" in body
    assert "สำเนาคำสั่งแต่งตั้งคณะทำงาน" in body


def test_the_report_form_lists_the_evidence_to_attach(client, agreed, staff_user):
    client.force_login(staff_user)

    body = client.get(reverse("indicators:report_edit", args=[agreed.pk, 1])).content.decode()

    assert "รายงานการประชุมคณะทำงานทุกไตรมาส" in body
    assert "สำเนาคำสั่งแต่งตั้งคณะทำงาน" in body
