"""The indicator page's history: every saved change of the indicator and its tables — when, who, what,
field: old → new, and why (an amendment's reason). A fixed number of queries, however long the history.

A row loaded without history (fixtures, demo data) gets its state recorded before its first change
(indicators.history.FIRST_RECORDED_VERSION); that record is not a change itself, only what the next
version is compared against.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.history import FIRST_RECORDED_VERSION, is_first_recorded_version
from indicators.models import (
    CompositionElement,
    EvidenceRequirement,
    FiscalYear,
    Indicator,
    IndicatorBaseline,
    JointParticipant,
    MilestoneCondition,
    NegotiationStage,
    ReportingQuarter,
    RubricLevel,
)
from kpi_portal.lib.numbers import plain_number
from kpi_portal.lib.thai import format_be_date

NO_EARLIER_VERSION = gettext_lazy("บันทึกครั้งแรกในประวัติ (ไม่มีฉบับก่อนหน้าให้เทียบ)")


def _shown(value):
    if isinstance(value, bool):  # a tick box (e.g. ไม่นับค่าที่เท่ากับค่าเกณฑ์), not Python's True/False
        return _("ใช่") if value else _("ไม่ใช่")
    if isinstance(value, Decimal):
        return plain_number(value)
    return format_be_date(value) if isinstance(value, dt.date) else value


def _entry(record, what: str, changes: list) -> dict:
    reason = record.history_change_reason or ""
    return {
        "when": record.history_date,
        "who": record.history_user,
        "what": what,
        "changes": changes,
        "reason": "" if reason == FIRST_RECORDED_VERSION else reason,
    }


def indicator_history(indicator: Indicator) -> list[dict]:
    """Every saved change of the indicator and its tables, newest first (8 queries)."""
    entries = _indicator_entries(indicator)
    for table in _child_tables():
        entries += _child_entries({"indicator_id": indicator.pk}, *table)
    return sorted(entries, key=lambda e: e["when"], reverse=True)


def _indicator_entries(indicator: Indicator) -> list[dict]:
    records = list(indicator.history.select_related("history_user").order_by("history_date", "history_id"))
    labels = {f.name: f.verbose_name for f in Indicator._meta.fields}
    words = {f.name: dict(f.choices) for f in Indicator._meta.fields if f.choices}
    # Foreign keys show as names, not ids: the year's elements are the one that moves in practice.
    elements = CompositionElement.objects.filter(fiscal_year_id=indicator.fiscal_year_id)
    words["element"] = {e.pk: str(e) for e in elements}

    def word(field, value):
        return _shown(words.get(field, {}).get(value, value))

    entries = []
    for previous, record in zip([None] + records[:-1], records):
        if is_first_recorded_version(record):
            continue  # the state before the first change: compared against, not a change
        if previous is None:
            changes = [("", "", _("สร้างตัวชี้วัด") if record.history_type == "+" else NO_EARLIER_VERSION)]
        else:
            delta = record.diff_against(previous, excluded_fields=["version", "updated_at"])
            changes = [
                (labels.get(c.field, c.field), word(c.field, c.old), word(c.field, c.new)) for c in delta.changes
            ]
        if changes:
            entries.append(_entry(record, _("ตัวชี้วัด"), changes))
    return entries


def _child_tables():
    """(history rows, section, the row's name in a change, added/removed text) of each table."""
    return (
        (RubricLevel.history.all(), _("เกณฑ์การให้คะแนน"), lambda r: _("ระดับ %(level)s") % {"level": r.level},
         lambda r, sign: (
             _("เพิ่มเกณฑ์ระดับ %(level)s: %(criterion)s") % {"level": r.level, "criterion": r.criterion}
             if sign == "+" else _("ลบเกณฑ์ระดับ %(level)s") % {"level": r.level}
         )),
        (IndicatorBaseline.history.all(), _("ข้อมูลพื้นฐาน"), lambda r: f"{_('พ.ศ.')} {r.year_be}",
         _added_removed(lambda r: f"{_('พ.ศ.')} {r.year_be}: {r.value_text or _shown(r.value_number)}")),
        (JointParticipant.history.select_related("agency"), _("หน่วยงานร่วม"), lambda r: str(r.agency),
         _added_removed(lambda r: f"{r.agency}: {r.duty}")),
        (MilestoneCondition.history.all(), _("เงื่อนไขการดำเนินงาน"),
         lambda r: _("ร้อยละ %(percent)s") % {"percent": _shown(r.percent)},
         _added_removed(lambda r: _("ร้อยละ %(percent)s") % {"percent": r.percent} + f": {r.description}")),
        (EvidenceRequirement.history.all(), _("หลักฐานที่ต้องส่ง"), lambda r: _("ลำดับ %(order)s") % {"order": r.order},
         _added_removed(lambda r: r.description)),
    )


def _added_removed(describe):
    return lambda record, sign: (
        _("เพิ่ม %(row)s") % {"row": describe(record)} if sign == "+" else _("ลบ %(row)s") % {"row": describe(record)}
    )


def _child_entries(owner: dict, records, what: str, name, added_removed) -> list[dict]:
    """A table's rows of one owner (e.g. {"indicator_id": 7}): added, removed, and changed in place
    (old → new per column, against the row's previous version)."""
    model = records.model.instance_type
    labels = {f.name: f.verbose_name for f in model._meta.fields}
    records = records.filter(**owner).select_related("history_user")
    entries = []
    last: dict[int, object] = {}
    for record in records.order_by("history_date", "history_id"):
        previous = last.get(record.id)
        last[record.id] = record
        if is_first_recorded_version(record):
            continue
        if record.history_type == "+":
            changes = [("", "", added_removed(record, "+"))]
        elif record.history_type == "-":
            changes = [("", added_removed(record, "-"), "")]
        elif previous is None:
            changes = [(name(record), "", NO_EARLIER_VERSION)]
        else:
            delta = record.diff_against(previous)
            changes = [
                (f"{name(record)} · {labels.get(c.field, c.field)}", _shown(c.old), _shown(c.new))
                for c in delta.changes
            ]
        if changes:
            entries.append(_entry(record, what, changes))
    return entries


def fiscal_year_calendar_history(fiscal_year: FiscalYear) -> list[dict]:
    """Every saved change of the year's quarters (report deadlines) and negotiation calendar, newest
    first (2 queries): the admin edits them inside the year's page, whose own history shows only the
    year's fields."""
    def quarter(record):
        return _("ไตรมาสที่ %(quarter)s") % {"quarter": record.quarter}

    def stage(record):
        return _("ขั้นตอนที่ %(order)s") % {"order": record.order}

    owner = {"fiscal_year_id": fiscal_year.pk}
    entries = _child_entries(
        owner, ReportingQuarter.history.all(), _("ไตรมาสและกำหนดส่งรายงาน"), quarter,
        _added_removed(lambda r: _("ไตรมาสที่ %(quarter)s กำหนดส่งรายงาน %(deadline)s") % {
            "quarter": r.quarter, "deadline": format_be_date(r.report_deadline)
        }),
    ) + _child_entries(
        owner, NegotiationStage.history.all(), _("ปฏิทินการเจรจาตกลง"), stage,
        _added_removed(lambda r: f"{stage(r)}: {r.name}"),
    )
    return sorted(entries, key=lambda e: e["when"], reverse=True)
