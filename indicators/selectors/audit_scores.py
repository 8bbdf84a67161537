"""The level and points an auditor weighs: what the agency's reported figures give, and what the
audited figures of an adjustment give, scored by the real scoring rules (indicators.scoring_adapter).
The report form's "ตรวจดูระดับ" shows staff the same for the figures they have typed."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.audit_rules import audit_predates_submission
from indicators.models import AuditStatus, Indicator, QuarterAudit, QuarterlyReport
from indicators.scoring_adapter import figures_scores


@dataclass(frozen=True)
class AuditScores:
    reported: object | None  # scoring.rules.IndicatorScore of the agency's figures, None without any
    audited: object | None  # ...of the adjusted figures, None unless the saved audit adjusted the result


def _audited_figures(audit: QuarterAudit | None, report: QuarterlyReport | None):
    """The figures an adjustment of the current submission sets; a figure it left empty keeps the
    report's (as scoring does). An adjustment of a submission since sent again scores nothing here."""
    if audit is None or audit.status != AuditStatus.ADJUSTED or audit_predates_submission(audit, report):
        return None, None
    value = audit.verified_value if audit.verified_value is not None else getattr(report, "measured_value", None)
    level = audit.verified_level if audit.verified_level is not None else getattr(report, "level_reached", None)
    return value, level


def audit_scores(indicator: Indicator, report: QuarterlyReport | None, audit: QuarterAudit | None) -> AuditScores:
    """The audit form's scores, in a fixed number of queries."""
    reported = (report.measured_value, report.level_reached) if report is not None else (None, None)
    reported_score, audited_score = figures_scores(
        [(indicator, *reported), (indicator, *_audited_figures(audit, report))]
    )
    return AuditScores(reported=reported_score, audited=audited_score)


def reported_scores(reports: list[QuarterlyReport]) -> dict[int, object | None]:
    """What each report's own figures score (report id → score or None), in a fixed number of queries
    however many reports: the queue's level column. Reports come with their indicator loaded."""
    scores = figures_scores((r.indicator, r.measured_value, r.level_reached) for r in reports)
    return {report.pk: score for report, score in zip(reports, scores)}


def figures_score(indicator: Indicator, value, level) -> object | None:
    """What these not yet saved figures would score on the indicator (None without a figure the
    rubric can score), as the audit form scores the saved ones, in a fixed number of queries."""
    return figures_scores([(indicator, value, level)])[0]
