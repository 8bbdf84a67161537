"""Reads for scoring: everything a fiscal year's scorecards need, in a fixed number of queries.

Each query filters by the fiscal year through a join (never a long IN list of ids), and rows
come back as tuples, so the cost does not grow in queries with the number of agencies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import F, Q, Window
from django.db.models.functions import Coalesce, RowNumber

from agencies.models import Agency, MissionGroup
from indicators.audit_rules import counted_audits
from indicators.models import (
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
    owner: str = ""  # the owning agency's abbreviation (its name when it has none)


# Per indicator, by quarter: the latest submitted report (value, level, True) and the latest
# counted audit (value, level), each ≤ the quarter asked for.
Reports = dict[int, tuple[Decimal | None, Decimal | None, bool]]
Audits = dict[int, tuple[Decimal | None, Decimal | None]]


@dataclass
class YearData:
    fiscal_year: FiscalYear
    policy: Policy
    elements: dict[int, ElementRow]
    indicators: list[IndicatorRow]
    # indicator id → [(agency id, own weight or None)]
    participants: dict[int, list[tuple[int, Decimal | None]]]
    reports: dict[int, Reports]  # indicator id → {quarter: report figures}
    audits: dict[int, Audits]  # indicator id → {quarter: audit figures}
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


def pick_result(reports: Reports, audits: Audits, quarter: int | None) -> tuple[Result, str, int] | None:
    """The result to score: the latest quarter (≤ `quarter`) with a counted audit or a submitted report.

    Within that quarter the audit wins; an audit field left empty keeps the report's figure.
    """
    for q in sorted(reports.keys() | audits.keys(), reverse=True):
        if quarter is not None and q > quarter:
            continue
        report_value, report_level, submitted = reports.get(q, (None, None, False))
        if q in audits:
            audit_value, audit_level = audits[q]
            return (
                Result(
                    level=report_level if audit_level is None else audit_level,
                    value=report_value if audit_value is None else audit_value,
                ),
                "audit",
                q,
            )
        if submitted:
            return Result(level=report_level, value=report_value), "self", q
    return None


def _latest_per_indicator(queryset):
    """Keep each indicator's latest quarter only: the window is evaluated in the database, so
    a full year sends one report and one audit per indicator instead of four."""
    return queryset.annotate(
        latest=Window(RowNumber(), partition_by=[F("indicator_id")], order_by=F("quarter").desc())
    ).filter(latest=1)


def _figures(
    indicator_filter: dict, quarter: int | None, *, latest_only: bool = True
) -> tuple[dict[int, Reports], dict[int, Audits]]:
    """Per indicator: its latest submitted report and its latest counted audit (≤ `quarter`);
    every quarter's when not `latest_only` (for scores quarter by quarter).

    An audit counts until the report is sent again after it (indicators.audit_rules); a field it
    left empty takes the figure of the report it audited, whatever that report's status now.
    """
    keep = _latest_per_indicator if latest_only else (lambda queryset: queryset)
    quarter_filter = {"quarter__lte": quarter} if quarter is not None else {}
    reports: dict[int, Reports] = defaultdict(dict)
    submitted = QuarterlyReport.objects.filter(
        **indicator_filter, **quarter_filter, status=ReportStatus.SUBMITTED
    ).order_by()
    for indicator_id, q, value, level in keep(submitted).values_list(
        "indicator_id", "quarter", "measured_value", "level_reached"
    ):
        reports[indicator_id][q] = (value, level, True)
    # An audit that leaves a figure empty keeps the figure of the report it audited (a join,
    # not a per-row subquery); pick_result falls back to the same quarter's submitted report.
    counted = (
        QuarterAudit.objects.filter(counted_audits(), **indicator_filter, **quarter_filter)
        .order_by()
        .annotate(
            value=Coalesce("verified_value", "report__measured_value"),
            level=Coalesce("verified_level", "report__level_reached"),
        )
    )
    audits: dict[int, Audits] = defaultdict(dict)
    for indicator_id, q, value, level in keep(counted).values_list(
        "indicator_id", "quarter", "value", "level"
    ):
        audits[indicator_id][q] = (value, level)
    return reports, audits


def _rubrics(indicator_filter: dict) -> dict[int, list[RubricRow]]:
    """The numeric rows of each rubric: scoring only needs the thresholds (milestone rows are implicit)."""
    rows: dict[int, list[RubricRow]] = defaultdict(list)
    for indicator_id, level, threshold, exclusive in (
        RubricLevel.objects.filter(**indicator_filter, threshold__isnull=False)
        .order_by()
        .values_list("indicator_id", "level", "threshold", "threshold_exclusive")
    ):
        rows[indicator_id].append(RubricRow(level=level, threshold=threshold, exclusive=exclusive))
    return rows


def year_data(fiscal_year: FiscalYear, *, quarter: int | None = None, agencies: list[Agency] | None = None) -> YearData:
    """Load a year's counted indicators, rubrics, joint participants, results, agencies and groups.

    `agencies` narrows the load to the indicators those agencies own or take part in: enough for
    their scorecards (not for ranks, which need the whole city), without reading the city's rows.
    """
    counted_indicators = Indicator.objects.filter(fiscal_year=fiscal_year, status__in=COUNTED_STATUSES)
    if agencies is None:
        counted = {"indicator__fiscal_year": fiscal_year, "indicator__status__in": COUNTED_STATUSES}
    else:
        ids = [agency.pk for agency in agencies]
        taking_part = JointParticipant.objects.filter(agency_id__in=ids).values("indicator_id")
        counted_indicators = counted_indicators.filter(Q(agency_id__in=ids) | Q(pk__in=taking_part))
        counted = {"indicator__in": counted_indicators.values("pk")}
    elements = {
        row[0]: ElementRow(*row)
        for row in CompositionElement.objects.filter(fiscal_year=fiscal_year).order_by().values_list(
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
            owner=abbreviation or agency_name,
        )
        for pk, agency_id, element_id, number, name, weight, kind, direction, abbreviation, agency_name in (
            counted_indicators.order_by().values_list(
                "id", "agency_id", "element_id", "number", "name", "weight", "rubric_kind", "rubric_direction",
                "agency__abbreviation", "agency__name_th",
            )
        )
    ]
    participants: dict[int, list[tuple[int, Decimal | None]]] = defaultdict(list)
    for indicator_id, agency_id, weight in (
        JointParticipant.objects.filter(**counted).order_by().values_list("indicator_id", "agency_id", "weight")
    ):
        participants[indicator_id].append((agency_id, weight))
    reports, audits = _figures(counted, quarter)
    narrowed = agencies is not None
    return YearData(
        fiscal_year=fiscal_year,
        policy=policy_for(fiscal_year),
        elements=elements,
        indicators=indicators,
        participants=participants,
        reports=reports,
        audits=audits,
        agencies={a.pk: a for a in (agencies if narrowed else Agency.objects.select_related("district_group"))},
        mission_groups=[] if narrowed else _mission_groups(fiscal_year),
    )


def _mission_groups(fiscal_year: FiscalYear) -> list[tuple[int, str, frozenset[int]]]:
    membership: dict[int, set[int]] = defaultdict(set)
    for group_id, agency_id in MissionGroup.members.through.objects.filter(
        missiongroup__fiscal_year=fiscal_year
    ).order_by().values_list("missiongroup_id", "agency_id"):
        membership[group_id].add(agency_id)
    return [
        (number, name, frozenset(membership.get(pk, ())))
        for pk, number, name in MissionGroup.objects.filter(fiscal_year=fiscal_year)
        .order_by("number")
        .values_list("id", "number", "name")
    ]


# Every model whose rows change a score or a rank; each keeps its history (django-simple-history).
# (An agency's own fields never move its rank: ranks depend on percentages alone.)
SCORING_INPUTS = (
    FiscalYear,
    CompositionElement,
    Indicator,
    RubricLevel,
    JointParticipant,
    QuarterlyReport,
    QuarterAudit,
)


def scoring_inputs_version() -> tuple:
    """The newest history entry of each scoring input, in one query: it changes with every save
    or delete of a row that can move a score, so a cache keyed on it never serves old ranks."""
    tables = [model.history.model._meta.db_table for model in SCORING_INPUTS]
    columns = ", ".join(f"(SELECT MAX(history_id) FROM {connection.ops.quote_name(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return tuple(cursor.fetchone())


def indicators_figures(
    indicators: list[Indicator], *, quarter: int | None = None, latest_only: bool = True
) -> tuple[dict[int, Rubric], dict[int, Reports], dict[int, Audits], dict[int, Decimal]]:
    """The rubrics and quarterly figures of the given indicators, and the weight of each owner's own
    participant row where a joint KPI lists the owner too (indicator id → weight), in four queries."""
    rubrics, own_participant_weights = indicators_rubrics(indicators)
    reports, audits = _figures({"indicator__in": [i.pk for i in indicators]}, quarter, latest_only=latest_only)
    return rubrics, reports, audits, own_participant_weights


def indicators_rubrics(indicators: list[Indicator]) -> tuple[dict[int, Rubric], dict[int, Decimal]]:
    """The rubrics of the given indicators and the owners' own participant weights (as in
    indicators_figures), in two queries however many indicators."""
    only = {"indicator__in": [indicator.pk for indicator in indicators]}
    rows = _rubrics(only)
    rubrics = {
        i.pk: Rubric(kind=i.rubric_kind, direction=i.rubric_direction, rows=tuple(rows.get(i.pk, ())))
        for i in indicators
    }
    own_participant_weights = dict(
        JointParticipant.objects.filter(**only, agency_id=F("indicator__agency_id"), weight__isnull=False)
        .order_by()
        .values_list("indicator_id", "weight")
    )
    return rubrics, own_participant_weights
