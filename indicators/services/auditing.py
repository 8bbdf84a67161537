"""The strategy office's side of a quarterly report: reopen it for the agency, audit it.

Like the agency's writes (reporting.py), every audit carries the versions the auditor read: an
audit or report changed since is refused, never silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.permissions import can_audit
from indicators.figures import figures_for
from indicators.models import AuditChecklistItem, AuditStatus, Indicator, QuarterAudit, QuarterlyReport, ReportStatus
from kpi_portal.validators import PERCENT_RANGE, says_nothing

from .reporting import ReportStateError, StaleReportError, refuse_unused_figures


@dataclass(frozen=True)
class AuditInput:
    status: str
    verified_progress_percent: Decimal | None = None
    verified_value: Decimal | None = None
    verified_level: Decimal | None = None
    comment: str = ""
    present_requirement_ids: frozenset[int] = field(default_factory=frozenset)
    # The auditor's explicit word that the result is accepted although the report has no evidence file.
    confirm_without_evidence: bool = False



NOT_READY_FOR_AUDIT = gettext_lazy("ตรวจประเมินได้เมื่อหน่วยงานส่งรายงานไตรมาสนี้แล้วเท่านั้น")


def is_ready_for_audit(report: QuarterlyReport | None) -> bool:
    """The strategy office audits a quarter the agency has submitted (not a draft, not one sent back)."""
    return report is not None and report.status == ReportStatus.SUBMITTED


def audit_refusal(user, report: QuarterlyReport | None) -> Exception | None:
    """Why the user may not audit this quarter's report, or None: the strategy office audits it once ready."""
    if not can_audit(user):
        return PermissionDenied(_("เฉพาะ สยป. เท่านั้นที่ตรวจประเมินผลได้"))
    if not is_ready_for_audit(report):
        return ReportStateError(NOT_READY_FOR_AUDIT)
    return None


def may_audit(user, report: QuarterlyReport | None) -> bool:
    return audit_refusal(user, report) is None


def reopen_refusal(user, report: QuarterlyReport | None) -> Exception | None:
    """Why the user may not reopen this report for the agency, or None: the strategy office reopens a
    submitted report."""
    if not can_audit(user):
        return PermissionDenied(_("เฉพาะ สยป. เท่านั้นที่เปิดรายงานที่ส่งแล้วให้แก้ไขได้"))
    if report is None or report.status != ReportStatus.SUBMITTED:
        return ReportStateError(_("เปิดให้แก้ไขได้เฉพาะรายงานที่ส่งแล้ว"))
    return None


def may_reopen(user, report: QuarterlyReport | None) -> bool:
    return reopen_refusal(user, report) is None


@transaction.atomic
def report_reopen(
    *, report: QuarterlyReport, user, reason: str = "", expected_version: int | None = None
) -> QuarterlyReport:
    """Let the agency correct a submitted report again, as reopen_refusal allows. With `expected_version`
    (the version the caller read), a report saved since is refused (StaleReportError)."""
    report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    # Stale first, as in audit_save: a colleague's reopen since the page was read is news to the
    # caller, not a plain "only sent reports" refusal.
    if expected_version is not None and report.version != expected_version and can_audit(user):
        raise StaleReportError(report, None)
    if refusal := reopen_refusal(user, report):
        raise refusal
    report.status = ReportStatus.REOPENED
    report.version += 1
    report.updated_by = user
    report._change_reason = reason or _("สยป. เปิดให้แก้ไข")
    report.save()
    return report


# --- Audit -----------------------------------------------------------------------------------


class StaleAuditError(Exception):
    def __init__(self, audit: QuarterAudit):
        super().__init__(
            _("บันทึกไม่สำเร็จ: มีผู้ตรวจอีกท่านบันทึกผลการตรวจไตรมาสนี้ก่อน โปรดเทียบกับผลที่บันทึกไว้แล้วบันทึกอีกครั้ง")
        )
        self.audit = audit


@transaction.atomic
def audit_save(
    *,
    indicator: Indicator,
    quarter: int,
    user,
    data: AuditInput,
    expected_version: int,
    expected_report_version: int | None = None,
) -> QuarterAudit:
    """Record the strategy office's verified result, as audit_refusal allows; 'returned' reopens the report.

    `expected_version` is the audit's version the auditor read; with `expected_report_version` (the
    report's), a report reopened (and perhaps sent again) since is refused too (StaleReportError): the
    audit would otherwise judge figures the auditor never saw."""
    report = QuarterlyReport.objects.select_for_update().filter(indicator=indicator, quarter=quarter).first()
    moved_on = report is not None and expected_report_version is not None and report.version != expected_report_version
    # Before readiness: a report reopened since the page was read is no longer ready either, and 'it
    # changed since you opened the page' is what tells the auditor their input was not saved.
    if moved_on and can_audit(user):
        raise StaleReportError(report, None)
    if refusal := audit_refusal(user, report):
        raise refusal
    audit = QuarterAudit.objects.select_for_update().filter(indicator=indicator, quarter=quarter).first()
    current_version = audit.version if audit else 0
    if current_version != expected_version:
        raise StaleAuditError(audit)
    _check_audit_input(data)
    _check_checklist(indicator, data.present_requirement_ids)
    _check_evidence_confirmed(data, report)
    _check_adjustment_changes(data, report)
    refuse_unused_figures(
        indicator, value=data.verified_value, level=data.verified_level, fields=("verified_value", "verified_level")
    )
    if audit is None:
        audit = QuarterAudit(indicator=indicator, quarter=quarter, version=0)
    audit.report = report
    audit.status = data.status
    audit.comment = data.comment.strip()
    audit.auditor = user
    audit.verified_progress_percent = data.verified_progress_percent
    audit.verified_value = data.verified_value
    audit.verified_level = data.verified_level
    if data.status == AuditStatus.ACCEPTED:
        # Accepting confirms the agency's own figures; keep those the rubric scores as the verified record.
        audit.verified_progress_percent = audit.verified_value = audit.verified_level = None
    if data.status in (AuditStatus.ACCEPTED, AuditStatus.ADJUSTED):
        _keep_reported_figures(audit, report, indicator)
    audit.version += 1
    audit.full_clean()
    audit.save()
    _save_checklist(audit, indicator, data.present_requirement_ids)
    if data.status == AuditStatus.RETURNED:
        report.status = ReportStatus.REOPENED
        report.version += 1
        report._change_reason = _("สยป. ส่งกลับให้แก้ไข")
        report.save()
    return audit


def _keep_reported_figures(audit: QuarterAudit, report: QuarterlyReport, indicator: Indicator) -> None:
    """Fill each figure the audit leaves empty with the report's figure as the auditor saw it.

    The report row changes in place when สยป. reopens it: a figure read from it later would be
    the agency's unsent correction, counted as audited. Only figures the rubric scores are kept.
    """
    figures = figures_for(indicator.rubric_kind)
    if audit.verified_progress_percent is None:
        audit.verified_progress_percent = report.progress_percent
    if audit.verified_value is None and figures.value:
        audit.verified_value = report.measured_value
    if audit.verified_level is None and figures.level:
        audit.verified_level = report.level_reached


def _save_checklist(audit: QuarterAudit, indicator: Indicator, present_ids) -> None:
    """One checklist item per evidence requirement; only new or changed items are written (and so
    only they leave a history row)."""
    existing = {item.requirement_id: item for item in audit.checklist.order_by()}
    for requirement_id in indicator.evidence_requirements.order_by().values_list("pk", flat=True):
        present = requirement_id in present_ids
        item = existing.get(requirement_id)
        if item is None:
            AuditChecklistItem.objects.create(audit=audit, requirement_id=requirement_id, is_present=present)
        elif item.is_present != present:
            item.is_present = present
            item.save(update_fields=["is_present"])


def _check_checklist(indicator: Indicator, present_ids) -> None:
    """Ticks name this indicator's evidence requirements only: a tick on another one would be dropped unseen."""
    unknown = set(present_ids) - set(indicator.evidence_requirements.values_list("pk", flat=True))
    if unknown:
        raise ValidationError(
            {
                "present_requirement_ids": _("หลักฐานรหัส %(ids)s ไม่ใช่หลักฐานที่ตัวชี้วัดนี้กำหนด")
                % {"ids": ", ".join(str(pk) for pk in sorted(unknown))}
            }
        )


def _check_audit_input(data: AuditInput) -> None:
    if data.status not in AuditStatus.values:
        raise ValidationError({"status": _("กรุณาเลือกผลการตรวจ")})
    verified = (data.verified_progress_percent, data.verified_value, data.verified_level)
    if data.status == AuditStatus.ADJUSTED and all(v is None for v in verified):
        raise ValidationError(
            {"verified_progress_percent": _("ปรับผลต้องระบุผลที่ตรวจแล้วอย่างน้อยหนึ่งค่า (ร้อยละ ค่าที่วัดได้ หรือระดับ)")}
        )
    if data.status in (AuditStatus.ADJUSTED, AuditStatus.RETURNED) and says_nothing(data.comment):
        raise ValidationError({"comment": _("กรุณาให้ความเห็นเพื่อให้หน่วยงานทราบเหตุผล")})
    if data.verified_progress_percent is not None and not (0 <= data.verified_progress_percent <= 100):
        raise ValidationError({"verified_progress_percent": PERCENT_RANGE})


NO_EVIDENCE_WARNING = gettext_lazy(
    "รายงานนี้ไม่มีไฟล์หลักฐานแนบมา หากจะยอมรับผลตามที่หน่วยงานรายงาน "
    "ต้องทำเครื่องหมาย “ยืนยันผลโดยไม่มีหลักฐาน” ด้านล่างก่อนบันทึก"
)
NO_EVIDENCE_REFUSAL = gettext_lazy(
    "รายงานนี้ไม่มีไฟล์หลักฐาน หากยอมรับผลตามที่หน่วยงานรายงาน กรุณาทำเครื่องหมาย “ยืนยันผลโดยไม่มีหลักฐาน” "
    "หรือส่งกลับให้หน่วยงานแนบหลักฐาน"
)


def report_has_evidence(report: QuarterlyReport | None) -> bool:
    """Whether the agency attached any evidence file to the report."""
    return report is not None and report.evidence.exists()


def _check_evidence_confirmed(data: AuditInput, report: QuarterlyReport) -> None:
    """Accepting a report without any evidence file needs the auditor's explicit confirmation."""
    if data.status == AuditStatus.ACCEPTED and not data.confirm_without_evidence and not report_has_evidence(report):
        raise ValidationError({"confirm_without_evidence": NO_EVIDENCE_REFUSAL})


def _check_adjustment_changes(data: AuditInput, report: QuarterlyReport) -> None:
    """An adjustment must change a figure: one that repeats the report is an acceptance (a figure
    left empty keeps the report's)."""
    if data.status != AuditStatus.ADJUSTED:
        return
    pairs = (
        (data.verified_progress_percent, report.progress_percent),
        (data.verified_value, report.measured_value),
        (data.verified_level, report.level_reached),
    )
    if all(verified is None or verified == reported for verified, reported in pairs):
        raise ValidationError(
            {
                "status": _(
                    "ผลที่ตรวจแล้วตรงกับที่หน่วยงานรายงานทุกค่า ไม่มีค่าใดถูกปรับ "
                    "หากผลถูกต้อง กรุณาเลือก “ยอมรับ” เพื่อยืนยันผลตามที่หน่วยงานรายงาน"
                )
            }
        )
