"""Permission matrix: every role × every action × own agency / other agency (other committee's scope) / district.

Each case sends the real HTTP request. Allowed → the action happens. Denied → 404 when the user may
not even see the agency, 403 otherwise, and nothing changed in the database.
"""

import pytest
from django.urls import reverse

from indicators.models import (
    CommitteeDecision,
    Indicator,
    IndicatorComment,
    Meeting,
    PackageStatus,
)
from tests.factories import BasketIndicatorFactory, FocusIssueFactory

from .conftest import complete_package, indicator_post

pytestmark = pytest.mark.django_db

ROLES = [
    "staff", "head", "committee", "secretary", "other_staff", "other_head", "other_committee", "steering",
    "strategy", "administrator", "nobody",
]
CITY_WIDE = {"steering", "strategy", "administrator"}
# Roles allowed on the OWN agency (a department in mission group 1). The OTHER agency (mission group 2)
# mirrors it: its staff, head and committee are the `other_*` users.
ALLOWED_OWN = {
    "view": {"staff", "head", "committee", "secretary"} | CITY_WIDE,
    "create": {"staff"},
    "edit": {"staff"},
    "submit": {"head"},
    "start_negotiation": {"committee", "secretary"},
    "comment": {"committee", "secretary"},
    "send_back": {"committee", "secretary"},
    "replace": {"committee", "secretary"},
    "agree": {"committee", "secretary"},
    "approve": {"steering"},
    "amend": {"strategy"},
}
MIRROR = {"staff": "other_staff", "head": "other_head", "committee": "other_committee", "secretary": None}
# A district office negotiates with the steering committee; nobody in this world is its staff or head.
ALLOWED_DISTRICT = {
    "view": CITY_WIDE,
    "create": set(),
    "edit": set(),
    "submit": set(),
    "start_negotiation": {"steering"},
    "comment": {"steering"},
    "send_back": {"steering"},
    "replace": {"steering"},
    "agree": {"steering"},
    "approve": {"steering"},
    "amend": {"strategy"},
}
STATE_FOR = {
    "view": PackageStatus.DRAFT,
    "create": PackageStatus.DRAFT,
    "edit": PackageStatus.DRAFT,
    "submit": PackageStatus.DRAFT,
    "start_negotiation": PackageStatus.SUBMITTED,
    "comment": PackageStatus.IN_NEGOTIATION,
    "send_back": PackageStatus.IN_NEGOTIATION,
    "replace": PackageStatus.IN_NEGOTIATION,
    "agree": PackageStatus.IN_NEGOTIATION,
    "approve": PackageStatus.AGREED,
    "amend": PackageStatus.APPROVED,
}


def allowed(action: str, target: str) -> set[str]:
    if target == "own":
        return ALLOWED_OWN[action]
    if target == "district":
        return ALLOWED_DISTRICT[action]
    mirrored = set()
    for role in ALLOWED_OWN[action]:
        mirrored.add(MIRROR.get(role, role) if role in MIRROR else role)
    return mirrored - {None}


def database_state():
    return (
        sorted(Indicator.objects.values_list("pk", "name", "status", "version")),
        CommitteeDecision.objects.count(),
        IndicatorComment.objects.count(),
    )


def request_for(client, world, action, agency, package, indicator):
    year, code = world.year.year_be, agency.code
    transition = lambda name: client.post(reverse("indicators:package_transition", args=[year, code, name]))  # noqa
    if action == "view":
        return client.get(reverse("indicators:package", args=[year, code]))
    if action == "create":
        element = world.district_element if agency.is_district else world.element
        data = indicator_post(world, element=str(element.pk), name="ตัวชี้วัดใหม่")
        return client.post(reverse("indicators:indicator_create", args=[year, code]), data)
    if action in ("edit", "amend"):
        data = indicator_post(
            world, name="ชื่อที่แก้ไข", version=indicator.version, number=str(indicator.number),
            element=str(indicator.element_id), weight=str(indicator.weight), amendment_reason="ตามมติที่ประชุม",
        )
        return client.post(reverse("indicators:indicator_edit", args=[indicator.pk]), data)
    if action == "comment":
        url = reverse("indicators:indicator_comment", args=[indicator.pk])
        return client.post(url, {"body": "ควรเพิ่มค่าเป้าหมาย"})
    if action == "send_back":
        return client.post(
            reverse("indicators:package_send_back", args=[year, code]), {f"comment_{indicator.pk}": "ปรับเกณฑ์"}
        )
    if action == "replace":
        basket = BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), lead_agency=agency)
        return client.post(
            reverse("indicators:indicator_replace", args=[indicator.pk]), {"basket": basket.pk, "reason": "ไม่ท้าทาย"}
        )
    return transition(action)


def happened(action, world, package, indicator, before) -> bool:
    package.refresh_from_db()
    indicator.refresh_from_db()
    if action == "view":
        return True
    if action == "create":
        return Indicator.objects.filter(name="ตัวชี้วัดใหม่").exists()
    if action in ("edit", "amend"):
        return indicator.name == "ชื่อที่แก้ไข"
    if action == "comment":
        return IndicatorComment.objects.filter(indicator=indicator).exists()
    if action == "replace":
        return indicator.status == "replaced"
    target = {"send_back": "revision_requested", "submit": "submitted", "start_negotiation": "in_negotiation",
              "agree": "agreed", "approve": "approved"}[action]
    return package.status == target


@pytest.mark.parametrize("target", ["own", "other", "district"])
@pytest.mark.parametrize("action", list(ALLOWED_OWN))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role, action, target):
    agency = {"own": world.own, "other": world.other, "district": world.district}[target]
    package, indicators = complete_package(world, agency=agency, status=STATE_FOR[action])
    if agency.is_district:
        for indicator in indicators:
            indicator.element = world.district_element
            indicator.save()
    indicator = indicators[0]
    client.force_login(getattr(world, role))
    before = database_state()

    response = request_for(client, world, action, agency, package, indicator)

    if role in allowed(action, target):
        assert response.status_code in (200, 302), response.content.decode()[:500]
        assert happened(action, world, package, indicator, before)
        return
    can_see = role in allowed("view", target)
    assert response.status_code == (403 if can_see else 404)
    assert database_state() == before
    package.refresh_from_db()
    assert package.status == STATE_FOR[action]


@pytest.mark.parametrize(
    "role, group, expected",
    [
        ("committee", "group_a", 302),
        ("secretary", "group_a", 302),
        ("committee", "group_b", 200),  # group B is not offered: the form says the choice is invalid
        ("other_committee", "group_b", 302),
        ("steering", None, 302),
        ("strategy", "group_a", 302),
        ("staff", None, 403),
        ("head", None, 403),
        ("nobody", None, 403),
        ("administrator", "group_a", 403),  # city-wide, but records no committee's meetings
    ],
)
def test_recording_a_meeting(client, world, role, group, expected):
    client.force_login(getattr(world, role))
    data = {
        "title": "การประชุมเจรจาตกลง ครั้งที่ ๑/๒๕๖๖",
        "held_on": "๒๕/๐๔/๒๕๖๖",
        "mission_group": getattr(world, group).pk if group else "",
        "attendees": "ประธานกรรมการ: รองปลัดกรุงเทพมหานคร",
        "resolutions": "เห็นชอบตัวชี้วัด",
    }
    response = client.post(reverse("indicators:meeting_create", args=[2567]), data)
    assert response.status_code == expected
    assert Meeting.objects.exists() is (expected == 302)
    if expected == 302:
        meeting = Meeting.objects.get()
        assert meeting.held_on.isoformat() == "2023-04-25"
        assert meeting.recorded_by == getattr(world, role)
