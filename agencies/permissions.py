"""The one permission layer: who may see and act on which agency's data.

Every view, API endpoint, export and download fetches protected objects through
these functions. Objects a user may not see raise Http404, so their existence
stays private. Each condition sits on its own line so tests can reach every branch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.http import Http404

from .models import AGENCY_ROLES, COMMITTEE_ROLES, Agency, AgencyKind, MissionGroup, Role, RoleKind

CITY_WIDE_ROLES = (RoleKind.STRATEGY_OFFICE, RoleKind.ADMINISTRATOR)


@dataclass(frozen=True)
class UserScope:
    """What one user's roles add up to; built once per request."""

    city_wide: bool = False
    steering: bool = False
    staff_agency_ids: frozenset[int] = field(default_factory=frozenset)
    head_agency_ids: frozenset[int] = field(default_factory=frozenset)
    committee_mission_group_ids: frozenset[int] = field(default_factory=frozenset)
    secretary_mission_group_ids: frozenset[int] = field(default_factory=frozenset)
    strategy_office: bool = False

    @property
    def own_agency_ids(self) -> frozenset[int]:
        return self.staff_agency_ids | self.head_agency_ids

    @property
    def on_a_committee(self) -> bool:
        """Sits on a negotiation committee: a mission group's, or the steering committee."""
        return self.steering or bool(self.committee_mission_group_ids)

    @property
    def sees_whole_city(self) -> bool:
        """City-wide staff, and the steering committee, which approves every agency's package."""
        return self.city_wide or self.steering


def user_scope(user) -> UserScope:
    """Collect a user's roles (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return UserScope()
    cached = getattr(user, "_kpi_scope", None)
    if cached is not None:
        return cached
    roles = list(Role.objects.filter(user=user).values_list("kind", "agency_id", "mission_group_id"))
    kinds = {kind for kind, _, _ in roles}
    scope = UserScope(
        city_wide=user.is_superuser or bool(kinds & set(CITY_WIDE_ROLES)),
        steering=RoleKind.STEERING_MEMBER in kinds,
        staff_agency_ids=frozenset(a for k, a, _ in roles if k == RoleKind.AGENCY_STAFF),
        head_agency_ids=frozenset(a for k, a, _ in roles if k == RoleKind.AGENCY_HEAD),
        committee_mission_group_ids=frozenset(mg for k, _, mg in roles if k in COMMITTEE_ROLES),
        secretary_mission_group_ids=frozenset(mg for k, _, mg in roles if k == RoleKind.COMMITTEE_SECRETARY),
        strategy_office=RoleKind.STRATEGY_OFFICE in kinds,
    )
    user._kpi_scope = scope
    return scope


def committee_agencies(scope: UserScope) -> QuerySet[Agency]:
    """Agencies a user negotiates with as a committee member: mission-group members, or districts for steering."""
    condition = Q(mission_groups__in=scope.committee_mission_group_ids)
    if scope.steering:
        condition |= Q(kind=AgencyKind.DISTRICT)
    return Agency.objects.filter(condition).distinct()


def committee_mission_groups(scope: UserScope) -> QuerySet[MissionGroup]:
    """The mission groups a user sits on as committee member or secretary, newest year first."""
    return MissionGroup.objects.filter(pk__in=scope.committee_mission_group_ids).order_by(
        "-fiscal_year__year_be", "number"
    )


def committee_reach(scope: UserScope, *, agency: str = "", year=None) -> Q | None:
    """The agencies a user's committees negotiate with (`agency`: the path to an agency from the rows
    filtered). With `year` (a B.E. year or an F() naming the rows' year) only data of the committee's own
    year or earlier: the history it negotiates from. A later year's is another committee's business, and
    the old role stays on record after the next year's set-up; it must not keep the data open for ever.
    Both conditions go in one Q so they judge the same mission group."""
    if not scope.committee_mission_group_ids:
        return None
    prefix = f"{agency}__" if agency else ""
    condition = {f"{prefix}mission_groups__in": scope.committee_mission_group_ids}
    if year is not None:
        condition[f"{prefix}mission_groups__fiscal_year__year_be__gte"] = year
    return Q(**condition)


def visible_agencies(user, fiscal_year=None) -> QuerySet[Agency]:
    """Agencies whose indicators, reports and results this user may read; with `fiscal_year`, whose data
    of that year (a committee reads its agencies' data of its own year and earlier, never of a later one)."""
    scope = user_scope(user)
    if scope.sees_whole_city:
        return Agency.objects.all()
    reach = committee_reach(scope, year=getattr(fiscal_year, "year_be", None))
    if not (scope.own_agency_ids or reach):
        return Agency.objects.none()
    condition = Q(pk__in=scope.own_agency_ids)
    if reach is not None:
        condition |= reach
    return Agency.objects.filter(condition).distinct()


def agency_for_user(user, code: str, fiscal_year=None) -> Agency:
    """Return the agency with this code if the user may see it (and its data of `fiscal_year`, when
    given: agency_in_year); 404 otherwise."""
    if "\x00" in str(code):  # no code holds one, and PostgreSQL refuses the query (a 500) rather than finding none
        raise Http404("ไม่พบหน่วยงาน")
    try:
        agency = visible_agencies(user).get(code=code)
    except Agency.DoesNotExist:
        raise Http404("ไม่พบหน่วยงาน") from None
    return agency if fiscal_year is None else agency_in_year(user, agency, fiscal_year)


def agency_in_year(user, agency: Agency, fiscal_year) -> Agency:
    """The agency, if the user may read its data of `fiscal_year` (visible_agencies for that year); 404
    otherwise. Pages check the agency first, then find the year: a missing year's page offers the years
    that exist only to those who may see the agency at all."""
    scope = user_scope(user)
    if scope.sees_whole_city or agency.pk in scope.own_agency_ids:
        return agency
    if not visible_agencies(user, fiscal_year).filter(pk=agency.pk).exists():
        raise Http404("ไม่พบหน่วยงาน")
    return agency


def _own_or_committee_of_their_year(scope: UserScope) -> Q:
    """Rows with an agency and a fiscal year: the user's own agencies', and their committees' agencies' of the
    committee's year or earlier (committee_reach against each row's own year)."""
    condition = Q(agency_id__in=scope.own_agency_ids)
    reach = committee_reach(scope, agency="agency", year=F("fiscal_year__year_be"))
    return condition | reach if reach is not None else condition


def visible_indicators(user):
    """Indicators this user may read: those of their own agencies, their committees' agencies in the committee's
    year or earlier (committee_reach), and joint KPIs their agency takes part in."""
    from indicators.models import Indicator

    scope = user_scope(user)
    if scope.sees_whole_city:
        return Indicator.objects.all()
    condition = _own_or_committee_of_their_year(scope)
    if scope.own_agency_ids:
        condition |= Q(participants__agency__in=scope.own_agency_ids)
    return Indicator.objects.filter(condition).distinct()


def visible_packages(user):
    """Agencies' packages of a year this user may read, by the rule of visible_agencies for that year."""
    from indicators.models import AgencyPackage

    scope = user_scope(user)
    if scope.sees_whole_city:
        return AgencyPackage.objects.all()
    condition = _own_or_committee_of_their_year(scope)
    return AgencyPackage.objects.filter(pk__in=AgencyPackage.objects.filter(condition).values("pk"))


def indicator_for_user(user, pk) -> "Indicator":  # noqa: F821
    """Return the indicator if the user may read it; 404 otherwise."""
    from indicators.models import Indicator

    try:
        return visible_indicators(user).select_related("agency", "fiscal_year", "element").get(pk=pk)
    except (Indicator.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบตัวชี้วัด") from None


def comment_for_user(user, pk) -> "IndicatorComment":  # noqa: F821
    """Return a negotiation comment if the user may read its indicator; 404 otherwise."""
    from indicators.models import IndicatorComment

    comments = IndicatorComment.objects.select_related("indicator__agency", "indicator__fiscal_year")
    try:
        return comments.filter(indicator__in=visible_indicators(user)).get(pk=pk)
    except (IndicatorComment.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบความเห็น") from None


def document_job_for_user(user, pk) -> "DocumentJob":  # noqa: F821
    """Return a whole-city PDF job to city-wide staff (who alone start them); 404 otherwise.

    The book holds every agency's package: judged when it is opened, so whoever asked for it and has
    since left the strategy office does not keep it."""
    from indicators.models import DocumentJob

    if not user_scope(user).city_wide:
        raise Http404("ไม่พบงานสร้างเอกสาร")
    try:
        return DocumentJob.objects.select_related("fiscal_year").get(pk=pk)
    except (DocumentJob.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบงานสร้างเอกสาร") from None


def is_agency_member(user, agency: Agency) -> bool:
    return agency.pk in user_scope(user).own_agency_ids


def is_agency_head(user, agency: Agency) -> bool:
    return agency.pk in user_scope(user).head_agency_ids


def is_city_wide(user) -> bool:
    return user_scope(user).city_wide


# --- Negotiation actions (issue 4). Who may do what to an agency's package of a year.
# Each function answers for the role and, where the rule is about locking, the package's state;
# the state machine in indicators.services.negotiation decides which transitions are legal.

EDITABLE_PACKAGE_STATES = ("draft", "revision_requested")


def is_agency_staff(user, agency: Agency) -> bool:
    return agency.pk in user_scope(user).staff_agency_ids


def negotiating_mission_groups(package) -> QuerySet[MissionGroup] | None:
    """Who negotiates this package: None for the steering committee (district offices); otherwise
    the committees of the mission groups the agency belongs to in the package's year (none until
    สยป. sets that year's groups up)."""
    if package.agency.kind == AgencyKind.DISTRICT:
        return None
    return package.agency.mission_groups.filter(fiscal_year_id=package.fiscal_year_id)


def is_negotiating_committee(user, package) -> bool:
    """True when the user sits on the committee that negotiates this package."""
    scope = user_scope(user)
    groups = negotiating_mission_groups(package)
    if groups is None:
        return scope.steering
    if not scope.committee_mission_group_ids:
        return False
    return groups.filter(pk__in=scope.committee_mission_group_ids).exists()


def can_edit_package(user, package) -> bool:
    """Agency KPI staff edit their own agency's indicators while the package is a draft or sent back."""
    if not is_agency_staff(user, package.agency):
        return False
    return package.status in EDITABLE_PACKAGE_STATES


def can_submit(user, package) -> bool:
    """The agency head signs off the submission."""
    return is_agency_head(user, package.agency)


def can_review(user, package) -> bool:
    """The negotiating committee opens negotiation, comments, sends back, replaces and agrees."""
    return is_negotiating_committee(user, package)


def can_approve(user, package) -> bool:
    """The steering committee gives the final approval of every agency's package."""
    return user_scope(user).steering


def can_amend(user, package) -> bool:
    """After approval only the strategy office records an amendment (with a reason)."""
    if not user_scope(user).strategy_office:
        return False
    return package.status == "approved"


def can_record_meeting(user, mission_group) -> bool:
    """Members and secretaries record their committee's meetings; steering meetings have no mission group.

    The strategy office is every committee's secretariat and may record any meeting.
    """
    scope = user_scope(user)
    if scope.strategy_office:
        return True
    if mission_group is None:
        return scope.steering
    return mission_group.pk in scope.committee_mission_group_ids


def can_prepare_fiscal_year(user) -> bool:
    """Preparing the next fiscal year (copying groups, roles and the calendar) is the strategy
    office's set-up work; a superuser may do it too."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return user_scope(user).strategy_office


def can_import_workbooks(user) -> bool:
    """Importing a whole year's workbook from the browser is the strategy office's year work, like
    preparing the next year (a superuser may do it too)."""
    return can_prepare_fiscal_year(user)


def import_job_for_user(user, pk) -> "ImportJob":  # noqa: F821
    """A workbook import, to whoever may import workbooks (the office shares its imports); 404 otherwise."""
    from indicators.models import ImportJob

    if not can_import_workbooks(user):
        raise Http404("ไม่พบงานนำเข้า")
    try:
        return ImportJob.objects.select_related("fiscal_year", "requested_by", "confirmed_by").get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบงานนำเข้า") from None


# --- Quarterly reporting and audit (issue 5).


def can_record_meetings(user) -> bool:
    """Whether the user records any meetings at all (the meetings page offers the form)."""
    scope = user_scope(user)
    return scope.strategy_office or scope.on_a_committee


def recordable_mission_groups(user, fiscal_year) -> QuerySet[MissionGroup]:
    """The year's mission groups whose meetings the user may record (as can_record_meeting decides)."""
    scope = user_scope(user)
    groups = MissionGroup.objects.filter(fiscal_year=fiscal_year)
    return groups if scope.strategy_office else groups.filter(pk__in=scope.committee_mission_group_ids)


def visible_meetings(user, fiscal_year) -> "QuerySet[Meeting]":  # noqa: F821
    """The year's committee meetings the user may read: all for city-wide staff and the steering
    committee, their own committees' for committee members, none for agency staff."""
    from indicators.models import Meeting

    scope = user_scope(user)
    meetings = Meeting.objects.filter(fiscal_year=fiscal_year)
    if scope.sees_whole_city:
        return meetings
    return meetings.filter(mission_group_id__in=scope.committee_mission_group_ids)


def can_import(user, model) -> bool:
    """An admin import (and its blank templates) creates and updates `model` rows: the admin's add and
    change permissions on it, which the strategy office's group holds."""
    from django.contrib.auth import get_permission_codename

    opts = model._meta
    if not (user.is_active and user.is_staff):
        return False
    return all(user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}") for action in ("add", "change"))


def can_edit_report(user, indicator) -> bool:
    """Staff and heads of the indicator's own agency write its quarterly reports and evidence."""
    return is_agency_member(user, indicator.agency)


def can_audit(user) -> bool:
    """The strategy office (city-wide roles) audits quarters and reopens submitted reports."""
    return is_city_wide(user)


__all__ = [
    "EDITABLE_PACKAGE_STATES",
    "can_amend",
    "can_approve",
    "can_edit_package",
    "can_import",
    "can_prepare_fiscal_year",
    "can_record_meeting",
    "can_record_meetings",
    "can_review",
    "can_submit",
    "is_agency_staff",
    "is_negotiating_committee",
    "negotiating_mission_groups",
    "AGENCY_ROLES",
    "UserScope",
    "agency_for_user",
    "agency_in_year",
    "can_audit",
    "can_edit_report",
    "comment_for_user",
    "committee_agencies",
    "document_job_for_user",
    "indicator_for_user",
    "visible_indicators",
    "visible_packages",
    "is_agency_head",
    "is_agency_member",
    "is_city_wide",
    "recordable_mission_groups",
    "user_scope",
    "visible_agencies",
    "visible_meetings",
]
