"""Submission checks for an agency's package: pure functions, no database.

Each check takes plain snapshots (built by indicators.services.negotiation.package_snapshot)
and returns Problems: a Thai message keyed by the item at fault, so a page can print the
message beside that item. A package is submitted only when package_problems() is empty.
Warnings (package_warnings) are Problems of the same shape that never stop a submission: a target text
or rubric level whose words disagree with its figure (indicators.rubric_text target_warning, level_warning).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.framework_checks import Shortfall, Unfillable, uncovered_elements, unfillable_elements
from indicators.rubric_text import rubric_warnings, target_warning
from kpi_portal.lib.reader import reader_digits

RUBRIC_LEVELS = (5, 4, 3, 2, 1)


@dataclass(frozen=True)
class Problem:
    """A failed check. `key` names the item: ("element", code) or ("indicator", id, field)."""

    key: tuple
    message: str


@dataclass(frozen=True)
class LevelSnap:
    level: int
    criterion: str
    success_percent: Decimal | None
    threshold: Decimal | None
    threshold_exclusive: bool = False


@dataclass(frozen=True)
class ParticipantSnap:
    agency_id: int
    duty: str


@dataclass(frozen=True)
class IndicatorSnap:
    id: int
    number: int
    name: str
    element_id: int
    weight: Decimal | None
    target_value: Decimal | None
    target_text: str
    rubric_kind: str
    rubric_direction: str
    is_joint: bool
    basket_indicator_id: int | None = None
    levels: tuple[LevelSnap, ...] = ()
    participants: tuple[ParticipantSnap, ...] = ()
    target_unit: str = ""


@dataclass(frozen=True)
class ElementSnap:
    id: int
    code: str
    name: str
    weight: Decimal | None
    min_indicators: int | None
    max_indicators: int | None
    parent_id: int | None = None
    is_negotiated: bool = True


@dataclass(frozen=True)
class BasketSnap:
    id: int
    name: str


@dataclass(frozen=True)
class PackageSnap:
    is_district: bool
    elements: tuple[ElementSnap, ...]  # the negotiated elements that apply to this agency
    indicators: tuple[IndicatorSnap, ...]  # active ones (replaced indicators excluded)
    common_district_kpis: tuple[BasketSnap, ...] = field(default=())
    # The elements that apply but are not negotiated (another office assesses them): only to tell a
    # negotiated parent none of whose sub-elements is negotiated (framework_checks.unfillable_elements).
    not_negotiated: tuple[ElementSnap, ...] = field(default=())


def _num(value) -> str:
    """A Decimal without trailing zeros, in Thai digits: 10.00 → ๑๐ (Arabic digits on the English pages)."""
    if value is None:
        return "-"
    text = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
    return reader_digits(text)


def _descendants(elements: tuple[ElementSnap, ...], root: ElementSnap) -> set[int]:
    ids = {root.id}
    changed = True
    while changed:
        changed = False
        for element in elements:
            if element.parent_id in ids and element.id not in ids:
                ids.add(element.id)
                changed = True
    return ids


def _members(package: PackageSnap, element: ElementSnap) -> list[IndicatorSnap]:
    ids = _descendants(package.elements, element)
    return [i for i in package.indicators if i.element_id in ids]


def expected_weights(package: PackageSnap) -> dict[int, Decimal | None]:
    """The weight each element's indicators must sum to.

    An agency (not a district office) whose work fits no issue of an optional element (one the
    year lets hold no indicator, FY2566 element 2 Agenda Base) leaves it empty and puts those
    indicators, and so their points, into the first element ("นำตัวชี้วัดไปรวมเป็นองค์ประกอบที่ ๑",
    the FY2566 guideline, agenda 4.2): the empty element then needs no weight and the first one
    carries both. District offices' elements are set by the steering committee and never move.
    """
    weights = {element.id: element.weight for element in package.elements}
    if package.is_district:
        return weights
    tops = [e for e in package.elements if e.parent_id is None]
    moved = [e for e in tops if e.min_indicators == 0 and e.weight is not None and not _members(package, e)]
    receiver = next((e for e in tops if e not in moved and e.weight is not None), None)
    if receiver is None:
        return weights
    for element in moved:
        weights[receiver.id] += element.weight
        weights[element.id] = None
    return weights


def element_problems(package: PackageSnap) -> list[Problem]:
    """Per element: weights sum to the framework weight and the KPI count fits the year's rule. Where the
    year's set-up makes that impossible (framework_checks), the element's problem says so instead."""
    problems = []
    weights = expected_weights(package)
    uncovered = {shortfall.code: shortfall for shortfall in uncovered_elements(package.elements)}
    unfillable = {u.code: u for u in unfillable_elements(package.elements + package.not_negotiated)}
    for element in package.elements:
        members = _members(package, element)
        messages = []
        weight = weights[element.id]
        if weight is not None:
            total = sum((i.weight or Decimal(0) for i in members), Decimal(0))
            if total != weight and element.code in uncovered:
                messages.append(_uncovered_message(uncovered[element.code]))
            elif total != weight:
                messages.append(
                    _("องค์ประกอบที่ %(code)s: น้ำหนักคะแนนรวม %(total)s ต้องเท่ากับ %(weight)s คะแนนตามกรอบการประเมิน")
                    % {"code": element.code, "total": _num(total), "weight": _num(weight)}
                )
        count = len(members)
        if element.min_indicators is not None and count < element.min_indicators:
            messages.append(
                _("องค์ประกอบที่ %(code)s: มีตัวชี้วัด %(count)s ตัว ต้องมีอย่างน้อย %(min)s ตัว")
                % {"code": element.code, "count": _num(count), "min": _num(element.min_indicators)}
            )
        if element.max_indicators is not None and count > element.max_indicators:
            messages.append(
                _("องค์ประกอบที่ %(code)s: มีตัวชี้วัด %(count)s ตัว ต้องไม่เกิน %(max)s ตัว")
                % {"code": element.code, "count": _num(count), "max": _num(element.max_indicators)}
            )
        if messages and element.code in unfillable:
            # Weight or count asks for indicators the agency has nowhere to draft: one message, the real cause.
            messages = [_unfillable_message(unfillable[element.code])]
        problems += [Problem(("element", element.code), message) for message in messages]
    return problems


def _unfillable_message(unfillable: Unfillable) -> str:
    """No sub-element of this negotiated element is negotiated (framework_checks.unfillable_elements)."""
    return _(
        "องค์ประกอบที่ %(code)s: ไม่มีองค์ประกอบย่อยใดเจรจาตกลง (%(listed)s) จึงไม่มีที่ให้ใส่ตัวชี้วัดขององค์ประกอบนี้ "
        "แต่กรอบการประเมินกำหนดให้องค์ประกอบที่ %(code)s เจรจาตกลง หน่วยงานแก้ไม่ได้ด้วยการเพิ่มตัวชี้วัด "
        "ต้องให้สำนักยุทธศาสตร์และประเมินผลแก้การตั้งค่าองค์ประกอบของปีงบประมาณ"
    ) % {"code": unfillable.code, "listed": unfillable.listed()}


def _uncovered_message(shortfall: Shortfall) -> str:
    """The year's elements leave this one short (framework_checks.uncovered_elements): staff cannot fix it."""
    return _(
        "องค์ประกอบที่ %(code)s: องค์ประกอบย่อย (%(listed)s) รวมกันได้ %(total)s คะแนน แต่กรอบการประเมินกำหนด"
        "องค์ประกอบที่ %(code)s ไว้ %(weight)s คะแนน (ขาด %(missing)s คะแนน) หน่วยงานแก้ไม่ได้ด้วยการเพิ่มตัวชี้วัด "
        "ต้องให้สำนักยุทธศาสตร์และประเมินผลแก้การตั้งค่าองค์ประกอบของปีงบประมาณ"
    ) % {
        "code": shortfall.code, "listed": shortfall.listed(_num), "total": _num(shortfall.total),
        "weight": _num(shortfall.weight), "missing": _num(shortfall.missing),
    }


def rubric_problems(indicator: IndicatorSnap) -> list[Problem]:
    """Exactly 5 rubric levels, each with a criterion and a success %."""
    key = ("indicator", indicator.id, "rubric")
    levels = sorted({level.level for level in indicator.levels}, reverse=True)
    if len(indicator.levels) != 5 or tuple(levels) != RUBRIC_LEVELS:
        count = _num(len(indicator.levels))
        return [Problem(key, _("เกณฑ์การให้คะแนนต้องมีครบ ๕ ระดับ (ระดับ ๕ ถึง ๑) ขณะนี้มี %(count)s ระดับ") % {"count": count})]
    problems = []
    for level in sorted(indicator.levels, key=lambda lv: -lv.level):
        if not level.criterion.strip():
            problems.append(Problem(key, _("ระดับ %(level)s: ต้องระบุเกณฑ์/ผลการดำเนินงาน") % {"level": _num(level.level)}))
        if level.success_percent is None:
            problems.append(Problem(key, _("ระดับ %(level)s: ต้องระบุเกณฑ์ร้อยละความสำเร็จ") % {"level": _num(level.level)}))
    return problems


def threshold_problems(indicator: IndicatorSnap) -> list[Problem]:
    """Numeric thresholds run in one direction: higher levels need better values."""
    if indicator.rubric_kind == "milestone":
        return []
    key = ("indicator", indicator.id, "thresholds")
    problems = []
    by_level = {level.level: level.threshold for level in indicator.levels}
    if indicator.rubric_kind == "numeric":
        missing = [lv for lv in (5, 4, 3, 2) if lv in by_level and by_level[lv] is None]
        if missing:
            levels = " ".join(_num(lv) for lv in missing)
            problems.append(Problem(key, _("เกณฑ์แบบตัวเลขต้องระบุค่าเกณฑ์ของระดับ %(levels)s") % {"levels": levels}))
    present = [(lv, by_level[lv]) for lv in RUBRIC_LEVELS if by_level.get(lv) is not None]
    higher = indicator.rubric_direction == "higher"
    for (upper, upper_value), (lower, lower_value) in zip(present, present[1:]):
        in_order = upper_value > lower_value if higher else upper_value < lower_value
        if not in_order:
            values = {
                "upper": _num(upper), "upper_value": _num(upper_value),
                "lower": _num(lower), "lower_value": _num(lower_value),
            }
            if higher:
                message = _(
                    "ค่าเกณฑ์ระดับ %(upper)s (%(upper_value)s) ต้องมากกว่าระดับ %(lower)s (%(lower_value)s) "
                    "เพราะเกณฑ์เป็นแบบยิ่งมากยิ่งดี"
                )
            else:
                message = _(
                    "ค่าเกณฑ์ระดับ %(upper)s (%(upper_value)s) ต้องน้อยกว่าระดับ %(lower)s (%(lower_value)s) "
                    "เพราะเกณฑ์เป็นแบบยิ่งน้อยยิ่งดี"
                )
            problems.append(Problem(key, message % values))
            break
    return problems


def target_problems(indicator: IndicatorSnap) -> list[Problem]:
    problems = []
    if indicator.target_value is None and not indicator.target_text.strip():
        problems.append(Problem(("indicator", indicator.id, "target"), _("ต้องระบุค่าเป้าหมาย")))
    if indicator.weight is None or indicator.weight <= 0:
        problems.append(Problem(("indicator", indicator.id, "weight"), _("ต้องระบุน้ำหนักคะแนนมากกว่า ๐")))
    return problems


def joint_problems(indicator: IndicatorSnap) -> list[Problem]:
    """A joint KPI names at least two agencies, each with its duty."""
    if not indicator.is_joint:
        return []
    key = ("indicator", indicator.id, "participants")
    agencies = {p.agency_id for p in indicator.participants}
    problems = []
    if len(agencies) < 2:
        problems.append(Problem(key, _("ตัวชี้วัดบูรณาการต้องระบุหน่วยงานร่วมอย่างน้อย ๒ หน่วยงาน")))
    if any(not p.duty.strip() for p in indicator.participants):
        problems.append(Problem(key, _("ต้องระบุภารกิจของหน่วยงานร่วมทุกหน่วยงาน")))
    return problems


def indicator_problems(indicator: IndicatorSnap) -> list[Problem]:
    return (
        target_problems(indicator)
        + rubric_problems(indicator)
        + threshold_problems(indicator)
        + joint_problems(indicator)
    )


def district_problems(package: PackageSnap) -> list[Problem]:
    """District offices carry the year's KPIs common to all 50 districts."""
    if not package.is_district:
        return []
    carried = {i.basket_indicator_id for i in package.indicators}
    return [
        Problem(("package", "common"), _("สำนักงานเขตต้องมีตัวชี้วัดร่วมของทุกเขต: “%(name)s”") % {"name": kpi.name})
        for kpi in package.common_district_kpis
        if kpi.id not in carried
    ]


def package_problems(package: PackageSnap) -> list[Problem]:
    """Every check of a submission, in page order."""
    problems = element_problems(package) + district_problems(package)
    if not package.indicators:
        problems.append(Problem(("package", "empty"), _("ยังไม่มีตัวชี้วัดในชุดนี้")))
    for indicator in package.indicators:
        problems += indicator_problems(indicator)
    return problems


def indicator_warnings(indicator: IndicatorSnap) -> list[Problem]:
    """What to point out about an indicator without stopping its submission, as the drafting form does after
    a save: a target text that counts another figure than the target value, rubric levels whose text names
    another number or comparison than their threshold."""
    warnings = []
    if target := target_warning(indicator.target_text, indicator.target_value, indicator.target_unit):
        warnings.append(Problem(("indicator", indicator.id, "target"), target))
    key = ("indicator", indicator.id, "rubric")
    levels = sorted(indicator.levels, key=lambda lv: -lv.level)
    return warnings + [Problem(key, message) for message in rubric_warnings(levels).values()]


def package_warnings(package: PackageSnap) -> list[Problem]:
    """indicator_warnings of every indicator, in page order."""
    return [warning for indicator in package.indicators for warning in indicator_warnings(indicator)]


def problems_by_key(problems: list[Problem]) -> dict[str, list[str]]:
    """Group messages for templates: 'element:1.1', 'indicator:7', 'package'."""
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        kind = problem.key[0]
        name = "package" if kind == "package" else f"{kind}:{problem.key[1]}"
        grouped.setdefault(name, []).append(problem.message)
    return grouped
