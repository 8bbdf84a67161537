"""A decision cites a meeting whose record lists the agency (or lists none: it covered them all).

Meeting.agencies ("หน่วยงานที่เจรจา") records whom a meeting negotiated with; the package page and the
send-back form offered every meeting of the agency's committee, so a decision could cite a meeting held
with other agencies."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.models import AgencyPackage, CommitteeDecision, Meeting, PackageStatus
from indicators.services.negotiation import package_transition
from tests.factories import AgencyFactory
from tests.markup import parse

from .conftest import complete_package

pytestmark = pytest.mark.django_db


def meeting(world, title, *, agencies=(), group="a", day=2):
    record = Meeting.objects.create(
        fiscal_year=world.year, mission_group={"a": world.group_a, "b": world.group_b, None: None}[group],
        title=title, held_on=dt.date(2024, 5, day), recorded_by=world.secretary,
    )
    record.agencies.set(agencies)
    return record


@pytest.fixture
def meetings(world):
    neighbour = AgencyFactory(code="NEXT", name_th="สำนักข้างเคียง")
    world.group_a.members.add(neighbour)
    return {
        "ours": meeting(world, "ประชุมเจรจากับสำนักของฉัน", agencies=[world.own, neighbour]),
        "all": meeting(world, "ประชุมกลุ่มภารกิจทั้งกลุ่ม", day=3),
        "theirs": meeting(world, "ประชุมเจรจากับสำนักข้างเคียง", agencies=[neighbour], day=4),
    }


def offered(page, select_id):
    (select,) = [node for node in parse(page).find_all("select") if node.attrs.get("id") == select_id]
    return [option.text() for option in select.find_all("option") if option.attrs.get("value")]


def test_the_package_page_offers_only_meetings_that_list_the_agency_or_none(client, world, meetings):
    complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    titles = " | ".join(offered(page, "meeting-agree"))
    assert "ประชุมเจรจากับสำนักของฉัน" in titles and "ประชุมกลุ่มภารกิจทั้งกลุ่ม" in titles
    assert "ประชุมเจรจากับสำนักข้างเคียง" not in titles


def test_citing_a_meeting_held_with_other_agencies_is_refused_beside_the_field(client, world, meetings):
    package, _ = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    url = reverse("indicators:package_transition", args=[2567, "OWN", "agree"])

    response = client.post(url, {"reason": "เห็นชอบตามที่เจรจา", "meeting": meetings["theirs"].pk})

    assert response.status_code == 422
    package.refresh_from_db()
    assert package.status == PackageStatus.IN_NEGOTIATION and not CommitteeDecision.objects.exists()
    root = parse(response.content.decode())
    (select,) = [node for node in root.find_all("select") if node.attrs.get("id") == "meeting-agree"]
    assert select.attrs.get("aria-invalid") == "true"
    (error,) = [node for node in root.find_all() if node.attrs.get("id") == select.attrs["aria-describedby"]]
    assert "ไม่ได้ระบุ สำนักของฉัน เป็นหน่วยงานที่เจรจา" in error.text()
    assert error.parent is select.parent  # in the agree step's own form, next to its select
    (reason,) = [node for node in root.find_all("input") if node.attrs.get("id") == "reason-agree"]
    assert reason.attrs.get("value") == "เห็นชอบตามที่เจรจา"  # what was typed is not lost

    assert client.post(url, {"reason": "เห็นชอบ", "meeting": meetings["all"].pk}).status_code == 302
    assert CommitteeDecision.objects.get(action="agree").meeting == meetings["all"]


def test_another_committees_meeting_is_refused_not_silently_dropped(client, world, meetings):
    """The form only knew its committee's meetings, so another group's was dropped and the step taken
    without it; now the step is refused and says why."""
    package, _ = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    elsewhere = meeting(world, "ประชุมกลุ่มภารกิจที่ ๒", group="b", agencies=[world.own])
    client.force_login(world.committee)
    response = client.post(reverse("indicators:package_transition", args=[2567, "OWN", "agree"]), {"meeting": elsewhere.pk})
    assert response.status_code == 422
    assert "ไม่ใช่ของ สำนักของฉัน" in response.content.decode()
    assert AgencyPackage.objects.get(pk=package.pk).status == PackageStatus.IN_NEGOTIATION
    assert not CommitteeDecision.objects.exists()


def test_the_send_back_form_offers_and_accepts_the_same_meetings(client, world, meetings):
    package, _ = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    url = reverse("indicators:package_send_back", args=[2567, "OWN"])
    page = client.get(url).content.decode()
    choices = offered(page, "id_meeting")
    assert sorted(choices) == sorted(["ประชุมเจรจากับสำนักของฉัน", "ประชุมกลุ่มภารกิจทั้งกลุ่ม"])

    response = client.post(url, {"reason": "แก้ค่าเป้าหมาย", "meeting": meetings["theirs"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    error = html[html.index('id="id_meeting_error"'):]
    assert "ไม่ได้ระบุ สำนักของฉัน เป็นหน่วยงานที่เจรจา" in error[: error.index("</div>")]
    assert "แก้ค่าเป้าหมาย" in html
    package.refresh_from_db()
    assert package.status == PackageStatus.IN_NEGOTIATION

    assert client.post(url, {"reason": "แก้ค่าเป้าหมาย", "meeting": meetings["ours"].pk}).status_code == 302
    assert CommitteeDecision.objects.get(action="request_revision").meeting == meetings["ours"]


def test_the_steering_committee_approves_citing_a_meeting_that_covers_the_agency(client, world):
    package, _ = complete_package(world, status=PackageStatus.AGREED)
    districts = meeting(world, "ประชุม กอ. ครั้งที่ ๓ ตัวชี้วัดของสำนักงานเขต", group=None, agencies=[world.district])
    everyone = meeting(world, "ประชุม กอ. ครั้งที่ ๔ เห็นชอบตัวชี้วัดทุกหน่วยงาน", group=None, day=5)
    client.force_login(world.steering)
    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    assert offered(page, "meeting-approve") == ["5 พ.ค. 2567 ประชุม กอ. ครั้งที่ ๔ เห็นชอบตัวชี้วัดทุกหน่วยงาน"]

    with pytest.raises(ValidationError) as refused:
        package_transition(actor=world.steering, package=package, action="approve", meeting=districts)
    assert "ไม่ได้ระบุ สำนักของฉัน" in str(refused.value)
    package_transition(actor=world.steering, package=package, action="approve", meeting=everyone)
    assert CommitteeDecision.objects.get(action="approve").meeting == everyone


def test_a_step_without_a_form_on_the_page_still_says_why_it_was_refused(client, world):
    """Sending back has its own page; posted to the package page's address, its refusal stays a message."""
    package, _ = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    url = reverse("indicators:package_transition", args=[2567, "OWN", "request_revision"])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "ต้องระบุความเห็นหรือเหตุผลที่ส่งกลับแก้ไข" in response.content.decode()
    package.refresh_from_db()
    assert package.status == PackageStatus.IN_NEGOTIATION
