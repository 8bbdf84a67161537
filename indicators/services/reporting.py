"""Quarterly reports: save a draft, submit (late or on time), reopen, audit (evidence files: evidence.py).

Every write carries the version the user's form was based on. A stale write is refused and
what the user typed is kept as a ReportConflict row, so nothing typed is ever discarded.
The clock is passed in (`now=`) so lateness is testable; it defaults to timezone.now().
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.permissions import can_audit, can_edit_report

from .evidence import EvidenceUpload, check_evidence_upload, delete_stored, remove_evidence, store_evidence
from indicators.figures import figures_for, missing_figure_errors, unused_figure_errors
from indicators.models import (
    AuditChecklistItem,
    AuditStatus,
    Indicator,
    IndicatorStatus,
    QuarterAudit,
    QuarterlyReport,
    ReportConflict,
    ReportingQuarter,
    ReportStatus,
)

EDITABLE_STATES = (ReportStatus.DRAFT, ReportStatus.REOPENED)


@dataclass(frozen=True)
class ReportInput:
    """What the agency types for one quarter."""

    progress_percent: Decimal | None = None
    measured_value: Decimal | None = None
    level_reached: Decimal | None = None
    narrative: str = ""


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


class ReportStateError(ValidationError):
    """The report's state does not allow the step (sent, not yet sent): a form shows it like any other
    refusal; the API answers 409, as for a package transition the state does not allow."""


class StaleReportError(Exception):
    """Someone saved the report after this user opened it; their text is kept in `conflict`."""

    def __init__(self, report: QuarterlyReport, conflict: ReportConflict | None):
        super().__init__(_("มีผู้อื่นบันทึกรายงานนี้หลังจากที่ท่านเปิดแบบฟอร์ม"))
        self.report = report
        self.conflict = conflict


# Lazy: a module-level string translated at import would stay in the language of the first request.
STALE_MESSAGE = gettext_lazy(
    "บันทึกไม่สำเร็จ: มีผู้อื่นแก้ไขรายงานนี้หลังจากที่ท่านเปิดแบบฟอร์ม ข้อความที่ท่านพิมพ์ถูกเก็บไว้แล้ว "
    "โปรดเทียบกับฉบับที่บันทึกล่าสุดด้านล่าง ปรับให้ตรงกัน แล้วบันทึกอีกครั้ง"
)


# --- Deadlines -------------------------------------------------------------------------------


def quarter_deadline(*, indicator: Indicator, quarter: int) -> dt.date | None:
    """The report deadline the fiscal year sets for this quarter (None if the year has none)."""
    return (
        ReportingQuarter.objects.filter(fiscal_year_id=indicator.fiscal_year_id, quarter=quarter)
        .order_by()
        .values_list("report_deadline", flat=True)
        .first()
    )


def is_after_deadline(*, deadline: dt.date | None, now: dt.datetime) -> bool:
    """Late means submitted on a (Bangkok) day after the deadline day; the deadline day itself is on time."""
    if deadline is None:
        return False
    return timezone.localdate(now) > deadline


# --- Reports ---------------------------------------------------------------------------------


def report_save(
    *,
    indicator: Indicator,
    quarter: int,
    user,
    data: ReportInput,
    expected_version: int,
    submit: bool = False,
    evidence: Sequence[EvidenceUpload] = (),
    remove_evidence_ids: Sequence[int] = (),
    now: dt.datetime | None = None,
) -> QuarterlyReport:
    """Save the agency's figures (and evidence) as a draft, optionally submitting them.

    `expected_version` is the report version the form was built from (0 for a new report).
    Raises ValidationError (Thai messages by field) and leaves everything as it was, or
    StaleReportError after keeping the user's text as a ReportConflict.
    """
    now = now or timezone.now()
    _check_can_edit(user=user, indicator=indicator, quarter=quarter)
    check_report_figures(indicator=indicator, data=data)
    kinds = [check_evidence_upload(upload.file) for upload in evidence]  # refuse bad files before any write
    stored: list[str] = []
    try:
        outcome = _report_save_locked(
            indicator=indicator,
            quarter=quarter,
            user=user,
            data=data,
            expected_version=expected_version,
            submit=submit,
            evidence=list(zip(evidence, kinds)),
            remove_evidence_ids=remove_evidence_ids,
            now=now,
            stored=stored,
        )
    except BaseException:
        delete_stored(stored)
        raise
    if isinstance(outcome, StaleReportError):
        raise outcome
    return outcome


@transaction.atomic
def _report_save_locked(
    *, indicator, quarter, user, data, expected_version, submit, evidence, remove_evidence_ids, now, stored
):
    report = _lock_report(indicator=indicator, quarter=quarter)
    if report is None:
        report = _create_report(indicator=indicator, quarter=quarter, user=user)
        if report is None:  # someone created it in the same instant
            report = _lock_report(indicator=indicator, quarter=quarter)
        elif expected_version == 0:
            expected_version = report.version
    if report.version != expected_version:
        return StaleReportError(report, _keep_conflict(report=report, user=user, data=data, based_on=expected_version))
    if report.status not in EDITABLE_STATES:
        raise ReportStateError(_("รายงานไตรมาสนี้ส่งแล้ว แก้ไขได้เมื่อ สยป. เปิดให้แก้ไขเท่านั้น"))
    report.progress_percent = data.progress_percent
    report.measured_value = data.measured_value
    report.level_reached = data.level_reached
    report.narrative = data.narrative.strip()
    report.updated_by = user
    report.version += 1
    remove_evidence(report=report, ids=remove_evidence_ids)
    for upload, kind in evidence:
        stored.append(store_evidence(report=report, user=user, upload=upload, kind=kind).file.name)
    if submit:
        _check_complete(report)
        report.is_late = report.is_late or (
            report.submitted_at is None
            and is_after_deadline(deadline=quarter_deadline(indicator=indicator, quarter=quarter), now=now)
        )
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = now
        report.submitted_by = user
    report.full_clean()
    report.save()
    # Saving on top of the current version is how a user reconciles their kept text.
    ReportConflict.objects.filter(report=report, author=user, resolved_at__isnull=True).update(resolved_at=now)
    return report


SENT_MEANWHILE_MESSAGE = gettext_lazy(
    "บันทึกไม่สำเร็จ: รายงานไตรมาสนี้ถูกส่งแล้วหลังจากที่ท่านเปิดแบบฟอร์ม ข้อความที่ท่านพิมพ์ถูกเก็บไว้ด้านล่าง "
    "หากต้องแก้ไขรายงานที่ส่งแล้ว โปรดขอให้ สยป. เปิดให้แก้ไข"
)


def report_keep_unsent(*, report: QuarterlyReport, user, data: ReportInput, based_on: int) -> ReportConflict | None:
    """Keep what a user typed on a form opened before the report was sent (from another tab or by a
    colleague): the sent report stays as it is, and the text waits for them as a ReportConflict."""
    _check_can_edit(user=user, indicator=report.indicator, quarter=report.quarter)
    return _keep_conflict(report=report, user=user, data=data, based_on=based_on)


def _lock_report(*, indicator, quarter) -> QuarterlyReport | None:
    return QuarterlyReport.objects.select_for_update().filter(indicator=indicator, quarter=quarter).first()


def _create_report(*, indicator, quarter, user) -> QuarterlyReport | None:
    try:
        with transaction.atomic():
            return QuarterlyReport.objects.create(indicator=indicator, quarter=quarter, updated_by=user, version=0)
    except IntegrityError:
        return None


def _keep_conflict(*, report, user, data: ReportInput, based_on: int) -> ReportConflict | None:
    if _same_as_saved(report, data):
        return None
    return ReportConflict.objects.create(
        report=report,
        author=user,
        based_on_version=based_on,
        progress_percent=data.progress_percent,
        measured_value=data.measured_value,
        level_reached=data.level_reached,
        narrative=data.narrative,
    )


def _same_as_saved(report: QuarterlyReport, data: ReportInput) -> bool:
    return (
        report.progress_percent == data.progress_percent
        and report.measured_value == data.measured_value
        and report.level_reached == data.level_reached
        and report.narrative == data.narrative.strip()
    )


def may_report_on(user, indicator: Indicator) -> bool:
    """The agency's own people report on its indicators once they are final (approved)."""
    return can_edit_report(user, indicator) and indicator.status == IndicatorStatus.APPROVED


def may_edit_report(user, indicator: Indicator, report: QuarterlyReport | None) -> bool:
    """...and a quarter's report while it is new, a draft, or reopened by the strategy office."""
    return may_report_on(user, indicator) and (report is None or report.status in EDITABLE_STATES)


def _check_can_edit(*, user, indicator: Indicator, quarter: int) -> None:
    # The same rule as may_report_on, one reason at a time.
    if not can_edit_report(user, indicator):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ของหน่วยงานเจ้าของตัวชี้วัดเท่านั้นที่รายงานผลได้"))
    if indicator.status != IndicatorStatus.APPROVED:
        raise ValidationError(_("รายงานผลได้เฉพาะตัวชี้วัดที่อนุมัติแล้ว (ถือเป็นข้อยุติ)"))
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(_("ไตรมาสต้องเป็น ๑ ถึง ๔"))


def check_report_figures(*, indicator: Indicator, data: ReportInput) -> None:
    """Refuse, as report_save would, figures the indicator's rubric does not score, saving nothing:
    the report form checks typed figures this way before showing the level they would give."""
    _check_figures(
        indicator, value=data.measured_value, level=data.level_reached, fields=("measured_value", "level_reached")
    )


def _check_figures(indicator: Indicator, *, value, level, fields: tuple[str, str]) -> None:
    """Refuse a figure the indicator's rubric does not score: kept, it would look counted but never be."""
    errors = unused_figure_errors(
        indicator.rubric_kind, value=value, level=level, value_field=fields[0], level_field=fields[1]
    )
    if errors:
        raise ValidationError(errors)


def _check_complete(report: QuarterlyReport) -> None:
    """A submission needs the cumulative %, the figure the rubric scores, and a narrative."""
    errors = {}
    if report.progress_percent is None:
        errors["progress_percent"] = _("กรุณากรอกผลงานสะสม (ร้อยละ) ก่อนส่งรายงาน")
    errors.update(
        missing_figure_errors(
            report.indicator.rubric_kind,
            value=report.measured_value,
            level=report.level_reached,
            value_field="measured_value",
            level_field="level_reached",
        )
    )
    if not report.narrative:
        errors["narrative"] = _("กรุณาบรรยายผลการดำเนินงานก่อนส่งรายงาน")
    if errors:
        raise ValidationError(errors)


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
    if refusal := reopen_refusal(user, report):
        raise refusal
    if expected_version is not None and report.version != expected_version:
        raise StaleReportError(report, None)
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
    _check_figures(
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
    if data.status in (AuditStatus.ADJUSTED, AuditStatus.RETURNED) and not data.comment.strip():
        raise ValidationError({"comment": _("กรุณาให้ความเห็นเพื่อให้หน่วยงานทราบเหตุผล")})
    if data.verified_progress_percent is not None and not (0 <= data.verified_progress_percent <= 100):
        raise ValidationError({"verified_progress_percent": _("ร้อยละต้องอยู่ระหว่าง ๐ ถึง ๑๐๐")})


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
