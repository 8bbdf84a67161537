"""Committee pages: comments per indicator, sending back, replacing from the KPI basket, decisions, meetings."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.models import CommitteeDecision, Indicator, IndicatorComment, IndicatorStatus, Meeting, PackageStatus
from tests.factories import BasketIndicatorFactory, FocusIssueFactory, IndicatorFactory

from .conftest import complete_package

pytestmark = pytest.mark.django_db


def test_a_committee_comment_shows_on_the_indicator_and_the_package(client, world):
    _, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    url = reverse("indicators:indicator_comment", args=[indicators[0].pk])
    assert client.post(url, {"body": "ควรกำหนดค่าเป้าหมายเชิงผลลัพธ์"}).status_code == 302
    client.force_login(world.staff)
    pages = (
        reverse("indicators:indicator", args=[indicators[0].pk]),
        reverse("indicators:package", args=[2567, "OWN"]),
    )
    for page_url in pages:
        page = client.get(page_url).content.decode()
        assert "ควรกำหนดค่าเป้าหมายเชิงผลลัพธ์" in page and "carl" in page
    # On the package page each comment says which indicator it is about.
    package_page = client.get(pages[1]).content.decode()
    assert f"ตัวชี้วัดที่ 1 {indicators[0].name}" in package_page


def test_an_empty_comment_is_refused_in_thai(client, world):
    _, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    response = client.post(reverse("indicators:indicator_comment", args=[indicators[0].pk]), {"body": ""}, follow=True)
    assert "ต้องกรอกความเห็นก่อนบันทึก" in response.content.decode()
    assert not IndicatorComment.objects.exists()


def test_comments_are_closed_outside_negotiation(client, world):
    _, indicators = complete_package(world, status=PackageStatus.AGREED)
    client.force_login(world.committee)
    url = reverse("indicators:indicator_comment", args=[indicators[0].pk])
    response = client.post(url, {"body": "สาย"}, follow=True)
    assert "ให้ความเห็นได้เฉพาะเมื่อ" in response.content.decode()
    assert not IndicatorComment.objects.exists()


def test_sending_back_needs_a_comment_and_keeps_the_form(client, world):
    package, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    url = reverse("indicators:package_send_back", args=[2567, "OWN"])
    page = client.get(url).content.decode()
    assert indicators[0].name in page and indicators[1].name in page
    response = client.post(url, {"reason": "", f"comment_{indicators[0].pk}": ""})
    assert response.status_code == 200
    assert "ต้องระบุความเห็นหรือเหตุผลที่ส่งกลับแก้ไข" in response.content.decode()
    # Zero-width characters pasted into both boxes say nothing either.
    response = client.post(url, {"reason": "\u200b", f"comment_{indicators[0].pk}": "\ufeff\u200b"})
    assert response.status_code == 200
    assert "ต้องระบุความเห็นหรือเหตุผลที่ส่งกลับแก้ไข" in response.content.decode()
    assert not IndicatorComment.objects.exists()
    package.refresh_from_db()
    assert package.status == PackageStatus.IN_NEGOTIATION
    response = client.post(url, {"reason": "ทบทวนเกณฑ์", f"comment_{indicators[1].pk}": "เพิ่มหลักฐาน"})
    assert response.status_code == 302
    package.refresh_from_db()
    assert package.status == PackageStatus.REVISION_REQUESTED
    assert IndicatorComment.objects.get().indicator == indicators[1]


def test_the_committee_replaces_an_indicator_from_the_basket(client, world):
    _, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    old = indicators[0]
    issue = FocusIssueFactory(fiscal_year=world.year)
    issue.related_agencies.add(world.own)
    basket = BasketIndicatorFactory(focus_issue=issue, name="ร้อยละของนักเรียนที่มี EQ ในระดับปกติ", target="ร้อยละ ๘๐")
    foreign = BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), lead_agency=world.other)
    client.force_login(world.committee)
    url = reverse("indicators:indicator_replace", args=[old.pk])
    page = client.get(url).content.decode()
    assert basket.name in page and foreign.name not in page
    assert client.post(url, {"basket": foreign.pk, "reason": "ไม่ท้าทาย"}).status_code == 200  # not offered
    response = client.post(url, {"basket": basket.pk, "reason": "ไม่ได้มุ่งเน้นผลลัพธ์ (Outcome)"})
    new = Indicator.objects.get(replaces=old)
    assert response.status_code == 302 and response.url == reverse("indicators:indicator", args=[new.pk])
    old.refresh_from_db()
    assert old.status == IndicatorStatus.REPLACED
    assert (new.name, new.target_text, new.weight, new.element) == (basket.name, "ร้อยละ ๘๐", old.weight, old.element)
    package_page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    assert f"แทนตัวชี้วัด “{old.name}”" in package_page
    assert "ถูกแทนที่" in package_page
    new_page = client.get(reverse("indicators:indicator", args=[new.pk])).content.decode()
    assert "แทนตัวชี้วัด" in new_page and old.name in new_page
    old_page = client.get(reverse("indicators:indicator", args=[old.pk])).content.decode()
    assert "ถูกแทนที่ด้วย" in old_page
    decision = CommitteeDecision.objects.get(action="replace")
    assert "ไม่ได้มุ่งเน้นผลลัพธ์" in decision.reason and decision.actor == world.committee


def test_a_replaced_indicator_cannot_be_edited_or_replaced_again(client, world):
    from indicators.services.negotiation import TransitionError, indicator_replace

    _, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    basket = BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), lead_agency=world.own)
    indicator_replace(actor=world.committee, indicator=indicators[0], basket=basket, reason="ไม่ท้าทาย")
    with pytest.raises(TransitionError):
        indicator_replace(actor=world.committee, indicator=indicators[0], basket=basket, reason="อีกครั้ง")


def test_the_decisions_log_says_who_did_what_when(client, world):
    from indicators.services.negotiation import package_transition

    package, _ = complete_package(world)
    package_transition(actor=world.head, package=package, action="submit", reason="ผู้อำนวยการลงนามแล้ว")
    client.force_login(world.committee)
    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    log = page[page.index('id="decisions"'):]
    assert "ส่งตัวชี้วัดให้คณะกรรมการ" in log
    assert "ร่าง → ส่งแล้ว" in log
    assert "hana" in log and "ผู้อำนวยการลงนามแล้ว" in log
    from django.utils import timezone

    assert str(timezone.localdate().year + 543) in log  # the date is in B.E.


def test_meetings_are_listed_for_the_committee(client, world):
    import datetime as dt

    Meeting.objects.create(fiscal_year=world.year, mission_group=world.group_a, title="ประชุมกลุ่มภารกิจที่ ๑",
                           held_on=dt.date(2024, 4, 25), attendees="ประธาน", resolutions="เห็นชอบ",
                           recorded_by=world.secretary)
    Meeting.objects.create(fiscal_year=world.year, mission_group=world.group_b, title="ประชุมกลุ่มภารกิจที่ ๒",
                           held_on=dt.date(2024, 4, 26), recorded_by=world.other_committee)
    client.force_login(world.committee)
    page = client.get(reverse("indicators:meetings", args=[2567])).content.decode()
    assert "ประชุมกลุ่มภารกิจที่ ๑" in page and "25 เมษายน 2567" in page and "เห็นชอบ" in page
    # It lists no agency, so any package before the committee may cite it: the page says so.
    assert "หน่วยงานที่เจรจา: ทุกหน่วยงานของคณะกรรมการ (ไม่ได้ระบุหน่วยงาน)" in page
    assert "ประชุมกลุ่มภารกิจที่ ๒" not in page
    client.force_login(world.steering)
    page = client.get(reverse("indicators:meetings", args=[2567])).content.decode()
    assert "ประชุมกลุ่มภารกิจที่ ๒" in page


def test_a_committee_member_is_offered_only_their_own_committee(client, world):
    client.force_login(world.committee)
    form = client.get(reverse("indicators:meeting_create", args=[2567])).context["form"]
    html = str(form["mission_group"])

    assert "คณะกรรมการอำนวยการเจรจาตกลงฯ" not in html  # the steering committee is not theirs to record
    assert list(form.fields["mission_group"].queryset) == [world.group_a]
    assert f'<option value="{world.group_a.pk}"' in html and 'value=""' not in html

    # Sent without a committee (e.g. an old page), the form says so and keeps what was typed.
    response = client.post(reverse("indicators:meeting_create", args=[2567]), {
        "title": "ประชุมครั้งที่ ๑", "held_on": "25/04/2567", "mission_group": "", "resolutions": "มติที่ต้องไม่หาย",
    })
    assert response.status_code == 200
    assert response.context["form"].errors["mission_group"]
    assert "มติที่ต้องไม่หาย" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_steering_committee_records_its_own_meetings_by_default(client, world):
    client.force_login(world.steering)
    html = str(client.get(reverse("indicators:meeting_create", args=[2567])).context["form"]["mission_group"])
    assert '<option value="" selected>คณะกรรมการอำนวยการเจรจาตกลงฯ</option>' in html


def test_a_meeting_date_in_the_wrong_era_is_refused(client, world):
    client.force_login(world.secretary)
    response = client.post(reverse("indicators:meeting_create", args=[2567]), {
        "title": "ประชุม", "held_on": "25/04/2023", "mission_group": world.group_a.pk,
    })
    assert response.status_code == 200
    assert "ปีของวันที่ “25/04/2023” ต้องเป็นปีพุทธศักราช (พ.ศ.) เช่น 2566" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "typed,message",
    [("31/02/2568", "ไม่มีวันที่ “31/02/2568” ในปฏิทิน"), ("เมษายน 2567", "ใช้รูปแบบ วว/ดด/ปปปป (พ.ศ.)")],
)
def test_a_meeting_date_that_cannot_be_read_says_why(client, world, typed, message):
    client.force_login(world.secretary)
    response = client.post(reverse("indicators:meeting_create", args=[2567]), {
        "title": "ประชุม", "held_on": typed, "mission_group": world.group_a.pk,
    })
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_indicator_history_is_in_the_admin(client, world):
    indicator = IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element, name="ก่อนแก้")
    indicator.name = "หลังแก้"
    indicator._history_user = world.staff
    indicator.save()
    client.force_login(world.administrator)
    world.administrator.is_staff = world.administrator.is_superuser = True
    world.administrator.save()
    page = client.get(reverse("admin:indicators_indicator_history", args=[indicator.pk])).content.decode()
    assert "alice" in page and "หลังแก้" in page


def test_a_decision_cites_the_meeting_that_took_it(client, world):
    import datetime as dt

    package, _ = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    meeting = Meeting.objects.create(fiscal_year=world.year, mission_group=world.group_a, title="ประชุมครั้งที่ ๒/๒๕๖๗",
                                     held_on=dt.date(2024, 5, 2), recorded_by=world.secretary)
    other = Meeting.objects.create(fiscal_year=world.year, mission_group=world.group_b, title="กลุ่มอื่น",
                                   held_on=dt.date(2024, 5, 3), recorded_by=world.other_committee)
    client.force_login(world.committee)
    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    assert "ประชุมครั้งที่ ๒/๒๕๖๗" in page and "กลุ่มอื่น" not in page
    url = reverse("indicators:package_transition", args=[2567, "OWN", "agree"])
    assert client.post(url, {"reason": "เห็นชอบ", "meeting": meeting.pk}).status_code == 302
    assert CommitteeDecision.objects.get(action="agree").meeting == meeting
    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    assert "ตามมติ ประชุมครั้งที่ ๒/๒๕๖๗ (2 พ.ค. 2567)" in page
    assert other.decisions.count() == 0


def test_each_step_cites_only_a_meeting_of_the_committee_taking_it(client, world):
    """The steering committee's approval was offered the mission group's meetings (and the committee's
    steps the steering committee's); a mismatched citation is now refused, and never offered."""
    import datetime as dt

    from indicators.services.negotiation import package_transition

    package, _ = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    group_meeting = Meeting.objects.create(fiscal_year=world.year, mission_group=world.group_a, title="ประชุมกลุ่ม ๒/๒๕๖๗",
                                           held_on=dt.date(2024, 5, 2), recorded_by=world.secretary)
    steering_meeting = Meeting.objects.create(fiscal_year=world.year, mission_group=None, title="ประชุม กอ. ๑/๒๕๖๗",
                                              held_on=dt.date(2024, 6, 1), recorded_by=world.secretary)
    client.force_login(world.committee)
    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    agree = page[page.index('id="meeting-agree"'):]
    agree = agree[: agree.index("</select>")]
    assert "ประชุมกลุ่ม ๒/๒๕๖๗" in agree and "ประชุม กอ." not in agree

    with pytest.raises(ValidationError) as refused:
        package_transition(actor=world.committee, package=package, action="agree", meeting=steering_meeting)
    assert "การอนุมัติอ้างการประชุมคณะกรรมการอำนวยการ" in str(refused.value)
    package_transition(actor=world.committee, package=package, action="agree", meeting=group_meeting)

    package.refresh_from_db()
    with pytest.raises(ValidationError):
        package_transition(actor=world.steering, package=package, action="approve", meeting=group_meeting)
    package_transition(actor=world.steering, package=package, action="approve", meeting=steering_meeting)
    assert CommitteeDecision.objects.get(action="approve").meeting == steering_meeting


def test_the_indicator_page_shows_each_transition_in_words(client, world):
    from indicators.services.negotiation import package_transition

    package, indicators = complete_package(world)
    package_transition(actor=world.head, package=package, action="submit")
    client.force_login(world.staff)
    page = client.get(reverse("indicators:indicator", args=[indicators[0].pk])).content.decode()
    history = page[page.index('id="history"'):]
    row = history[history.index("<td>สถานะ</td>"):]
    row = row[: row.index("</tr>")]
    assert "ร่าง" in row and "ส่งแล้ว" in row
    assert "hana" in history[: history.index("<td>สถานะ</td>")]


def test_the_send_back_page_is_offered_and_opened_only_while_the_committee_may_send_back(client, world):
    package, _ = complete_package(world, status=PackageStatus.AGREED)
    client.force_login(world.committee)
    url = reverse("indicators:package_send_back", args=[2567, "OWN"])

    assert url not in client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    refused = client.get(url)
    assert refused.status_code == 403
    assert "ไม่สามารถส่งกลับให้หน่วยงานแก้ไขได้ เพราะชุดตัวชี้วัดอยู่ในสถานะ “คณะกรรมการเห็นชอบ”" in refused.content.decode()

    package.status = PackageStatus.IN_NEGOTIATION
    package.save()
    assert url in client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    assert client.get(url).status_code == 200


def test_the_indicator_page_names_each_strategy_text_in_thai_under_its_own_heading(client, world):
    _, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    Indicator.objects.filter(pk=indicators[0].pk).update(
        goal="ข้าราชการมีสมรรถนะสูง", objective="", key_result="ผู้เข้าร่วมร้อยละ ๘๐ ผ่านการประเมิน", tactic="พัฒนาบุคลากร",
        outputs="จัดอบรม ๔ ครั้ง", outcomes="",
    )
    client.force_login(world.committee)

    page = client.get(reverse("indicators:indicator", args=[indicators[0].pk])).content.decode()

    assert "<th>เป้าประสงค์</th><td>ข้าราชการมีสมรรถนะสูง</td>" in page
    assert "<th>ตัววัดผลหลัก (Key Result)</th><td>ผู้เข้าร่วมร้อยละ ๘๐ ผ่านการประเมิน</td>" in page
    assert "<th>กลยุทธ์</th><td>พัฒนาบุคลากร</td>" in page
    assert "<th>ผลผลิต</th><td>จัดอบรม ๔ ครั้ง</td>" in page and "<th>ผลลัพธ์</th><td>-</td>" in page
    assert "วัตถุประสงค์หลัก (Objective)" not in page  # an empty OKR field is left out
    assert "Objective / Key Result" not in page


@pytest.mark.parametrize("typed", ["25/04/2600", "01/01/2400", "30/09/2565"])
def test_a_meeting_date_far_from_the_year_is_refused(client, world, typed):
    """A slip of the year (2600 for 2566) was saved and listed the meeting in B.E. 2600. A year's
    meetings fall between a year before it starts (negotiation) and its last day (amendments)."""
    client.force_login(world.secretary)
    response = client.post(reverse("indicators:meeting_create", args=[2567]), {
        "title": "ประชุม", "held_on": typed, "mission_group": world.group_a.pk, "resolutions": "มติที่ต้องไม่หาย",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert "วันที่ประชุมของปีงบประมาณ พ.ศ. 2567 ต้องอยู่ระหว่าง 01/10/2565 ถึง 30/09/2567" in html
    assert "มติที่ต้องไม่หาย" in html
    assert not Meeting.objects.exists()


INVISIBLE = "\u200b\ufeff\u200b"  # zero-width spaces and a byte-order mark, as pasted from a web page


def test_a_comment_or_reason_of_invisible_characters_only_is_refused_as_empty(client, world):
    """Form fields strip spaces, not zero-width characters: such a comment or replacement reason was saved
    and showed as nothing."""
    from indicators.services.negotiation import indicator_replace

    _, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    client.force_login(world.committee)
    response = client.post(
        reverse("indicators:indicator_comment", args=[indicators[0].pk]), {"body": INVISIBLE}, follow=True
    )
    assert "ต้องกรอกความเห็นก่อนบันทึก" in response.content.decode()
    assert not IndicatorComment.objects.exists()

    issue = FocusIssueFactory(fiscal_year=world.year)
    issue.related_agencies.add(world.own)
    basket = BasketIndicatorFactory(focus_issue=issue)
    with pytest.raises(ValidationError) as caught:
        indicator_replace(actor=world.committee, indicator=indicators[0], basket=basket, reason=INVISIBLE)
    assert caught.value.message_dict == {"reason": ["ต้องระบุเหตุผลที่แทนตัวชี้วัด"]}
    assert not Indicator.objects.filter(status=IndicatorStatus.REPLACED).exists()
