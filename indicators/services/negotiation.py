"""The negotiation state machine and every write of the drafting and committee pages.

A package moves draft → submitted → in negotiation → (revision requested → submitted …) → agreed
→ approved. Indicators follow their package's state (a replaced indicator stays replaced). Every
transition, replacement and amendment is recorded as a CommitteeDecision (who, when, from → to,
why); every change to an indicator is kept by django-simple-history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from agencies import permissions
from indicators import checks
from indicators.models import (
    AgencyPackage,
    BasketIndicator,
    CommitteeDecision,
    EvidenceRequirement,
    Indicator,
    IndicatorBaseline,
    IndicatorComment,
    IndicatorStatus,
    JointParticipant,
    Meeting,
    MilestoneCondition,
    PackageStatus,
    RubricLevel,
)
from indicators.selectors.negotiation import (
    agency_basket,
    draftable_elements,
    elements_for,
    package_indicators,
    snapshot,
)


class TransitionError(Exception):
    """An action that the package's current state does not allow."""


class StaleVersion(Exception):
    """Someone saved the indicator after this form was opened."""


class SubmissionBlocked(Exception):
    """The package fails one or more submission checks."""

    def __init__(self, problems: list[checks.Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    allowed: object  # a permission function (user, package) -> bool
    label: str


TRANSITIONS = {
    "submit": Transition(
        (PackageStatus.DRAFT, PackageStatus.REVISION_REQUESTED), PackageStatus.SUBMITTED, permissions.can_submit,
        "ส่งตัวชี้วัดให้คณะกรรมการ",
    ),
    "start_negotiation": Transition(
        (PackageStatus.SUBMITTED,), PackageStatus.IN_NEGOTIATION, permissions.can_review, "เริ่มการเจรจา"
    ),
    "request_revision": Transition(
        (PackageStatus.SUBMITTED, PackageStatus.IN_NEGOTIATION),
        PackageStatus.REVISION_REQUESTED,
        permissions.can_review,
        "ส่งกลับให้หน่วยงานแก้ไข",
    ),
    "agree": Transition((PackageStatus.IN_NEGOTIATION,), PackageStatus.AGREED, permissions.can_review, "เห็นชอบ"),
    "approve": Transition(
        (PackageStatus.AGREED,), PackageStatus.APPROVED, permissions.can_approve, "อนุมัติ (ถือเป็นข้อยุติ)"
    ),
}
ACTION_LABELS = {name: t.label for name, t in TRANSITIONS.items()} | {
    "replace": "แทนตัวชี้วัดด้วยตัวชี้วัดจากตะกร้า (KPI Basket)",
    "amend": "แก้ไขหลังอนุมัติ (สยป. บันทึก)",
}


@dataclass
class IndicatorChildren:
    """Rows typed into the indicator form's tables (already shape-checked by the formsets)."""

    baselines: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    levels: list[dict] = field(default_factory=list)
    conditions: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)


# --- Packages -------------------------------------------------------------------------------------


def package_open(*, agency, fiscal_year) -> AgencyPackage:
    """The agency's package for the year, created as a draft the first time anyone opens it."""
    package, _ = AgencyPackage.objects.get_or_create(agency=agency, fiscal_year=fiscal_year)
    package.agency = agency
    package.fiscal_year = fiscal_year
    return package


def package_problems(package: AgencyPackage) -> list[checks.Problem]:
    elements = elements_for(fiscal_year=package.fiscal_year, agency=package.agency)
    return checks.package_problems(snapshot(package, list(package_indicators(package)), elements))


def _lock(package: AgencyPackage) -> AgencyPackage:
    locked = AgencyPackage.objects.select_for_update().select_related("agency", "fiscal_year").get(pk=package.pk)
    return locked


def _record(*, package, actor, action, from_status, to_status, reason="", indicator=None, meeting=None):
    decision = CommitteeDecision(
        package=package,
        indicator=indicator,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        meeting=meeting,
    )
    decision.full_clean()
    decision.save()
    return decision


def _save_indicator(indicator: Indicator, actor, **kwargs) -> None:
    indicator.version += 1
    indicator._history_user = actor  # simple-history records who, also outside a request
    indicator.save(**kwargs)


@transaction.atomic
def package_transition(
    *, actor, package: AgencyPackage, action: str, reason: str = "", comments: dict | None = None, meeting=None
) -> AgencyPackage:
    """Move a package (and its active indicators) along the state machine, and record the step.

    `comments` maps indicator id → the committee's comment (used when sending back).
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(f"ไม่รู้จักการดำเนินการ {action!r}")
    package = _lock(package)
    if not transition.allowed(actor, package):
        raise PermissionDenied("ท่านไม่มีสิทธิ์ดำเนินการนี้กับชุดตัวชี้วัดของหน่วยงานนี้")
    if package.status not in transition.sources:
        raise TransitionError(
            f"ไม่สามารถ{transition.label}ได้ เพราะชุดตัวชี้วัดอยู่ในสถานะ “{package.get_status_display()}”"
        )
    comments = {int(k): v.strip() for k, v in (comments or {}).items() if v and v.strip()}
    if meeting is not None and meeting.fiscal_year_id != package.fiscal_year_id:
        raise ValidationError({"meeting": "การประชุมต้องเป็นของปีงบประมาณเดียวกัน"})
    if action == "request_revision" and not (reason.strip() or comments):
        raise ValidationError({"reason": "ต้องระบุความเห็นหรือเหตุผลที่ส่งกลับแก้ไข"})
    if action == "submit":
        problems = package_problems(package)
        if problems:
            raise SubmissionBlocked(problems)

    from_status = package.status
    indicators = list(
        Indicator.objects.select_for_update()
        .filter(fiscal_year_id=package.fiscal_year_id, agency_id=package.agency_id)
        .exclude(status=IndicatorStatus.REPLACED)
        .order_by("pk")
    )
    for indicator_id, body in comments.items():
        indicator = next((i for i in indicators if i.pk == indicator_id), None)
        if indicator is None:
            raise ValidationError({"comments": "ความเห็นต้องเป็นของตัวชี้วัดในชุดนี้"})
        IndicatorComment.objects.create(indicator=indicator, author=actor, body=body)
    for indicator in indicators:
        indicator.status = transition.target
        _save_indicator(indicator, actor, update_fields=["status", "version", "updated_at"])

    package.status = transition.target
    package.version += 1
    if action == "submit":
        package.submitted_at = timezone.now()
        package.submitted_by = actor
    if action == "approve":
        package.approved_at = timezone.now()
    package._history_user = actor
    package.full_clean()
    package.save()
    _record(
        package=package,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=transition.target,
        reason=reason.strip(),
        meeting=meeting,
    )
    return package


# --- Indicators -----------------------------------------------------------------------------------

INDICATOR_FIELDS = (
    "element", "number", "code", "name", "result_type", "indicator_type", "target_value", "target_unit",
    "target_text", "weight", "definition", "calculation_method", "data_collection", "data_sources", "policy_code",
    "policy_text", "strategy", "strategy_text", "sub_strategy_text", "goal", "objective", "key_result", "tactic",
    "outputs", "outcomes", "conditions_title", "rubric_kind", "rubric_direction", "rubric_title", "focus_issue",
    "responsible_person",
)


def _check_may_write(actor, package: AgencyPackage, amendment_reason: str) -> bool:
    """Return True when this write is an amendment of an approved package."""
    if permissions.can_edit_package(actor, package):
        return False
    if permissions.can_amend(actor, package):
        if not amendment_reason.strip():
            raise ValidationError({"amendment_reason": "การแก้ไขหลังอนุมัติต้องระบุเหตุผล"})
        return True
    if package.status not in permissions.EDITABLE_PACKAGE_STATES and permissions.is_agency_member(
        actor, package.agency
    ):
        raise TransitionError(
            f"ตัวชี้วัดถูกล็อก: ชุดตัวชี้วัดอยู่ในสถานะ “{package.get_status_display()}” แก้ไขไม่ได้"
        )
    raise PermissionDenied("ท่านไม่มีสิทธิ์แก้ไขตัวชี้วัดของหน่วยงานนี้")


def _next_number(package: AgencyPackage) -> int:
    top = Indicator.objects.filter(fiscal_year_id=package.fiscal_year_id, agency_id=package.agency_id).aggregate(
        top=Max("number")
    )["top"]
    return (top or 0) + 1


def _check_element(package: AgencyPackage, element, current=None) -> None:
    """Indicators go in a negotiated leaf element of the year that applies to the agency (or stay where they are)."""
    if element.fiscal_year_id != package.fiscal_year_id:
        raise ValidationError({"element": "องค์ประกอบต้องเป็นของปีงบประมาณเดียวกับชุดตัวชี้วัด"})
    if current is not None and element.pk == current.element_id:
        return
    if element not in draftable_elements(fiscal_year=package.fiscal_year, agency=package.agency):
        raise ValidationError({"element": "เลือกองค์ประกอบย่อยที่ใช้กับหน่วยงานประเภทนี้และต้องเจรจาตกลง"})


def _write_children(indicator: Indicator, children: IndicatorChildren, actor) -> None:
    """Replace the indicator's tables with what the form holds; rubric rows are updated in place (their history)."""
    kept_levels = set()
    for row in children.levels:
        level = RubricLevel.objects.filter(indicator=indicator, level=row["level"]).first() or RubricLevel(
            indicator=indicator, level=row["level"]
        )
        changed = level.pk is None
        for name in ("success_percent", "criterion", "threshold"):
            if getattr(level, name) != row.get(name):
                setattr(level, name, row.get(name))
                changed = True
        if changed:
            level._history_user = actor
            level.full_clean()
            level.save()
        kept_levels.add(row["level"])
    for level in RubricLevel.objects.filter(indicator=indicator).exclude(level__in=kept_levels):
        level._history_user = actor
        level.delete()

    simple_tables = (
        (IndicatorBaseline, children.baselines, ("year_be", "value_text", "value_number")),
        (JointParticipant, children.participants, ("agency", "duty", "weight", "is_lead")),
        (MilestoneCondition, children.conditions, ("percent", "description")),
        (EvidenceRequirement, children.evidence, ("order", "description")),
    )
    for model, rows, names in simple_tables:
        wanted = []
        for position, row in enumerate(rows, start=1):
            values = {name: row.get(name) for name in names if name in row}
            if model is EvidenceRequirement:
                values.setdefault("order", position)
            wanted.append(values)
        existing = list(model.objects.filter(indicator=indicator).order_by("pk"))
        if _same_rows(existing, wanted):
            continue  # untouched table: no delete/re-create noise in its history
        for obj in existing:
            obj._history_user = actor
            obj.delete()
        for values in wanted:
            obj = model(indicator=indicator, **values)
            obj.full_clean()
            obj._history_user = actor
            obj.save()


def _same_rows(existing: list, wanted: list[dict]) -> bool:
    def key(values: dict):
        return tuple(sorted((name, getattr(value, "pk", value)) for name, value in values.items()))

    current = [key({name: getattr(obj, name) for name in values}) for obj, values in zip(existing, wanted)]
    return len(existing) == len(wanted) and current == [key(values) for values in wanted]


def _check_number(indicator: Indicator) -> None:
    taken = Indicator.objects.filter(
        fiscal_year_id=indicator.fiscal_year_id, agency_id=indicator.agency_id, number=indicator.number
    ).exclude(pk=indicator.pk)
    if taken.exists():
        raise ValidationError({"number": f"ลำดับที่ {indicator.number} มีอยู่แล้วในชุดตัวชี้วัดนี้"})


def _check_origin(package, data: dict) -> None:
    basket = data.get("basket_indicator")
    if basket is not None and not agency_basket(fiscal_year=package.fiscal_year, agency=package.agency).filter(
        pk=basket.pk
    ).exists():
        raise ValidationError({"basket_indicator": "ตัวชี้วัดนี้ไม่อยู่ในตะกร้าตัวชี้วัดของหน่วยงาน"})


@transaction.atomic
def indicator_create(*, actor, package: AgencyPackage, data: dict, children: IndicatorChildren) -> Indicator:
    """Draft a new indicator in the agency's package (staff, while draft or sent back)."""
    package = _lock(package)
    _check_may_write(actor, package, "")
    _check_element(package, data["element"])
    _check_origin(package, data)
    indicator = Indicator(fiscal_year=package.fiscal_year, agency=package.agency, status=package.status)
    for name in INDICATOR_FIELDS + ("copied_from", "basket_indicator"):
        if name in data:
            setattr(indicator, name, data[name])
    if not indicator.number:
        indicator.number = _next_number(package)
    if indicator.basket_indicator and not indicator.focus_issue_id:
        indicator.focus_issue = indicator.basket_indicator.focus_issue
    indicator.version = 0
    _check_number(indicator)
    indicator.full_clean()
    _save_indicator(indicator, actor)
    _write_children(indicator, children, actor)
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
    package = _lock(package_open(agency=current.agency, fiscal_year=current.fiscal_year))
    is_amendment = _check_may_write(actor, package, amendment_reason)
    if current.status == IndicatorStatus.REPLACED:
        raise TransitionError("ตัวชี้วัดนี้ถูกแทนที่แล้ว แก้ไขไม่ได้")
    if current.version != expected_version:
        raise StaleVersion(
            "มีผู้อื่นบันทึกตัวชี้วัดนี้หลังจากที่ท่านเปิดแบบฟอร์ม ข้อมูลที่ท่านกรอกยังอยู่ในแบบฟอร์ม "
            "โปรดเปิดหน้าตัวชี้วัดในแท็บใหม่เพื่อดูฉบับล่าสุด แล้วบันทึกใหม่"
        )
    _check_element(package, data["element"], current)
    for name in INDICATOR_FIELDS:
        if name in data:
            setattr(current, name, data[name])
    if not current.number:
        current.number = indicator.number
    _check_number(current)
    current.full_clean()
    _save_indicator(current, actor)
    _write_children(current, children, actor)
    if is_amendment:
        _record(
            package=package,
            actor=actor,
            action="amend",
            from_status=package.status,
            to_status=package.status,
            reason=amendment_reason.strip(),
            indicator=current,
        )
    return current


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Remove an indicator the agency drafted by mistake, while its package is a draft or sent back.

    Only one the committee never discussed: comments and decisions are negotiation records and
    stay (the committee replaces such an indicator instead). Its history keeps the deleted version.
    """
    current = Indicator.objects.select_for_update().select_related("agency", "fiscal_year").get(pk=indicator.pk)
    package = _lock(package_open(agency=current.agency, fiscal_year=current.fiscal_year))
    if not permissions.can_edit_package(actor, package):
        if permissions.is_agency_member(actor, package.agency):
            raise TransitionError(
                f"ลบไม่ได้: ชุดตัวชี้วัดอยู่ในสถานะ “{package.get_status_display()}” "
                "ลบได้เฉพาะเมื่อเป็นร่างหรือถูกส่งกลับแก้ไข"
            )
        raise PermissionDenied("เฉพาะเจ้าหน้าที่ของหน่วยงานลบตัวชี้วัดที่ยังเป็นร่างได้")
    if current.status != IndicatorStatus.DRAFT:
        raise TransitionError(f"ลบได้เฉพาะตัวชี้วัดที่ยังเป็นร่าง (ตัวชี้วัดนี้ “{current.get_status_display()}”)")
    if current.comments.exists() or current.decisions.exists():
        raise TransitionError(
            "ลบไม่ได้: คณะกรรมการให้ความเห็นหรือมีมติเกี่ยวกับตัวชี้วัดนี้แล้ว ต้องเก็บไว้เป็นหลักฐานการเจรจา "
            "แก้ไขตัวชี้วัด หรือขอให้คณะกรรมการแทนด้วยตัวชี้วัดอื่น"
        )
    current._history_user = actor
    current._change_reason = "ลบตัวชี้วัดร่าง"
    current.delete()


@transaction.atomic
def indicator_comment(*, actor, indicator: Indicator, body: str) -> IndicatorComment:
    """A committee comment on one indicator while the package is before the committee."""
    package = _lock(package_open(agency=indicator.agency, fiscal_year=indicator.fiscal_year))
    if not permissions.can_review(actor, package):
        raise PermissionDenied("เฉพาะคณะกรรมการที่เจรจากับหน่วยงานนี้ให้ความเห็นได้")
    if package.status not in (PackageStatus.SUBMITTED, PackageStatus.IN_NEGOTIATION):
        raise TransitionError("ให้ความเห็นได้เฉพาะเมื่อชุดตัวชี้วัดส่งคณะกรรมการแล้วหรืออยู่ระหว่างเจรจา")
    comment = IndicatorComment(indicator=indicator, author=actor, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_resolve(*, actor, comment: IndicatorComment, resolved: bool = True) -> IndicatorComment:
    """The agency marks a committee comment as dealt with (or as not yet), while it may edit the
    package, so the committee sees what was answered when the package comes back."""
    indicator = comment.indicator
    package = _lock(package_open(agency=indicator.agency, fiscal_year=indicator.fiscal_year))
    if not permissions.can_edit_package(actor, package):
        if permissions.is_agency_member(actor, package.agency):
            raise TransitionError(
                f"ชุดตัวชี้วัดอยู่ในสถานะ “{package.get_status_display()}” "
                "แจ้งว่าแก้ไขตามความเห็นได้เมื่อชุดตัวชี้วัดเป็นร่างหรือถูกส่งกลับแก้ไข"
            )
        raise PermissionDenied("เฉพาะเจ้าหน้าที่ของหน่วยงานแจ้งว่าแก้ไขตามความเห็นแล้วได้")
    comment.resolved = resolved
    comment.resolved_by = actor if resolved else None
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    return comment


@transaction.atomic
def indicator_replace(*, actor, indicator: Indicator, basket: BasketIndicator, reason: str) -> Indicator:
    """The committee replaces a weak indicator by one from the agency's KPI basket (guideline ๑.๕)."""
    package = _lock(package_open(agency=indicator.agency, fiscal_year=indicator.fiscal_year))
    if not permissions.can_review(actor, package):
        raise PermissionDenied("เฉพาะคณะกรรมการที่เจรจากับหน่วยงานนี้แทนตัวชี้วัดได้")
    if package.status not in (PackageStatus.SUBMITTED, PackageStatus.IN_NEGOTIATION):
        raise TransitionError("แทนตัวชี้วัดได้เฉพาะระหว่างการเจรจา")
    old = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if old.status == IndicatorStatus.REPLACED:
        raise TransitionError("ตัวชี้วัดนี้ถูกแทนที่แล้ว")
    if not agency_basket(fiscal_year=package.fiscal_year, agency=package.agency).filter(pk=basket.pk).exists():
        raise ValidationError({"basket": "ตัวชี้วัดนี้ไม่อยู่ในตะกร้าตัวชี้วัดของหน่วยงาน"})
    if not reason.strip():
        raise ValidationError({"reason": "ต้องระบุเหตุผลที่แทนตัวชี้วัด"})
    from_status = old.status
    old.status = IndicatorStatus.REPLACED
    _save_indicator(old, actor, update_fields=["status", "version", "updated_at"])
    new = Indicator(
        fiscal_year=package.fiscal_year,
        agency=package.agency,
        element=old.element,
        number=_next_number(package),
        name=basket.name[:500],
        target_text=basket.target[:300],
        weight=old.weight if old.weight else Decimal("1"),
        status=from_status,
        focus_issue=basket.focus_issue,
        basket_indicator=basket,
        replaces=old,
        version=0,
    )
    new.full_clean()
    _save_indicator(new, actor)
    _record(
        package=package,
        actor=actor,
        action="replace",
        from_status=from_status,
        to_status=IndicatorStatus.REPLACED,
        reason=f"{reason.strip()} (แทนด้วย “{new.name}”)",
        indicator=old,
    )
    return new


def indicator_initial(source: Indicator) -> tuple[dict, IndicatorChildren]:
    """Form values copied from an indicator of an earlier year (nothing is saved until the user saves)."""
    data = {name: getattr(source, name) for name in INDICATOR_FIELDS if name not in ("element", "number")}
    data["strategy"] = source.strategy_id
    data["focus_issue"] = None
    data["copied_from"] = source.pk
    children = IndicatorChildren(
        baselines=[
            {"year_be": b.year_be, "value_text": b.value_text, "value_number": b.value_number}
            for b in source.baselines.all()
        ],
        participants=[
            {"agency": p.agency_id, "duty": p.duty, "weight": p.weight, "is_lead": p.is_lead}
            for p in source.participants.all()
        ],
        levels=[
            {"level": lv.level, "success_percent": lv.success_percent, "criterion": lv.criterion,
             "threshold": lv.threshold}
            for lv in source.rubric_levels.all()
        ],
        conditions=[{"percent": c.percent, "description": c.description} for c in source.conditions.all()],
        evidence=[{"description": e.description} for e in source.evidence_requirements.all()],
    )
    return data, children


# --- Meetings -------------------------------------------------------------------------------------


@transaction.atomic
def meeting_record(
    *, actor, fiscal_year, mission_group, title: str, held_on, attendees: str, resolutions: str, agencies=()
) -> Meeting:
    """Record a committee meeting: date, attendees by role and resolutions."""
    if mission_group is not None and mission_group.fiscal_year_id != fiscal_year.pk:
        raise ValidationError({"mission_group": "กลุ่มภารกิจต้องเป็นของปีงบประมาณเดียวกัน"})
    if not permissions.can_record_meeting(actor, mission_group):
        raise PermissionDenied("ท่านไม่มีสิทธิ์บันทึกการประชุมของคณะกรรมการนี้")
    meeting = Meeting(
        fiscal_year=fiscal_year,
        mission_group=mission_group,
        title=title,
        held_on=held_on,
        attendees=attendees,
        resolutions=resolutions,
        recorded_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    meeting.agencies.set(agencies)
    return meeting
