"""Score pages: a year's ranking and one agency's scorecard. Thin: access via agencies.permissions,
numbers from scoring.services."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from agencies.permissions import agency_for_user, visible_agencies
from indicators.models import FiscalYear
from indicators.selectors.framework import current_fiscal_year

from .forms import QuarterForm
from .services import build_ranking, build_scorecards, ranking_seen_by


@login_required
def index(request):
    """The current fiscal year's ranking (or the latest year's)."""
    year = current_fiscal_year()
    if year is None:
        raise Http404("ยังไม่มีปีงบประมาณ")
    return redirect("scoring:ranking", year=year.year_be)


@login_required
def ranking(request, year: int):
    """Rankings of the year. Ranks are city-wide; a user sees the rows of the agencies they may see
    (everyone for the strategy office and the steering committee, the mission group's agencies for
    its committee, the own agency for agency staff)."""
    fiscal_year = get_object_or_404(FiscalYear, year_be=year)
    form = QuarterForm(request.GET or None)
    quarter = form.selected_quarter()
    result = build_ranking(fiscal_year=fiscal_year, quarter=quarter)
    shown = ranking_seen_by(result, set(visible_agencies(request.user).values_list("pk", flat=True)))
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
        },
    )


@login_required
def scorecard(request, year: int, code: str):
    """One agency's scorecard: per indicator the result used, level and points; element subtotals; total."""
    agency = agency_for_user(request.user, code)
    fiscal_year = get_object_or_404(FiscalYear, year_be=year)
    form = QuarterForm(request.GET or None)
    quarter = form.selected_quarter()
    (card,) = build_scorecards(fiscal_year=fiscal_year, agencies=[agency], quarter=quarter)
    return render(
        request,
        "scoring/scorecard.html",
        {"fiscal_year": fiscal_year, "form": form, "quarter": quarter, "card": card, "sections": card.sections()},
    )
