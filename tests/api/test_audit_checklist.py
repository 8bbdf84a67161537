"""The audit's evidence checklist through the API: ticks name the audited indicator's own requirements."""

import pytest

from indicators.models import AuditChecklistItem, AuditStatus, QuarterAudit
from tests.factories import EvidenceRequirementFactory

from .conftest import submit_own_report

pytestmark = pytest.mark.django_db


def submitted_audit(world, api, **extra):
    submit_own_report(world, api)
    return {"indicator": world.own_approved.pk, "quarter": 1, "status": AuditStatus.ACCEPTED, "expected_version": 0,
            "confirm_without_evidence": True, **extra}  # fmt: skip


def test_a_tick_on_another_indicators_evidence_is_refused_and_nothing_is_audited(world, api):
    own = EvidenceRequirementFactory(indicator=world.own_approved, order=1, description="รายงานการประชุม")
    foreign = EvidenceRequirementFactory(indicator=world.other_draft, order=1, description="ภาพถ่าย")
    audit = submitted_audit(world, api, present_requirement_ids=[own.pk, foreign.pk])

    response = api.as_user(world.strategy).post("/api/v1/audits/", audit, format="json")

    assert response.status_code == 400
    assert response.json() == {"present_requirement_ids": [f"หลักฐานรหัส {foreign.pk} ไม่ใช่หลักฐานที่ตัวชี้วัดนี้กำหนด"]}
    assert not QuarterAudit.objects.filter(indicator=world.own_approved).exists()


def test_ticks_on_the_indicators_own_evidence_are_kept(world, api):
    first = EvidenceRequirementFactory(indicator=world.own_approved, order=1, description="รายงานการประชุม")
    second = EvidenceRequirementFactory(indicator=world.own_approved, order=2, description="ภาพถ่าย")
    audit = submitted_audit(world, api, present_requirement_ids=[second.pk])

    response = api.as_user(world.strategy).post("/api/v1/audits/", audit, format="json")

    assert response.status_code == 200, response.json()
    ticks = dict(AuditChecklistItem.objects.filter(audit_id=response.json()["id"]).values_list("requirement", "is_present"))
    assert ticks == {first.pk: False, second.pk: True}
