"""One agency's complete set of records, for the access walk and the backup round trip.

Kept here rather than in tests/factories.py: other branches are adding their
own factories for these models right now, and duplicate names would clash.
"""

from decimal import Decimal

from django.core.files.base import ContentFile

from agencies.models import RoleKind
from indicators.models import (
    AgencyPackage,
    AuditChecklistItem,
    AuditStatus,
    EvidenceFile,
    EvidenceRequirement,
    IndicatorBaseline,
    IndicatorComment,
    JointParticipant,
    MilestoneCondition,
    NegotiationStage,
    QuarterAudit,
)
from tests.factories import (
    AgencyFactory,
    IndicatorFactory,
    MissionGroupFactory,
    QuarterlyReportFactory,
    RoleFactory,
    UserFactory,
)

SECRET_INDICATOR = "ตัวชี้วัดลับของหน่วยงานเจ้าของ"
SECRET_NARRATIVE = "รายงานผลที่หน่วยงานอื่นต้องไม่เห็น"
SECRET_EVIDENCE = "หลักฐานลับ-ไตรมาสแรก.pdf"
EVIDENCE_BYTES = b"%PDF-1.4\n% evidence \xe0\xb8\x81\n"


def build_agency_world(fiscal_year, *, code="VICTIM", auditor=None, partner=None) -> dict:
    """An agency with a staff member, an indicator (rubric, baseline, conditions), a report, evidence and an audit."""
    agency = AgencyFactory(code=code, name_th=f"สำนักเจ้าของข้อมูล {code}")
    user = RoleFactory(user=UserFactory(username=f"staff-{code.lower()}"), kind=RoleKind.AGENCY_STAFF, agency=agency).user
    auditor = auditor or UserFactory(username=f"auditor-{code.lower()}")
    indicator = IndicatorFactory(fiscal_year=fiscal_year, agency=agency, name=f"{SECRET_INDICATOR} {code}")
    IndicatorBaseline.objects.create(indicator=indicator, year_be=fiscal_year.year_be - 1, value_text="ร้อยละ ๘๕", value_number=Decimal("85"))
    MilestoneCondition.objects.create(indicator=indicator, percent=Decimal("50"), description="จัดทำแผนแล้วเสร็จ")
    if partner is not None:
        JointParticipant.objects.create(indicator=indicator, agency=partner, duty="สนับสนุนข้อมูล", weight=Decimal("5"))
    report = QuarterlyReportFactory(indicator=indicator, quarter=1, narrative=f"{SECRET_NARRATIVE} {code}", progress_percent=Decimal("25.50"))
    evidence = EvidenceFile.objects.create(
        report=report,
        file=ContentFile(EVIDENCE_BYTES, name=f"{code}-{SECRET_EVIDENCE}"),
        original_name=f"{code}-{SECRET_EVIDENCE}",
        content_type="application/pdf",
        size=len(EVIDENCE_BYTES),
        uploaded_by=user,
    )
    audit = QuarterAudit.objects.create(
        indicator=indicator,
        quarter=1,
        report=report,
        status=AuditStatus.ACCEPTED,
        verified_progress_percent=Decimal("25.50"),
        auditor=auditor,
    )
    requirement = EvidenceRequirement.objects.create(indicator=indicator, order=1, description="รายงานการประชุม")
    AuditChecklistItem.objects.create(audit=audit, requirement=requirement, is_present=True)
    NegotiationStage.objects.get_or_create(fiscal_year=fiscal_year, order=1, defaults={"name": "ส่งร่างตัวชี้วัด"})
    package = AgencyPackage.objects.create(fiscal_year=fiscal_year, agency=agency)
    comment = IndicatorComment.objects.create(indicator=indicator, author=auditor, body="กรุณาปรับค่าเป้าหมาย")
    mission_group = MissionGroupFactory(fiscal_year=fiscal_year, members=[agency])
    return {
        "agency": agency,
        "user": user,
        "indicator": indicator,
        "report": report,
        "evidence": evidence,
        "audit": audit,
        "package": package,
        "comment": comment,
        "mission_group": mission_group,
        "role": user.kpi_roles.first(),
        "markers": [indicator.name, report.narrative, evidence.original_name],
    }
