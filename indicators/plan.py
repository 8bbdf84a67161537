"""Planned progress and early warning: pure functions, no ORM, no clock.

Fiscal months run 1 = ต.ค. … 12 = ก.ย.; quarter q ends in fiscal month 3q.

A step plan credits a step's weight in the month its schedule ends, which is how the
action plan's "คิดความก้าวหน้าโครงการ (ร้อยละ)" column works: the project is 20 % done
once steps 1-2 are done, not while step 3 is under way. Crediting on completion also
keeps early warnings from firing against agencies that are exactly on schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Sequence

from kpi_portal.lib.reader import reads_english
from kpi_portal.lib.thai import ENGLISH_MONTHS_SHORT, THAI_MONTHS_SHORT

MONTHS = 12
HUNDRED = Decimal("100")
# The fiscal year runs October to September.
FISCAL_MONTH_NAMES = THAI_MONTHS_SHORT[9:] + THAI_MONTHS_SHORT[:9]  # ต.ค. … ก.ย.
ENGLISH_FISCAL_MONTH_NAMES = ENGLISH_MONTHS_SHORT[9:] + ENGLISH_MONTHS_SHORT[:9]  # Oct … Sep


def fiscal_month_names() -> tuple[str, ...]:
    """The fiscal months' short names in the reader's language (official PDFs render in Thai)."""
    return ENGLISH_FISCAL_MONTH_NAMES if reads_english() else FISCAL_MONTH_NAMES


@dataclass(frozen=True)
class PlanStep:
    weight: Decimal
    start_month: int
    end_month: int


def quarter_end_month(quarter: int) -> int:
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1-4")
    return quarter * 3


def step_cumulative(steps: Sequence[PlanStep]) -> list[Decimal]:
    """The running total of step weights in step order (the plan's cumulative % column)."""
    total = Decimal("0")
    result = []
    for step in steps:
        total += Decimal(step.weight)
        result.append(total)
    return result


def project_curve(steps: Sequence[PlanStep]) -> list[Decimal]:
    """Planned cumulative % at the end of each fiscal month for one project (12 values)."""
    finished = [Decimal("0")] * (MONTHS + 1)
    for step in steps:
        finished[step.end_month] += Decimal(step.weight)
    curve, done = [], Decimal("0")
    for month in range(1, MONTHS + 1):
        done += finished[month]
        curve.append(min(done, HUNDRED))
    return curve


def steps_curve(projects: Iterable[Sequence[PlanStep]]) -> list[Decimal] | None:
    """The indicator's planned curve: the mean of its projects' curves (None without any step)."""
    curves = [project_curve(steps) for steps in projects if steps]
    if not curves:
        return None
    if len(curves) == 1:
        return curves[0]
    return [_round(sum(values) / len(curves)) for values in zip(*curves)]


def milestone_curve(percents: Iterable[Decimal]) -> list[Decimal] | None:
    """A curve from milestone conditions (20/40/…/100 % of the plan), which carry no dates.

    The year is assumed to advance evenly: by the end of month m the plan expects the
    highest condition not above m/12 of the year (so 20/40/60/80/100 gives 20, 40, 60, 100
    at the quarter ends). The whole plan is due by the year's end even where the conditions
    stop below 100 (the seeds' 40/60/80: 100 % is the rubric's top level, not a condition).
    """
    levels = sorted({Decimal(p) for p in percents})
    if not levels:
        return None
    levels = sorted(set(levels) | {HUNDRED})
    curve = []
    for month in range(1, MONTHS + 1):
        elapsed = HUNDRED * month / MONTHS
        reached = [p for p in levels if p <= elapsed]
        curve.append(reached[-1] if reached else Decimal("0"))
    return curve


def planned_curve(
    projects: Iterable[Sequence[PlanStep]], condition_percents: Iterable[Decimal]
) -> list[Decimal] | None:
    """Step plans when the indicator has them, else its milestone conditions, else no plan."""
    return steps_curve(projects) or milestone_curve(condition_percents)


def planned_at_quarter(curve: Sequence[Decimal] | None, quarter: int) -> Decimal | None:
    if curve is None:
        return None
    return curve[quarter_end_month(quarter) - 1]


@dataclass(frozen=True)
class RiskAssessment:
    at_risk: bool
    behind_plan: bool
    late: bool
    gap: Decimal | None  # plan minus actual, in percentage points, when both are known


def assess_risk(
    *, planned: Decimal | None, actual: Decimal | None, margin: Decimal, late: bool
) -> RiskAssessment:
    """At risk when actual progress trails the plan by MORE than the margin, or a quarter is late."""
    gap = None
    behind = False
    if planned is not None and actual is not None:
        gap = Decimal(planned) - Decimal(actual)
        behind = gap > Decimal(margin)
    return RiskAssessment(at_risk=behind or late, behind_plan=behind, late=late, gap=gap)


def _round(value: Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
