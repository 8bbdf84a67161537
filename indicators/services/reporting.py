"""Quarterly reports: save a draft, submit (late or on time) (evidence files: evidence.py; reopening
and auditing by the strategy office: auditing.py).

Every write carries the version the user's form was based on. A stale write is refused and
what the user typed is kept as a ReportConflict row, so nothing typed is ever discarded.
The clock is passed in (`now=`) so lateness is testable; it defaults to timezone.now().
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.permissions import can_edit_report

from .evidence import EvidenceUpload, check_evidence_upload, delete_stored, remove_evidence, store_evidence
from indicators.figures import missing_figure_errors, unused_figure_errors
from indicators.models import (
    Indicator,
    IndicatorStatus,
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
    refuse_unused_figures(
        indicator, value=data.measured_value, level=data.level_reached, fields=("measured_value", "level_reached")
    )


def refuse_unused_figures(indicator: Indicator, *, value, level, fields: tuple[str, str]) -> None:
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
