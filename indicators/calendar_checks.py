"""A year's calendar as the strategy office sets it up: pure functions, no database.

Each check returns Thai messages keyed by the field at fault (empty when all is well); the
models' clean() raises them, so the admin prints each message beside its field.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kpi_portal.lib.thai import fiscal_year_bounds, format_be_date, format_thai_date, quarter_bounds


def _both(day: dt.date) -> dict:
    return {"date": format_be_date(day), "long": format_thai_date(day)}


def fiscal_year_date_problems(year_be: int | None, start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    """FY 2568 runs 1 Oct 2567 to 30 Sep 2568 (B.E.): its start and end must be exactly those days."""
    try:
        first, last = fiscal_year_bounds(year_be)
    except (TypeError, ValueError):  # no year, or one the field itself refuses
        return {}
    problems = {}
    if start is not None and start != first:
        problems["start_date"] = _("ปีงบประมาณ พ.ศ. %(year)s ต้องเริ่มวันที่ %(date)s (%(long)s)") % {
            "year": year_be, **_both(first)
        }
    if end is not None and end != last:
        problems["end_date"] = _("ปีงบประมาณ พ.ศ. %(year)s ต้องสิ้นสุดวันที่ %(date)s (%(long)s)") % {
            "year": year_be, **_both(last)
        }
    return problems


def quarter_date_problems(
    year_be: int | None, quarter: int | None, start: dt.date | None, end: dt.date | None,
    deadline: dt.date | None = None,
) -> dict[str, str]:
    """Q1 is Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep of the fiscal year (kpi_portal.lib.thai.quarter_bounds),
    and the report falls due within report_deadline_window()."""
    try:
        first, last = quarter_bounds(year_be, quarter)
    except (TypeError, ValueError):
        return {}
    problems = {}
    names = {"year": year_be, "quarter": quarter}
    if start is not None and start != first:
        problems["start_date"] = _("ไตรมาสที่ %(quarter)s ของปีงบประมาณ พ.ศ. %(year)s ต้องเริ่มวันที่ %(date)s (%(long)s)") % {
            **names, **_both(first)
        }
    if end is not None and end != last:
        problems["end_date"] = _("ไตรมาสที่ %(quarter)s ของปีงบประมาณ พ.ศ. %(year)s ต้องสิ้นสุดวันที่ %(date)s (%(long)s)") % {
            **names, **_both(last)
        }
    if deadline is not None:
        problems |= report_deadline_problems(year_be, quarter, deadline)
    return problems


def report_deadline_window(year_be: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The days a quarter's report may fall due: from its last day to the last day of the quarter after it.

    A deadline before the quarter ends asks for a report on months not yet lived; one later than the
    next quarter (a year typed wrong: 15/01/2567 for 15/01/2568, or 2658) would let reports run late
    unnoticed, and reminders stop looking at a year some four months after it ends.
    """
    _first, last = quarter_bounds(year_be, quarter)
    next_year_be, next_quarter = (year_be + 1, 1) if quarter == 4 else (year_be, quarter + 1)
    return last, quarter_bounds(next_year_be, next_quarter)[1]


def report_deadline_problems(year_be: int, quarter: int, deadline: dt.date) -> dict[str, str]:
    """Quarter `quarter`'s report deadline must fall in report_deadline_window()."""
    earliest, latest = report_deadline_window(year_be, quarter)
    if earliest <= deadline <= latest:
        return {}
    return {"report_deadline": _(
        "กำหนดส่งรายงานไตรมาสที่ %(quarter)s ของปีงบประมาณ พ.ศ. %(year)s ต้องอยู่ระหว่างวันที่ %(earliest)s ถึง %(latest)s "
        "(วันสิ้นไตรมาสถึงวันสิ้นไตรมาสถัดไป) แต่ที่กรอกคือ %(date)s (%(long)s)"
    ) % {
        "quarter": quarter, "year": year_be, "earliest": format_be_date(earliest), "latest": format_be_date(latest),
        **_both(deadline),
    }}


def stage_deadline_window(year_be: int) -> tuple[dt.date, dt.date]:
    """The days a step of FY `year_be`'s negotiation calendar may fall due: from the first day of the
    year before (FY2566's calendar ran January–September 2565, seed negotiation-guideline) to the
    year's own last day (a late approval)."""
    return fiscal_year_bounds(year_be - 1)[0], fiscal_year_bounds(year_be)[1]


def stage_deadline_problems(year_be: int | None, deadline: dt.date | None) -> dict[str, str]:
    """A step's deadline outside stage_deadline_window(), usually a year typed wrong (2658 for 2568),
    would keep the year "being negotiated" for decades (indicators.selectors.framework.negotiation_year)."""
    if deadline is None:
        return {}
    try:
        earliest, latest = stage_deadline_window(year_be)
    except (TypeError, ValueError):
        return {}
    if earliest <= deadline <= latest:
        return {}
    return {"deadline": _(
        "กำหนดแล้วเสร็จของปฏิทินปีงบประมาณ พ.ศ. %(year)s ต้องอยู่ระหว่างวันที่ %(earliest)s ถึง %(latest)s "
        "(ต้นปีงบประมาณก่อนหน้าถึงสิ้นปีงบประมาณนี้) แต่ที่กรอกคือ %(date)s (%(long)s)"
    ) % {"year": year_be, "earliest": format_be_date(earliest), "latest": format_be_date(latest), **_both(deadline)}}
