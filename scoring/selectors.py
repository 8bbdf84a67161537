"""Reads for scoring: everything a fiscal year's scorecards need, in a fixed number of queries.

Each query filters by the fiscal year through a join (never a long IN list of ids), and rows
come back as tuples, so the cost does not grow in queries with the number of agencies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from agencies.models import Agency, MissionGroup
from indicators.models import (
    AuditStatus,
    CompositionElement,
    FiscalYear,
    Indicator,
    IndicatorStatus,
    JointParticipant,
    QuarterAudit,
    QuarterlyReport,
    ReportStatus,
    RubricLevel,
)

from .rules import Policy, Result, Rubric, RubricRow

# Indicators agreed by the committee or finally approved are scored; drafts, those still in
# negotiation or sent back, and replaced ones are not.
COUNTED_STATUSES = (IndicatorStatus.AGREED, IndicatorStatus.APPROVED)
# A returned audit sends the report back for correction: it is not a result.
COUNTED_AUDITS = (AuditStatus.ACCEPTED, AuditStatus.ADJUSTED)


@dataclass(frozen=True)
class ElementRow:
    id: int
    code: str
    name: str
    parent_id: int | None
    order: int


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    agency_id: int
    element_id: int
    number: int
    name: str
    weight: Decimal
    rubric: Rubric


@dataclass(frozen=True)
class QuarterFigures:
    """One quarter's figures for an indicator: the agency's report and the strategy office's audit."""

    report_value: Decimal | None = None
    report_level: Decimal | None = None
    report_counts: bool = False
    audit_value: Decimal | None = None
    audit_level: Decimal | None = None
    audited: bool = False


@dataclass
class YearData:
    fiscal_year: FiscalYear
    policy: Policy
    elements: dict[int, ElementRow]
    indicators: list[IndicatorRow]
    # indicator id → [(agency id, own weight or None)]
    participants: dict[int, list[tuple[int, Decimal | None]]]
    # indicator id → {quarter: figures}
    figures: dict[int, dict[int, QuarterFigures]]
    agencies: dict[int, Agency]
    # (number, name, member agency ids) of the year's mission groups
    mission_groups: list[tuple[int, str, frozenset[int]]] = field(default_factory=list)


def policy_for(fiscal_year: FiscalYear) -> Policy:
    return Policy(
        interpolate=fiscal_year.interpolate,
        places=fiscal_year.rounding_places,
        rounding=fiscal_year.rounding_mode,
        below_level_one=fiscal_year.below_level_one,
    )


def fiscal_year_get(year) -> FiscalYear:
    """A FiscalYear from an instance or its B.E. year."""
    if isinstance(year, FiscalYear):
        return year
    return FiscalYear.objects.get(year_be=int(year))


def pick_result(
    figures: dict[int, QuarterFigures], quarter: int | None
) -> tuple[Result, str, int] | None:
    """The result to score: the latest quarter (≤ `quarter`) with a counted audit or a submitted report.

    Within that quarter the audit wins; an audit field left empty keeps the report's figure.
    """
    for q in sorted(figures, reverse=True):
        if quarter is not None and q > quarter:
            continue
        f = figures[q]
        if f.audited:
            value = f.audit_value if f.audit_value is not None else f.report_value
            level = f.audit_level if f.audit_level is not None else f.report_level
            return Result(level=level, value=value), "audit", q
        if f.report_counts:
            return Result(level=f.report_level, value=f.report_value), "self", q
    return None


def _figures(indicator_filter: dict, quarter: int | None) -> dict[int, dict[int, QuarterFigures]]:
    quarter_filter = {"quarter__lte": quarter} if quarter is not None else {}
    merged: dict[int, dict[int, dict]] = defaultdict(lambda: defaultdict(dict))
    reports = QuarterlyReport.objects.filter(**indicator_filter, **quarter_filter).values_list(
        "indicator_id", "quarter", "measured_value", "level_reached", "status"
    )
    for indicator_id, q, value, level, status in reports:
        merged[indicator_id][q].update(
            report_value=value, report_level=level, report_counts=status == ReportStatus.SUBMITTED
        )
    audits = QuarterAudit.objects.filter(**indicator_filter, **quarter_filter, status__in=COUNTED_AUDITS).values_list(
        "indicator_id", "quarter", "verified_value", "verified_level"
    )
    for indicator_id, q, value, level in audits:
        merged[indicator_id][q].update(audit_value=value, audit_level=level, audited=True)
    return {i: {q: QuarterFigures(**kw) for q, kw in by_q.items()} for i, by_q in merged.items()}


def _rubrics(indicator_filter: dict) -> dict[int, list[RubricRow]]:
    rows: dict[int, list[RubricRow]] = defaultdict(list)
    for indicator_id, level, threshold in RubricLevel.objects.filter(**indicator_filter).values_list(
        "indicator_id", "level", "threshold"
    ):
        rows[indicator_id].append(RubricRow(level=level, threshold=threshold))
    return rows


def year_data(fiscal_year: FiscalYear, *, quarter: int | None = None) -> YearData:
    """Load a year's counted indicators, rubrics, joint participants, results, agencies and groups."""
    counted = {"indicator__fiscal_year": fiscal_year, "indicator__status__in": COUNTED_STATUSES}
    elements = {
        row[0]: ElementRow(*row)
        for row in CompositionElement.objects.filter(fiscal_year=fiscal_year).values_list(
            "id", "code", "name", "parent_id", "order"
        )
    }
    rubric_rows = _rubrics(counted)
    indicators = [
        IndicatorRow(
            id=pk,
            agency_id=agency_id,
            element_id=element_id,
            number=number,
            name=name,
            weight=weight,
            rubric=Rubric(kind=kind, direction=direction, rows=tuple(rubric_rows.get(pk, ()))),
        )
        for pk, agency_id, element_id, number, name, weight, kind, direction in Indicator.objects.filter(
            fiscal_year=fiscal_year, status__in=COUNTED_STATUSES
        ).values_list("id", "agency_id", "element_id", "number", "name", "weight", "rubric_kind", "rubric_direction")
    ]
    participants: dict[int, list[tuple[int, Decimal | None]]] = defaultdict(list)
    for indicator_id, agency_id, weight in JointParticipant.objects.filter(**counted).values_list(
        "indicator_id", "agency_id", "weight"
    ):
        participants[indicator_id].append((agency_id, weight))
    membership: dict[int, set[int]] = defaultdict(set)
    for group_id, agency_id in MissionGroup.members.through.objects.filter(
        missiongroup__fiscal_year=fiscal_year
    ).values_list("missiongroup_id", "agency_id"):
        membership[group_id].add(agency_id)
    mission_groups = [
        (number, name, frozenset(membership.get(pk, ())))
        for pk, number, name in MissionGroup.objects.filter(fiscal_year=fiscal_year)
        .order_by("number")
        .values_list("id", "number", "name")
    ]
    return YearData(
        fiscal_year=fiscal_year,
        policy=policy_for(fiscal_year),
        elements=elements,
        indicators=indicators,
        participants=participants,
        figures=_figures(counted, quarter),
        agencies={a.pk: a for a in Agency.objects.select_related("district_group")},
        mission_groups=mission_groups,
    )


def indicator_figures(indicator: Indicator, *, quarter: int | None = None) -> tuple[Rubric, dict[int, QuarterFigures]]:
    """One indicator's rubric and quarterly figures (for its own page)."""
    only = {"indicator": indicator}
    rows = _rubrics(only).get(indicator.pk, [])
    rubric = Rubric(kind=indicator.rubric_kind, direction=indicator.rubric_direction, rows=tuple(rows))
    return rubric, _figures(only, quarter).get(indicator.pk, {})
