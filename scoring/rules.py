"""The scoring core: rubric + result → level and points, plus totals and ranks.

Pure Python and Decimal only: no ORM, no settings, no clock. Everything the year
decides (interpolation, rounding, what a result below level 1 earns) comes in as a Policy.
The one Django import is gettext: explanations and errors are worded in the active language
(Thai msgids, English in locale/en), so the same score reads in the user's language.

Decisions (domain.md §7):
- A threshold is inclusive unless its row is exclusive: "ไม่น้อยกว่า 300 ห้อง" is threshold 300
  (higher is better), "ภายใน 90 วัน" is threshold 90 (lower is better); "มากกว่าร้อยละ 80" and
  "น้อยกว่า 80 วัน" are thresholds 80 marked exclusive, so exactly 80 does not reach the level.
  Thresholds still run strictly level on level (an exclusive row does not allow a repeated one).
- With interpolation, the level rises along the straight line between two thresholds as before.
  Toward an exclusive threshold the line stops one step of the policy's last place short of the
  level (4.9999 at 4 places): a value exactly on it (80 วัน under "น้อยกว่า 80 วัน"), or one that
  would round up to it, has not reached that level, and the level never falls as the value improves.
- Explanations state each threshold with its comparison (threshold_text): "ไม่น้อยกว่า 300",
  "มากกว่า 80", "ไม่เกิน 90", "น้อยกว่า 80"; the pages and forms word it the same way with the unit.
- Only rows with a threshold matter to the arithmetic; milestone rows are described in words
  and the evaluator (or the agency, until audited) states the level reached.
- Milestone rubrics take the level the evaluator gives. It may be fractional (the model
  stores 4 places) and is clamped to 0–5 and rounded per policy.
- Mixed rubrics: levels with a threshold are numeric, the rest are milestones. A value that
  meets the lowest numeric threshold scores numerically; otherwise the evaluator's milestone
  level counts, capped at the highest milestone level (the numeric levels need the number).
- A level below 1 (a value under the level-1 threshold, or a milestone level under 1)
  earns level 1 or 0 as the policy says. A numeric rubric without a level-1 threshold gives
  level 1 to anything below its level-2 threshold ("ต่ำกว่า 80 → 1"). An indicator with no
  result at all scores 0.
- Points are computed from the rounded level, so the level and points shown agree:
  points = weight × level ÷ 5, rounded per policy and clamped to [0, weight].
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Literal, TypeVar

from django.utils.translation import gettext as _

ZERO = Decimal(0)
ONE = Decimal(1)
FIVE = Decimal(5)
HUNDRED = Decimal(100)

T = TypeVar("T")


class RubricError(ValueError):
    """The rubric cannot score this result (missing or non-monotonic thresholds)."""


@dataclass(frozen=True)
class Policy:
    """The fiscal year's scoring policy."""

    interpolate: bool = False
    places: int = 4
    rounding: str = ROUND_HALF_UP
    below_level_one: Literal["level_one", "zero"] = "zero"

    @cached_property
    def step(self) -> Decimal:
        """The last place kept: 0.0001 at 4 places."""
        return Decimal(1).scaleb(-self.places)

    def quantize(self, value: Decimal) -> Decimal:
        return value.quantize(self.step, rounding=self.rounding)


@dataclass(frozen=True)
class RubricRow:
    level: int
    threshold: Decimal | None = None
    # The threshold itself does not reach the level ("มากกว่า 80", "น้อยกว่า 80 วัน").
    exclusive: bool = False


@dataclass(frozen=True)
class Rubric:
    kind: Literal["milestone", "numeric", "mixed"]
    direction: Literal["higher", "lower"] = "higher"
    rows: tuple[RubricRow, ...] = ()


@dataclass(frozen=True)
class Result:
    """A reported or audited result: the level reached (milestones) and/or the measured value."""

    level: Decimal | None = None
    value: Decimal | None = None


@dataclass(frozen=True)
class IndicatorScore:
    level: Decimal
    points: Decimal
    explanation: str
    # Filled by the service layer: "audit" or "self", and the quarter the result comes from.
    source: str | None = None
    quarter: int | None = None


def fmt(value: Decimal | int) -> str:
    """A number as people write it: 310, 87.5, 4.1667 (no exponent, no trailing zeros)."""
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def score_indicator(*, rubric: Rubric, result: Result | None, weight: Decimal, policy: Policy) -> IndicatorScore:
    """Score one indicator for one agency. Raises RubricError when the rubric cannot be applied."""
    weight = Decimal(weight)
    if result is None or (result.level is None and result.value is None):
        return _finish(ZERO, weight, policy, _("ยังไม่มีผลการดำเนินงาน"))
    if rubric.kind == "milestone":
        level, text = _milestone_level(result, cap=FIVE, policy=policy)
    elif rubric.kind == "numeric":
        level, text = _numeric_level(rubric, result.value, policy)
    elif rubric.kind == "mixed":
        level, text = _mixed_level(rubric, result, policy)
    else:
        raise RubricError(_("ไม่รู้จักลักษณะเกณฑ์ %(kind)s") % {"kind": repr(rubric.kind)})
    return _finish(level, weight, policy, text)


def _finish(level: Decimal, weight: Decimal, policy: Policy, text: str) -> IndicatorScore:
    level = policy.quantize(min(max(level, ZERO), FIVE))
    points = policy.quantize(weight * level / FIVE)
    points = min(max(points, ZERO), weight)
    explanation = _("%(text)s → ระดับ %(level)s = %(points)s คะแนน") % {
        "text": text,
        "level": fmt(level),
        "points": fmt(points),
    }
    return IndicatorScore(level=level, points=points, explanation=explanation)


def _below_one(policy: Policy) -> Decimal:
    return ONE if policy.below_level_one == "level_one" else ZERO


def _below_one_text(policy: Policy) -> str:
    return _("ให้ระดับ 1 ตามหลักเกณฑ์ของปี") if policy.below_level_one == "level_one" else _("ไม่ได้คะแนน")


def _milestone_level(result: Result, *, cap: Decimal, policy: Policy) -> tuple[Decimal, str]:
    if result.level is None:
        raise RubricError(_("เกณฑ์แบบขั้นตอนต้องระบุระดับที่ได้"))
    given = min(max(Decimal(result.level), ZERO), FIVE)
    text = _("ระดับตามขั้นตอนความสำเร็จ %(level)s") % {"level": fmt(given)}
    if given > cap:
        text = _("%(text)s (ระดับสูงกว่า %(cap)s ต้องวัดเป็นตัวเลข จึงได้ระดับ %(cap)s)") % {
            "text": text,
            "cap": fmt(cap),
        }
        given = cap
    if given < ONE:
        text = _("%(text)s ต่ำกว่าระดับ 1 %(outcome)s") % {"text": text, "outcome": _below_one_text(policy)}
        return _below_one(policy), text
    return given, text


def threshold_text(shown: str, *, direction: str, exclusive: bool) -> str:
    """A threshold as the rubric means it, `shown` being the number (with its unit) as the reader writes it:
    "ไม่น้อยกว่า 300" / "มากกว่า 80" (higher is better), "ไม่เกิน 90 วัน" / "น้อยกว่า 80 วัน" (lower)."""
    if direction == "higher":
        words = _("มากกว่า %(threshold)s") if exclusive else _("ไม่น้อยกว่า %(threshold)s")
    else:
        words = _("น้อยกว่า %(threshold)s") if exclusive else _("ไม่เกิน %(threshold)s")
    return words % {"threshold": shown}


def numeric_points(rubric: Rubric) -> list[RubricRow]:
    """The rows that have a threshold (as Decimal), lowest level first; checks they are monotonic."""
    points = sorted(
        (RubricRow(row.level, Decimal(row.threshold), row.exclusive) for row in rubric.rows if row.threshold is not None),
        key=lambda row: row.level,
    )
    if not points:
        raise RubricError(_("เกณฑ์แบบตัวเลขต้องมีค่าเกณฑ์อย่างน้อยหนึ่งระดับ"))
    for low, high in zip(points, points[1:]):
        if rubric.direction == "higher" and not high.threshold > low.threshold:
            raise RubricError(_("ค่าเกณฑ์ระดับ %(level)s ต้องมากกว่าระดับก่อนหน้า") % {"level": high.level})
        if rubric.direction != "higher" and not high.threshold < low.threshold:
            raise RubricError(_("ค่าเกณฑ์ระดับ %(level)s ต้องน้อยกว่าระดับก่อนหน้า") % {"level": high.level})
    return points


def _meets(value: Decimal, row: RubricRow, direction: str) -> bool:
    if direction == "higher":
        return value > row.threshold if row.exclusive else value >= row.threshold
    return value < row.threshold if row.exclusive else value <= row.threshold


def _stated(row: RubricRow, direction: str) -> str:
    return threshold_text(fmt(row.threshold), direction=direction, exclusive=row.exclusive)


def _numeric_level(rubric: Rubric, value: Decimal | None, policy: Policy) -> tuple[Decimal, str]:
    if value is None:
        raise RubricError(_("เกณฑ์แบบตัวเลขต้องระบุค่าที่วัดได้"))
    points = numeric_points(rubric)
    value = Decimal(value)
    shown = fmt(value)
    reached = [i for i, row in enumerate(points) if _meets(value, row, rubric.direction)]
    if not reached:
        return _below_lowest(points[0], rubric.direction, shown, policy)
    i = reached[-1]
    row = points[i]
    words = {"value": shown, "level": row.level, "threshold": _stated(row, rubric.direction)}
    if i == len(points) - 1:
        return Decimal(row.level), _("ค่าที่ได้ %(value)s ถึงเกณฑ์ระดับ %(level)s (%(threshold)s)") % words
    following = points[i + 1]
    words |= {"next_level": following.level, "next_threshold": _stated(following, rubric.direction)}
    if not policy.interpolate:
        return Decimal(row.level), _(
            "ค่าที่ได้ %(value)s ถึงเกณฑ์ระดับ %(level)s (%(threshold)s) "
            "แต่ไม่ถึงระดับ %(next_level)s (%(next_threshold)s)"
        ) % words
    fraction = (value - row.threshold) / (following.threshold - row.threshold)
    exact = Decimal(row.level) + fraction * (following.level - row.level)
    if following.exclusive:
        # On (or rounding up to) an exclusive threshold the value still misses that level.
        exact = min(policy.quantize(exact), following.level - policy.step)
    return exact, _(
        "ค่าที่ได้ %(value)s อยู่ระหว่างเกณฑ์ระดับ %(level)s (%(threshold)s) "
        "และระดับ %(next_level)s (%(next_threshold)s) เทียบสัดส่วน"
    ) % words


def _below_lowest(lowest: RubricRow, direction: str, shown: str, policy: Policy) -> tuple[Decimal, str]:
    # When the lowest threshold belongs to level 2 or above, the rubric itself gives the level
    # under it to anything below ("below 80 % → 1"); only under level 1 does the policy decide.
    below = Decimal(lowest.level - 1)
    words = {"value": shown, "level": lowest.level, "threshold": _stated(lowest, direction)}
    if below < ONE:
        words["outcome"] = _below_one_text(policy)
        text = _("ค่าที่ได้ %(value)s ไม่ถึงเกณฑ์ระดับ %(level)s (%(threshold)s) %(outcome)s") % words
        return _below_one(policy), text
    return below, _("ค่าที่ได้ %(value)s ไม่ถึงเกณฑ์ระดับ %(level)s (%(threshold)s)") % words


def _mixed_level(rubric: Rubric, result: Result, policy: Policy) -> tuple[Decimal, str]:
    lowest = numeric_points(rubric)[0]
    if result.value is not None and _meets(Decimal(result.value), lowest, rubric.direction):
        return _numeric_level(rubric, result.value, policy)
    cap = Decimal(lowest.level - 1)
    words = {"level": lowest.level, "threshold": _stated(lowest, rubric.direction)}
    if result.value is not None:
        words["value"] = fmt(result.value)
    if result.level is None:
        words["outcome"] = _below_one_text(policy)
        return _below_one(policy), _(
            "ค่าที่ได้ %(value)s ไม่ถึงเกณฑ์ระดับ %(level)s (%(threshold)s) และไม่มีระดับตามขั้นตอน %(outcome)s"
        ) % words
    level, text = _milestone_level(result, cap=cap, policy=policy)
    if result.value is not None:
        words["text"] = text
        text = _("ค่าที่ได้ %(value)s ไม่ถึงเกณฑ์ระดับ %(level)s (%(threshold)s); %(text)s") % words
    return level, text


# Totals and ranks ---------------------------------------------------------------------------


def percent(points: Decimal, maximum: Decimal, policy: Policy) -> Decimal | None:
    """Points as a percentage of the maximum, rounded per policy; None when there is no maximum."""
    if not maximum:
        return None
    return policy.quantize(Decimal(points) * HUNDRED / Decimal(maximum))


def element_totals(
    lines: Iterable[tuple[str, Decimal, Decimal]], parents: dict[str, str | None]
) -> dict[str, tuple[Decimal, Decimal]]:
    """Sum (element code, points, weight) lines into {code: (points, max)} for each element and its ancestors.

    `parents` maps an element code to its parent's code (None at the top), so a line under 1.2
    counts in 1.2 and in 1.
    """
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for code, points, weight in lines:
        current: str | None = code
        while current is not None:
            have_points, have_max = totals.get(current, (ZERO, ZERO))
            totals[current] = (have_points + points, have_max + weight)
            current = parents.get(current)
    return totals


def rank(items: Sequence[T], *, score: Callable[[T], Decimal | None]) -> list[tuple[int, T]]:
    """Competition ranking, best first: equal scores share a rank and the next rank skips (1, 2, 2, 4).

    Items without a score are left out. Ties keep the input order.
    """
    scored = [item for item in items if score(item) is not None]
    scored.sort(key=score, reverse=True)  # sort is stable, so ties keep input order
    ranked: list[tuple[int, T]] = []
    previous: Decimal | None = None
    current_rank = 0
    for position, item in enumerate(scored, start=1):
        value = score(item)
        if value != previous:
            current_rank = position
            previous = value
        ranked.append((current_rank, item))
    return ranked
