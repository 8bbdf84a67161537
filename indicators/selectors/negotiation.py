"""Reads for the negotiation pages: a package with its indicators, the year's framework, the KPI basket."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext, gettext_lazy

from agencies.models import Agency, AgencyKind, MissionGroup
from agencies.permissions import negotiating_mission_groups
from indicators.checks import (
    BasketSnap,
    ElementSnap,
    IndicatorSnap,
    LevelSnap,
    PackageSnap,
    ParticipantSnap,
)
from indicators.models import (
    AgencyPackage,
    BasketIndicator,
    CommitteeDecision,
    CompositionElement,
    ElementAppliesTo,
    FiscalYear,
    FocusIssue,
    Indicator,
    IndicatorComment,
    IndicatorStatus,
    JointParticipant,
    Meeting,
    NegotiationStage,
)
from kpi_portal.lib.numbers import plain_number
from scoring.rules import threshold_text


def elements_for(*, fiscal_year: FiscalYear, agency: Agency) -> list[CompositionElement]:
    """The year's elements that apply to this kind of agency, in framework order."""
    excluded = ElementAppliesTo.NON_DISTRICT if agency.kind == AgencyKind.DISTRICT else ElementAppliesTo.DISTRICT
    elements = CompositionElement.objects.filter(fiscal_year=fiscal_year).exclude(applies_to=excluded)
    return list(elements.order_by("order", "code"))


def draftable_elements(*, fiscal_year: FiscalYear, agency: Agency) -> list[CompositionElement]:
    """Elements an indicator may be drafted in: negotiated ones without sub-elements (1.1, not 1)."""
    elements = elements_for(fiscal_year=fiscal_year, agency=agency)
    parents = {e.parent_id for e in elements}
    return [e for e in elements if e.is_negotiated and e.pk not in parents]


def element_choices(
    *, fiscal_year: FiscalYear, agency: Agency, current: int | None = None
) -> QuerySet[CompositionElement]:
    """Elements the indicator form offers: the draftable ones, plus the one an edited indicator already sits in."""
    allowed = [e.pk for e in draftable_elements(fiscal_year=fiscal_year, agency=agency)]
    if current is not None:
        allowed.append(current)
    return CompositionElement.objects.filter(pk__in=allowed).order_by("order", "code")


def focus_issues(fiscal_year: FiscalYear) -> QuerySet[FocusIssue]:
    return FocusIssue.objects.filter(fiscal_year=fiscal_year)


def package_indicators(package: AgencyPackage) -> QuerySet[Indicator]:
    """All indicators of a package (replaced ones too) with everything the package page prints."""
    return (
        Indicator.objects.filter(fiscal_year_id=package.fiscal_year_id, agency_id=package.agency_id)
        .select_related("element", "replaces", "basket_indicator")
        .prefetch_related(
            "rubric_levels",
            "baselines",
            Prefetch("participants", queryset=JointParticipant.objects.select_related("agency")),
        )
        .order_by("element__order", "element__code", "number")
    )


def package_indicators_for(indicator: Indicator) -> Indicator:
    """One indicator loaded the way package_indicators loads them (for the checks)."""
    return (
        Indicator.objects.select_related("element")
        .prefetch_related("rubric_levels", "participants")
        .get(pk=indicator.pk)
    )


def indicator_in_full(indicator: Indicator) -> Indicator:
    """One indicator with everything its page shows: rubric, baselines, conditions, evidence, participants."""
    return (
        Indicator.objects.select_related(
            "agency", "fiscal_year", "element", "replaces", "basket_indicator", "copied_from__fiscal_year",
            "focus_issue", "strategy",
        )
        .prefetch_related(
            "rubric_levels",
            "baselines",
            "conditions",
            "evidence_requirements",
            Prefetch("participants", queryset=JointParticipant.objects.select_related("agency")),
        )
        .get(pk=indicator.pk)
    )


def replacement_of(indicator: Indicator) -> Indicator | None:
    """The indicator the committee put in this one's place, if any."""
    return Indicator.objects.filter(replaces=indicator).order_by("pk").first()


def agency_basket(*, fiscal_year: FiscalYear, agency: Agency) -> QuerySet[BasketIndicator]:
    """The KPI basket open to an agency: KPIs it leads, of focus issues it is related to, and common district KPIs."""
    condition = Q(lead_agency=agency) | Q(focus_issue__related_agencies=agency)
    if agency.kind == AgencyKind.DISTRICT:
        condition |= Q(is_common_district=True)
    return (
        BasketIndicator.objects.filter(condition, focus_issue__fiscal_year=fiscal_year)
        .select_related("focus_issue", "lead_agency")
        .distinct()
        .order_by("focus_issue__order", "focus_issue__number", "order", "pk")
    )


def previous_year(fiscal_year: FiscalYear) -> FiscalYear | None:
    return FiscalYear.objects.filter(year_be__lt=fiscal_year.year_be).order_by("-year_be").first()


def previous_year_indicators(package: AgencyPackage) -> tuple[FiscalYear | None, list[Indicator]]:
    """The year before the package's and the agency's indicators of it that were not replaced, by
    element then number (to compare or copy from)."""
    year = previous_year(package.fiscal_year)
    if year is None:
        return None, []
    return year, list(
        Indicator.objects.filter(fiscal_year=year, agency=package.agency)
        .exclude(status=IndicatorStatus.REPLACED)
        .select_related("element")
        .order_by("element__order", "element__code", "number")
    )


def indicator_is_joint(indicator: Indicator) -> bool:
    return indicator.element.is_joint or len(indicator.participants.all()) > 0


def snapshot(package: AgencyPackage, indicators, elements: list[CompositionElement]) -> PackageSnap:
    """Plain data for indicators.checks, from rows already loaded (no further queries but the basket)."""
    active = [i for i in indicators if i.status != IndicatorStatus.REPLACED]
    common = ()
    if package.agency.kind == AgencyKind.DISTRICT:
        common = tuple(
            BasketSnap(b.id, b.name)
            for b in BasketIndicator.objects.filter(
                focus_issue__fiscal_year_id=package.fiscal_year_id, is_common_district=True
            ).order_by("pk")
        )
    return PackageSnap(
        is_district=package.agency.kind == AgencyKind.DISTRICT,
        elements=tuple(element_snapshot(e) for e in elements if e.is_negotiated),
        indicators=tuple(indicator_snapshot(i) for i in active),
        common_district_kpis=common,
        not_negotiated=tuple(element_snapshot(e) for e in elements if not e.is_negotiated),
    )


def element_snapshot(element: CompositionElement) -> ElementSnap:
    return ElementSnap(
        element.id, element.code, element.name, element.weight, element.min_indicators, element.max_indicators,
        element.parent_id, element.is_negotiated,
    )


def indicator_snapshot(indicator: Indicator) -> IndicatorSnap:
    return IndicatorSnap(
        id=indicator.id,
        number=indicator.number,
        name=indicator.name,
        element_id=indicator.element_id,
        weight=indicator.weight,
        target_value=indicator.target_value,
        target_text=indicator.target_text,
        target_unit=indicator.target_unit,
        rubric_kind=indicator.rubric_kind,
        rubric_direction=indicator.rubric_direction,
        is_joint=indicator_is_joint(indicator),
        basket_indicator_id=indicator.basket_indicator_id,
        levels=tuple(
            LevelSnap(lv.level, lv.criterion, lv.success_percent, lv.threshold, lv.threshold_exclusive)
            for lv in indicator.rubric_levels.all()
        ),
        participants=tuple(ParticipantSnap(p.agency_id, p.duty) for p in indicator.participants.all()),
    )


def package_of(*, agency, fiscal_year) -> AgencyPackage:
    """The agency's package for the year as it stands. Before anyone has written to it, an unsaved
    draft: reading a page must not create rows (or history entries in the viewer's name)."""
    package = AgencyPackage.objects.filter(agency=agency, fiscal_year=fiscal_year).first()
    package = package or AgencyPackage(agency=agency, fiscal_year=fiscal_year)
    package.agency, package.fiscal_year = agency, fiscal_year
    return package


def has_negotiating_committee(package: AgencyPackage) -> bool:
    """Whether anyone can negotiate the package yet (see permissions.negotiating_mission_groups)."""
    groups = negotiating_mission_groups(package)
    return groups is None or groups.exists()


def package_decisions(package: AgencyPackage) -> QuerySet[CommitteeDecision]:
    if package.pk is None:
        return CommitteeDecision.objects.none()
    return package.decisions.select_related("actor", "indicator", "meeting").order_by("-created_at", "-pk")


def package_meetings(package: AgencyPackage, *, steering: bool | None = None) -> QuerySet[Meeting]:
    """Meetings a decision on this package may cite: its committee's and the steering committee's of the
    year, or only the steering committee's (steering=True) or only its committee's (steering=False);
    each listing the agency, or no agency at all (indicators.services.meetings.meeting_covers)."""
    groups = negotiating_mission_groups(package)
    if groups is None:  # negotiated by the steering committee: no mission group's meeting applies
        groups = MissionGroup.objects.none()
    whose = {
        None: Q(mission_group__in=groups) | Q(mission_group__isnull=True),
        True: Q(mission_group__isnull=True),
        False: Q(mission_group__in=groups),
    }[steering]
    listed = Meeting.agencies.through.objects.filter(meeting_id=OuterRef("pk"))
    covers = Exists(listed.filter(agency_id=package.agency_id)) | ~Exists(listed)
    return Meeting.objects.filter(whose, covers, fiscal_year_id=package.fiscal_year_id).order_by("-held_on", "-pk")


def year_meetings(fiscal_year_id: int) -> QuerySet[Meeting]:
    """All of a year's meetings: what a decision's form accepts, so that the service can say why one
    may not be cited instead of the form's bare "not one of the choices"."""
    return Meeting.objects.filter(fiscal_year_id=fiscal_year_id)


def indicator_decisions(indicator: Indicator) -> QuerySet[CommitteeDecision]:
    """The committee's decisions on one indicator, newest first."""
    return indicator.decisions.select_related("actor", "indicator", "meeting").order_by("-created_at", "-pk")


def indicator_comments(indicator: Indicator) -> QuerySet[IndicatorComment]:
    """The discussion on one indicator, oldest first."""
    return indicator.comments.select_related("author", "resolved_by").order_by("created_at", "pk")


def negotiation_stages(fiscal_year: FiscalYear) -> QuerySet[NegotiationStage]:
    """The year's negotiation timetable in order."""
    return NegotiationStage.objects.filter(fiscal_year=fiscal_year).order_by("order")


def package_comments(package: AgencyPackage) -> QuerySet[IndicatorComment]:
    return (
        IndicatorComment.objects.filter(
            indicator__fiscal_year_id=package.fiscal_year_id, indicator__agency_id=package.agency_id
        )
        .select_related("author", "resolved_by", "indicator")
        .order_by("created_at", "pk")
    )


def package_sections(elements: list[CompositionElement], indicators) -> list[dict]:
    """Elements in page order with their indicators and weight totals (sub-elements under their element)."""
    by_element: dict[int, list] = {}
    for indicator in indicators:
        by_element.setdefault(indicator.element_id, []).append(indicator)
    children: dict[int | None, list] = {}
    for element in elements:
        children.setdefault(element.parent_id, []).append(element)
    known = {e.id for e in elements}
    sections = []

    def total(element) -> Decimal:
        own = sum(
            (i.weight for i in by_element.get(element.id, []) if i.status != IndicatorStatus.REPLACED), Decimal(0)
        )
        return own + sum((total(child) for child in children.get(element.id, [])), Decimal(0))

    def walk(element, depth):
        sections.append(
            {
                "element": element,
                "depth": depth,
                "indicators": by_element.get(element.id, []),
                "total": total(element),
                "has_children": bool(children.get(element.id)),
            }
        )
        for child in children.get(element.id, []):
            walk(child, depth + 1)

    for element in elements:
        if element.parent_id is None or element.parent_id not in known:
            walk(element, 0)
    return sections


def agencies_with_packages(*, user, fiscal_year: FiscalYear) -> list[dict]:
    """Agencies the user may see, each with its package of the year and its indicator count (3 queries)."""
    from agencies.permissions import visible_agencies

    agencies = list(visible_agencies(user, fiscal_year).select_related("district_group").order_by("kind", "order", "code"))
    packages = {
        p.agency_id: p
        for p in AgencyPackage.objects.filter(fiscal_year=fiscal_year, agency__in=[a.pk for a in agencies])
    }
    counts = dict(
        Indicator.objects.filter(fiscal_year=fiscal_year, agency__in=[a.pk for a in agencies])
        .exclude(status=IndicatorStatus.REPLACED)
        .values("agency")
        .annotate(n=Count("pk"))
        .values_list("agency", "n")
    )
    return [{"agency": a, "package": packages.get(a.pk), "count": counts.get(a.pk, 0)} for a in agencies]


def indicator_tables(indicator: Indicator) -> dict[str, list[dict]]:
    """The rows of the indicator's five tables as the indicator form holds them (its formsets' initial)."""
    return {
        "baselines": [
            {"year_be": b.year_be, "value_text": b.value_text, "value_number": b.value_number}
            for b in indicator.baselines.all()
        ],
        "participants": [
            {"agency": p.agency, "duty": p.duty, "weight": p.weight, "is_lead": p.is_lead}
            for p in indicator.participants.select_related("agency")
        ],
        "levels": [
            {"level": lv.level, "success_percent": lv.success_percent, "criterion": lv.criterion,
             "threshold": lv.threshold, "threshold_exclusive": lv.threshold_exclusive}
            for lv in indicator.rubric_levels.all()
        ],
        "conditions": [{"percent": c.percent, "description": c.description} for c in indicator.conditions.all()],
        "evidence": [{"description": e.description} for e in indicator.evidence_requirements.all()],
    }


def _text(value) -> str:
    """A value of the indicator form as one line of text (numbers as people write them)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value)
    return str(value).strip()


def _table_rows(name: str, rows: list[dict], direction: str) -> list[str]:
    """One line per row of a table of the indicator form, in a stable order (to compare and to show);
    a rubric level's threshold is worded with its comparison in the rubric's `direction`."""
    def line(row: dict) -> str:
        if name == "baselines":
            number = _text(row.get("value_number"))
            return f"พ.ศ. {row.get('year_be')}: {_text(row.get('value_text')) or '-'}" + (
                f" ({number})" if number else ""
            )
        if name == "participants":
            text = f"{_text(row.get('agency'))}: {_text(row.get('duty'))}"
            if row.get("weight") is not None:
                text += f" · {gettext('น้ำหนัก')} {_text(row.get('weight'))}"
            return text + (f" · {gettext('หน่วยงานหลัก')}" if row.get("is_lead") else "")
        if name == "levels":
            text = f"{gettext('ระดับ')} {row.get('level')} ({gettext('ร้อยละ')} {_text(row.get('success_percent'))}): "
            text += _text(row.get("criterion"))
            threshold = _text(row.get("threshold"))
            if not threshold:
                return text
            stated = threshold_text(threshold, direction=direction, exclusive=bool(row.get("threshold_exclusive")))
            return text + f" · {gettext('ค่าเกณฑ์')} {stated}"
        if name == "conditions":
            return f"{gettext('ร้อยละ')} {_text(row.get('percent'))}: {_text(row.get('description'))}"
        return _text(row.get("description"))

    lines = [line(row) for row in rows]
    if name == "levels":
        return sorted(lines, reverse=True)  # level 5 first, as on the form
    return lines if name == "evidence" else sorted(lines)


INDICATOR_TABLE_LABELS = {
    "baselines": gettext_lazy("ข้อมูลพื้นฐาน (ผลการดำเนินงานย้อนหลัง)"),
    "participants": gettext_lazy("หน่วยงานร่วมและภารกิจ (ตัวชี้วัดบูรณาการ)"),
    "levels": gettext_lazy("เกณฑ์ ๕ ระดับ"),
    "conditions": gettext_lazy("เงื่อนไขการดำเนินงาน (ร้อยละของแผน)"),
    "evidence": gettext_lazy("หลักฐานที่ต้องส่ง"),
}


def indicator_form_conflict(saved: Indicator, *, typed: dict, typed_tables: dict[str, list[dict]]) -> dict:
    """What someone else saved while this user had the indicator form open, beside what the user typed:
    who saved it and when, and every field and table where the two differ (label, saved, typed)."""
    last = saved.history.select_related("history_user").order_by("-history_date", "-history_id").first()
    changes = []
    for name, typed_value in typed.items():
        if name in ("copied_from", "basket_indicator") or (name == "number" and typed_value is None):
            continue  # where it came from is not edited; a blank number keeps the saved one
        field = Indicator._meta.get_field(name)
        saved_value = getattr(saved, name)
        words = dict(field.choices) if field.choices else {}
        saved_text = _text(words.get(saved_value, saved_value))
        typed_text = _text(words.get(typed_value, typed_value))
        if saved_text != typed_text:
            changes.append({"label": field.verbose_name, "saved": saved_text, "typed": typed_text})
    saved_tables = indicator_tables(saved)
    for name, label in INDICATOR_TABLE_LABELS.items():
        saved_rows = _table_rows(name, saved_tables[name], saved.rubric_direction)
        typed_rows = _table_rows(name, typed_tables.get(name, []), typed.get("rubric_direction", saved.rubric_direction))
        if saved_rows != typed_rows:
            changes.append({"label": label, "saved": "\n".join(saved_rows), "typed": "\n".join(typed_rows)})
    return {
        "version": saved.version,
        "who": last.history_user if last else None,
        "when": last.history_date if last else saved.updated_at,
        "changes": changes,
    }
