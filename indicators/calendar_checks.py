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
    year_be: int | None, quarter: int | None, start: dt.date | None, end: dt.date | None
) -> dict[str, str]:
    """Q1 is Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep of the fiscal year (kpi_portal.lib.thai.quarter_bounds)."""
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
    return problems
