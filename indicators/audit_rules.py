"""When the strategy office's audit counts: one rule for scores, progress rows, dashboards and the audit queue.

An accepted or adjusted audit verifies the submission it looked at. When สยป. reopens the report
and the agency sends it again, the new figures have not been verified: the old audit no longer
counts (nor reads as "audited") until สยป. audits again, and the new submission counts as the
agency's own result meanwhile. While the report is open for correction and not yet sent again,
the audit still counts: half-corrected figures never do.
"""

from __future__ import annotations

from django.db.models import F, Q

from indicators.models import AuditStatus

COUNTED_AUDIT_STATUSES = (AuditStatus.ACCEPTED, AuditStatus.ADJUSTED)


def audit_counts(audit, report) -> bool:
    """Whether `audit` (of `report`'s indicator and quarter) is the result that counts."""
    if audit is None or audit.status not in COUNTED_AUDIT_STATUSES:
        return False
    submitted_at = report.submitted_at if report is not None else None
    return submitted_at is None or audit.audited_at is None or audit.audited_at >= submitted_at


def audit_predates_submission(audit, report) -> bool:
    """Whether the agency sent `report` again after `audit` was saved: the audit judged figures that are gone."""
    if audit is None or report is None or report.submitted_at is None or audit.audited_at is None:
        return False
    return audit.audited_at < report.submitted_at


def counted_audits() -> Q:
    """The same rule as a filter on QuarterAudit rows."""
    return Q(status__in=COUNTED_AUDIT_STATUSES) & (
        Q(report__submitted_at__isnull=True) | Q(audited_at__gte=F("report__submitted_at"))
    )
