"""The negotiation journey in a real browser: draft (one deleted again) → submit → sent back with a
comment → fixed and the comment marked addressed → agreed → approved by the steering committee →
editing is refused."""

import re

import pytest

from indicators.models import AgencyPackage, CommitteeDecision, Indicator, IndicatorComment
from tests.negotiation.world import make_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PACKAGE = "/indicators/negotiation/2567/OWN/"


@pytest.fixture
def journey(page, login):
    """Helpers that act like a user: every click that leaves the page waits for the next one."""

    class Journey:
        def as_user(self, username):
            if page.url.startswith("http") and page.locator("form[action$='/accounts/logout/'] button").count():
                with page.expect_navigation():
                    page.click("form[action$='/accounts/logout/'] button")
            login(username)
            assert page.locator("a", has_text="การเจรจาตกลง").count()  # logged in: the menu is there

        def open(self, path):
            page.goto(path)
            page.wait_for_load_state("domcontentloaded")

        def click_and_wait(self, selector):
            with page.expect_navigation():
                page.click(selector)
            page.wait_for_load_state("domcontentloaded")

        def status(self):
            return page.locator("#package-status").inner_text().strip()

        def draft_indicator(self, name, target):
            self.open(PACKAGE)
            self.click_and_wait("#add-indicator")
            page.fill("#id_name", name)
            page.fill("#id_target_text", target)
            page.fill("#id_weight", "10")
            for row in range(5):
                page.fill(f"textarea[name='levels-{row}-criterion']", f"ดำเนินการได้ร้อยละ {100 - row * 20} ของแผน")
            self.click_and_wait("#save-indicator")
            assert page.locator(".message.success").inner_text().startswith("บันทึกตัวชี้วัด")

        def act(self, action):
            self.open(PACKAGE)
            self.click_and_wait(f"button[name=action][value={action}]")
            assert page.locator(".message.success").count(), page.content()[:2000]

    return Journey()


def test_negotiation_journey(page, journey, live_server):
    make_world()

    # Staff draft two indicators.
    journey.as_user("alice")
    journey.draft_indicator("ร้อยละของคำร้องที่ดำเนินการแล้วเสร็จตามกำหนด", "ร้อยละ ๙๐")
    journey.draft_indicator("จำนวนโครงการพัฒนาบุคลากร", "๑๒ โครงการ")
    # A third one drafted by mistake is deleted again, after a confirmation page.
    journey.draft_indicator("ตัวชี้วัดที่บันทึกผิด", "๑ ครั้ง")
    mistake = Indicator.objects.get(name="ตัวชี้วัดที่บันทึกผิด")
    journey.open(f"/indicators/{mistake.pk}/")
    journey.click_and_wait("#delete-indicator")
    journey.click_and_wait("#confirm-delete")
    assert page.locator(".message.success").inner_text().startswith("ลบตัวชี้วัด")
    assert "ตัวชี้วัดที่บันทึกผิด" not in page.locator("main").inner_text().replace("ลบตัวชี้วัด “ตัวชี้วัดที่บันทึกผิด”", "")
    assert not Indicator.objects.filter(pk=mistake.pk).exists()
    journey.open(PACKAGE)
    assert "ตรวจสอบก่อนส่ง" not in page.content()  # both indicators pass every check
    assert journey.status() == "ร่าง"

    # The head submits.
    journey.as_user("hana")
    journey.act("submit")
    assert journey.status() == "ส่งแล้ว"

    # The committee opens negotiation and sends the package back with a comment on the first indicator.
    journey.as_user("carl")
    journey.act("start_negotiation")
    assert journey.status() == "อยู่ระหว่างเจรจา"
    first = Indicator.objects.get(name="ร้อยละของคำร้องที่ดำเนินการแล้วเสร็จตามกำหนด")
    journey.click_and_wait("#send-back")
    page.fill(f"textarea[name=comment_{first.pk}]", "ค่าเป้าหมายยังไม่ท้าทาย ขอให้ปรับเป็นร้อยละ ๙๕")
    journey.click_and_wait("#confirm-send-back")
    assert journey.status() == "ส่งกลับแก้ไข"

    # Staff read the comment on the indicator page and fix the target.
    journey.as_user("alice")
    journey.open(f"/indicators/{first.pk}/")
    assert "ค่าเป้าหมายยังไม่ท้าทาย ขอให้ปรับเป็นร้อยละ ๙๕" in page.locator("#comments").inner_text()
    journey.click_and_wait("#edit-indicator")
    page.fill("#id_target_text", "ร้อยละ ๙๕")
    journey.click_and_wait("#save-indicator")
    assert "ร้อยละ ๙๕" in page.locator("table.detail").inner_text()
    history = page.locator("#history").inner_text()
    assert "ร้อยละ ๙๐" in history and "ร้อยละ ๙๕" in history  # old → new, with who
    # …and tell the committee the comment is dealt with.
    journey.click_and_wait("#comments button.resolve-comment")
    assert "แก้ไขแล้ว" in page.locator("#comments").inner_text()

    # The head submits again; the committee sees the answered comment and agrees.
    journey.as_user("hana")
    journey.act("submit")
    journey.as_user("carl")
    journey.open(PACKAGE)
    assert "แก้ไขแล้ว" in page.locator("#comments").inner_text()
    journey.act("start_negotiation")
    journey.act("agree")
    assert journey.status() == "คณะกรรมการเห็นชอบ"

    # The steering committee approves: final.
    journey.as_user("steve")
    journey.act("approve")
    assert journey.status().startswith("คณะกรรมการอำนวยการอนุมัติ")

    # Editing is now refused, in the page and on the server.
    journey.as_user("alice")
    journey.open(PACKAGE)
    assert page.locator("#add-indicator").count() == 0
    journey.open(f"/indicators/{first.pk}/")
    assert page.locator("#edit-indicator").count() == 0
    response = page.goto(f"/indicators/{first.pk}/edit/")
    assert response.status == 403
    assert re.search("ตัวชี้วัดถูกล็อก", page.locator("#refusal").inner_text())

    package = AgencyPackage.objects.get(agency__code="OWN")
    assert package.status == "approved"
    assert list(CommitteeDecision.objects.filter(package=package).order_by("pk").values_list("action", flat=True)) == [
        "submit", "start_negotiation", "request_revision", "submit", "start_negotiation", "agree", "approve",
    ]
    comment = IndicatorComment.objects.get()
    assert (comment.author.username, comment.resolved, comment.resolved_by.username) == ("carl", True, "alice")
    first.refresh_from_db()
    assert first.target_text == "ร้อยละ ๙๕" and first.status == "approved"
