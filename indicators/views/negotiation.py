"""Negotiation pages: an agency's package, the indicator form, committee review, meetings.

Thin views: fetch through agencies.permissions (404 where existence is private, 403 where the
object is visible but the action is not), call one service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from agencies import permissions
from agencies.models import MissionGroup
from indicators import checks
from indicators import forms_negotiation as forms
from indicators.selectors import negotiation as selectors
from indicators.models import (
    CompositionElement,
    FiscalYear,
    FocusIssue,
    Indicator,
    IndicatorStatus,
    JointParticipant,
    Meeting,
    NegotiationStage,
    PackageStatus,
)
from indicators.services import negotiation as services

TEMPLATE = "indicators/negotiation/{}.html"


STATUS_LABELS = dict(IndicatorStatus.choices) | dict(PackageStatus.choices)


def _labelled(decisions) -> list:
    """Decisions with their action and states in Thai words."""
    decisions = list(decisions)
    for decision in decisions:
        decision.action_label = services.ACTION_LABELS.get(decision.action, decision.action)
        decision.from_label = STATUS_LABELS.get(decision.from_status, decision.from_status)
        decision.to_label = STATUS_LABELS.get(decision.to_status, decision.to_status)
    return decisions


def _refused(request, message: str):
    return render(request, TEMPLATE.format("refused"), {"message": message}, status=403)


def _year(year: int) -> FiscalYear:
    return get_object_or_404(FiscalYear, year_be=year)


def _package(request, year: int, code: str):
    agency = permissions.agency_for_user(request.user, code)
    return services.package_open(agency=agency, fiscal_year=_year(year))


def _package_url(package) -> str:
    return reverse("indicators:package", args=[package.fiscal_year.year_be, package.agency.code])


def _apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the form field it names (or on top of the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _refusal(request, form, error: Exception):
    """Where a service's refusal of a form goes: PermissionDenied becomes the refusal page (returned);
    a ValidationError goes beside its fields; a state or version refusal on top of the form (None returned)."""
    if isinstance(error, PermissionDenied):
        return _refused(request, str(error))
    if isinstance(error, ValidationError):
        _apply_errors(form, error)
    else:
        form.add_error(None, str(error))
    return None


@login_required
def negotiation_home(request):
    year = FiscalYear.objects.filter(is_current=True).first() or FiscalYear.objects.order_by("-year_be").first()
    if year is None:
        return render(request, TEMPLATE.format("no_year"))
    return redirect("indicators:negotiation_index", year=year.year_be)


@login_required
def negotiation_index(request, year: int):
    """The agencies in the user's scope with their package status, and the year's deadlines."""
    fiscal_year = _year(year)
    context = {
        "fiscal_year": fiscal_year,
        "rows": selectors.agencies_with_packages(user=request.user, fiscal_year=fiscal_year),
        "stages": NegotiationStage.objects.filter(fiscal_year=fiscal_year).order_by("order"),
        "years": FiscalYear.objects.order_by("-year_be"),
    }
    return render(request, TEMPLATE.format("index"), context)


def _package_context(request, package) -> dict:
    indicators = list(selectors.package_indicators(package))
    elements = selectors.elements_for(fiscal_year=package.fiscal_year, agency=package.agency)
    problems = checks.package_problems(selectors.snapshot(package, indicators, elements))
    grouped = checks.problems_by_key(problems)
    sections = selectors.package_sections(elements, indicators)
    for section in sections:
        section["problems"] = grouped.get(f"element:{section['element'].code}", [])
        for indicator in section["indicators"]:
            indicator.problems = grouped.get(f"indicator:{indicator.pk}", [])
    user = request.user
    return {
        "package": package,
        "agency": package.agency,
        "fiscal_year": package.fiscal_year,
        "sections": sections,
        "package_problems": grouped.get("package", []),
        "problem_count": len(problems),
        "comments": selectors.package_comments(package),
        "decisions": _labelled(selectors.package_decisions(package)),
        "meetings": list(selectors.package_meetings(package)),
        "action_labels": services.ACTION_LABELS,
        "can_edit": permissions.can_edit_package(user, package),
        "can_submit": permissions.can_submit(user, package),
        "can_review": permissions.can_review(user, package),
        "can_approve": permissions.can_approve(user, package),
        "can_amend": permissions.can_amend(user, package),
        "actions": [
            (name, t.label)
            for name, t in services.TRANSITIONS.items()
            if package.status in t.sources and t.allowed(user, package) and name != "request_revision"
        ],
        "can_send_back": package.status in services.TRANSITIONS["request_revision"].sources
        and permissions.can_review(user, package),
    }


@login_required
def package_detail(request, year: int, code: str):
    package = _package(request, year, code)
    return render(request, TEMPLATE.format("package"), _package_context(request, package))


@login_required
@require_POST
def package_transition(request, year: int, code: str, action: str):
    package = _package(request, year, code)
    form = forms.ReasonForm(request.POST, meetings=selectors.package_meetings(package))
    form.is_valid()
    try:
        services.package_transition(
            actor=request.user, package=package, action=action, reason=form.cleaned_data.get("reason", ""),
            meeting=form.cleaned_data.get("meeting"),
        )
    except PermissionDenied as error:
        return _refused(request, str(error))
    except services.SubmissionBlocked as blocked:
        messages.error(request, f"ยังส่งไม่ได้: พบ {len(blocked.problems)} รายการที่ต้องแก้ไข (ดูข้อความสีแดงด้านล่าง)")
        context = _package_context(request, package)
        return render(request, TEMPLATE.format("package"), context, status=422)
    except (services.TransitionError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(_package_url(package))
    messages.success(request, f"{services.ACTION_LABELS[action]} เรียบร้อยแล้ว")
    return redirect(_package_url(package))


@login_required
def package_send_back(request, year: int, code: str):
    """The committee sends the package back with a comment per indicator."""
    package = _package(request, year, code)
    if not permissions.can_review(request.user, package):
        return _refused(request, "เฉพาะคณะกรรมการที่เจรจากับหน่วยงานนี้ส่งกลับแก้ไขได้")
    indicators = [i for i in selectors.package_indicators(package) if i.status != IndicatorStatus.REPLACED]
    form = forms.RevisionForm(request.POST or None, indicators=indicators, meetings=selectors.package_meetings(package))
    if request.method == "POST" and form.is_valid():
        try:
            services.package_transition(
                actor=request.user,
                package=package,
                action="request_revision",
                reason=form.cleaned_data["reason"],
                comments=form.comments(),
                meeting=form.cleaned_data["meeting"],
            )
        except (PermissionDenied, services.TransitionError, ValidationError) as error:
            if refused := _refusal(request, form, error):
                return refused
        else:
            messages.success(request, "ส่งกลับให้หน่วยงานแก้ไขพร้อมความเห็นเรียบร้อยแล้ว")
            return redirect(_package_url(package))
    return render(request, TEMPLATE.format("send_back"), {"package": package, "form": form})


@login_required
def package_compare(request, year: int, code: str):
    """This year's package beside last year's."""
    package = _package(request, year, code)
    previous_year = selectors.previous_year(package.fiscal_year)
    previous = []
    if previous_year is not None:
        previous = list(
            Indicator.objects.filter(fiscal_year=previous_year, agency=package.agency)
            .exclude(status=IndicatorStatus.REPLACED)
            .select_related("element")
            .order_by("element__order", "element__code", "number")
        )
    current = [i for i in selectors.package_indicators(package) if i.status != IndicatorStatus.REPLACED]
    return render(
        request,
        TEMPLATE.format("compare"),
        {"package": package, "previous_year": previous_year, "previous": previous, "current": current},
    )


# --- Indicators -----------------------------------------------------------------------------------


def _form_kwargs(request, package, *, amending=False, indicator=None) -> dict:
    allowed = [e.pk for e in selectors.draftable_elements(fiscal_year=package.fiscal_year, agency=package.agency)]
    if indicator is not None:
        allowed.append(indicator.element_id)
    return {
        "elements": CompositionElement.objects.filter(pk__in=allowed).order_by("order", "code"),
        "focus_issues": FocusIssue.objects.filter(fiscal_year=package.fiscal_year),
        "copy_sources": permissions.visible_indicators(request.user),
        "basket": selectors.agency_basket(fiscal_year=package.fiscal_year, agency=package.agency),
        "amending": amending,
    }


def _save_indicator_form(request, package, *, indicator=None, amending=False, initial=None, children=None):
    """Shared GET/POST handling of the create and edit forms; returns a response."""
    kwargs = _form_kwargs(request, package, amending=amending, indicator=indicator)
    data = request.POST if request.method == "POST" else None
    form = forms.IndicatorForm(data, initial=initial, **kwargs)
    formsets = forms.build_formsets(data, children=children, year_be=package.fiscal_year.year_be)
    if data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
        try:
            if indicator is None:
                indicator = services.indicator_create(
                    actor=request.user, package=package, data=form.indicator_data(),
                    children=forms.children_from(formsets),
                )
            else:
                indicator = services.indicator_update(
                    actor=request.user,
                    indicator=indicator,
                    expected_version=form.cleaned_data["version"] or 0,
                    data=form.indicator_data(),
                    children=forms.children_from(formsets),
                    amendment_reason=form.cleaned_data.get("amendment_reason", ""),
                )
        except (PermissionDenied, services.TransitionError, services.StaleVersion, ValidationError) as error:
            if refused := _refusal(request, form, error):
                return refused
        else:
            messages.success(request, f"บันทึกตัวชี้วัด “{indicator.name}” เรียบร้อยแล้ว")
            return redirect("indicators:indicator", pk=indicator.pk)
    # Reaching here after a POST means something was refused: the form comes back with what was typed.
    return render(
        request,
        TEMPLATE.format("indicator_form"),
        {
            "form": form, "formsets": formsets, "package": package, "indicator": indicator, "amending": amending,
            "checks": _form_checks(indicator) if data is None else {},
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
    package = _package(request, year, code)
    if not permissions.can_edit_package(request.user, package):
        return _refused(request, _locked_message(request, package))
    initial, children = {"version": 0}, None
    source_id = request.GET.get("copy")
    basket_id = request.GET.get("basket")
    if source_id and request.method == "GET":
        source = permissions.indicator_for_user(request.user, source_id)
        data, children = services.indicator_initial(source)
        initial.update(data)
    elif basket_id and request.method == "GET":
        basket = get_object_or_404(
            selectors.agency_basket(fiscal_year=package.fiscal_year, agency=package.agency), pk=basket_id
        )
        initial.update(
            {"name": basket.name, "target_text": basket.target, "basket_indicator": basket.pk,
             "focus_issue": basket.focus_issue_id}
        )
    return _save_indicator_form(request, package, initial=initial, children=children)


def _locked_message(request, package) -> str:
    if package.status not in permissions.EDITABLE_PACKAGE_STATES and permissions.is_agency_member(
        request.user, package.agency
    ):
        return f"ตัวชี้วัดถูกล็อก: ชุดตัวชี้วัดอยู่ในสถานะ “{package.get_status_display()}” แก้ไขไม่ได้"
    return "ท่านไม่มีสิทธิ์แก้ไขตัวชี้วัดของหน่วยงานนี้"


@login_required
def indicator_copy(request, year: int, code: str):
    """Pick an indicator of the previous year, or a KPI of the basket, to start a new draft from."""
    package = _package(request, year, code)
    if not permissions.can_edit_package(request.user, package):
        return _refused(request, _locked_message(request, package))
    previous_year = selectors.previous_year(package.fiscal_year)
    previous = []
    if previous_year is not None:
        previous = Indicator.objects.filter(fiscal_year=previous_year, agency=package.agency).exclude(
            status=IndicatorStatus.REPLACED
        ).select_related("element").order_by("number")
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


def _indicator_children(indicator) -> services.IndicatorChildren:
    return services.indicator_initial(indicator)[1]


@login_required
def indicator_edit(request, pk: int):
    indicator = permissions.indicator_for_user(request.user, pk)
    package = services.package_open(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
    amending = permissions.can_amend(request.user, package)
    if not (permissions.can_edit_package(request.user, package) or amending):
        return _refused(request, _locked_message(request, package))
    if indicator.status == IndicatorStatus.REPLACED:
        return _refused(request, "ตัวชี้วัดนี้ถูกแทนที่แล้ว แก้ไขไม่ได้")
    initial = {name: getattr(indicator, name) for name in services.INDICATOR_FIELDS}
    initial.update({"element": indicator.element_id, "strategy": indicator.strategy_id,
                    "focus_issue": indicator.focus_issue_id, "version": indicator.version})
    return _save_indicator_form(
        request, package, indicator=indicator, amending=amending, initial=initial,
        children=_indicator_children(indicator),
    )


@login_required
def indicator_detail(request, pk: int):
    indicator = permissions.indicator_for_user(request.user, pk)
    indicator = (
        Indicator.objects.select_related(
            "agency", "fiscal_year", "element", "replaces", "basket_indicator", "copied_from__fiscal_year",
            "focus_issue", "strategy",
        )
        .prefetch_related("rubric_levels", "baselines", "conditions", "evidence_requirements",
                          Prefetch("participants", queryset=JointParticipant.objects.select_related("agency")))
        .get(pk=indicator.pk)
    )
    package = services.package_open(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
    replaced_by = Indicator.objects.filter(replaces=indicator).first()
    snapshot_problems = checks.indicator_problems(selectors.indicator_snapshot(indicator))
    return render(
        request,
        TEMPLATE.format("indicator_detail"),
        {
            "indicator": indicator,
            "package": package,
            "replaced_by": replaced_by,
            "problems": [p.message for p in snapshot_problems],
            "comments": indicator.comments.select_related("author", "resolved_by").order_by("created_at", "pk"),
            "decisions": _labelled(
                indicator.decisions.select_related("actor", "indicator", "meeting").order_by("-created_at", "-pk")
            ),
            "history": selectors.indicator_history(indicator),
            "action_labels": services.ACTION_LABELS,
            "comment_form": forms.CommentForm(),
            "can_edit": permissions.can_edit_package(request.user, package)
            or permissions.can_amend(request.user, package),
            "can_delete": permissions.can_edit_package(request.user, package)
            and indicator.status == IndicatorStatus.DRAFT,
            "can_answer_comments": permissions.can_edit_package(request.user, package),
            "can_review": permissions.can_review(request.user, package),
        },
    )


@login_required
def indicator_delete(request, pk: int):
    """Confirm, then delete a draft indicator (indicators.services.negotiation.indicator_delete decides)."""
    indicator = permissions.indicator_for_user(request.user, pk)
    package = services.package_open(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
    if request.method == "POST":
        try:
            services.indicator_delete(actor=request.user, indicator=indicator)
        except PermissionDenied as error:
            return _refused(request, str(error))
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect("indicators:indicator", pk=indicator.pk)
        messages.success(request, f"ลบตัวชี้วัด “{indicator.name}” เรียบร้อยแล้ว")
        return redirect("indicators:package", year=package.fiscal_year.year_be, code=package.agency.code)
    if not permissions.can_edit_package(request.user, package):
        return _refused(request, "เฉพาะเจ้าหน้าที่ของหน่วยงานลบตัวชี้วัดที่ยังเป็นร่างได้ ขณะชุดตัวชี้วัดเป็นร่างหรือถูกส่งกลับแก้ไข")
    return render(request, TEMPLATE.format("delete"), {"indicator": indicator, "package": package})


@login_required
@require_POST
def indicator_comment(request, pk: int):
    indicator = permissions.indicator_for_user(request.user, pk)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "ต้องกรอกความเห็นก่อนบันทึก")
        return redirect("indicators:indicator", pk=indicator.pk)
    try:
        services.indicator_comment(actor=request.user, indicator=indicator, body=form.cleaned_data["body"])
    except PermissionDenied as error:
        return _refused(request, str(error))
    except (services.TransitionError, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "บันทึกความเห็นเรียบร้อยแล้ว")
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
        return _refused(request, str(error))
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "บันทึกว่าแก้ไขตามความเห็นแล้ว" if resolved else "ยกเลิกการแจ้งว่าแก้ไขแล้ว")
    return redirect(reverse("indicators:indicator", args=[comment.indicator_id]) + "#comments")


@login_required
def indicator_replace(request, pk: int):
    indicator = permissions.indicator_for_user(request.user, pk)
    package = services.package_open(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
    if not permissions.can_review(request.user, package):
        return _refused(request, "เฉพาะคณะกรรมการที่เจรจากับหน่วยงานนี้แทนตัวชี้วัดได้")
    basket = selectors.agency_basket(fiscal_year=package.fiscal_year, agency=package.agency)
    form = forms.ReplaceForm(request.POST or None, basket=basket)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.indicator_replace(
                actor=request.user, indicator=indicator, basket=form.cleaned_data["basket"],
                reason=form.cleaned_data["reason"],
            )
        except (PermissionDenied, services.TransitionError, ValidationError) as error:
            if refused := _refusal(request, form, error):
                return refused
        else:
            messages.success(request, f"แทนตัวชี้วัดด้วย “{new.name}” เรียบร้อยแล้ว")
            return redirect("indicators:indicator", pk=new.pk)
    return render(request, TEMPLATE.format("replace"), {"indicator": indicator, "package": package, "form": form})


# --- Meetings -------------------------------------------------------------------------------------


def _meeting_groups(request, fiscal_year):
    scope = permissions.user_scope(request.user)
    groups = MissionGroup.objects.filter(fiscal_year=fiscal_year)
    if scope.city_wide:
        return groups
    return groups.filter(pk__in=scope.committee_mission_group_ids)


@login_required
def meeting_list(request, year: int):
    fiscal_year = _year(year)
    scope = permissions.user_scope(request.user)
    meetings = Meeting.objects.filter(fiscal_year=fiscal_year).select_related("mission_group", "recorded_by")
    if not scope.sees_whole_city:
        meetings = meetings.filter(mission_group__in=_meeting_groups(request, fiscal_year))
    can_record = scope.steering or scope.strategy_office or bool(scope.committee_mission_group_ids)
    return render(
        request,
        TEMPLATE.format("meetings"),
        {"fiscal_year": fiscal_year, "meetings": meetings.prefetch_related("agencies"), "can_record": can_record},
    )


@login_required
def meeting_create(request, year: int):
    fiscal_year = _year(year)
    groups = _meeting_groups(request, fiscal_year)
    form = forms.MeetingForm(
        request.POST or None, mission_groups=groups,
        agencies=permissions.visible_agencies(request.user).order_by("kind", "order", "code"),
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
            if refused := _refusal(request, form, error):
                return refused
        else:
            messages.success(request, "บันทึกการประชุมเรียบร้อยแล้ว")
            return redirect("indicators:meetings", year=year)
    return render(request, TEMPLATE.format("meeting_form"), {"fiscal_year": fiscal_year, "form": form})
