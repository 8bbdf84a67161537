"""The year's composition elements as the strategy office sets them up: pure functions, no database.

A sub-element's indicators count towards its parent too (indicators.checks.element_problems), so
sub-elements that between them weigh more than their parent leave every agency a package that can
never pass its checks. Each function returns Thai messages keyed by the field at fault; the model's
clean() raises them beside that field.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _


def _points(value: Decimal) -> str:
    """70.00 → '70', 12.50 → '12.5'."""
    return format(value.normalize(), "f")


def _listed(weights: dict[str, Decimal]) -> str:
    return ", ".join(f"{code} = {_points(weight)}" for code, weight in sorted(weights.items()))


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
