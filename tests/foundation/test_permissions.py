"""The one permission layer: agency_for_user and visible_agencies."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from agencies.models import RoleKind
from agencies.permissions import agency_for_user, is_negotiating_committee, visible_agencies
from indicators.models import AgencyPackage
from tests.factories import AgencyFactory, DistrictFactory, MissionGroupFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_lets_staff_see_their_own_agency(staff_user, agency, other_agency):
    assert agency_for_user(staff_user, "OWN") == agency
    assert list(visible_agencies(staff_user)) == [agency]


def test_it_hides_other_agencies_with_404(staff_user, other_agency):
    with pytest.raises(Http404):
        agency_for_user(staff_user, "OTHER")


def test_it_answers_404_for_unknown_codes_too(strategy_user):
    with pytest.raises(Http404):
        agency_for_user(strategy_user, "NOPE")


def test_it_shows_nothing_to_anonymous_users(agency):
    assert not visible_agencies(AnonymousUser()).exists()
    with pytest.raises(Http404):
        agency_for_user(AnonymousUser(), agency.code)


def test_it_shows_nothing_to_users_without_roles(agency):
    assert not visible_agencies(UserFactory()).exists()


def test_it_shows_every_agency_to_the_strategy_office(strategy_user, agency, other_agency):
    assert set(visible_agencies(strategy_user)) == {agency, other_agency}


def test_it_scopes_committee_members_to_their_mission_group(fiscal_year, agency, other_agency):
    group = MissionGroupFactory(fiscal_year=fiscal_year, members=[agency])
    member = RoleFactory(kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group).user
    assert list(visible_agencies(member)) == [agency]
    assert is_negotiating_committee(member, AgencyPackage(agency=agency, fiscal_year=fiscal_year))
    assert not is_negotiating_committee(member, AgencyPackage(agency=other_agency, fiscal_year=fiscal_year))
    with pytest.raises(Http404):
        agency_for_user(member, other_agency.code)


def test_it_lets_the_steering_committee_negotiate_with_districts_only(fiscal_year):
    district = DistrictFactory()
    department = AgencyFactory()
    steering = RoleFactory(kind=RoleKind.STEERING_MEMBER, agency=None).user
    assert is_negotiating_committee(steering, AgencyPackage(agency=district, fiscal_year=fiscal_year))
    assert not is_negotiating_committee(steering, AgencyPackage(agency=department, fiscal_year=fiscal_year))


def test_it_ignores_inactive_users(staff_user, agency):
    staff_user.is_active = False
    staff_user.save()
    assert not visible_agencies(staff_user).exists()


def test_it_lets_staff_read_their_indicators_and_not_others(staff_user, agency, other_agency):
    from agencies.permissions import indicator_for_user
    from tests.factories import IndicatorFactory

    own = IndicatorFactory(agency=agency)
    foreign = IndicatorFactory(agency=other_agency)
    assert indicator_for_user(staff_user, own.pk) == own
    with pytest.raises(Http404):
        indicator_for_user(staff_user, foreign.pk)
    with pytest.raises(Http404):
        indicator_for_user(staff_user, "not-a-number")


def test_it_lets_joint_kpi_participants_read_the_joint_indicator(staff_user, agency, other_agency):
    from agencies.permissions import indicator_for_user
    from indicators.models import JointParticipant
    from tests.factories import IndicatorFactory

    joint = IndicatorFactory(agency=other_agency)
    JointParticipant.objects.create(indicator=joint, agency=agency, duty="รายงานผลการดำเนินงาน")
    assert indicator_for_user(staff_user, joint.pk) == joint
