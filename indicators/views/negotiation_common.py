"""What the negotiation and drafting pages share: the refusal page, where a service's
ValidationError goes on a form, finding the year and the agency's package, decision labels."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from agencies import permissions
from indicators.models import FiscalYear, IndicatorStatus, PackageStatus
from indicators.selectors import framework
from indicators.selectors import negotiation as selectors
from indicators.services import negotiation as services
from kpi_portal.forms import apply_errors

TEMPLATE = "indicators/negotiation/{}.html"


STATUS_LABELS = dict(IndicatorStatus.choices) | dict(PackageStatus.choices)


def labelled(decisions) -> list:
    """Decisions with their action and states in Thai words."""
    decisions = list(decisions)
    for decision in decisions:
        decision.action_label = services.ACTION_LABELS.get(decision.action, decision.action)
        decision.from_label = STATUS_LABELS.get(decision.from_status, decision.from_status)
        decision.to_label = STATUS_LABELS.get(decision.to_status, decision.to_status)
    return decisions


def refused_page(request, message: str):
    # A real link back: the CSP blocks javascript: URLs and inline handlers.
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
    return render(request, TEMPLATE.format("refused"), {"message": message, "back": back}, status=403)


def fiscal_year_or_404(year: int) -> FiscalYear:
    """The year of a negotiation page; a missing one is a 404 offering the years' negotiation pages."""
    return framework.fiscal_year_or_404(year, action=reverse("indicators:negotiation_home"))


def package_for(request, year: int, code: str):
    agency = permissions.agency_for_user(request.user, code)
    fiscal_year = fiscal_year_or_404(year)
    permissions.agency_in_year(request.user, agency, fiscal_year)
    return selectors.package_of(agency=agency, fiscal_year=fiscal_year)


def package_url(package) -> str:
    return reverse("indicators:package", args=[package.fiscal_year.year_be, package.agency.code])


def form_refusal(request, form, error: Exception):
    """Where a service's refusal of a form goes: PermissionDenied becomes the refusal page (returned);
    a ValidationError goes beside its fields; a state or version refusal on top of the form (None returned)."""
    if isinstance(error, PermissionDenied):
        return refused_page(request, str(error))
    if isinstance(error, ValidationError):
        apply_errors(form, error)
    else:
        form.add_error(None, str(error))
    return None
