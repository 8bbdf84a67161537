"""Drafting pages: the indicator form (new, copied from an earlier year, edit) and deleting a
draft. Thin views: access through agencies.permissions, rules in indicators.services.drafting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies import permissions
from indicators import checks
from indicators import forms_negotiation as forms
from indicators.selectors import negotiation as selectors
from indicators.services import drafting
from indicators.services import negotiation as services
from kpi_portal.forms import with_version
from kpi_portal.lib.numbers import is_whole_number

from .negotiation_common import (
    TEMPLATE,
    form_refusal,
    package_for,
    refused_page,
)


def _form_kwargs(request, package, *, amending=False, indicator=None) -> dict:
    return {
        "elements": selectors.element_choices(
            fiscal_year=package.fiscal_year,
            agency=package.agency,
            current=indicator.element_id if indicator is not None else None,
        ),
        "focus_issues": selectors.focus_issues(package.fiscal_year),
        "copy_sources": permissions.visible_indicators(request.user),
        "basket": selectors.agency_basket(fiscal_year=package.fiscal_year, agency=package.agency),
        "amending": amending,
    }


def _save_indicator_form(
    request, package, *, indicator=None, amending=False, initial=None, children=None, element_hint="", moved_texts=()
):
    """Shared GET/POST handling of the create and edit forms; returns a response. `moved_texts`: the texts
    of a copy whose years were moved on (drafting.indicator_initial), listed old → new above the form."""
    kwargs = _form_kwargs(request, package, amending=amending, indicator=indicator)
    kwargs["element_hint"] = element_hint
    data = request.POST if request.method == "POST" else None
    form = forms.IndicatorForm(data, initial=initial, **kwargs)
    formsets = forms.build_formsets(data, children=children, year_be=package.fiscal_year.year_be)
    conflict = None
    if data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        children_typed = forms.children_from(formsets)
        try:
            if indicator is None:
                indicator = drafting.indicator_create(
                    actor=request.user, package=package, data=form.indicator_data(), children=children_typed,
                    amendment_reason=form.cleaned_data.get("amendment_reason", ""),
                )
            else:
                indicator = drafting.indicator_update(
                    actor=request.user,
                    indicator=indicator,
                    expected_version=form.cleaned_data["version"] or 0,
                    data=form.indicator_data(),
                    children=children_typed,
                    amendment_reason=form.cleaned_data.get("amendment_reason", ""),
                )
        except services.StaleVersion as stale:
            # Keep what they typed (tables too), show what the other person saved beside it, and carry the
            # version they have now seen so that their next deliberate save goes through.
            conflict = selectors.indicator_form_conflict(
                stale.indicator, typed=form.indicator_data(), typed_tables=vars(children_typed)
            )
            form = forms.IndicatorForm(with_version(data, stale.indicator.version), initial=initial, **kwargs)
            form.is_valid()
            form.add_error(None, drafting.STALE_FORM_MESSAGE)
        except (PermissionDenied, services.TransitionError, ValidationError) as error:
            if refused := form_refusal(request, form, error):
                return refused
        else:
            messages.success(request, _("บันทึกตัวชี้วัด “%(name)s” เรียบร้อยแล้ว") % {"name": indicator.name})
            for warning in drafting.saved_indicator_warnings(indicator, children_typed, package, amending=amending):
                messages.warning(request, warning)
            return redirect("indicators:indicator", pk=indicator.pk)
    # Reaching here after a POST means something was refused: the form comes back with what was typed.
    return render(
        request,
        TEMPLATE.format("indicator_form"),
        {
            "form": form, "formsets": formsets, "package": package, "indicator": indicator, "amending": amending,
            "checks": _form_checks(indicator) if data is None else {}, "conflict": conflict,
            "moved_texts": moved_texts,
        },
        status=400 if data is not None else 200,
    )


def _form_checks(indicator) -> dict[str, list[str]]:
    """Submission checks of a saved indicator, by the part of the form they concern (shown while drafting)."""
    if indicator is None:
        return {}
    indicator = selectors.package_indicators_for(indicator)
    part = {"rubric": "levels", "thresholds": "levels", "participants": "participants"}
    grouped: dict[str, list[str]] = {}
    for problem in checks.indicator_problems(selectors.indicator_snapshot(indicator)):
        grouped.setdefault(part.get(problem.key[2], "target"), []).append(problem.message)
    return grouped


@login_required
def indicator_create(request, year: int, code: str):
    package = package_for(request, year, code)
    if refused := _refused_to_edit(request, package):
        return refused
    initial, children, element_hint, moved = {"version": 0}, None, "", []
    source_id = request.GET.get("copy")
    basket_id = request.GET.get("basket")
    if source_id and request.method == "GET":
        source = permissions.indicator_for_user(request.user, source_id)
        data, children, moved = drafting.indicator_initial(source, package)
        initial.update(data)
        if data["element"] is None:
            element_hint = _(
                "ตัวชี้วัดต้นฉบับ (พ.ศ. %(year)s) อยู่ใน%(element)s ซึ่งไม่มีให้เลือกในปีนี้ โปรดเลือกองค์ประกอบ"
            ) % {"element": source.element, "year": source.fiscal_year.year_be}
    elif basket_id and request.method == "GET":
        if not is_whole_number(basket_id):  # the lookup would raise ValueError: a 500
            raise Http404("ไม่พบตัวชี้วัดในตะกร้า")
        basket = get_object_or_404(
            selectors.agency_basket(fiscal_year=package.fiscal_year, agency=package.agency), pk=basket_id
        )
        initial.update(
            {"name": basket.name, "target_text": basket.target, "basket_indicator": basket.pk,
             "focus_issue": basket.focus_issue_id}
        )
    return _save_indicator_form(
        request, package, initial=initial, children=children, element_hint=element_hint, moved_texts=moved,
        amending=permissions.can_amend(request.user, package),
    )


def _refused_to_edit(request, package):
    """The refusal page when the user may not draft a new indicator in the package now, by the rule
    the drafting service applies (drafting.draft_refusal); None when they may."""
    refusal = drafting.draft_refusal(request.user, package)
    return refused_page(request, str(refusal)) if refusal else None


@login_required
def indicator_copy(request, year: int, code: str):
    """Pick an indicator of the previous year, or a KPI of the basket, to start a new draft from."""
    package = package_for(request, year, code)
    if refused := _refused_to_edit(request, package):
        return refused
    previous_year, previous = selectors.previous_year_indicators(package)
    return render(
        request,
        TEMPLATE.format("copy"),
        {
            "package": package,
            "previous_year": previous_year,
            "previous": previous,
            "basket": selectors.agency_basket(fiscal_year=package.fiscal_year, agency=package.agency),
        },
    )


@login_required
def indicator_edit(request, pk: int):
    indicator = permissions.indicator_for_user(request.user, pk)
    package = selectors.package_of(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
    if refusal := drafting.edit_refusal(request.user, package, indicator):
        return refused_page(request, str(refusal))
    amending = permissions.can_amend(request.user, package)
    initial = {name: getattr(indicator, name) for name in drafting.INDICATOR_FIELDS}
    initial.update({"element": indicator.element_id, "strategy": indicator.strategy_id,
                    "focus_issue": indicator.focus_issue_id, "version": indicator.version})
    return _save_indicator_form(
        request, package, indicator=indicator, amending=amending, initial=initial,
        children=drafting.indicator_children(indicator),
    )


@login_required
def indicator_delete(request, pk: int):
    """Confirm, then delete a draft indicator (indicators.services.drafting.indicator_delete decides)."""
    indicator = permissions.indicator_for_user(request.user, pk)
    package = selectors.package_of(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
    if request.method == "POST":
        try:
            drafting.indicator_delete(actor=request.user, indicator=indicator)
        except PermissionDenied as error:
            return refused_page(request, str(error))
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("indicators:indicator", pk=indicator.pk)
        messages.success(request, _("ลบตัวชี้วัด “%(name)s” เรียบร้อยแล้ว") % {"name": indicator.name})
        return redirect("indicators:package", year=package.fiscal_year.year_be, code=package.agency.code)
    if refusal := drafting.delete_refusal(request.user, package, indicator):
        return refused_page(request, str(refusal))
    return render(request, TEMPLATE.format("delete"), {"indicator": indicator, "package": package})
