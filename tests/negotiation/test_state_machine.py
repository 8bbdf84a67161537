"""The package state machine: legal paths, illegal transitions, and the record each step leaves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.models import CommitteeDecision, Indicator, IndicatorComment, IndicatorStatus, PackageStatus
from indicators.services.negotiation import TransitionError, package_transition
from tests.factories import BasketIndicatorFactory, FocusIssueFactory

from .conftest import complete_package

pytestmark = pytest.mark.django_db

ALL_STATES = [s.value for s in PackageStatus]
# action → (states it may start from, who does it)
LEGAL = {
    "submit": ({"draft", "revision_requested"}, "head"),
    "start_negotiation": ({"submitted"}, "committee"),
    "request_revision": ({"submitted", "in_negotiation"}, "committee"),
    "agree": ({"in_negotiation"}, "committee"),
    "approve": ({"agreed"}, "steering"),
}


def run(world, package, action, who, **kwargs):
    if action == "request_revision":
        kwargs.setdefault("reason", "ค่าเป้าหมายไม่ท้าทาย")
    return package_transition(actor=getattr(world, who), package=package, action=action, **kwargs)


def test_it_walks_the_whole_path_and_records_every_step(world):
    package, indicators = complete_package(world)
    run(world, package, "submit", "head")
    run(world, package, "start_negotiation", "committee")
    run(world, package, "request_revision", "committee", comments={indicators[0].pk: "ปรับเกณฑ์ระดับ ๕"})
    run(world, package, "submit", "head")
    run(world, package, "start_negotiation", "committee")
    run(world, package, "agree", "committee")
    package = run(world, package, "approve", "steering")

    assert package.status == PackageStatus.APPROVED
    assert package.approved_at is not None
    steps = list(CommitteeDecision.objects.filter(package=package).order_by("created_at", "pk"))
    assert [(d.action, d.from_status, d.to_status) for d in steps] == [
        ("submit", "draft", "submitted"),
        ("start_negotiation", "submitted", "in_negotiation"),
        ("request_revision", "in_negotiation", "revision_requested"),
        ("submit", "revision_requested", "submitted"),
        ("start_negotiation", "submitted", "in_negotiation"),
        ("agree", "in_negotiation", "agreed"),
        ("approve", "agreed", "approved"),
    ]
    assert steps[0].actor == world.head
    assert steps[-1].actor == world.steering
    assert steps[2].reason == "ค่าเป้าหมายไม่ท้าทาย"
    assert all(d.created_at for d in steps)
    assert set(Indicator.objects.filter(agency=world.own).values_list("status", flat=True)) == {"approved"}
    comment = IndicatorComment.objects.get()
    assert (comment.indicator, comment.author, comment.body) == (indicators[0], world.committee, "ปรับเกณฑ์ระดับ ๕")


@pytest.mark.parametrize("action", list(LEGAL))
@pytest.mark.parametrize("state", ALL_STATES)
def test_it_refuses_every_illegal_transition(world, action, state):
    sources, who = LEGAL[action]
    package, indicators = complete_package(world, status=state)
    if state in sources:
        package = run(world, package, action, who)
        assert package.status != state
        return
    with pytest.raises(TransitionError) as refused:
        run(world, package, action, who)
    assert "ไม่สามารถ" in str(refused.value)
    package.refresh_from_db()
    assert package.status == state
    assert not CommitteeDecision.objects.exists()
    assert {i.status for i in Indicator.objects.filter(agency=world.own)} == {state}


def test_it_refuses_an_unknown_action(world, package):
    with pytest.raises(TransitionError):
        package_transition(actor=world.head, package=package, action="publish")


def test_it_needs_a_comment_to_send_back(world):
    package, _ = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    with pytest.raises(ValidationError) as refused:
        package_transition(actor=world.committee, package=package, action="request_revision", reason=" ")
    assert "ต้องระบุความเห็น" in str(refused.value)
    package.refresh_from_db()
    assert package.status == PackageStatus.IN_NEGOTIATION


def test_it_checks_who_before_state(world, package):
    with pytest.raises(PermissionDenied):
        package_transition(actor=world.staff, package=package, action="submit")
    with pytest.raises(PermissionDenied):
        package_transition(actor=world.other_committee, package=package, action="start_negotiation")


def test_it_keeps_a_replaced_indicator_replaced_through_later_steps(world):
    from indicators.services.negotiation import indicator_replace

    package, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    basket = BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), lead_agency=world.own)
    new = indicator_replace(actor=world.committee, indicator=indicators[0], basket=basket, reason="ไม่ท้าทาย")
    run(world, package, "agree", "committee")
    run(world, package, "approve", "steering")
    indicators[0].refresh_from_db()
    new.refresh_from_db()
    assert indicators[0].status == IndicatorStatus.REPLACED
    assert new.status == IndicatorStatus.APPROVED
    assert new.replaces == indicators[0]
    assert new.weight == indicators[0].weight
    decision = CommitteeDecision.objects.get(action="replace")
    assert decision.indicator == indicators[0] and decision.actor == world.committee
    assert "ไม่ท้าทาย" in decision.reason


def test_it_lets_the_steering_committee_negotiate_with_districts(world):
    package, _ = complete_package(world, agency=world.district, status=PackageStatus.SUBMITTED)
    run(world, package, "start_negotiation", "steering")
    with pytest.raises(PermissionDenied):
        run(world, package, "agree", "committee")
    package = run(world, package, "agree", "steering")
    assert package.status == PackageStatus.AGREED
