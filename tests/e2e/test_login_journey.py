"""A person logs in through the real login page and lands on their agencies."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_logs_staff_in_and_shows_their_agency(page, login, staff_user, agency):
    login("alice")
    assert page.locator("h1").inner_text() == "หน่วยงานของฉัน"
    assert agency.name_th in page.content()


def test_it_refuses_a_wrong_password_in_thai(page, login, staff_user):
    login("alice", "wrong-password")
    assert "/accounts/login/" in page.url
    assert "ชื่อผู้ใช้" in page.content()  # Django's Thai message names the username field


def test_pages_draw_thai_with_the_bundled_font(page):
    """A PC without Thai fonts must still show Thai, not boxes: Sarabun comes from our static files."""
    page.goto("/accounts/login/")
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        "Array.from(document.fonts).filter(f => f.family.includes('Sarabun') && f.status === 'loaded').length"
    )
    assert loaded >= 1
    assert page.evaluate("document.fonts.check('16px Sarabun', 'เข้าสู่ระบบ')")


def test_admin_pages_draw_thai_with_the_bundled_font_too(page):
    """สยป. works in the admin: its Thai must not be boxes either (Django's admin ships no Thai font)."""
    page.goto("/admin/login/")
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        "Array.from(document.fonts).filter(f => f.family.includes('Sarabun') && f.status === 'loaded').length"
    )
    assert loaded >= 1
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Sarabun")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ชื่อผู้ใช้')")
    assert "KPI Portal · ระบบตัวชี้วัดเจรจาตกลง กรุงเทพมหานคร" in page.content()  # the site header stays
