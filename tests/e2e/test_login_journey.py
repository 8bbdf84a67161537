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
