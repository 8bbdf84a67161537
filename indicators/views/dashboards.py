"""Dashboards: one agency, a committee's agencies, and the strategy office's city-wide view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.permissions import (
    agency_for_user,
    agency_in_year,
    can_import_workbooks,
    committee_agencies,
    is_city_wide,
    user_scope,
    visible_agencies,
)
from indicators.forms_reporting import CityFilterForm
from indicators.selectors import dashboards as selectors
from indicators.selectors.framework import YearNotFound, has_reporting_calendar, year_and_choices
from indicators.selectors.reporting import due_quarter_label
from kpi_portal.forms import year_param, year_picker


def requested_fiscal_year(request, *year_bound: str) -> tuple:
    """The year asked for (else the current one) and the year picker's context; switching the
    year keeps the page's filters except `year_bound` ones (choices of the year being left)."""
    asked = year_param(request.GET)
    fiscal_year, years = year_and_choices(asked)
    if fiscal_year is None:
        raise YearNotFound(asked)
    return fiscal_year, year_picker(years, request.GET, "page", *year_bound)


PAGE_SIZE = 100
AT_RISK_SHOWN = 30


def _due_quarter(rows, calendar_missing: bool) -> int | None:
    """The quarter whose reports the group table draws; none without rows or reporting quarters to be due."""
    return rows[0].due_quarter if rows and not calendar_missing else None


def _context(rows, fiscal_year, today, request=None, **extra):
    """Rows (paginated when a request is given), at-risk rows and counts per mission group; what the
    due quarter is called on `today`, and whether the year has quarters at all (else a notice shows)."""
    at_risk = [row for row in rows if row.risk.at_risk]
    calendar_missing = not has_reporting_calendar(fiscal_year)
    context = {
        "fiscal_year": fiscal_year,
        "due_label": due_quarter_label(start=fiscal_year.start_date, end=fiscal_year.end_date, today=today),
        "calendar_missing": calendar_missing,
        "rows": rows,
        "at_risk": at_risk,
        "at_risk_shown": at_risk[:AT_RISK_SHOWN] if request else at_risk,
        "group_counts": selectors.counts_per_mission_group(rows),
        "due_quarter": _due_quarter(rows, calendar_missing),
        "due_report_states": selectors.due_report_states(),
        **extra,
    }
    if request is not None:
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(rows=page.object_list, page=page, total=len(rows), querystring=query.urlencode())
    return context


@login_required
def agency_dashboard(request, code: str):
    agency = agency_for_user(request.user, code)
    fiscal_year, picker = requested_fiscal_year(request)
    agency_in_year(request.user, agency, fiscal_year)
    indicators = selectors.approved_indicators(fiscal_year).filter(agency=agency)
    today = timezone.localdate()
    rows = selectors.dashboard_rows(indicators, fiscal_year=fiscal_year, today=today)
    context = _context(rows, fiscal_year, today, agency=agency, **picker)
    return render(request, "indicators/reporting/dashboard_agency.html", context)


@login_required
def committee_dashboard(request):
    """The committee's scope page: the agencies it negotiates with, their progress and early warnings."""
    scope = user_scope(request.user)
    if not scope.on_a_committee:
        raise PermissionDenied(_("หน้านี้สำหรับคณะกรรมการเจรจาตกลง"))
    fiscal_year, picker = requested_fiscal_year(request)
    agencies = committee_agencies(scope).filter(pk__in=visible_agencies(request.user, fiscal_year).values("pk"))
    indicators = selectors.approved_indicators(fiscal_year).filter(agency__in=agencies)
    today = timezone.localdate()
    rows = selectors.dashboard_rows(indicators, fiscal_year=fiscal_year, today=today)
    context = _context(rows, fiscal_year, today, request, agency_summaries=selectors.agency_summaries(rows), **picker)
    return render(request, "indicators/reporting/dashboard_committee.html", context)


@login_required
def city_dashboard(request):
    """สยป.: every agency, filtered by mission group, district group, element and status."""
    if not is_city_wide(request.user):
        raise PermissionDenied(_("หน้านี้สำหรับ สยป."))
    fiscal_year, picker = requested_fiscal_year(request, *CityFilterForm.YEAR_BOUND)
    today = timezone.localdate()
    due_label = due_quarter_label(start=fiscal_year.start_date, end=fiscal_year.end_date, today=today)
    form = CityFilterForm(request.GET or None, fiscal_year=fiscal_year, status_choices=selectors.status_filters(due_label))
    filters = form.cleaned_data if form.is_valid() else {}
    indicators = selectors.city_indicators(
        fiscal_year,
        mission_group=filters.get("mission_group"),
        district_group=filters.get("district_group"),
        element=filters.get("element"),
    )
    rows = selectors.dashboard_rows(indicators, fiscal_year=fiscal_year, today=today)
    all_rows = rows
    rows = selectors.filter_by_status(rows, filters.get("status") or "")
    context = _context(rows, fiscal_year, today, request, form=form, **picker)
    context["filtered"] = form.narrows()
    context["group_counts"] = selectors.counts_per_mission_group(all_rows)
    context["due_quarter"] = _due_quarter(all_rows, context["calendar_missing"])
    context["can_import_workbooks"] = can_import_workbooks(request.user)
    return render(request, "indicators/reporting/dashboard_city.html", context)
