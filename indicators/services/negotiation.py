"""The negotiation state machine, the committee's writes (comments, KPI-basket replacement,
meetings) and the package helpers the agency's drafting writes share (indicators.services.drafting).

A package moves draft → submitted → in negotiation → (revision requested → submitted …) → agreed
→ approved. Indicators follow their package's state (a replaced indicator stays replaced). Every
transition, replacement and amendment is recorded as a CommitteeDecision (who, when, from → to,
why); every change to an indicator is kept by django-simple-history.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from agencies import permissions
from indicators import checks
from indicators.models import (
    AgencyPackage,
    BasketIndicator,
    CommitteeDecision,
    Indicator,
    IndicatorComment,
    IndicatorStatus,
    Meeting,
    PackageStatus,
)
from indicators.selectors.negotiation import (
    agency_basket,
    elements_for,
    package_indicators,
    snapshot,
)
from indicators.services.meetings import meeting_refusal
from kpi_portal.lib.thai import fiscal_year_bounds, format_be_date
from kpi_portal.validators import says_nothing


class TransitionError(Exception):
    """An action that the package's current state does not allow."""


class StaleVersion(Exception):
    """Someone saved the indicator after this form was opened; `indicator` is the version they saved."""

    def __init__(self, message: str, indicator: Indicator | None = None):
        super().__init__(message)
        self.indicator = indicator


class StalePackage(Exception):
    """The package moved on (another step was taken) after the caller read it; `package` is as it is now."""

    def __init__(self, package: AgencyPackage):
        super().__init__(_("ชุดตัวชี้วัดนี้เปลี่ยนไปแล้วหลังจากที่ท่านอ่าน (ฉบับล่าสุดคือฉบับที่ %(version)s)") % {"version": package.version})
        self.package = package


class SubmissionBlocked(Exception):
    """The package fails one or more submission checks."""

    def __init__(self, problems: list[checks.Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    allowed: object  # a permission function (user, package) -> bool
    label: str


TRANSITIONS = {
    "submit": Transition(
        (PackageStatus.DRAFT, PackageStatus.REVISION_REQUESTED), PackageStatus.SUBMITTED, permissions.can_submit,
        gettext_lazy("ส่งตัวชี้วัดให้คณะกรรมการ"),
    ),
    "start_negotiation": Transition(
        (PackageStatus.SUBMITTED,), PackageStatus.IN_NEGOTIATION, permissions.can_review, gettext_lazy("เริ่มการเจรจา")
    ),
    "request_revision": Transition(
        (PackageStatus.SUBMITTED, PackageStatus.IN_NEGOTIATION),
        PackageStatus.REVISION_REQUESTED,
        permissions.can_review,
        gettext_lazy("ส่งกลับให้หน่วยงานแก้ไข"),
    ),
    "agree": Transition((PackageStatus.IN_NEGOTIATION,), PackageStatus.AGREED, permissions.can_review, pgettext_lazy("package action", "เห็นชอบ")),
    "approve": Transition(
        (PackageStatus.AGREED,), PackageStatus.APPROVED, permissions.can_approve, pgettext_lazy("package action", "อนุมัติ (ถือเป็นข้อยุติ)")
    ),
}
ACTION_LABELS = {name: t.label for name, t in TRANSITIONS.items()} | {
    "replace": gettext_lazy("แทนตัวชี้วัดด้วยตัวชี้วัดจากตะกร้า (KPI Basket)"),
    "amend": gettext_lazy("แก้ไขหลังอนุมัติ (สยป. บันทึก)"),
}


def transition_refusal(user, package: AgencyPackage, action: str) -> Exception | None:
    """Why the user may not take this step of the state machine on the package now, or None."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        return TransitionError(_("ไม่รู้จักการดำเนินการ %(action)r") % {"action": action})
    if not transition.allowed(user, package):
        return PermissionDenied(_("ท่านไม่มีสิทธิ์ดำเนินการนี้กับชุดตัวชี้วัดของหน่วยงานนี้"))
    if package.status not in transition.sources:
        return TransitionError(
            _("ไม่สามารถ%(action)sได้ เพราะชุดตัวชี้วัดอยู่ในสถานะ “%(status)s”")
            % {"action": transition.label, "status": package.get_status_display()}
        )
    return None


def available_actions(user, package: AgencyPackage) -> list[tuple[str, str]]:
    """(action, label) of the transitions this user may take on the package now, in the state
    machine's order. Sending back is left out: it has its own page, for the comments it needs."""
    return [
        (name, t.label)
        for name, t in TRANSITIONS.items()
        if name != "request_revision" and transition_refusal(user, package, name) is None
    ]


def may_send_back(user, package: AgencyPackage) -> bool:
    return transition_refusal(user, package, "request_revision") is None


# The package is before its committee: it comments on and replaces indicators only then.
UNDER_REVIEW = (PackageStatus.SUBMITTED, PackageStatus.IN_NEGOTIATION)


def comment_refusal(user, package: AgencyPackage) -> Exception | None:
    """Why the user may not comment on the package's indicators now, or None when they may."""
    if not permissions.can_review(user, package):
        return PermissionDenied(_("เฉพาะคณะกรรมการที่เจรจากับหน่วยงานนี้ให้ความเห็นได้"))
    if package.status not in UNDER_REVIEW:
        return TransitionError(_("ให้ความเห็นได้เฉพาะเมื่อชุดตัวชี้วัดส่งคณะกรรมการแล้วหรืออยู่ระหว่างเจรจา"))
    return None


def may_comment(user, package: AgencyPackage) -> bool:
    return comment_refusal(user, package) is None


def replace_refusal(user, package: AgencyPackage, indicator: Indicator) -> Exception | None:
    """Why the user may not replace this indicator by one from the KPI basket now, or None when they may."""
    if not permissions.can_review(user, package):
        return PermissionDenied(_("เฉพาะคณะกรรมการที่เจรจากับหน่วยงานนี้แทนตัวชี้วัดได้"))
    if package.status not in UNDER_REVIEW:
        return TransitionError(_("แทนตัวชี้วัดได้เฉพาะระหว่างการเจรจา"))
    if indicator.status == IndicatorStatus.REPLACED:
        return TransitionError(_("ตัวชี้วัดนี้ถูกแทนที่แล้ว"))
    return None


def may_replace(user, package: AgencyPackage, indicator: Indicator) -> bool:
    return replace_refusal(user, package, indicator) is None


def waits_for_the_head(user, package: AgencyPackage) -> bool:
    """Staff who may edit but not submit: the page tells them the agency head sends the package."""
    return (
        package.status in TRANSITIONS["submit"].sources
        and permissions.can_edit_package(user, package)
        and not permissions.can_submit(user, package)
    )


# --- Packages -------------------------------------------------------------------------------------


def package_open(*, agency, fiscal_year) -> AgencyPackage:
    """The agency's package for the year, created as a draft by the first write (pages read it
    with selectors.negotiation.package_of, which creates nothing)."""
    package, _ = AgencyPackage.objects.get_or_create(agency=agency, fiscal_year=fiscal_year)
    package.agency = agency
    package.fiscal_year = fiscal_year
    return package


def package_problems(package: AgencyPackage) -> list[checks.Problem]:
    elements = elements_for(fiscal_year=package.fiscal_year, agency=package.agency)
    return checks.package_problems(snapshot(package, list(package_indicators(package)), elements))


def lock_package(package: AgencyPackage) -> AgencyPackage:
    """The package row locked for this transaction: writes to one agency's package go one at a time.
    A package nobody has written to yet (read unsaved) is created here, by its first write."""
    if package.pk is None:
        package = package_open(agency=package.agency, fiscal_year=package.fiscal_year)
    locked = AgencyPackage.objects.select_for_update().select_related("agency", "fiscal_year").get(pk=package.pk)
    return locked


def lock_package_of(indicator: Indicator) -> AgencyPackage:
    """The package an indicator belongs to, locked for this transaction (created by this write if need be)."""
    return lock_package(package_open(agency=indicator.agency, fiscal_year=indicator.fiscal_year))


def agency_edit_refusal(actor, package: AgencyPackage, *, not_now: str, not_yours: str) -> Exception | None:
    """Agency staff write while their package is a draft or sent back (None). The agency's own people are
    told why not now (TransitionError; `not_now` may name the {status}); anyone else gets `not_yours`."""
    if permissions.can_edit_package(actor, package):
        return None
    locked = package.status not in permissions.EDITABLE_PACKAGE_STATES
    if locked and permissions.is_agency_member(actor, package.agency):
        return TransitionError(str(not_now).format(status=package.get_status_display()))
    return PermissionDenied(str(not_yours))


def check_agency_may_edit(actor, package: AgencyPackage, *, not_now: str, not_yours: str) -> None:
    """Raise agency_edit_refusal's answer, if there is one."""
    if refusal := agency_edit_refusal(actor, package, not_now=not_now, not_yours=not_yours):
        raise refusal


def record_decision(*, package, actor, action, from_status, to_status, reason="", indicator=None, meeting=None):
    """Keep who did what to the package (or one of its indicators), from which state to which, and why."""
    decision = CommitteeDecision(
        package=package,
        indicator=indicator,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        meeting=meeting,
    )
    decision.full_clean()
    decision.save()
    return decision


def save_indicator(indicator: Indicator, actor, **kwargs) -> None:
    """Save with a new version number (forms opened earlier become stale) and the actor in the history."""
    indicator.version += 1
    indicator._history_user = actor  # simple-history records who, also outside a request
    indicator.save(**kwargs)


def next_number(package: AgencyPackage) -> int:
    """The number a new indicator of the package gets: one after the highest."""
    top = Indicator.objects.filter(fiscal_year_id=package.fiscal_year_id, agency_id=package.agency_id).aggregate(
        top=Max("number")
    )["top"]
    return (top or 0) + 1


@transaction.atomic
def package_transition(
    *,
    actor,
    package: AgencyPackage,
    action: str,
    reason: str = "",
    comments: dict | None = None,
    meeting=None,
    expected_version: int | None = None,
) -> AgencyPackage:
    """Move a package (and its active indicators) along the state machine, and record the step.

    `comments` maps indicator id → the committee's comment (used when sending back). With
    `expected_version` (the version the caller read) a package that moved on since is refused (StalePackage).
    """
    if action not in TRANSITIONS:  # before taking the lock
        raise transition_refusal(actor, package, action)
    package = lock_package(package)
    if refusal := transition_refusal(actor, package, action):
        raise refusal
    if expected_version is not None and package.version != expected_version:
        raise StalePackage(package)
    transition = TRANSITIONS[action]
    comments = {int(k): v.strip() for k, v in (comments or {}).items() if not says_nothing(v)}
    if meeting is not None and (refusal := meeting_refusal(action, meeting, package)):
        raise ValidationError({"meeting": refusal})
    if action == "request_revision" and says_nothing(reason) and not comments:
        raise ValidationError({"reason": _("ต้องระบุความเห็นหรือเหตุผลที่ส่งกลับแก้ไข")})
    if action == "submit":
        problems = package_problems(package)
        if problems:
            raise SubmissionBlocked(problems)

    from_status = package.status
    indicators = list(
        Indicator.objects.select_for_update()
        .filter(fiscal_year_id=package.fiscal_year_id, agency_id=package.agency_id)
        .exclude(status=IndicatorStatus.REPLACED)
        .order_by("pk")
    )
    for indicator_id, body in comments.items():
        indicator = next((i for i in indicators if i.pk == indicator_id), None)
        if indicator is None:
            raise ValidationError({"comments": _("ความเห็นต้องเป็นของตัวชี้วัดในชุดนี้")})
        IndicatorComment.objects.create(indicator=indicator, author=actor, body=body)
    for indicator in indicators:
        indicator.status = transition.target
        save_indicator(indicator, actor, update_fields=["status", "version", "updated_at"])

    package.status = transition.target
    package.version += 1
    if action == "submit":
        package.submitted_at = timezone.now()
        package.submitted_by = actor
    if action == "approve":
        package.approved_at = timezone.now()
    package._history_user = actor
    package.full_clean()
    package.save()
    record_decision(
        package=package,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=transition.target,
        reason=reason.strip(),
        meeting=meeting,
    )
    return package


# --- The committee on one indicator ----------------------------------------------------------------

@transaction.atomic
def indicator_comment(*, actor, indicator: Indicator, body: str) -> IndicatorComment:
    """A committee comment on one indicator while the package is before the committee."""
    package = lock_package_of(indicator)
    if refusal := comment_refusal(actor, package):
        raise refusal
    if says_nothing(body):
        raise ValidationError({"body": _("ต้องกรอกความเห็นก่อนบันทึก")})
    comment = IndicatorComment(indicator=indicator, author=actor, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_resolve(*, actor, comment: IndicatorComment, resolved: bool = True) -> IndicatorComment:
    """The agency marks a committee comment as dealt with (or as not yet), while it may edit the
    package, so the committee sees what was answered when the package comes back."""
    indicator = comment.indicator
    package = lock_package_of(indicator)
    check_agency_may_edit(
        actor,
        package,
        not_now=_("ชุดตัวชี้วัดอยู่ในสถานะ “{status}” แจ้งว่าแก้ไขตามความเห็นได้เมื่อชุดตัวชี้วัดเป็นร่างหรือถูกส่งกลับแก้ไข"),
        not_yours=_("เฉพาะเจ้าหน้าที่ของหน่วยงานแจ้งว่าแก้ไขตามความเห็นแล้วได้"),
    )
    comment.resolved = resolved
    comment.resolved_by = actor if resolved else None
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    return comment


@transaction.atomic
def indicator_replace(*, actor, indicator: Indicator, basket: BasketIndicator, reason: str) -> Indicator:
    """The committee replaces a weak indicator by one from the agency's KPI basket (guideline ๑.๕)."""
    package = lock_package_of(indicator)
    old = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if refusal := replace_refusal(actor, package, old):
        raise refusal
    if not agency_basket(fiscal_year=package.fiscal_year, agency=package.agency).filter(pk=basket.pk).exists():
        raise ValidationError({"basket": _("ตัวชี้วัดนี้ไม่อยู่ในตะกร้าตัวชี้วัดของหน่วยงาน")})
    if says_nothing(reason):
        raise ValidationError({"reason": _("ต้องระบุเหตุผลที่แทนตัวชี้วัด")})
    from_status = old.status
    old.status = IndicatorStatus.REPLACED
    save_indicator(old, actor, update_fields=["status", "version", "updated_at"])
    new = Indicator(
        fiscal_year=package.fiscal_year,
        agency=package.agency,
        element=old.element,
        number=next_number(package),
        name=basket.name[:500],
        target_text=basket.target[:300],
        weight=old.weight if old.weight else Decimal("1"),
        status=from_status,
        focus_issue=basket.focus_issue,
        basket_indicator=basket,
        replaces=old,
        version=0,
    )
    new.full_clean()
    save_indicator(new, actor)
    record_decision(
        package=package,
        actor=actor,
        action="replace",
        from_status=from_status,
        to_status=IndicatorStatus.REPLACED,
        reason=f"{reason.strip()} (แทนด้วย “{new.name}”)",
        indicator=old,
    )
    return new


# --- Meetings -------------------------------------------------------------------------------------


def meeting_date_window(fiscal_year) -> tuple:
    """The days a year's committee meetings may fall on: from the start of the fiscal year before (the
    negotiation calendar runs during it) to the year's last day (amendments during the year)."""
    return fiscal_year_bounds(fiscal_year.year_be - 1)[0], fiscal_year.end_date


@transaction.atomic
def meeting_record(
    *, actor, fiscal_year, mission_group, title: str, held_on, attendees: str, resolutions: str, agencies=()
) -> Meeting:
    """Record a committee meeting: date, attendees by role and resolutions."""
    if mission_group is not None and mission_group.fiscal_year_id != fiscal_year.pk:
        raise ValidationError({"mission_group": _("กลุ่มภารกิจต้องเป็นของปีงบประมาณเดียวกัน")})
    if not permissions.can_record_meeting(actor, mission_group):
        raise PermissionDenied(_("ท่านไม่มีสิทธิ์บันทึกการประชุมของคณะกรรมการนี้"))
    first, last = meeting_date_window(fiscal_year)
    if held_on is not None and not first <= held_on <= last:
        raise ValidationError({"held_on": _(
            "วันที่ประชุมของปีงบประมาณ พ.ศ. %(year)s ต้องอยู่ระหว่าง %(first)s ถึง %(last)s ตรวจสอบปี พ.ศ. ที่พิมพ์"
        ) % {"year": fiscal_year.year_be, "first": format_be_date(first), "last": format_be_date(last)}})
    meeting = Meeting(
        fiscal_year=fiscal_year,
        mission_group=mission_group,
        title=title,
        held_on=held_on,
        attendees=attendees,
        resolutions=resolutions,
        recorded_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    meeting.agencies.set(agencies)
    return meeting
