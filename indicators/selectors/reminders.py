"""Reads for report reminders: the open reports (home page and daily e-mail) and whom to tell.

The rules themselves (which quarters, which days, which people) are in indicators.reminders;
everything here runs in a fixed number of queries however many indicators and agencies there are.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet

from agencies.models import Role, RoleKind
from agencies.permissions import user_scope, visible_indicators
from indicators import reminders as rules
from indicators.models import Indicator, IndicatorStatus, ReportStatus
from indicators.reminders import Reminder

from .reporting import indicator_progress_list

# Q4 reports fall due after the fiscal year ends: keep reminding about a year this long after it.
YEAR_TAIL_DAYS = 120


def reminder_window_days() -> int:
    return settings.REPORT_REMINDER_DAYS


def reminder_indicators(indicators: QuerySet[Indicator], *, today: dt.date) -> QuerySet[Indicator]:
    """The approved indicators of years under way, or just ended with Q4 reports still to come."""
    return indicators.filter(
        status=IndicatorStatus.APPROVED,
        fiscal_year__start_date__lte=today,
        fiscal_year__end_date__gte=today - dt.timedelta(days=YEAR_TAIL_DAYS),
    )


def reminders(indicators: QuerySet[Indicator], *, today: dt.date, window: int | None = None) -> list[Reminder]:
    """Quarters not yet submitted whose deadline is within `window` days, or already passed."""
    window = reminder_window_days() if window is None else window
    result = []
    for row in indicator_progress_list(indicators, today=today):
        year_started = row.indicator.fiscal_year.start_date <= today
        for q in row.quarters:
            submitted = q.report is not None and (
                q.report.submitted_at is not None or q.report.status == ReportStatus.SUBMITTED
            )
            if rules.is_open(deadline=q.deadline, submitted=submitted, year_started=year_started, today=today,
                             window=window):
                result.append(Reminder(row.indicator, q.quarter, q.deadline, rules.days_left(q.deadline, today)))
    return sorted(result, key=lambda r: (r.deadline, r.indicator.agency_id, r.indicator.number))


def reminders_for_user(user, *, today: dt.date) -> list[Reminder]:
    """What the user's home page lists: reports due soon or late for indicators they report on."""
    scope = user_scope(user)
    if not scope.own_agency_ids:
        return []
    own = visible_indicators(user).filter(agency_id__in=scope.own_agency_ids)
    return reminders(reminder_indicators(own, today=today), today=today)


def reminders_to_send(*, today: dt.date, window: int | None = None) -> list[Reminder]:
    """Every agency's open reports that today's e-mail is about."""
    window = reminder_window_days() if window is None else window
    open_reports = reminders(reminder_indicators(Indicator.objects.all(), today=today), today=today, window=window)
    return [r for r in open_reports if rules.send_today(r, window)]


def reminder_recipients(items: list[Reminder]) -> dict[int, list]:
    """Indicator id → the users to e-mail about it (indicators.reminders.pick_recipients), in two queries."""
    indicator_ids = {r.indicator.pk for r in items}
    agency_ids = {r.indicator.agency_id for r in items}
    if not indicator_ids:
        return {}
    responsible: dict[int, list] = {}
    links = (
        Indicator.responsible_users.through.objects.filter(indicator_id__in=indicator_ids)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    for link in links:
        responsible.setdefault(link.indicator_id, []).append(link.user)
    staff: dict[int, dict[int, object]] = {}
    roles = (
        Role.objects.filter(kind=RoleKind.AGENCY_STAFF, agency_id__in=agency_ids, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    for role in roles:
        staff.setdefault(role.agency_id, {})[role.user_id] = role.user  # one entry per person
    return {
        r.indicator.pk: rules.pick_recipients(
            responsible.get(r.indicator.pk, []), list(staff.get(r.indicator.agency_id, {}).values())
        )
        for r in items
    }
