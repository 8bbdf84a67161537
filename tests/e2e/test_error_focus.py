"""A form that comes back with errors takes keyboard focus to them (static/js/error-focus.js), so a screen
reader reads them out: role="alert" text already on the page when it loads is not announced by every reader."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOCUSED = "() => [document.activeElement.tagName, document.activeElement.id, document.activeElement.innerText.trim()]"


def log_in(page, password):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_a_refused_login_puts_the_focus_on_the_error_summary(page, staff_user):
    page.goto("/accounts/login/")
    assert page.evaluate(FOCUSED)[1] == "id_username"  # a page without errors keeps its own start

    log_in(page, "wrong-password-123")

    tag, _, text = page.evaluate(FOCUSED)
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1 and summary.get_attribute("role") == "alert"
    assert page.evaluate("() => document.activeElement === document.querySelector('[data-error-summary]')")
    assert tag == "DIV" and "รหัสผ่าน" in text  # the Thai message itself is what gets read
    assert summary.inner_text().strip() == text


def test_a_form_with_only_a_field_error_puts_the_focus_on_that_field(page, login, staff_user):
    """The password form starts in its first field; the error here is on the last, so focus must move there."""
    login("alice")
    page.goto(reverse("password_change"))
    page.fill("input[name=old_password]", "test-password-123")
    page.fill("input[name=new_password1]", "a-new-Passw0rd-2567")
    page.fill("input[name=new_password2]", "a-different-Passw0rd")
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")

    assert page.evaluate(FOCUSED)[1] == "id_new_password2"
    described = page.locator("#id_new_password2").get_attribute("aria-describedby")
    assert "id_new_password2_error" in described  # what the screen reader reads with the field


def test_without_javascript_the_errors_still_show_and_the_form_still_works(browser, live_server, staff_user):
    context = browser.new_context(base_url=live_server.url, locale="th-TH", java_script_enabled=False)
    page = context.new_page()
    log_in(page, "wrong-password-123")
    assert page.locator("[data-error-summary]").is_visible()

    log_in(page, "test-password-123")
    assert page.locator("h1").inner_text() == "หน่วยงานของฉัน"
    context.close()


def test_a_refused_meeting_citation_is_shown_and_focused_beside_its_select(page, login):
    """The meeting's record was changed to other agencies while the committee had the page open: the
    step is refused, the reason sits next to the meeting select, and the focus goes there."""
    import datetime as dt

    from indicators.models import Meeting, PackageStatus
    from tests.factories import AgencyFactory
    from tests.negotiation.conftest import complete_package
    from tests.negotiation.world import make_world

    world = make_world()
    complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    record = Meeting.objects.create(fiscal_year=world.year, mission_group=world.group_a, title="ประชุมครั้งที่ ๓/๒๕๖๗",
                                    held_on=dt.date(2024, 5, 2), recorded_by=world.secretary)
    login("carl")
    page.goto(reverse("indicators:package", args=[2567, "OWN"]))
    page.fill("#reason-agree", "เห็นชอบตามที่เจรจา")
    page.select_option("#meeting-agree", str(record.pk))
    record.agencies.set([AgencyFactory(code="ELSE", name_th="สำนักอื่นในกลุ่ม")])
    page.click("button[value=agree]")
    page.wait_for_load_state("networkidle")

    assert page.evaluate(FOCUSED)[1] == "meeting-agree"
    error = page.locator("#meeting-agree-error")
    assert "ไม่ได้ระบุ สำนักของฉัน เป็นหน่วยงานที่เจรจา" in error.inner_text()
    select, message = page.locator("#meeting-agree").bounding_box(), error.bounding_box()
    assert abs(message["y"] - select["y"]) < 3 * select["height"]  # beside it, not at the top of the page
    assert page.locator("#reason-agree").input_value() == "เห็นชอบตามที่เจรจา"
