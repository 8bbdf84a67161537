"""The agency's drafting writes: create, edit, delete an indicator and its tables, and start one
from an earlier year's. Whether a write is allowed follows the package's state
(indicators.services.negotiation); after approval only the strategy office amends, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies import permissions
from indicators.history import change_reason, record_first_versions
from indicators.models import (
    AgencyPackage,
    EvidenceRequirement,
    Indicator,
    IndicatorBaseline,
    IndicatorStatus,
    JointParticipant,
    MilestoneCondition,
    RubricLevel,
)
from indicators.rubric_text import rubric_warnings, target_warning
from indicators.selectors.negotiation import agency_basket, draftable_elements, indicator_tables
from indicators.selectors.year_setup import MovedText
from kpi_portal.validators import says_nothing

from .copied_years import move_years_on
from .negotiation import (
    StaleVersion,
    TransitionError,
    agency_edit_refusal,
    lock_package,
    lock_package_of,
    next_number,
    package_problems,
    record_decision,
    save_indicator,
)
from .table_rows import field_key, sync_rows


@dataclass
class IndicatorChildren:
    """Rows typed into the indicator form's tables (already shape-checked by the formsets)."""

    baselines: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    levels: list[dict] = field(default_factory=list)
    conditions: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)


STALE_FORM_MESSAGE = gettext_lazy(
    "บันทึกไม่สำเร็จ: มีผู้อื่นบันทึกตัวชี้วัดนี้หลังจากที่ท่านเปิดแบบฟอร์ม ข้อมูลที่ท่านกรอกยังอยู่ในแบบฟอร์ม "
    "โปรดเทียบกับฉบับที่บันทึกล่าสุดด้านล่าง ปรับแบบฟอร์มตามที่ต้องการ แล้วกดบันทึกอีกครั้ง "
    "(การบันทึกครั้งถัดไปจะแทนที่ฉบับนั้น)"
)

INDICATOR_FIELDS = (
    "element", "number", "code", "name", "result_type", "indicator_type", "target_value", "target_unit",
    "target_text", "value_unit", "weight", "definition", "calculation_method", "data_collection", "data_sources",
    "policy_code", "policy_text", "strategy", "strategy_text", "sub_strategy_text", "goal", "objective", "key_result", "tactic",
    "outputs", "outcomes", "conditions_title", "rubric_kind", "rubric_direction", "rubric_title", "focus_issue",
    "responsible_person",
)

# The indicator's tables: IndicatorChildren attribute → (model, the columns a row sets).
CHILD_TABLES = {
    "baselines": (IndicatorBaseline, ("year_be", "value_text", "value_number")),
    "participants": (JointParticipant, ("agency", "duty", "weight", "is_lead")),
    "levels": (RubricLevel, ("level", "success_percent", "criterion", "threshold", "threshold_exclusive")),
    "conditions": (MilestoneCondition, ("percent", "description")),
    "evidence": (EvidenceRequirement, ("order", "description")),
}


EDIT_LOCKED = gettext_lazy("ตัวชี้วัดถูกล็อก: ชุดตัวชี้วัดอยู่ในสถานะ “{status}” แก้ไขไม่ได้")
EDIT_NOT_YOURS = gettext_lazy("ท่านไม่มีสิทธิ์แก้ไขตัวชี้วัดของหน่วยงานนี้")


def draft_refusal(actor, package: AgencyPackage) -> Exception | None:
    """Why the actor may not write the package's indicators now, or None: agency staff while it is a
    draft or sent back, the strategy office once it is approved (an amendment)."""
    if permissions.can_amend(actor, package):
        return None
    return agency_edit_refusal(actor, package, not_now=EDIT_LOCKED, not_yours=EDIT_NOT_YOURS)


def may_draft(user, package: AgencyPackage) -> bool:
    return draft_refusal(user, package) is None


def edit_refusal(actor, package: AgencyPackage, indicator: Indicator) -> Exception | None:
    """Why the actor may not edit this indicator now (draft_refusal; a replaced one never), or None."""
    if refusal := draft_refusal(actor, package):
        return refusal
    if indicator.status == IndicatorStatus.REPLACED:
        return TransitionError(_("ตัวชี้วัดนี้ถูกแทนที่แล้ว แก้ไขไม่ได้"))
    return None


def may_edit_indicator(user, package: AgencyPackage, indicator: Indicator) -> bool:
    return edit_refusal(user, package, indicator) is None


def delete_refusal(actor, package: AgencyPackage, indicator: Indicator) -> Exception | None:
    """Why the actor may not delete this indicator now, or None: agency staff remove a draft they made
    by mistake while the package is a draft or sent back, only one the committee never discussed
    (comments and decisions are negotiation records; the committee replaces such an indicator)."""
    refusal = agency_edit_refusal(
        actor,
        package,
        not_now=_("ลบไม่ได้: ชุดตัวชี้วัดอยู่ในสถานะ “{status}” ลบได้เฉพาะเมื่อเป็นร่างหรือถูกส่งกลับแก้ไข"),
        not_yours=_("เฉพาะเจ้าหน้าที่ของหน่วยงานลบตัวชี้วัดที่ยังเป็นร่างได้"),
    )
    if refusal:
        return refusal
    if indicator.status != IndicatorStatus.DRAFT:
        return TransitionError(
            _("ลบได้เฉพาะตัวชี้วัดที่ยังเป็นร่าง (ตัวชี้วัดนี้ “%(status)s”)") % {"status": indicator.get_status_display()}
        )
    if indicator.comments.exists() or indicator.decisions.exists():
        return TransitionError(_(
            "ลบไม่ได้: คณะกรรมการให้ความเห็นหรือมีมติเกี่ยวกับตัวชี้วัดนี้แล้ว ต้องเก็บไว้เป็นหลักฐานการเจรจา "
            "แก้ไขตัวชี้วัด หรือขอให้คณะกรรมการแทนด้วยตัวชี้วัดอื่น"
        ))
    return None


def may_delete_indicator(user, package: AgencyPackage, indicator: Indicator) -> bool:
    return delete_refusal(user, package, indicator) is None


def _check_may_write(actor, package: AgencyPackage, amendment_reason: str, indicator: Indicator | None = None) -> bool:
    """Refuse a write the actor may not make (edit_refusal for an existing indicator); return True when
    it is an amendment of an approved package, which needs a reason."""
    refusal = draft_refusal(actor, package) if indicator is None else edit_refusal(actor, package, indicator)
    if refusal:
        raise refusal
    is_amendment = permissions.can_amend(actor, package)
    if is_amendment and says_nothing(amendment_reason):
        raise ValidationError({"amendment_reason": _("การแก้ไขหลังอนุมัติต้องระบุเหตุผล")})
    return is_amendment


def _check_element(package: AgencyPackage, element, current=None) -> None:
    """Indicators go in a negotiated leaf element of the year that applies to the agency (or stay where they are)."""
    if element.fiscal_year_id != package.fiscal_year_id:
        raise ValidationError({"element": _("องค์ประกอบต้องเป็นของปีงบประมาณเดียวกับชุดตัวชี้วัด")})
    if current is not None and element.pk == current.element_id:
        return
    if element not in draftable_elements(fiscal_year=package.fiscal_year, agency=package.agency):
        raise ValidationError({"element": _("เลือกองค์ประกอบย่อยที่ใช้กับหน่วยงานประเภทนี้และต้องเจรจาตกลง")})


# How a saved row is recognised in what the form holds (services.table_rows): its natural key. An evidence
# item is found by its text (so inserting or removing an item does not shift the others), then by its
# place between the items found (so correcting an item's text keeps it, and the checklist ticks on it).
CHILD_KEYS = {
    "baselines": (field_key("year_be"),),
    "participants": (field_key("agency"),),
    "levels": (field_key("level"),),
    "conditions": (field_key("percent"),),
    "evidence": (field_key("description"),),
}


# A table's natural key (its column in CHILD_KEYS) names one row: two rows with the same key cannot both
# be kept (the database refuses the second), so they are refused beside the table, before anything is written.
DUPLICATE_ROWS = {
    "baselines": ("year_be", gettext_lazy("ปี พ.ศ. %(key)s มีมากกว่าหนึ่งแถว")),
    "participants": ("agency", gettext_lazy("หน่วยงาน “%(key)s” มีมากกว่าหนึ่งแถว")),
    "levels": ("level", gettext_lazy("ระดับความสำเร็จซ้ำกัน")),
    "conditions": ("percent", gettext_lazy("ร้อยละของแผน %(key)s มีมากกว่าหนึ่งแถว")),
}


def children_refusal(children: IndicatorChildren) -> ValidationError | None:
    """A ValidationError naming each table (IndicatorChildren attribute) that holds one key twice, or None."""
    errors = {}
    for name, (column, message) in DUPLICATE_ROWS.items():
        seen = set()
        for row in getattr(children, name):
            value = row.get(column)
            key = getattr(value, "pk", value)
            if key is not None and key in seen:
                errors[name] = [message % {"key": getattr(value, "code", value)}]
                break
            seen.add(key)
    return ValidationError(errors) if errors else None


def _write_children(indicator: Indicator, children: IndicatorChildren, actor, reason: str = "") -> None:
    """Make the indicator's tables hold what the form holds, updating saved rows in place (table_rows)."""
    for name, (model, columns) in CHILD_TABLES.items():
        wanted = []
        for position, row in enumerate(getattr(children, name), start=1):
            values = {column: row.get(column) for column in columns if column in row}
            if model is EvidenceRequirement:
                values.setdefault("order", position)
            wanted.append(values)
        sync_rows(
            queryset=model.objects.filter(indicator=indicator).order_by(*model._meta.ordering, "pk"),
            make=lambda values, model=model: model(indicator=indicator, **values),
            wanted=wanted,
            keys=CHILD_KEYS[name],
            by_position=model is EvidenceRequirement,
            actor=actor,
            reason=reason,
        )


def saved_indicator_warnings(
    indicator: Indicator, children: IndicatorChildren, package: AgencyPackage, *, amending: bool
) -> list[str]:
    """What to point out after a save that went through (saving is never refused for these): a target
    text or rubric level whose numbers disagree with its figure, and, after an amendment, an approved
    package that no longer passes the checks (weights may move one indicator at a time)."""
    warnings = [
        target_warning(indicator.target_text, indicator.target_value, indicator.target_unit),
        *rubric_warnings(children.levels).values(),
    ]
    if amending and (problems := package_problems(package)):
        warnings.append(
            _("หลังการแก้ไขนี้ ชุดตัวชี้วัดที่อนุมัติแล้วไม่เป็นไปตามเกณฑ์ %(count)s รายการ เช่น %(first)s")
            % {"count": len(problems), "first": problems[0].message}
        )
    return [warning for warning in warnings if warning]


def _check_number(indicator: Indicator) -> None:
    taken = Indicator.objects.filter(
        fiscal_year_id=indicator.fiscal_year_id, agency_id=indicator.agency_id, number=indicator.number
    ).exclude(pk=indicator.pk)
    if taken.exists():
        raise ValidationError({"number": _("ลำดับที่ %(number)s มีอยู่แล้วในชุดตัวชี้วัดนี้") % {"number": indicator.number}})


def _check_origin(package, data: dict) -> None:
    basket = data.get("basket_indicator")
    if basket is not None and not agency_basket(fiscal_year=package.fiscal_year, agency=package.agency).filter(
        pk=basket.pk
    ).exists():
        raise ValidationError({"basket_indicator": _("ตัวชี้วัดนี้ไม่อยู่ในตะกร้าตัวชี้วัดของหน่วยงาน")})


@transaction.atomic
def indicator_create(
    *, actor, package: AgencyPackage, data: dict, children: IndicatorChildren, amendment_reason: str = ""
) -> Indicator:
    """Draft a new indicator in the agency's package (staff, while draft or sent back); after approval
    the strategy office adds one as a recorded amendment, with its reason."""
    package = lock_package(package)
    is_amendment = _check_may_write(actor, package, amendment_reason)
    _check_element(package, data["element"])
    _check_origin(package, data)
    if refusal := children_refusal(children):
        raise refusal
    indicator = Indicator(fiscal_year=package.fiscal_year, agency=package.agency, status=package.status)
    for name in INDICATOR_FIELDS + ("copied_from", "basket_indicator"):
        if name in data:
            setattr(indicator, name, data[name])
    if not indicator.number:
        indicator.number = next_number(package)
    if indicator.basket_indicator and not indicator.focus_issue_id:
        indicator.focus_issue = indicator.basket_indicator.focus_issue
    indicator.version = 0
    _check_number(indicator)
    indicator.full_clean()
    reason = change_reason(amendment_reason) if is_amendment else ""
    if reason:
        indicator._change_reason = reason  # the history says why, beside the amendment decision
    save_indicator(indicator, actor)
    _write_children(indicator, children, actor, reason)
    if is_amendment:
        _record_amendment(package, actor, amendment_reason, indicator)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor,
    indicator: Indicator,
    expected_version: int,
    data: dict,
    children: IndicatorChildren,
    amendment_reason: str = "",
) -> Indicator:
    """Save the indicator form. A form opened before someone else's save (stale version) is refused."""
    current = Indicator.objects.select_for_update().select_related("agency", "fiscal_year").get(pk=indicator.pk)
    package = lock_package_of(current)
    is_amendment = _check_may_write(actor, package, amendment_reason, current)
    if current.version != expected_version:
        raise StaleVersion(
            _("มีผู้อื่นบันทึกตัวชี้วัดนี้หลังจากที่ท่านเปิดแบบฟอร์ม (ฉบับล่าสุดคือฉบับที่ %(version)s)")
            % {"version": current.version},
            indicator=current,
        )
    _check_element(package, data["element"], current)
    if refusal := children_refusal(children):
        raise refusal
    record_first_versions([current])  # loaded without history (fixtures, demo data): keep the state it had
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    if not current.number:
        current.number = indicator.number
    _check_number(current)
    current.full_clean()
    reason = change_reason(amendment_reason) if is_amendment else ""
    if reason:
        current._change_reason = reason  # the history says why, beside the amendment decision
    save_indicator(current, actor)
    _write_children(current, children, actor, reason)
    if is_amendment:
        _record_amendment(package, actor, amendment_reason, current)
    return current


def _record_amendment(package: AgencyPackage, actor, reason: str, indicator: Indicator) -> None:
    record_decision(
        package=package, actor=actor, action="amend", from_status=package.status, to_status=package.status,
        reason=reason.strip(), indicator=indicator,
    )


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Remove an indicator the agency drafted by mistake, as delete_refusal allows; its history keeps
    the deleted version."""
    current = Indicator.objects.select_for_update().select_related("agency", "fiscal_year").get(pk=indicator.pk)
    package = lock_package_of(current)
    if refusal := delete_refusal(actor, package, current):
        raise refusal
    current._history_user = actor
    current._change_reason = "ลบตัวชี้วัดร่าง"
    current.delete()


def indicator_children(indicator: Indicator) -> IndicatorChildren:
    """The indicator's saved tables as the indicator form holds them."""
    return IndicatorChildren(**indicator_tables(indicator))


BASELINE_YEARS = 3


def baseline_years(year_be: int) -> list[int]:
    """The years of “ผลการดำเนินงานย้อนหลัง ๓ ปี” for a fiscal year: the three B.E. years before it, oldest first."""
    return [year_be - n for n in range(BASELINE_YEARS, 0, -1)]


def baseline_rows(rows: list[dict], year_be: int) -> list[dict]:
    """The baseline rows the indicator form offers for a fiscal year: `rows`, plus a row holding only the
    year for every year of baseline_years() that has none, by year."""
    have = {row.get("year_be") for row in rows}
    missing = [{"year_be": year} for year in baseline_years(year_be) if year not in have]
    return sorted([*rows, *missing], key=lambda row: row.get("year_be") or 0)


def copied_element(source: Indicator, package: AgencyPackage):
    """The element of the package's year with the code of the source's element (from an earlier year), if
    the agency may draft in it; None when there is none, so that the user chooses."""
    if source.element_id is None:
        return None
    code = source.element.code
    return next(
        (e for e in draftable_elements(fiscal_year=package.fiscal_year, agency=package.agency) if e.code == code),
        None,
    )


def indicator_initial(source: Indicator, package: AgencyPackage) -> tuple[dict, IndicatorChildren, list[MovedText]]:
    """Form values for a new indicator of `package` copied from an indicator of an earlier year (nothing
    is saved until the user saves): the element with the same code in the package's year, the
    baselines that still fall in the package year's window and a blank row for each year they lack,
    and the years its texts name moved on (copied_years.move_years_on); with each text moved, old → new."""
    data = {name: getattr(source, name) for name in INDICATOR_FIELDS if name not in ("element", "number")}
    element = copied_element(source, package)
    data["element"] = element.pk if element is not None else None
    data["strategy"] = source.strategy_id
    data["focus_issue"] = None
    data["copied_from"] = source.pk
    children = indicator_children(source)
    year_be = package.fiscal_year.year_be
    window = baseline_years(year_be)
    children.baselines = baseline_rows([row for row in children.baselines if row["year_be"] in window], year_be)
    moved = move_years_on(data, children, from_be=source.fiscal_year.year_be, to_be=year_be)
    return data, children, moved
