"""The negotiation test world, shared by the negotiation tests and the browser journey."""

from decimal import Decimal
from types import SimpleNamespace

from agencies.models import RoleKind
from indicators.models import ElementAppliesTo
from tests.factories import (
    AgencyFactory,
    CompositionElementFactory,
    DistrictFactory,
    FiscalYearFactory,
    MissionGroupFactory,
    RoleFactory,
    UserFactory,
)


def make_world():
    year = FiscalYearFactory(year_be=2567, is_current=True)
    element = CompositionElementFactory(
        fiscal_year=year, code="1", name="Function Base", weight=Decimal("20"), min_indicators=1, max_indicators=3,
        applies_to=ElementAppliesTo.NON_DISTRICT,
    )
    district_element = CompositionElementFactory(
        fiscal_year=year, code="3", name="Area Base", weight=Decimal("10"), min_indicators=1, max_indicators=2,
        applies_to=ElementAppliesTo.DISTRICT, order=3,
    )
    own = AgencyFactory(code="OWN", name_th="สำนักของฉัน")
    other = AgencyFactory(code="OTHER", name_th="สำนักอื่น")
    district = DistrictFactory(code="1001", name_th="สำนักงานเขตพระนคร")
    group_a = MissionGroupFactory(fiscal_year=year, number=1, members=[own])
    group_b = MissionGroupFactory(fiscal_year=year, number=2, members=[other])

    def person(username, kind, **scope):
        return RoleFactory(user=UserFactory(username=username, first_name=username), kind=kind, **scope).user

    users = {
        "staff": person("alice", RoleKind.AGENCY_STAFF, agency=own),
        "head": person("hana", RoleKind.AGENCY_HEAD, agency=own),
        "other_staff": person("charlie", RoleKind.AGENCY_STAFF, agency=other),
        "other_head": person("olga", RoleKind.AGENCY_HEAD, agency=other),
        "committee": person("carl", RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group_a),
        "secretary": person("sara", RoleKind.COMMITTEE_SECRETARY, agency=None, mission_group=group_a),
        "other_committee": person("bob", RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group_b),
        "steering": person("steve", RoleKind.STEERING_MEMBER, agency=None),
        "strategy": person("sam", RoleKind.STRATEGY_OFFICE, agency=None),
        "administrator": person("adam", RoleKind.ADMINISTRATOR, agency=None),
        "nobody": UserFactory(username="nora"),
    }
    return SimpleNamespace(
        year=year, element=element, district_element=district_element, own=own, other=other, district=district,
        group_a=group_a, group_b=group_b, **users,
    )
