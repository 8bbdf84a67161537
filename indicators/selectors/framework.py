"""Reads on the fiscal years themselves."""

from __future__ import annotations

from django.db.models import QuerySet

from indicators.models import FiscalYear


def current_fiscal_year(year_be: int | None = None) -> FiscalYear | None:
    """The year asked for, else the one the strategy office marked current, else the latest."""
    if year_be:
        return FiscalYear.objects.filter(year_be=year_be).first()
    return FiscalYear.objects.order_by("-is_current", "-year_be").first()


def fiscal_years() -> QuerySet[FiscalYear]:
    """Every fiscal year, newest first (the year pickers)."""
    return FiscalYear.objects.order_by("-year_be")
