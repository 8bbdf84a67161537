"""Reads for the strategy office's audit queue: quarterly reports waiting for its audit, audited, or sent back.

A submitted report waits until สยป. audits it; it waits again when the agency sends it once more
after an audit (a report sent back, or reopened by สยป., and corrected).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, MissionGroup
from indicators.audit_rules import COUNTED_AUDIT_STATUSES
from indicators.models import AuditStatus, FiscalYear, QuarterAudit, QuarterlyReport, ReportStatus

from .audit_scores import reported_scores
from .dashboards import city_indicators
from .reporting import QUARTERS

WAITING = "waiting"
QUEUE_STATES = OrderedDict(
    [
        (WAITING, _("รอตรวจประเมิน")),
        ("audited", _("ตรวจแล้ว")),
        ("returned", _("ส่งกลับ/เปิดให้หน่วยงานแก้ไข")),
    ]
)

# indicators.audit_rules read from the report's side: an audit older than the latest submission no longer counts.
_AUDITED_SINCE_SUBMISSION = Q(submitted_at__isnull=True) | Q(last_audited_at__gte=F("submitted_at"))
_STATE_CONDITIONS = {
    WAITING: Q(status=ReportStatus.SUBMITTED)
    & (Q(audit_pk__isnull=True) | Q(audit_status=AuditStatus.RETURNED) | Q(last_audited_at__lt=F("submitted_at"))),
    "audited": Q(status=ReportStatus.SUBMITTED, audit_status__in=COUNTED_AUDIT_STATUSES)
    & _AUDITED_SINCE_SUBMISSION,
    "returned": Q(status=ReportStatus.REOPENED),
}
# Oldest wait first; what was audited or sent back most recently first.
_STATE_ORDER = {
    WAITING: (F("submitted_at").asc(nulls_first=True), "pk"),
    "audited": (F("last_audited_at").desc(), "-pk"),
    "returned": (F("updated_at").desc(), "-pk"),
}


def queue_reports(
    fiscal_year: FiscalYear,
    *,
    state: str = WAITING,
    mission_group: MissionGroup | None = None,
    agency: Agency | None = None,
) -> QuerySet[QuarterlyReport]:
    """The year's reports of approved indicators in one queue state, every quarter, narrowed by
    mission group and agency; `audit_pk`, `audit_status` and `last_audited_at` annotated."""
    audits = QuarterAudit.objects.filter(indicator=OuterRef("indicator"), quarter=OuterRef("quarter")).order_by()
    indicators = city_indicators(fiscal_year, mission_group=mission_group)
    if agency is not None:
        indicators = indicators.filter(agency=agency)
    return (
        QuarterlyReport.objects.filter(indicator__in=indicators.order_by().values("pk"))
        .select_related("indicator__agency", "indicator__fiscal_year")
        .annotate(
            audit_pk=Subquery(audits.values("pk")[:1]),
            audit_status=Subquery(audits.values("status")[:1]),
            last_audited_at=Subquery(audits.values("audited_at")[:1]),
        )
        .filter(_STATE_CONDITIONS[state])
        .order_by(*_STATE_ORDER[state])
    )


def counts_per_quarter(reports: QuerySet[QuarterlyReport]) -> dict[int, int]:
    """How many of these reports fall in each quarter (every quarter present, zero when none)."""
    counts = dict.fromkeys(QUARTERS, 0)
    for quarter, n in reports.order_by().values_list("quarter").annotate(n=Count("pk")):
        counts[quarter] = n
    return counts


@dataclass(frozen=True)
class QueueRow:
    report: QuarterlyReport
    audit: QuarterAudit | None
    reported: object | None = None  # scoring.rules.IndicatorScore of the agency's own figures

    @property
    def indicator(self):
        return self.report.indicator


def queue_rows(reports) -> list[QueueRow]:
    """One page of queue reports with their indicator, agency, audit and the level their own figures
    reach (a fixed number of queries)."""
    reports = list(reports)
    audit_ids = [report.audit_pk for report in reports if report.audit_pk is not None]
    audits = QuarterAudit.objects.in_bulk(audit_ids) if audit_ids else {}
    scores = reported_scores(reports)
    return [
        QueueRow(report=report, audit=audits.get(report.audit_pk), reported=scores[report.pk]) for report in reports
    ]


def queue_agencies(fiscal_year: FiscalYear, mission_group: MissionGroup | None = None) -> QuerySet[Agency]:
    """Agencies with an approved indicator in the year (only the mission group's members, as the
    queue counts them, when one is chosen): the queue's agency filter."""
    indicators = city_indicators(fiscal_year, mission_group=mission_group)
    return Agency.objects.filter(pk__in=indicators.order_by().values("agency_id"))
