"""Reads for the agency, committee and strategy-office dashboards (reminders: indicators.selectors.reminders)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from agencies.models import MissionGroup
from indicators.charts import Segment, stacked_bar
from indicators.models import FiscalYear, Indicator, IndicatorStatus

from .reporting import IndicatorProgress, indicator_progress_list

def status_filters(due_label: str) -> list[tuple[str, str]]:
    """The city dashboard's status choices; the last three name the due quarter as the page calls it
    (ไตรมาสปัจจุบัน while the year runs, ไตรมาสล่าสุดของปี once it is over)."""
    quarter = {"quarter": due_label}
    return [
        ("at_risk", _("เสี่ยงไม่บรรลุ/ล่าช้า")),
        ("late", _("ส่งล่าช้าหรือค้างส่ง")),
        ("not_submitted", _("ยังไม่ส่ง%(quarter)s") % quarter),
        ("submitted", _("ส่ง%(quarter)sแล้ว") % quarter),
        ("audited", _("สยป. ตรวจ%(quarter)sแล้ว") % quarter),
    ]


def approved_indicators(fiscal_year: FiscalYear) -> QuerySet[Indicator]:
    return Indicator.objects.filter(fiscal_year=fiscal_year, status=IndicatorStatus.APPROVED).order_by(
        "agency__kind", "agency__order", "agency__code", "number"
    )


def dashboard_rows(
    indicators: QuerySet[Indicator], *, fiscal_year: FiscalYear, today: dt.date
) -> list[IndicatorProgress]:
    """Progress rows with each agency's mission groups of that year attached (fixed query count)."""
    of_year = MissionGroup.objects.filter(fiscal_year=fiscal_year).order_by("number")
    indicators = indicators.prefetch_related(
        Prefetch("agency__mission_groups", queryset=of_year),
        Prefetch("agency__district_group__mission_groups", queryset=of_year),
    )
    from indicators.scoring_adapter import provisional_scores

    rows = indicator_progress_list(indicators, today=today)
    scores = provisional_scores(indicators=[row.indicator for row in rows])
    groups_of: dict[int, list[MissionGroup]] = {}
    for row in rows:
        row.score = scores.get(row.indicator.pk)
        agency = row.indicator.agency
        if agency.pk not in groups_of:
            found = list(agency.mission_groups.all())
            if agency.district_group is not None:
                found += [g for g in agency.district_group.mission_groups.all() if g not in found]
            groups_of[agency.pk] = sorted(found, key=lambda g: g.number)
        row.mission_groups = groups_of[agency.pk]
    return rows


def filter_by_status(rows: list[IndicatorProgress], status: str) -> list[IndicatorProgress]:
    tests = {
        "at_risk": lambda r: r.risk.at_risk,
        "late": lambda r: r.risk.late,
        "not_submitted": lambda r: not r.due.submitted,
        "submitted": lambda r: r.due.submitted,
        "audited": lambda r: r.due.status_key == "audited",
    }
    test = tests.get(status)
    return [r for r in rows if test(r)] if test else rows


def city_indicators(
    fiscal_year: FiscalYear,
    *,
    mission_group: MissionGroup | None = None,
    district_group=None,
    element=None,
) -> QuerySet[Indicator]:
    """Every agency's approved indicators, narrowed by mission group, district group and element."""
    qs = approved_indicators(fiscal_year)
    if mission_group is not None:
        qs = qs.filter(
            Q(agency__mission_groups=mission_group) | Q(agency__district_group__mission_groups=mission_group)
        ).distinct()
    if district_group is not None:
        qs = qs.filter(agency__district_group=district_group)
    if element is not None:
        qs = qs.filter(Q(element=element) | Q(element__parent=element))
    return qs


@dataclass
class AgencySummary:
    """One agency's line on the committee page: how far its indicators are with the due quarter."""

    agency: object
    indicators: int = 0
    submitted: int = 0
    audited: int = 0
    at_risk: int = 0
    late: int = 0

    @property
    def submitted_percent(self) -> int:
        return round(100 * self.submitted / self.indicators) if self.indicators else 0


def agency_summaries(rows: list[IndicatorProgress]) -> list[AgencySummary]:
    """Rows added up per agency, in the rows' order (no queries: the rows carry everything)."""
    summaries: dict[int, AgencySummary] = {}
    for row in rows:
        agency = row.indicator.agency
        summary = summaries.setdefault(agency.pk, AgencySummary(agency=agency))
        summary.indicators += 1
        summary.submitted += int(row.due.submitted)
        summary.audited += int(row.due.status_key == "audited")
        summary.at_risk += int(row.risk.at_risk)
        summary.late += int(row.risk.late)
    return list(summaries.values())


def due_report_states() -> list[tuple[str, str]]:
    """The due quarter's report states (QuarterRow.status_key), from done to missing, as the bar shows them."""
    return [
        ("audited", _("สยป. ตรวจแล้ว")),
        ("submitted", _("ส่งแล้ว รอตรวจ")),
        ("reopened", _("เปิดให้แก้ไข")),
        ("draft", _("ร่าง")),
        ("not_started", _("ยังไม่รายงาน")),
        ("overdue", _("ค้างส่ง")),
    ]


@dataclass
class GroupCount:
    name: str
    pk: int | None = None
    total: int = 0
    at_risk: int = 0
    late: int = 0
    due: Counter = field(default_factory=Counter)  # the due quarter's report state → indicators

    @property
    def due_bar(self) -> list[Segment]:
        return stacked_bar(self.due, due_report_states())


def counts_per_mission_group(rows: list[IndicatorProgress]) -> list[GroupCount]:
    """How many indicators are at risk in each mission group, and where their due quarter's reports stand
    (an agency may sit in more than one group)."""
    counts: dict[object, GroupCount] = {}
    for row in rows:
        keys = row.mission_groups or [None]
        for group in keys:
            key = group.pk if group else None
            name = str(group) if group else _("ไม่ระบุกลุ่มภารกิจ")
            entry = counts.setdefault(key, GroupCount(name=name, pk=key))
            entry.total += 1
            entry.at_risk += int(row.risk.at_risk)
            entry.late += int(row.risk.late)
            entry.due[row.due.status_key] += 1
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] is None, kv[1].name))
    return [entry for _, entry in ordered]

