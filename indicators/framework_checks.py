"""The year's composition elements as the strategy office sets them up: pure functions, no database.

A sub-element's indicators count towards its parent too (indicators.checks.element_problems), so
sub-elements that between them weigh more than their parent leave every agency a package that can
never pass its checks. The row checks return Thai messages keyed by the field at fault; the model's
clean() raises them beside that field. The year-level checks (below) judge all of a year's elements at
once: sub-elements that do not cover their parent, a negotiated parent none of whose sub-elements is
negotiated, and a whole sheet's end state on import.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _


def _points(value: Decimal) -> str:
    """70.00 → '70', 12.50 → '12.5'."""
    return format(value.normalize(), "f")


def _listed(weights: dict[str, Decimal], number=_points) -> str:
    return ", ".join(f"{code} = {number(weight)}" for code, weight in sorted(weights.items()))


def indicator_count_problems(minimum: int | None, maximum: int | None) -> dict[str, str]:
    """An element's KPI count rule: the maximum is not below the minimum (element_min_le_max_indicators)."""
    if minimum is None or maximum is None or minimum <= maximum:
        return {}
    return {"max_indicators": _("จำนวนตัวชี้วัดสูงสุด (%(max)s) ต้องไม่น้อยกว่าจำนวนขั้นต่ำ (%(min)s)")
            % {"max": maximum, "min": minimum}}


def sub_element_weight_problems(
    *, weight: Decimal | None, code: str, parent_code: str, parent_weight: Decimal | None,
    sibling_weights: dict[str, Decimal],
) -> dict[str, str]:
    """A sub-element's weight with its siblings' (by code, the weighted ones) must not exceed its parent's."""
    if weight is None or parent_weight is None:
        return {}
    weights = {**sibling_weights, code: weight}
    total = sum(weights.values(), Decimal(0))
    if total <= parent_weight:
        return {}
    return {"weight": _(
        "องค์ประกอบย่อยขององค์ประกอบที่ %(parent)s รวมกันได้ %(total)s คะแนน (%(listed)s) "
        "เกินน้ำหนักขององค์ประกอบที่ %(parent)s ซึ่งมี %(parent_weight)s คะแนน ใส่ได้ไม่เกิน %(room)s คะแนน"
    ) % {
        "parent": parent_code, "total": _points(total), "listed": _listed(weights),
        "parent_weight": _points(parent_weight), "room": _points(max(parent_weight - (total - weight), Decimal(0))),
    }}


def parent_element_weight_problems(
    *, weight: Decimal | None, code: str, children_weights: dict[str, Decimal]
) -> dict[str, str]:
    """An element's weight must be at least what its weighted sub-elements add up to."""
    total = sum(children_weights.values(), Decimal(0))
    if weight is None or not children_weights or weight >= total:
        return {}
    return {"weight": _(
        "องค์ประกอบย่อยขององค์ประกอบที่ %(code)s รวมกันได้ %(total)s คะแนน (%(listed)s) "
        "น้ำหนักขององค์ประกอบที่ %(code)s จึงต้องไม่น้อยกว่า %(total)s คะแนน"
    ) % {"code": code, "total": _points(total), "listed": _listed(children_weights)}}


# --- the year's elements as a whole -----------------------------------------------------------------
# Each function takes elements with `id`, `code`, `weight` and `parent_id` (model rows or
# indicators.checks.ElementSnap alike).


def _sub_element_weights(elements) -> list[tuple[object, dict[str, Decimal], bool]]:
    """Each weighted parent element with its weighted sub-elements' weights by code, and whether all are weighted."""
    children: dict[int, list] = {}
    for element in elements:
        children.setdefault(element.parent_id, []).append(element)
    return [
        (
            element,
            {child.code: child.weight for child in children[element.id] if child.weight is not None},
            all(child.weight is not None for child in children[element.id]),
        )
        for element in elements
        if element.weight is not None and element.id in children
    ]


def overweight_elements(elements) -> dict[str, str]:
    """By parent code: parent elements their weighted sub-elements outweigh (the rule a single row's save
    applies, judged on all of them at once, e.g. a sheet's end state)."""
    problems = {}
    for element, weights, _all_weighted in _sub_element_weights(elements):
        if problem := parent_element_weight_problems(weight=element.weight, code=element.code, children_weights=weights):
            problems[element.code] = problem["weight"]
    return problems


@dataclass(frozen=True)
class Shortfall:
    """A parent element its sub-elements, all weighted, do not cover."""

    code: str
    weight: Decimal
    sub_weights: dict[str, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.sub_weights.values(), Decimal(0))

    @property
    def missing(self) -> Decimal:
        return self.weight - self.total

    def listed(self, number=_points) -> str:
        """'1.1 = 30, 1.2 = 20', each weight written by `number`."""
        return _listed(self.sub_weights, number)


def uncovered_elements(elements) -> list[Shortfall]:
    """Parent elements whose sub-elements, all weighted, add up to less than the parent.

    Agencies draft indicators only in the sub-elements (selectors.negotiation.draftable_elements) and
    the parent's indicators must add up to its weight (indicators.checks.element_problems), so no
    agency's package can pass its checks until the strategy office fixes the year's elements. A single
    row's save cannot refuse it: sub-elements are added one at a time.
    """
    shortfalls = [
        Shortfall(element.code, element.weight, weights)
        for element, weights, all_weighted in _sub_element_weights(elements)
        if all_weighted
    ]
    return [shortfall for shortfall in shortfalls if shortfall.missing > 0]


def shortfall_warning(shortfall: Shortfall) -> str:
    """The strategy office's warning for one uncovered parent element."""
    return _(
        "องค์ประกอบย่อยขององค์ประกอบที่ %(code)s รวมกันได้ %(total)s คะแนน (%(listed)s) "
        "น้อยกว่าน้ำหนักขององค์ประกอบที่ %(code)s ซึ่งมี %(weight)s คะแนน ขาดอีก %(missing)s คะแนน "
        "หน่วยงานที่ใช้องค์ประกอบนี้จะส่งชุดตัวชี้วัดไม่ได้จนกว่าจะแก้น้ำหนักขององค์ประกอบหรือองค์ประกอบย่อย"
    ) % {
        "code": shortfall.code, "total": _points(shortfall.total), "listed": shortfall.listed(),
        "weight": _points(shortfall.weight), "missing": _points(shortfall.missing),
    }


@dataclass(frozen=True)
class Unfillable:
    """A negotiated parent element none of whose sub-elements is negotiated."""

    code: str
    sub_codes: tuple[str, ...]

    def listed(self) -> str:
        return ", ".join(self.sub_codes)


def unfillable_elements(elements) -> list[Unfillable]:
    """Negotiated parent elements whose sub-elements are all not negotiated (elements need `is_negotiated`).

    Indicators are drafted only in negotiated elements without sub-elements
    (selectors.negotiation.draftable_elements), so such a parent can never hold one; and letting agencies
    draft in the parent instead would double the points another office assesses in the sub-elements
    (a not-negotiated element is evaluated by its own office, e.g. budget disbursement by สงม.).
    The year's set-up is at fault: the parent or its sub-elements are marked the wrong way.
    """
    children: dict[int, list] = {}
    for element in elements:
        children.setdefault(element.parent_id, []).append(element)
    return [
        Unfillable(element.code, tuple(child.code for child in children[element.id]))
        for element in elements
        if element.is_negotiated and element.id in children
        and not any(child.is_negotiated for child in children[element.id])
    ]


def unfillable_warning(unfillable: Unfillable) -> str:
    """The strategy office's warning for a negotiated parent element with no negotiated sub-element."""
    return _(
        "องค์ประกอบที่ %(code)s ตั้งเป็นแบบเจรจาตกลง แต่ไม่มีองค์ประกอบย่อยใดเจรจาตกลง (%(listed)s) "
        "หน่วยงานจึงใส่ตัวชี้วัดในองค์ประกอบที่ %(code)s ไม่ได้ (ตัวชี้วัดใส่ได้เฉพาะในองค์ประกอบย่อยที่เจรจาตกลง) "
        "ชุดตัวชี้วัดที่ต้องมีน้ำหนักคะแนนหรือตัวชี้วัดในองค์ประกอบนี้จะส่งไม่ได้ จนกว่าจะตั้งองค์ประกอบย่อยที่หน่วยงาน"
        "จัดทำตัวชี้วัดให้เจรจาตกลง หรือตั้งองค์ประกอบที่ %(code)s ให้ไม่เจรจาตกลง"
    ) % {"code": unfillable.code, "listed": unfillable.listed()}
