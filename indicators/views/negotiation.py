"""Negotiation pages: an agency's package, an indicator's page, committee review, meetings
(the indicator form is in indicators.views.drafting).

Thin views: fetch through agencies.permissions (404 where existence is private, 403 where the
object is visible but the action is not), call one service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import permissions
from indicators import checks
from indicators import forms_negotiation as forms
from indicators.selectors import negotiation as selectors
from indicators.selectors.framework import current_fiscal_year, fiscal_years, negotiation_year
from indicators.selectors.history import indicator_history
from indicators.selectors.package_overview import chosen_state, package_overview, rows_in_state
from indicators.models import IndicatorStatus
from indicators.rubric_text import target_suffix
from indicators.services import drafting
from indicators.services import meetings as meeting_rules
from indicators.services import negotiation as services
from kpi_portal.forms import apply_errors, year_param, year_picker

from .negotiation_common import (
    TEMPLATE,
    fiscal_year_or_404,
    form_refusal,
    labelled,
    package_for,
    package_url,
    refused_page,
)

@login_required
def negotiation_home(request):
    """The menu's way in: the year being negotiated (per its calendar), else the current year; the
    year picker's ?year= goes to that year (a 404 offering the others when it does not exist)."""
    asked = year_param(request.GET)
    if asked:
        year = fiscal_year_or_404(asked)
    else:
        year = negotiation_year(timezone.localdate()) or current_fiscal_year()
    if year is None:
        return render(request, TEMPLATE.format("no_year"))
    return redirect("indicators:negotiation_index", year=year.year_be)


@login_required
def negotiation_index(request, year: int):
    """The agencies in the user's scope with their package status (counted and drawn, and narrowed to
    one status by ?state=), and the year's deadlines."""
    fiscal_year = fiscal_year_or_404(year)
    rows = selectors.agencies_with_packages(user=request.user, fiscal_year=fiscal_year)
    state = chosen_state(request.GET.get("state", ""))
    context = {
        "fiscal_year": fiscal_year,
        "overview": package_overview(rows),
        "state": state,
        "rows": rows_in_state(rows, state),
        "stages": selectors.negotiation_stages(fiscal_year),
        # the dashboards' year picker, sent through negotiation_home (the year is in this page's path)
        **year_picker(fiscal_years(), request.GET, action=reverse("indicators:negotiation_home")),
    }
    return render(request, TEMPLATE.format("index"), context)


def _package_context(request, package, failed=None) -> dict:
    """`failed`: (action, bound ReasonForm) of a step refused for its input, shown again in its own form."""
    indicators = list(selectors.package_indicators(package))
    elements = selectors.elements_for(fiscal_year=package.fiscal_year, agency=package.agency)
    package_snap = selectors.snapshot(package, indicators, elements)
    problems = checks.package_problems(package_snap)
    grouped = checks.problems_by_key(problems)
    warnings = checks.problems_by_key(checks.package_warnings(package_snap))
    sections = selectors.package_sections(elements, indicators)
    for section in sections:
        section["problems"] = grouped.get(f"element:{section['element'].code}", [])
        for indicator in section["indicators"]:
            indicator.problems = grouped.get(f"indicator:{indicator.pk}", [])
            indicator.warnings = warnings.get(f"indicator:{indicator.pk}", [])
    user = request.user
    meetings = list(selectors.package_meetings(package))
    return {
        "package": package,
        "agency": package.agency,
        "fiscal_year": package.fiscal_year,
        "sections": sections,
        "package_problems": grouped.get("package", []),
        "problem_count": len(problems),
        # The rest sit beside their element or indicator below; the box says so, or its count looks wrong.
        "problems_below": len(problems) - len(grouped.get("package", [])),
        "comments": selectors.package_comments(package),
        "decisions": labelled(selectors.package_decisions(package)),
        "meetings": meetings,
        "action_labels": services.ACTION_LABELS,
        "can_draft": drafting.may_draft(user, package),
        # Each step offers the meetings its decision may cite (meeting_rules.meeting_fits).
        "actions": [
            (name, label, [m for m in meetings if meeting_rules.meeting_fits(name, m)],
             failed[1] if failed and failed[0] == name else None)
            for name, label in services.available_actions(user, package)
        ],
        "can_send_back": services.may_send_back(user, package),
        "waits_for_the_head": services.waits_for_the_head(user, package),
        "has_committee": selectors.has_negotiating_committee(package),
    }


@login_required
def package_detail(request, year: int, code: str):
    package = package_for(request, year, code)
    return render(request, TEMPLATE.format("package"), _package_context(request, package))


def moved_on_message(package) -> str:
    """A step refused because the package changed after the page was opened (by a colleague or the agency)."""
    return _(
        "ชุดตัวชี้วัดนี้เปลี่ยนไปหลังจากที่ท่านเปิดหน้านี้ (สถานะขณะนี้: %(status)s) ยังไม่ได้บันทึกการดำเนินการของท่าน "
        "โปรดตรวจดูชุดตัวชี้วัดอีกครั้งแล้วจึงดำเนินการ"
    ) % {"status": package.get_status_display()}


@login_required
@require_POST
def package_transition(request, year: int, code: str, action: str):
    package = package_for(request, year, code)
    form = forms.ReasonForm(request.POST, meetings=selectors.year_meetings(package.fiscal_year_id))
    try:
        if form.is_valid():
            services.package_transition(
                actor=request.user, package=package, action=action, reason=form.cleaned_data["reason"],
                meeting=form.cleaned_data["meeting"], expected_version=form.cleaned_data["version"],
            )
        elif refusal := services.transition_refusal(request.user, package, action):
            raise refusal
    except services.StalePackage as stale:
        package = stale.package
        form.add_error(None, moved_on_message(package))
    except PermissionDenied as error:
        return refused_page(request, str(error))
    except services.SubmissionBlocked as blocked:
        messages.error(
            request,
            _("ยังส่งไม่ได้: พบ %(count)s รายการที่ต้องแก้ไข (ดูข้อความสีแดงด้านล่าง)") % {"count": len(blocked.problems)},
        )
        context = _package_context(request, package)
        return render(request, TEMPLATE.format("package"), context, status=422)
    except services.TransitionError as error:
        messages.error(request, str(error))
        return redirect(package_url(package))
    except ValidationError as error:
        apply_errors(form, error)
    if form.errors and action not in dict(services.available_actions(request.user, package)):
        # A step the page has no form for (sending back has its own page) says why on top, as before.
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return redirect(package_url(package))
    if form.errors:
        # The step comes back in its own form: the error beside its field, what was typed kept.
        context = _package_context(request, package, failed=(action, form))
        return render(request, TEMPLATE.format("package"), context, status=422)
    messages.success(request, _("%(action)s เรียบร้อยแล้ว") % {"action": services.ACTION_LABELS[action]})
    return redirect(package_url(package))


@login_required
def package_send_back(request, year: int, code: str):
    """The committee sends the package back with a comment per indicator."""
    package = package_for(request, year, code)
    if refusal := services.transition_refusal(request.user, package, "request_revision"):
        return refused_page(request, str(refusal))
    indicators = [i for i in selectors.package_indicators(package) if i.status != IndicatorStatus.REPLACED]
    offered = selectors.package_meetings(package, steering=meeting_rules.cites_steering_meeting("request_revision"))
    form = forms.RevisionForm(
        request.POST or None, indicators=indicators,
        meetings=selectors.year_meetings(package.fiscal_year_id), offered=offered,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.package_transition(
                actor=request.user,
                package=package,
                action="request_revision",
                reason=form.cleaned_data["reason"],
                comments=form.comments(),
                meeting=form.cleaned_data["meeting"],
                expected_version=form.cleaned_data["version"],
            )
        except services.StalePackage as stale:
            package = stale.package
            form.add_error(None, moved_on_message(package))
        except (PermissionDenied, services.TransitionError, ValidationError) as error:
            if refused := form_refusal(request, form, error):
                return refused
        else:
            messages.success(request, _("ส่งกลับให้หน่วยงานแก้ไขพร้อมความเห็นเรียบร้อยแล้ว"))
            return redirect(package_url(package))
    return render(request, TEMPLATE.format("send_back"), {"package": package, "form": form})


@login_required
def package_compare(request, year: int, code: str):
    """This year's package beside last year's."""
    package = package_for(request, year, code)
    previous_year, previous = selectors.previous_year_indicators(package)
    current = [i for i in selectors.package_indicators(package) if i.status != IndicatorStatus.REPLACED]
    return render(
        request,
        TEMPLATE.format("compare"),
        {"package": package, "previous_year": previous_year, "previous": previous, "current": current},
    )


# --- One indicator -------------------------------------------------------------------------------


@login_required
def indicator_detail(request, pk: int):
    indicator = selectors.indicator_in_full(permissions.indicator_for_user(request.user, pk))
    package = selectors.package_of(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
    replaced_by = selectors.replacement_of(indicator)
    indicator_snap = selectors.indicator_snapshot(indicator)
    snapshot_problems = checks.indicator_problems(indicator_snap)
    return render(
        request,
        TEMPLATE.format("indicator_detail"),
        {
            "indicator": indicator,
            "package": package,
            "replaced_by": replaced_by,
            "target_suffix": target_suffix(indicator.target_text, indicator.target_value, indicator.target_unit),
            "problems": [p.message for p in snapshot_problems],
            "warnings": [w.message for w in checks.indicator_warnings(indicator_snap)],
            "comments": selectors.indicator_comments(indicator),
            "decisions": labelled(selectors.indicator_decisions(indicator)),
            "history": indicator_history(indicator),
            "action_labels": services.ACTION_LABELS,
            "comment_form": forms.CommentForm(),
            "can_edit": drafting.may_edit_indicator(request.user, package, indicator),
            "can_delete": drafting.may_delete_indicator(request.user, package, indicator),
            "can_answer_comments": permissions.can_edit_package(request.user, package),
            "can_comment": services.may_comment(request.user, package),
            "can_replace": services.may_replace(request.user, package, indicator),
        },
    )


@login_required
@require_POST
def indicator_comment(request, pk: int):
    indicator = permissions.indicator_for_user(request.user, pk)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ต้องกรอกความเห็นก่อนบันทึก"))
        return redirect("indicators:indicator", pk=indicator.pk)
    try:
        services.indicator_comment(actor=request.user, indicator=indicator, body=form.cleaned_data["body"])
    except PermissionDenied as error:
        return refused_page(request, str(error))
    except (services.TransitionError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("บันทึกความเห็นเรียบร้อยแล้ว"))
    return redirect("indicators:indicator", pk=indicator.pk)


@login_required
@require_POST
def comment_resolve(request, pk: int):
    """Mark a committee comment as dealt with by the agency (resolved=0 takes the mark back)."""
    comment = permissions.comment_for_user(request.user, pk)
    resolved = request.POST.get("resolved", "1") != "0"
    try:
        services.comment_resolve(actor=request.user, comment=comment, resolved=resolved)
    except PermissionDenied as error:
        return refused_page(request, str(error))
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("บันทึกว่าแก้ไขตามความเห็นแล้ว") if resolved else _("ยกเลิกการแจ้งว่าแก้ไขแล้ว"))
    return redirect(reverse("indicators:indicator", args=[comment.indicator_id]) + "#comments")


@login_required
def indicator_replace(request, pk: int):
    indicator = permissions.indicator_for_user(request.user, pk)
    package = selectors.package_of(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
    if refusal := services.replace_refusal(request.user, package, indicator):
        return refused_page(request, str(refusal))
    basket = selectors.agency_basket(fiscal_year=package.fiscal_year, agency=package.agency)
    form = forms.ReplaceForm(request.POST or None, basket=basket)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.indicator_replace(
                actor=request.user, indicator=indicator, basket=form.cleaned_data["basket"],
                reason=form.cleaned_data["reason"],
            )
        except services.StalePackage as stale:
            package = stale.package
            form.add_error(None, moved_on_message(package))
        except (PermissionDenied, services.TransitionError, ValidationError) as error:
            if refused := form_refusal(request, form, error):
                return refused
        else:
            messages.success(request, _("แทนตัวชี้วัดด้วย “%(name)s” เรียบร้อยแล้ว") % {"name": new.name})
            return redirect("indicators:indicator", pk=new.pk)
    return render(request, TEMPLATE.format("replace"), {"indicator": indicator, "package": package, "form": form})


# --- Meetings -------------------------------------------------------------------------------------


@login_required
def meeting_list(request, year: int):
    fiscal_year = fiscal_year_or_404(year)
    meetings = permissions.visible_meetings(request.user, fiscal_year).select_related("mission_group", "recorded_by")
    return render(
        request,
        TEMPLATE.format("meetings"),
        {
            "fiscal_year": fiscal_year,
            "meetings": meetings.prefetch_related("agencies"),
            "can_record": permissions.can_record_meetings(request.user),
        },
    )


@login_required
def meeting_create(request, year: int):
    fiscal_year = fiscal_year_or_404(year)
    if not permissions.can_record_meetings(request.user):
        return refused_page(request, _("ท่านไม่มีสิทธิ์บันทึกการประชุมของคณะกรรมการ"))
    form = forms.MeetingForm(
        request.POST or None, mission_groups=permissions.recordable_mission_groups(request.user, fiscal_year),
        agencies=permissions.visible_agencies(request.user, fiscal_year).order_by("kind", "order", "code"),
        steering=permissions.can_record_meeting(request.user, None),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_record(
                actor=request.user, fiscal_year=fiscal_year, mission_group=data["mission_group"],
                title=data["title"], held_on=data["held_on"], attendees=data["attendees"],
                resolutions=data["resolutions"], agencies=data["agencies"],
            )
        except (PermissionDenied, ValidationError) as error:
            if refused := form_refusal(request, form, error):
                return refused
        else:
            messages.success(request, _("บันทึกการประชุมเรียบร้อยแล้ว"))
            return redirect("indicators:meetings", year=year)
    return render(request, TEMPLATE.format("meeting_form"), {"fiscal_year": fiscal_year, "form": form})
