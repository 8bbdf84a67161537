"""Who is reminded of which quarterly report, and on which days: pure functions, no ORM, no clock.

A quarter's report is open for reminding from `window` days before its deadline until it is
submitted. A due-soon reminder goes out `window` days before the deadline and again the day
before; a late notice the day after the deadline and then every 7 days until the report is
submitted. The reads that feed these rules are in indicators.selectors.reminders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

LATE_NOTICE_EVERY_DAYS = 7


@dataclass(frozen=True)
class Reminder:
    indicator: object  # an Indicator, with its agency loaded
    quarter: int
    deadline: dt.date
    days_left: int  # negative when late

    @property
    def is_late(self) -> bool:
        return self.days_left < 0


def days_left(deadline: dt.date, today: dt.date) -> int:
    return (deadline - today).days


def is_open(*, deadline: dt.date | None, submitted: bool, year_started: bool, today: dt.date, window: int) -> bool:
    """Whether a quarter's report belongs on the reminder list today (the home page lists these)."""
    if deadline is None or submitted or not year_started:
        return False
    return days_left(deadline, today) <= window


def send_today(reminder: Reminder, window: int) -> bool:
    """Whether today is a day to e-mail about this open report (the daily command sends these)."""
    if reminder.is_late:
        return -reminder.days_left % LATE_NOTICE_EVERY_DAYS == 1
    return reminder.days_left in (window, 1)


def pick_recipients(responsible: Sequence, agency_staff: Sequence) -> list:
    """The indicator's responsible users, else every KPI staff member of its agency (both already
    narrowed to active users with an e-mail address)."""
    return list(responsible) if responsible else list(agency_staff)
