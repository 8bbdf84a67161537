"""The indicator page offers edit, delete, comment and replace exactly when the services would let the
action through: the page's buttons and the POST handlers ask the same functions."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from indicators.models import Indicator, IndicatorComment, IndicatorStatus, PackageStatus
from indicators.services import drafting
from indicators.services import negotiation as services
from tests.factories import BasketIndicatorFactory, FocusIssueFactory

from .conftest import complete_package
from .test_permission_matrix import happened, request_for

pytestmark = pytest.mark.django_db


def delete_url(indicator):
    return reverse("indicators:indicator_delete", args=[indicator.pk])


# What on the indicator page offers each action, and the service rule that decides it.
OFFERS = {
    "edit": (lambda i: 'id="edit-indicator"', lambda user, package, i: drafting.may_edit_indicator(user, package, i)),
    "delete": (lambda i: 'id="delete-indicator"', lambda user, package, i: drafting.may_delete_indicator(user, package, i)),
    "comment": (
        lambda i: reverse("indicators:indicator_comment", args=[i.pk]),
        lambda user, package, i: services.may_comment(user, package),
    ),
    "replace": (
        lambda i: reverse("indicators:indicator_replace", args=[i.pk]),
        lambda user, package, i: services.may_replace(user, package, i),
    ),
}


def act(client, world, action, package, indicator):
    if action == "delete":
        return client.post(delete_url(indicator))
    return request_for(client, world, action, world.own, package, indicator)


def done(action, world, package, indicator) -> bool:
    if action == "delete":
        return not Indicator.objects.filter(pk=indicator.pk).exists()
    return happened(action, world, package, indicator, None)


@pytest.mark.parametrize("state", [PackageStatus.DRAFT, PackageStatus.IN_NEGOTIATION, PackageStatus.APPROVED])
@pytest.mark.parametrize("action", list(OFFERS))
@pytest.mark.parametrize("role", ["staff", "head", "committee", "strategy"])
def test_the_page_offers_an_action_exactly_when_it_goes_through(client, world, role, action, state):
    package, (indicator, _) = complete_package(world, status=state)
    user = getattr(world, role)
    marker, rule = OFFERS[action]
    client.force_login(user)

    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    offered = marker(indicator) in page
    assert offered is rule(user, package, indicator)

    response = act(client, world, action, package, indicator)
    assert done(action, world, package, indicator) is offered, response.content.decode()[:300]


def test_each_action_is_offered_to_its_own_people(world):
    draft, (draft_indicator, _) = complete_package(world)
    assert drafting.may_edit_indicator(world.staff, draft, draft_indicator)
    assert drafting.may_delete_indicator(world.staff, draft, draft_indicator)
    assert not drafting.may_edit_indicator(world.committee, draft, draft_indicator)
    assert not services.may_comment(world.committee, draft)  # not before the committee yet
    draft.status = PackageStatus.IN_NEGOTIATION
    assert services.may_comment(world.committee, draft) and services.may_replace(world.committee, draft, draft_indicator)
    assert not drafting.may_edit_indicator(world.staff, draft, draft_indicator)
    draft.status = PackageStatus.APPROVED
    assert drafting.may_edit_indicator(world.strategy, draft, draft_indicator)  # an amendment


def test_a_committee_member_sees_no_edit_link_and_their_edit_is_refused(client, world):
    _, (indicator, _) = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    assert 'id="edit-indicator"' not in page

    response = client.get(reverse("indicators:indicator_edit", args=[indicator.pk]))
    assert response.status_code == 403 and "ท่านไม่มีสิทธิ์แก้ไขตัวชี้วัดของหน่วยงานนี้" in response.content.decode()
    with pytest.raises(PermissionDenied):
        drafting.indicator_update(
            actor=world.committee, indicator=indicator, expected_version=indicator.version, data={"name": "x"},
            children=drafting.IndicatorChildren(),
        )


def test_a_replaced_indicator_offers_no_edit_even_when_the_package_is_open_again(client, world):
    package, (indicator, _) = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    basket = BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), lead_agency=world.own)
    services.indicator_replace(actor=world.committee, indicator=indicator, basket=basket, reason="ไม่ท้าทาย")
    services.package_transition(actor=world.committee, package=package, action="request_revision", reason="ปรับ")
    indicator.refresh_from_db()
    client.force_login(world.staff)

    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    assert 'id="edit-indicator"' not in page
    response = client.get(reverse("indicators:indicator_edit", args=[indicator.pk]))
    assert response.status_code == 403 and "ตัวชี้วัดนี้ถูกแทนที่แล้ว" in response.content.decode()


def test_an_indicator_the_committee_commented_on_offers_no_delete(client, world):
    package, (indicator, _) = complete_package(world)
    IndicatorComment.objects.create(indicator=indicator, author=world.committee, body="ปรับค่าเป้าหมาย")
    client.force_login(world.staff)

    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    assert 'id="delete-indicator"' not in page and 'id="edit-indicator"' in page
    confirm = client.get(delete_url(indicator))
    assert confirm.status_code == 403 and "ต้องเก็บไว้เป็นหลักฐานการเจรจา" in confirm.content.decode()
    assert not drafting.may_delete_indicator(world.staff, package, indicator)
    assert Indicator.objects.get(pk=indicator.pk).status == IndicatorStatus.DRAFT


def test_the_replace_page_is_refused_outside_negotiation(client, world):
    _, (indicator, _) = complete_package(world, status=PackageStatus.AGREED)
    client.force_login(world.committee)
    response = client.get(reverse("indicators:indicator_replace", args=[indicator.pk]))
    assert response.status_code == 403 and "แทนตัวชี้วัดได้เฉพาะระหว่างการเจรจา" in response.content.decode()
