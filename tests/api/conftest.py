"""A small API world: a year, two agencies in two mission groups, and a person for every role."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from agencies.models import RoleKind
from indicators.models import IndicatorStatus, JointParticipant
from tests.factories import (
    AgencyFactory,
    CompositionElementFactory,
    FiscalYearFactory,
    IndicatorFactory,
    MissionGroupFactory,
    QuarterlyReportFactory,
    RoleFactory,
    UserFactory,
)


def make_world():
    year = FiscalYearFactory(year_be=2567, is_current=True)
    element = CompositionElementFactory(fiscal_year=year, code="1.1", weight=Decimal("30"), max_indicators=5)
    own = AgencyFactory(code="OWN", name_th="สำนักของฉัน")
    other = AgencyFactory(code="OTHER", name_th="สำนักอื่น")
    group_own = MissionGroupFactory(fiscal_year=year, number=1, members=[own])
    MissionGroupFactory(fiscal_year=year, number=2, members=[other])

    def person(username, kind, **scope):
        return RoleFactory(user=UserFactory(username=username), kind=kind, **scope).user

    own_draft = IndicatorFactory(fiscal_year=year, agency=own, element=element, number=1, name="ของฉัน ร่าง")
    own_approved = IndicatorFactory(
        fiscal_year=year, agency=own, element=element, number=2, name="ของฉัน อนุมัติ", status=IndicatorStatus.APPROVED
    )
    other_draft = IndicatorFactory(fiscal_year=year, agency=other, element=element, number=1, name="ของเขา ร่าง")
    other_joint = IndicatorFactory(
        fiscal_year=year, agency=other, element=element, number=2, name="ของเขา บูรณาการ", status=IndicatorStatus.APPROVED
    )
    JointParticipant.objects.create(indicator=other_joint, agency=own, duty="ร่วมดำเนินการ")
    return SimpleNamespace(
        year=year,
        element=element,
        own=own,
        other=other,
        group_own=group_own,
        own_draft=own_draft,
        own_approved=own_approved,
        other_draft=other_draft,
        other_joint=other_joint,
        other_report=QuarterlyReportFactory(indicator=other_draft, quarter=1),
        own_report=QuarterlyReportFactory(indicator=own_approved, quarter=1),
        staff=person("alice", RoleKind.AGENCY_STAFF, agency=own),
        head=person("hana", RoleKind.AGENCY_HEAD, agency=own),
        outsider=person("charlie", RoleKind.AGENCY_STAFF, agency=other),
        committee=person("kim", RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group_own),
        strategy=person("sam", RoleKind.STRATEGY_OFFICE, agency=None),
    )


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def api():
    """An API client; `api.as_user(user)` signs in with a session (as the web pages do)."""
    client = APIClient()

    def as_user(user):
        client.force_login(user)
        return client

    client.as_user = as_user
    return client


def submit_own_report(world, api):
    """The agency sends its Q1 report on its approved indicator (40 %, level 2) through the API."""
    return api.as_user(world.staff).post(
        "/api/v1/reports/",
        {"indicator": world.own_approved.pk, "quarter": 1, "progress_percent": "40", "level_reached": "2",
         "narrative": "ตามแผน", "expected_version": world.own_report.version, "submit": True},
        format="json",
    )  # fmt: skip
