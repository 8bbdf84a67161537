"""Reads for quarterly progress: each indicator's quarters, plan, result used and early warning.

`indicator_progress_list` loads any number of indicators in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from indicators import plan
from indicators.audit_rules import audit_counts, audit_predates_submission
from indicators.models import (
    EvidenceFile,
    EvidenceRequirement,
    Indicator,
    MilestoneCondition,
    Project,
    ProjectStep,
    QuarterAudit,
    QuarterlyReport,
    ReportConflict,
    ReportingQuarter,
    ReportStatus,
    RubricLevel,
)

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class ResultUsed:
    """The figures that count for a quarter: the audit's where it verified them, else the agency's own."""

    progress_percent: Decimal | None = None
    measured_value: Decimal | None = None
    level_reached: Decimal | None = None
    source: str | None = None  # "audit", "self" or None when nothing is reported yet

    @property
    def is_audited(self) -> bool:
        return self.source == "audit"


def result_used(report: QuarterlyReport | None, audit: QuarterAudit | None) -> ResultUsed:
    """The same rule the scores follow (scoring.selectors.pick_result): an accepted or adjusted audit
    overrides the report field by field, an empty audit field keeping the audited report's figure;
    without one, only a submitted report counts. Drafts and reports reopened for correction count
    for nothing until they are sent again: their figures may be half-corrected. An audit stops
    counting once the report is sent again after it (indicators.audit_rules)."""
    if audit_counts(audit, report):
        return ResultUsed(
            progress_percent=_first(audit.verified_progress_percent, report and report.progress_percent),
            measured_value=_first(audit.verified_value, report and report.measured_value),
            level_reached=_first(audit.verified_level, report and report.level_reached),
            source="audit",
        )
    if report is None or report.status != ReportStatus.SUBMITTED:
        return ResultUsed()
    return ResultUsed(report.progress_percent, report.measured_value, report.level_reached, "self")


def _first(*values):
    for value in values:
        if value is not None:
            return value
    return None


# The status badge's colour per QuarterRow.status_key (the others have none).
STATUS_TONES = {"overdue": "bad", "audited": "ok", "submitted": "ok", "reopened": "warn"}


@dataclass
class QuarterRow:
    quarter: int
    deadline: dt.date | None
    report: QuarterlyReport | None
    audit: QuarterAudit | None
    planned: Decimal | None
    used: ResultUsed
    overdue: bool  # deadline passed and never submitted

    @property
    def late(self) -> bool:
        return self.overdue or bool(self.report and self.report.is_late)

    @property
    def submitted(self) -> bool:
        return bool(self.report and self.report.status == ReportStatus.SUBMITTED)

    @property
    def status_label(self) -> str:
        if self.overdue:
            return _("ค้างส่ง")
        if self.report is None:
            return _("ยังไม่รายงาน")
        if self.submitted and audit_counts(self.audit, self.report):
            return _("สยป. ตรวจแล้ว (%(outcome)s)") % {"outcome": self.audit.get_status_display()}
        return self.report.get_status_display()

    @property
    def status_key(self) -> str:
        if self.overdue:
            return "overdue"
        if self.report is None:
            return "not_started"
        if self.submitted and audit_counts(self.audit, self.report):
            return "audited"
        return self.report.status

    @property
    def status_tone(self) -> str:
        """The status badge's colour class: bad (ค้างส่ง), ok (sent or audited), warn (reopened), or none."""
        return STATUS_TONES.get(self.status_key, "")


@dataclass
class IndicatorProgress:
    indicator: Indicator
    quarters: list[QuarterRow]
    curve: list[Decimal] | None
    due_quarter: int
    risk: plan.RiskAssessment
    latest_quarter: int | None  # last quarter with a result that counts
    has_steps: bool = False
    score: object | None = None
    quarter_scores: dict = field(default_factory=dict)  # quarter → score after it (indicator page only)
    mission_groups: list = field(default_factory=list)

    @property
    def due(self) -> QuarterRow:
        return self.quarters[self.due_quarter - 1]

    @property
    def latest(self) -> QuarterRow | None:
        return self.quarters[self.latest_quarter - 1] if self.latest_quarter else None

    @property
    def plan_source(self) -> str | None:
        if self.curve is None:
            return None
        return "steps" if self.has_steps else "conditions"


def indicator_progress_list(indicators: QuerySet[Indicator], *, today: dt.date) -> list[IndicatorProgress]:
    """Progress rows for any number of indicators in a fixed number of queries.

    Reports, audits, steps and conditions are loaded by indicator id and grouped here:
    per-instance prefetching costs more Python time than the queries at city scale.
    """
    items = list(indicators.select_related("agency", "agency__district_group", "element", "fiscal_year"))
    # The ids already loaded, not the indicator query again as a subquery: cheaper to build and to run.
    ids = [indicator.pk for indicator in items]
    # Grouped by indicator and quarter below, so no ORDER BY.
    reports = _by_indicator(QuarterlyReport.objects.filter(indicator__in=ids).order_by())
    audits = _by_indicator(QuarterAudit.objects.filter(indicator__in=ids).order_by())
    steps: dict[int, dict[int, list[plan.PlanStep]]] = {}
    for indicator_id, project_id, weight, start, end in (
        ProjectStep.objects.filter(project__indicator__in=ids)
        .order_by("project__order", "project_id", "order")
        .values_list("project__indicator_id", "project_id", "weight", "start_month", "end_month")
    ):
        steps.setdefault(indicator_id, {}).setdefault(project_id, []).append(plan.PlanStep(weight, start, end))
    conditions: dict[int, list[Decimal]] = {}
    condition_rows = (
        MilestoneCondition.objects.filter(indicator__in=ids).order_by("percent").values_list("indicator_id", "percent")
    )
    for indicator_id, percent in condition_rows:
        conditions.setdefault(indicator_id, []).append(percent)
    deadlines = _deadlines({i.fiscal_year_id for i in items})
    return [
        _progress(
            indicator,
            deadlines.get(indicator.fiscal_year_id, {}),
            today,
            reports=reports.get(indicator.pk, {}),
            audits=audits.get(indicator.pk, {}),
            projects=list(steps.get(indicator.pk, {}).values()),
            conditions=conditions.get(indicator.pk, []),
        )
        for indicator in items
    ]


def _by_indicator(queryset) -> dict[int, dict[int, object]]:
    grouped: dict[int, dict[int, object]] = {}
    for row in queryset:
        grouped.setdefault(row.indicator_id, {})[row.quarter] = row
    return grouped


def progress_of(indicator: Indicator, *, today: dt.date) -> IndicatorProgress:
    """One indicator's progress row, without scores (the report form)."""
    return indicator_progress_list(Indicator.objects.filter(pk=indicator.pk).order_by(), today=today)[0]


def indicator_progress(indicator: Indicator, *, today: dt.date) -> IndicatorProgress:
    """One indicator's progress with its provisional scores (now and after each quarter) from the scoring service."""
    from indicators.scoring_adapter import provisional_quarter_scores

    progress = progress_of(indicator, today=today)
    progress.quarter_scores = provisional_quarter_scores(indicator=progress.indicator)
    progress.score = progress.quarter_scores[progress.latest_quarter]
    return progress


def _deadlines(fiscal_year_ids) -> dict[int, dict[int, ReportingQuarter]]:
    result: dict[int, dict[int, ReportingQuarter]] = {}
    for rq in ReportingQuarter.objects.filter(fiscal_year_id__in=fiscal_year_ids).order_by():
        result.setdefault(rq.fiscal_year_id, {})[rq.quarter] = rq
    return result


def due_quarter(quarters: dict[int, ReportingQuarter], today: dt.date) -> int:
    """The quarter whose report is due next: Q1 is still 'this quarter' in early January, before its deadline."""
    started = [q for q in QUARTERS if q in quarters and quarters[q].start_date <= today]
    if not started:
        return 1
    for q in started:
        if quarters[q].report_deadline >= today:
            return q
    return started[-1]


def due_quarter_label(*, start: dt.date, end: dt.date, today: dt.date) -> str:
    """What to call the quarter due_quarter() picks in a year running `start`–`end`, seen on `today`:
    the current quarter while the year runs, its last quarter once it is over, its first before it starts."""
    if today < start:
        return _("ไตรมาสแรกของปี")
    if today > end:
        return _("ไตรมาสล่าสุดของปี")
    return _("ไตรมาสปัจจุบัน")


def _progress(
    indicator: Indicator, quarters: dict[int, ReportingQuarter], today: dt.date, *, reports, audits, projects, conditions
):
    curve = plan.planned_curve(projects, conditions)
    rows = []
    for q in QUARTERS:
        report = reports.get(q)
        deadline = quarters[q].report_deadline if q in quarters else None
        never_submitted = report is None or report.submitted_at is None
        rows.append(
            QuarterRow(
                quarter=q,
                deadline=deadline,
                report=report,
                audit=audits.get(q),
                planned=plan.planned_at_quarter(curve, q),
                used=result_used(report, audits.get(q)),
                overdue=deadline is not None and today > deadline and never_submitted,
            )
        )
    counted = [row for row in rows if row.used.progress_percent is not None]
    latest = counted[-1] if counted else None
    risk = plan.assess_risk(
        planned=latest.planned if latest else None,
        actual=latest.used.progress_percent if latest else None,
        margin=indicator.fiscal_year.at_risk_margin,
        late=any(row.late for row in rows),
    )
    latest_quarter = latest.quarter if latest else None
    return IndicatorProgress(
        indicator=indicator,
        quarters=rows,
        curve=curve,
        due_quarter=due_quarter(quarters, today),
        risk=risk,
        latest_quarter=latest_quarter,
        has_steps=any(projects),
    )


@dataclass(frozen=True)
class StepPlanRow:
    step: ProjectStep
    cumulative: Decimal
    months: list[bool]  # scheduled in fiscal month 1..12


def project_plans(indicator: Indicator) -> list[tuple[Project, list[StepPlanRow]]]:
    """Each supporting project with its steps, cumulative % and month grid (ต.ค.–ก.ย.)."""
    result = []
    for project in indicator.projects.order_by("order", "pk").prefetch_related(
        Prefetch("steps", queryset=ProjectStep.objects.order_by("order"))
    ):
        steps = list(project.steps.all())
        cumulative = plan.step_cumulative([plan.PlanStep(s.weight, s.start_month, s.end_month) for s in steps])
        rows = [
            StepPlanRow(step, total, [step.start_month <= m <= step.end_month for m in range(1, 13)])
            for step, total in zip(steps, cumulative)
        ]
        result.append((project, rows))
    return result


@dataclass(frozen=True)
class QuarterRecords:
    report: QuarterlyReport | None
    audit: QuarterAudit | None
    evidence: list[EvidenceFile]


def quarter_records(indicator: Indicator, quarter: int) -> QuarterRecords:
    """One quarter's self-report, audit and evidence files (oldest upload first): the report and audit forms."""
    report = QuarterlyReport.objects.filter(indicator=indicator, quarter=quarter).first()
    audit = QuarterAudit.objects.filter(indicator=indicator, quarter=quarter).first()
    evidence = (
        list(EvidenceFile.objects.filter(report=report).select_related("uploaded_by").order_by("uploaded_at"))
        if report
        else []
    )
    return QuarterRecords(report=report, audit=audit, evidence=evidence)


def audit_form_initial(report: QuarterlyReport | None, audit: QuarterAudit | None) -> dict:
    """What the audit form starts from: the saved audit while it judges the current submission;
    once the agency has sent the report again, the new figures with no verdict or comment (the old
    ones judged figures that are gone), keeping the evidence ticks the auditor already made."""
    initial: dict = {"version": audit.version if audit else 0, "report_version": report.version if report else None}
    if audit:
        initial["present"] = [item.requirement_id for item in audit.checklist.all() if item.is_present]
    if audit and not audit_predates_submission(audit, report):
        initial.update(
            status=audit.status,
            verified_progress_percent=audit.verified_progress_percent,
            verified_value=audit.verified_value,
            verified_level=audit.verified_level,
            comment=audit.comment,
        )
    elif report:
        initial.update(
            verified_progress_percent=report.progress_percent,
            verified_value=report.measured_value,
            verified_level=report.level_reached,
        )
    return initial


def evidence_by_quarter(indicator: Indicator) -> dict[int, list[EvidenceFile]]:
    """Every evidence file of the indicator, by quarter, oldest upload first: the indicator page."""
    by_quarter: dict[int, list[EvidenceFile]] = {}
    files = EvidenceFile.objects.filter(report__indicator=indicator).select_related("uploaded_by", "report")
    for item in files.order_by("uploaded_at"):
        by_quarter.setdefault(item.report.quarter, []).append(item)
    return by_quarter


def evidence_requirements(indicator: Indicator) -> list[EvidenceRequirement]:
    """What the committee asked to see, in the agreed order: the indicator page and the audit checklist."""
    return list(indicator.evidence_requirements.order_by("order"))


@dataclass(frozen=True)
class IndicatorCriteria:
    rubric: list[RubricLevel]  # highest level first, as the printed sheet lists them
    conditions: list[MilestoneCondition]
    requirements: list[EvidenceRequirement]


def indicator_criteria(indicator: Indicator) -> IndicatorCriteria:
    """How the indicator is judged: its rubric levels, milestone conditions and required evidence."""
    return IndicatorCriteria(
        rubric=list(indicator.rubric_levels.order_by("-level")),
        conditions=list(indicator.conditions.order_by("percent")),
        requirements=evidence_requirements(indicator),
    )


def pending_conflicts(report: QuarterlyReport, *, author) -> list[ReportConflict]:
    """The author's refused saves on this report not yet reconciled, newest first."""
    return list(
        ReportConflict.objects.filter(report=report, author=author, resolved_at__isnull=True).order_by("-created_at")
    )
