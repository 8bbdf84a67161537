"""Score pages: a year's ranking and one agency's scorecard. Thin: access via agencies.permissions,
numbers from scoring.services."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from agencies.permissions import agency_for_user, agency_in_year, visible_agencies
from indicators.selectors.framework import YearNotFound, current_fiscal_year, year_and_choices
from kpi_portal.forms import year_param, year_picker

from .forms import QuarterForm
from .services import build_ranking, build_scorecards, ranking_seen_by


@login_required
def index(request):
    """The ranking of the year asked for (?year=, the year pickers), else of the current year; with
    ?agency= that agency's scorecard. Other query values (the quarter) go along."""
    asked = year_param(request.GET)
    year = current_fiscal_year(asked)
    if year is None:
        raise YearNotFound(asked)
    query = request.GET.copy()
    query.pop("year", None)
    code = query.pop("agency", [""])[0]
    if code:
        url = reverse("scoring:scorecard", args=[year.year_be, agency_for_user(request.user, code, year).code])
    else:
        url = reverse("scoring:ranking", args=[year.year_be])
    return redirect(f"{url}?{query.urlencode()}" if query else url)


def _year_or_404(request, year: int, **keep) -> tuple:
    """The page's year and its year picker (sent through index, keeping the quarter): one query."""
    fiscal_year, years = year_and_choices(year)
    if fiscal_year is None:
        raise YearNotFound(year, action=reverse("scoring:index"), **keep)
    return fiscal_year, year_picker(years, request.GET, "agency", action=reverse("scoring:index"), **keep)


@login_required
def ranking(request, year: int):
    """Rankings of the year. Ranks are city-wide; a user sees the rows of the agencies they may see
    (everyone for the strategy office and the steering committee, the mission group's agencies for
    its committee, the own agency for agency staff)."""
    fiscal_year, picker = _year_or_404(request, year)
    form = QuarterForm(request.GET or None)
    quarter = form.selected_quarter()
    result = build_ranking(fiscal_year=fiscal_year, quarter=quarter)
    shown = ranking_seen_by(result, set(visible_agencies(request.user, fiscal_year).values_list("pk", flat=True)))
    return render(
        request,
        "scoring/ranking.html",
        {
            "fiscal_year": fiscal_year,
            "form": form,
            "quarter": quarter,
            "overall": shown.overall,
            "mission_groups": shown.mission_groups,
            "district_groups": shown.district_groups,
            "ranked_count": len(result.overall),
            **picker,
        },
    )


@login_required
def scorecard(request, year: int, code: str):
    """One agency's scorecard: per indicator the result used, level and points; element subtotals; total."""
    agency = agency_for_user(request.user, code)
    fiscal_year, picker = _year_or_404(request, year, agency=agency.code)
    agency_in_year(request.user, agency, fiscal_year)
    form = QuarterForm(request.GET or None)
    quarter = form.selected_quarter()
    (card,) = build_scorecards(fiscal_year=fiscal_year, agencies=[agency], quarter=quarter)
    return render(
        request,
        "scoring/scorecard.html",
        {
            "fiscal_year": fiscal_year, "form": form, "quarter": quarter, "card": card, "sections": card.sections(),
            **picker,
        },
    )
