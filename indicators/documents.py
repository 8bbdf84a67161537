"""Context builders for the printed documents (แบบสรุป, รายละเอียดตัวชี้วัด, ชุดเจรจาตกลง, รายงานรายไตรมาส).

Reads only. Every builder takes already-authorised objects (views fetch them through
agencies.permissions) and queries each agency set once, so the city book of 77
agencies costs a handful of queries rather than hundreds. Numbers are formatted here
with Arabic digits; kpi_portal.lib.pdf turns them into Thai digits when asked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from agencies.models import Agency, MissionGroup
from indicators.models import (
    CompositionElement,
    DocumentJob,
    ElementAppliesTo,
    FiscalYear,
    Indicator,
    IndicatorStatus,
    QuarterAudit,
    QuarterlyReport,
    Strategy,
)
from indicators.rubric_text import states_threshold, threshold_display
from indicators.scoring_adapter import figures_scores
from indicators.selectors.framework import STRATEGY_ANCESTORS, strategy_path
from kpi_portal.lib.numbers import is_whole_number, plain_number, quantity_text
from kpi_portal.lib.thai import format_thai_date, quarter_bounds

SUMMARY_TITLE = "แบบสรุปตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {year}"
SHEET_TITLE = "ตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {year}"
QUARTERLY_TITLE = "รายงานผลการดำเนินงานตามตัวชี้วัดเจรจาตกลง ไตรมาสที่ {quarter} ประจำปีงบประมาณ พ.ศ. {year}"


def fmt_number(value) -> str:
    """10.00 → "10", 12.50 → "12.5", None → "-"."""
    return "-" if value is None else plain_number(value)


def printed_on() -> str:
    return format_thai_date(timezone.localdate())


# --- selectors -------------------------------------------------------------------------------


def _printed(*, fiscal_year: FiscalYear, agencies) -> QuerySet[Indicator]:
    """Replaced indicators stay in the record but are not printed."""
    return Indicator.objects.filter(fiscal_year=fiscal_year, agency__in=agencies).exclude(
        status=IndicatorStatus.REPLACED
    )


def indicators_for_print(*, fiscal_year: FiscalYear, agencies) -> QuerySet[Indicator]:
    """The year's indicators of these agencies with everything a printed form shows."""
    return (
        _printed(fiscal_year=fiscal_year, agencies=agencies)
        .select_related("agency", "element__parent", f"strategy__{STRATEGY_ANCESTORS}")
        .prefetch_related("baselines", "rubric_levels", "conditions", "participants__agency")
        .order_by("agency_id", "number")
    )


def printable_indicators(*, fiscal_year: FiscalYear, agency: Agency) -> QuerySet[Indicator]:
    """The agency's indicators that have a detail sheet, by number: the documents page's list."""
    return _printed(fiscal_year=fiscal_year, agencies=[agency]).only("pk", "number", "name").order_by("number")


def recent_document_jobs(fiscal_year: FiscalYear, limit: int = 20) -> list[DocumentJob]:
    """The year's whole-city document jobs, newest first: the city documents page."""
    return list(DocumentJob.objects.filter(fiscal_year=fiscal_year).select_related("requested_by")[:limit])


def indicators_for_print_by_pk(*, pks) -> QuerySet[Indicator]:
    """Chosen indicators (any agencies and years) with everything a detail sheet shows."""
    return (
        Indicator.objects.filter(pk__in=pks)
        .select_related("fiscal_year", "agency", "element__parent", f"strategy__{STRATEGY_ANCESTORS}")
        .prefetch_related("baselines", "rubric_levels", "conditions", "participants__agency")
        .order_by("fiscal_year__year_be", "agency__code", "number")
    )


def elements_of_year(fiscal_year: FiscalYear) -> list[CompositionElement]:
    return list(CompositionElement.objects.filter(fiscal_year=fiscal_year).select_related("parent"))


def mission_groups_by_agency(*, fiscal_year: FiscalYear, agencies) -> dict[int, MissionGroup]:
    groups = MissionGroup.objects.filter(fiscal_year=fiscal_year, members__in=agencies).prefetch_related(
        Prefetch("members", queryset=Agency.objects.only("pk"))
    )
    found: dict[int, MissionGroup] = {}
    for group in groups.distinct().order_by("number"):
        for member in group.members.all():
            found.setdefault(member.pk, group)
    return found


# --- summary form (แบบสรุป) ----------------------------------------------------------------


@dataclass
class Group:
    """A heading row of the summary table (element or sub-element) and the rows under it."""

    heading: str
    level: int  # 1 = องค์ประกอบ, 2 = sub-element
    rows: list = field(default_factory=list)


def element_heading(element: CompositionElement, *, top: bool) -> str:
    label = f"องค์ประกอบที่ {element.code} {element.name}" if top else f"{element.code} {element.name}"
    return f"{label} ({element.name_en})" if element.name_en else label


def _element_key(element: CompositionElement) -> tuple:
    return (element.order, [int(p) if is_whole_number(p) else p for p in element.code.split(".")])


def baseline_lines(indicator: Indicator) -> list[str]:
    lines = []
    for baseline in sorted(indicator.baselines.all(), key=lambda b: b.year_be):
        number = fmt_number(baseline.value_number) if baseline.value_number is not None else "-"
        text = baseline.value_text.strip() or number
        lines.append(f"พ.ศ. {baseline.year_be} : {text}")
    return lines or ["-"]


def target_text(indicator: Indicator) -> str:
    if indicator.target_text:
        return indicator.target_text
    if indicator.target_value is None:
        return "-"
    return f"{indicator.target_unit} {fmt_number(indicator.target_value)}".strip()


def summary_row(indicator: Indicator) -> dict:
    return {
        "indicator": indicator,
        "number": indicator.number,
        "name": indicator.name,
        "baselines": baseline_lines(indicator),
        "target": target_text(indicator),
        "weight": fmt_number(indicator.weight),
    }


def group_by_element(indicators: list[Indicator]) -> list[Group]:
    """Rows under their element heading, and under a sub-element heading when there is one."""

    def key(indicator):
        element = indicator.element
        top = element.parent or element
        sub = element if element.parent_id else None
        return (_element_key(top), _element_key(sub) if sub else (-1, []), indicator.number)

    groups: list[Group] = []
    current_top = current_sub = None
    for indicator in sorted(indicators, key=key):
        element = indicator.element
        top = element.parent or element
        sub = element if element.parent_id else None
        if top != current_top:
            groups.append(Group(heading=element_heading(top, top=True), level=1))
            current_top, current_sub = top, None
        if sub is not None and sub != current_sub:
            groups.append(Group(heading=element_heading(sub, top=False), level=2))
            current_sub = sub
        groups[-1].rows.append(summary_row(indicator))
    return groups


def summary_context(*, fiscal_year: FiscalYear, agency: Agency, indicators: list[Indicator]) -> dict:
    return {
        "title": SUMMARY_TITLE.format(year=fiscal_year.year_be),
        "fiscal_year": fiscal_year,
        "agency": agency,
        "groups": group_by_element(indicators),
        "weight_total": fmt_number(sum((i.weight for i in indicators), Decimal("0"))),
        "indicator_count": len(indicators),
        "printed_on": printed_on(),
    }


def summary_form_context(*, fiscal_year: FiscalYear, agency: Agency) -> dict:
    indicators = list(indicators_for_print(fiscal_year=fiscal_year, agencies=[agency]))
    return summary_context(fiscal_year=fiscal_year, agency=agency, indicators=indicators)


# --- indicator detail sheet (รายละเอียดตัวชี้วัด) --------------------------------------------


def _labelled(label: str, text: str) -> str:
    """'ยุทธศาสตร์ที่ 7 …' stays as typed; bare text gets its label in front."""
    text = text.strip()
    return text if text.startswith(label.split()[0]) else f"{label} {text}"


def alignment_lines(indicator: Indicator) -> list[str]:
    """The alignment header: governor's policy, strategy, sub-strategy, goal, objective, key result, tactic."""
    chain = {node.level: node for node in strategy_path(indicator.strategy)}  # the deepest node of each level
    lines = []
    if indicator.policy_code or indicator.policy_text:
        policy = f"{indicator.policy_code} {indicator.policy_text}".strip()
        lines.append(_labelled("สอดคล้องกับนโยบายผู้ว่าราชการกรุงเทพมหานคร", policy))
    for level, label, text in (
        (Strategy.Level.STRATEGY, "ยุทธศาสตร์ที่", indicator.strategy_text),
        (Strategy.Level.SUB_STRATEGY, "ยุทธศาสตร์ย่อยที่", indicator.sub_strategy_text),
        (Strategy.Level.GOAL, "เป้าประสงค์", indicator.goal),
    ):
        if not text and level in chain:
            text = f"{chain[level].code} {chain[level].name}"
        if text:
            lines.append(_labelled(label, text))
    if indicator.objective:
        lines.append(_labelled("วัตถุประสงค์หลัก (Objective)", indicator.objective))
    if indicator.key_result:
        lines.append(_labelled("ตัววัดผลหลัก (Key Result : KR)", indicator.key_result))
    if indicator.tactic or Strategy.Level.TACTIC in chain:
        tactic = indicator.tactic or f"{chain[Strategy.Level.TACTIC].code} {chain[Strategy.Level.TACTIC].name}"
        lines.append(_labelled("กลยุทธ์", tactic))
    return lines


def _applies(element: CompositionElement, agency: Agency) -> bool:
    if element.applies_to == ElementAppliesTo.DISTRICT:
        return agency.is_district
    if element.applies_to == ElementAppliesTo.NON_DISTRICT:
        return not agency.is_district
    return True


def element_boxes(indicator: Indicator, elements: list[CompositionElement]) -> list[dict]:
    """Tick boxes for the sub-elements beside the indicator's own (องค์ประกอบที่ ๑.๑ ☐ ๑.๒ ☑ …)."""
    element = indicator.element
    top_id = element.parent_id or element.pk
    siblings = [e for e in elements if e.parent_id == top_id and _applies(e, indicator.agency)]
    if not siblings:
        siblings = [element]
    return [
        {"label": f"องค์ประกอบที่ {e.code}", "checked": e.pk == element.pk}
        for e in sorted(siblings, key=_element_key)
    ]


def conditions_title(indicator: Indicator) -> str:
    """'เงื่อนไขการดำเนินงานตามแผนงาน…': the form's own words when typed in full, else the label in front."""
    title = indicator.conditions_title.strip()
    return title if title.startswith("เงื่อนไข") else f"เงื่อนไขการดำเนินงาน{title}"


def rubric_rows(indicator: Indicator) -> list[dict]:
    """The rubric as the form prints it; a threshold the level's text does not already write is added
    with its comparison ("น้อยกว่า ๘๐ วัน"), so the sheet says where each level starts exactly once."""
    return [
        {
            "level": row.level,
            "success": f"ร้อยละ {fmt_number(row.success_percent)}",
            "criterion": row.criterion,
            "threshold": (
                threshold_display(row, indicator)
                if row.threshold is not None and not states_threshold(row.criterion, row.threshold)
                else ""
            ),
            "points": fmt_number(indicator.weight * row.level / 5),
        }
        for row in sorted(indicator.rubric_levels.all(), key=lambda r: -r.level)
    ]


def participant_line(participant) -> str:
    """"<agency> <duty>" as the form lists a joint KPI's agencies; a duty typed with the agency's
    name (or its abbreviation) already in front prints as typed, not with the name twice."""
    agency, duty = participant.agency, participant.duty.strip()
    names = [name for name in (agency.name_th, agency.abbreviation) if name]
    if any(duty.startswith(name) for name in names):
        return duty
    return f"{agency.name_th} {duty}".strip()


def sheet_context(indicator: Indicator, *, elements: list[CompositionElement]) -> dict:
    return {
        "indicator": indicator,
        "row": summary_row(indicator),
        "conditions_title": conditions_title(indicator),
        "boxes": element_boxes(indicator, elements),
        "alignment": alignment_lines(indicator),
        "participants": [participant_line(p) for p in indicator.participants.all()],
        "rubric_title": indicator.rubric_title or indicator.name,
        "rubric": rubric_rows(indicator),
        "conditions": [
            {"heading": f"การดำเนินการตามแผนฯ ได้ร้อยละ {fmt_number(c.percent)} ดังนี้", "description": c.description}
            for c in sorted(indicator.conditions.all(), key=lambda c: c.percent)
        ],
    }


def indicator_sheet_context(*, indicator: Indicator) -> dict:
    fiscal_year = indicator.fiscal_year
    full = indicators_for_print(fiscal_year=fiscal_year, agencies=[indicator.agency_id]).get(pk=indicator.pk)
    return {
        "title": SHEET_TITLE.format(year=fiscal_year.year_be),
        "fiscal_year": fiscal_year,
        "agency": full.agency,
        "sheets": [sheet_context(full, elements=elements_of_year(fiscal_year))],
        "printed_on": printed_on(),
    }


# --- negotiation package (ชุดเจรจาตกลง: แบบสรุป + รายละเอียดทุกตัว + ลงนาม) -----------------


def signature_block(agency: Agency, group: MissionGroup | None) -> dict:
    if agency.is_district or group is None:
        committee = "ประธานคณะกรรมการอำนวยการเจรจาตกลงการประเมินผลการปฏิบัติราชการ"
        chair = "ปลัดกรุงเทพมหานคร"
    else:
        # Group names are typed both as "กลุ่มภารกิจด้าน…" (as the guideline writes them) and bare.
        name = group.name if group.name.startswith("กลุ่มภารกิจ") else f"กลุ่มภารกิจ{group.name}"
        committee = f"ประธานคณะกรรมการเจรจาตกลงการประเมินผลการปฏิบัติราชการ {name}"
        chair = group.chair_title or "รองปลัดกรุงเทพมหานคร"
    return {
        "head": {"role": "ผู้รับการประเมิน", "title": f"หัวหน้าหน่วยงาน {agency.name_th}"},
        "committee": {"role": "ผู้ประเมิน", "title": committee, "chair": chair},
    }


def package_contexts(*, fiscal_year: FiscalYear, agencies: list[Agency]):
    """Yield (agency, context) for each agency's negotiation package, querying all agencies at once."""
    by_agency: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators_for_print(fiscal_year=fiscal_year, agencies=agencies):
        by_agency[indicator.agency_id].append(indicator)
    elements = elements_of_year(fiscal_year)
    groups = mission_groups_by_agency(fiscal_year=fiscal_year, agencies=agencies)
    for agency in agencies:
        indicators = by_agency.get(agency.pk, [])
        context = summary_context(fiscal_year=fiscal_year, agency=agency, indicators=indicators)
        context.update(
            sheet_title=SHEET_TITLE.format(year=fiscal_year.year_be),
            sheets=[sheet_context(i, elements=elements) for i in sorted(indicators, key=lambda i: i.number)],
            signatures=signature_block(agency, groups.get(agency.pk)),
        )
        yield agency, context


def negotiation_package_context(*, fiscal_year: FiscalYear, agency: Agency) -> dict:
    return next(package_contexts(fiscal_year=fiscal_year, agencies=[agency]))[1]


# --- quarterly progress report (รายงานผลรายไตรมาส) ------------------------------------------


def _audited_change(audit, report, audited: str, reported: str, text) -> str:
    """The audited figure as text where the audit set one other than the agency's, else ""."""
    value = getattr(audit, audited, None) if audit else None
    if value is None or (report is not None and getattr(report, reported) == value):
        return ""
    return text(value)


def quarterly_report_context(*, fiscal_year: FiscalYear, agency: Agency, quarter: int) -> dict:
    indicators = list(
        indicators_for_print(fiscal_year=fiscal_year, agencies=[agency]).prefetch_related(
            Prefetch("reports", queryset=QuarterlyReport.objects.filter(quarter=quarter), to_attr="quarter_reports"),
            Prefetch("audits", queryset=QuarterAudit.objects.filter(quarter=quarter), to_attr="quarter_audits"),
        )
    )
    start, end = quarter_bounds(fiscal_year.year_be, quarter)
    reports = [indicator.quarter_reports[0] if indicator.quarter_reports else None for indicator in indicators]
    audits = [indicator.quarter_audits[0] if indicator.quarter_audits else None for indicator in indicators]
    # The level columns print the level the figures reach, as the dashboards do: a numeric rubric's
    # level comes from the measured value, which nobody types as a level.
    levels = _levels_reached(indicators, [(r.measured_value, r.level_reached) if r else None for r in reports])
    audit_levels = _levels_reached(indicators, [(a.verified_value, a.verified_level) if a else None for a in audits])
    rows = []
    for indicator, report, audit, level, audit_level in zip(indicators, reports, audits, levels, audit_levels):
        rows.append(
            {
                **summary_row(indicator),
                "report": report,
                "progress": fmt_number(report.progress_percent) if report else "-",
                # In the rubric's unit, which may differ from the target's (days against a target of ร้อยละ ๑๐๐).
                "measured": quantity_text(report.measured_value, indicator.measured_unit) if report else "",
                "level": level,
                "status": _report_status(report),
                "narrative": report.narrative if report else "",
                "audit": audit,
                "audit_level": audit_level,
                # What an adjustment changed, printed under the audited level: the level alone hides a
                # corrected cumulative % or measured value.
                "audit_progress": _audited_change(
                    audit, report, "verified_progress_percent", "progress_percent", fmt_number
                ),
                "audit_measured": _audited_change(
                    audit, report, "verified_value", "measured_value",
                    lambda value: quantity_text(value, indicator.measured_unit),
                ),  # fmt: skip
            }
        )
    return {
        "title": QUARTERLY_TITLE.format(quarter=quarter, year=fiscal_year.year_be),
        "fiscal_year": fiscal_year,
        "agency": agency,
        "quarter": quarter,
        "period": f"{format_thai_date(start)} – {format_thai_date(end)}",
        "rows": rows,
        "printed_on": printed_on(),
    }


def _levels_reached(indicators, figures) -> list[str]:
    """Each indicator's level from its (value, level) figures, printed; "-" without figures to score."""
    scores = figures_scores((indicator, *(figure or (None, None))) for indicator, figure in zip(indicators, figures))
    return [fmt_number(score.level) if score is not None else "-" for score in scores]


def _report_status(report: QuarterlyReport | None) -> str:
    if report is None:
        return "ยังไม่รายงาน"
    label = report.get_status_display()
    return f"{label} (ล่าช้า)" if report.is_late else label
