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


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/accounts/login/", "เข้าสู่ระบบ"),
        ("/admin/login/", "ชื่อผู้ใช้"),  # สยป. works in the admin, which ships no Thai font of its own
    ],
)
def test_pages_draw_thai_with_the_bundled_font(page, url, words):
    """A PC without Thai fonts must still show Thai, not boxes: Sarabun comes from our static files."""
    page.goto(url)
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        "Array.from(document.fonts).filter(f => f.family.includes('Sarabun') && f.status === 'loaded').length"
    )
    assert loaded >= 1
    assert "Sarabun" in page.evaluate("getComputedStyle(document.body).fontFamily").split(",")[0]  # the first choice
    assert page.evaluate(f"document.fonts.check('16px Sarabun', '{words}')")


def test_the_admin_keeps_the_site_header(page):
    page.goto("/admin/login/")
    assert "KPI Portal · ระบบตัวชี้วัดเจรจาตกลง กรุงเทพมหานคร" in page.content()
