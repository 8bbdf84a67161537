"""Reads on the year's framework: fiscal years and the city's strategy tree."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from indicators.framework_checks import (
    overweight_elements,
    shortfall_warning,
    uncovered_elements,
    unfillable_elements,
    unfillable_warning,
)
from indicators.models import CompositionElement, ElementAppliesTo, FiscalYear, Indicator, ReportingQuarter, Strategy


def current_fiscal_year(year_be: int | None = None) -> FiscalYear | None:
    """The year asked for, else the one the strategy office marked current, else the latest."""
    return year_and_choices(year_be)[0]


def fiscal_years() -> QuerySet[FiscalYear]:
    """Every fiscal year, newest first (the year pickers)."""
    return FiscalYear.objects.order_by("-year_be")


def year_and_choices(year_be: int | None = None) -> tuple[FiscalYear | None, list[FiscalYear]]:
    """The year current_fiscal_year() gives and every year, for a page's year picker: one query
    (years are a few rows; the latest marked current wins, else the latest)."""
    years = list(fiscal_years())
    if year_be:
        return next((year for year in years if year.year_be == year_be), None), years
    return next((year for year in years if year.is_current), years[0] if years else None), years


def has_reporting_calendar(fiscal_year: FiscalYear) -> bool:
    """Whether the year has its quarters and report deadlines (the strategy office may not have set them yet)."""
    return ReportingQuarter.objects.filter(fiscal_year=fiscal_year).exists()


class YearNotFound(Http404):
    """A fiscal year that was asked for and does not exist. The 404 page (kpi_portal.views.page_not_found)
    offers the years that do: each sent to `action` (the page itself when empty) as ?year=, with `keep`."""

    def __init__(self, year_be: int | None = None, *, action: str = "", **keep: str):
        self.year_be, self.action, self.keep = year_be, action, keep
        if year_be:
            super().__init__(_("ไม่พบปีงบประมาณ พ.ศ. %(year)s") % {"year": year_be})
        else:
            super().__init__(_("ยังไม่มีปีงบประมาณในระบบ"))


def fiscal_year_or_404(year_be: int, *, action: str = "", **keep: str) -> FiscalYear:
    """The fiscal year with this B.E. number; YearNotFound (a 404 offering the others) when there is none."""
    year = FiscalYear.objects.filter(year_be=year_be).first()
    if year is None:
        raise YearNotFound(year_be, action=action, **keep)
    return year


def negotiation_year(today: dt.date) -> FiscalYear | None:
    """The year whose negotiation calendar is running on `today` (drafting, committees, approval):
    from the first day of the month its first stage falls due until its last stage's deadline.
    Stages carry only deadlines, so that month is the earliest the calendar says work starts."""
    running = (
        FiscalYear.objects.annotate(first_deadline=Min("stages__deadline"), last_deadline=Max("stages__deadline"))
        .filter(last_deadline__gte=today)
        .order_by("year_be")
    )
    return next((year for year in running if year.first_deadline.replace(day=1) <= today), None)


def element_warnings(elements) -> list[str]:
    """The strategy office's warnings about one year's elements (rows already loaded; no query), each a
    set-up no agency's package can pass: parents their sub-elements outweigh (judged on all, as a row's
    save and the next year's copy do); then, on the elements each kind of agency drafts in, as its
    package check does, parents their negotiated sub-elements do not cover and negotiated parents with
    no negotiated sub-element (framework_checks). A warning only one kind of agency meets is labelled
    with that kind."""
    warnings = list(overweight_elements(elements).values())
    kinds = {
        ElementAppliesTo.NON_DISTRICT: ElementAppliesTo.DISTRICT,  # the kind → the elements it does not use
        ElementAppliesTo.DISTRICT: ElementAppliesTo.NON_DISTRICT,
    }
    seen_by: dict[str, list[str]] = {}
    for kind, unused in kinds.items():
        used = [e for e in elements if e.applies_to != unused]
        for shortfall in uncovered_elements([e for e in used if e.is_negotiated]):
            seen_by.setdefault(shortfall_warning(shortfall), []).append(kind.label)
        for unfillable in unfillable_elements(used):
            seen_by.setdefault(unfillable_warning(unfillable), []).append(kind.label)
    for warning, labels in seen_by.items():
        if len(labels) < len(kinds):
            warning = _("เฉพาะ%(kind)s: %(warning)s") % {"kind": labels[0], "warning": warning}
        warnings.append(warning)
    return warnings


def year_element_warnings(fiscal_year_id: int | None = None) -> list[str]:
    """element_warnings year by year (one year's, or every year's), each naming its year. One query."""
    elements = CompositionElement.objects.select_related("fiscal_year")
    if fiscal_year_id is not None:
        elements = elements.filter(fiscal_year_id=fiscal_year_id)
    by_year: dict[FiscalYear, list[CompositionElement]] = {}
    for element in elements.order_by("fiscal_year__year_be", "order", "code"):
        by_year.setdefault(element.fiscal_year, []).append(element)
    return [
        _("ปีงบประมาณ %(year)s: %(warning)s") % {"year": year, "warning": warning}
        for year, year_elements in by_year.items()
        for warning in element_warnings(year_elements)
    ]


# The tree has four levels (ยุทธศาสตร์ → ยุทธศาสตร์ย่อย → เป้าประสงค์ → กลยุทธ์): a node's ancestors in one join.
STRATEGY_ANCESTORS = "parent__parent__parent"


def strategy_path(node: Strategy | None) -> list[Strategy]:
    """A strategy node and its ancestors, the top first; load them with STRATEGY_ANCESTORS."""
    path: list[Strategy] = []
    while node is not None and len(path) < len(Strategy.Level):
        path.insert(0, node)
        node = node.parent
    return path


def indicator_strategy_path(indicator: Indicator) -> list[Strategy]:
    """The strategy the indicator serves, from the top, in one query."""
    if indicator.strategy_id is None:
        return []
    return strategy_path(Strategy.objects.select_related(STRATEGY_ANCESTORS).get(pk=indicator.strategy_id))
