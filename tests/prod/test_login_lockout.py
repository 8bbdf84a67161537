"""django-axes: a lockout holds one username on one address, for a while, and says so in Thai."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from kpi_portal.lib.thai import to_thai_digits
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"
OFFICE_IP = "10.20.30.40"


def attempt(client, username, password, ip=OFFICE_IP):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail_until_locked(client, username, ip=OFFICE_IP):
    responses = [attempt(client, username, "wrong-password", ip) for _ in range(settings.AXES_FAILURE_LIMIT)]
    return responses[-1]


def test_production_settings_guard_the_login_with_axes():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME > timedelta(0)
    assert "axes.middleware.AxesMiddleware" == settings.MIDDLEWARE[-1]


def test_it_locks_a_username_after_the_failure_limit_even_with_the_right_password(client):
    UserFactory(username="alice")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "alice", "wrong-password")
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated

    locked = attempt(client, "alice", "wrong-password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in page
    # Locked on the limit-th failure, so "ครบ" that many times; screens use Arabic digits.
    assert f"ไม่ถูกต้องครบ {settings.AXES_FAILURE_LIMIT} ครั้ง" in page
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"อีก {minutes} นาที" in page
    assert to_thai_digits(minutes) not in page

    again = attempt(client, "alice", PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_touch_a_colleague_on_the_same_address(client):
    UserFactory(username="alice")
    UserFactory(username="bob")
    fail_until_locked(client, "alice")

    response = attempt(client, "bob", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_same_username_from_another_address_can_still_log_in(client):
    UserFactory(username="alice")
    fail_until_locked(client, "alice")

    response = attempt(client, "alice", PASSWORD, ip="10.99.0.1")
    assert response.status_code == 302


def test_the_lockout_lifts_after_the_cool_off_period(client):
    UserFactory(username="alice")
    fail_until_locked(client, "alice")
    assert attempt(client, "alice", PASSWORD).status_code == 429

    # Move the recorded failures back past the cool-off: as if the time had passed.
    expired = settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    for record in AccessAttempt.objects.all():
        record.attempt_time -= expired
        record.save(update_fields=["attempt_time"])

    response = attempt(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_successful_login_resets_the_failure_count(client):
    UserFactory(username="alice")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "alice", "wrong-password")
    assert attempt(client, "alice", PASSWORD).status_code == 302
    client.logout()

    # The count started again, so one more slip does not lock her out.
    assert attempt(client, "alice", "wrong-password").status_code == 200
    assert attempt(client, "alice", PASSWORD).status_code == 302


@pytest.fixture
def behind_nginx(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1


def via_nginx(client, password, client_ip, spoofed=None):
    """nginx appends the address it saw to whatever X-Forwarded-For the client sent."""
    forwarded = f"{spoofed}, {client_ip}" if spoofed else client_ip
    return client.post(
        reverse("login"),
        {"username": "alice", "password": password},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_nginx_the_lockout_follows_the_client_address_not_the_proxy(client, behind_nginx):
    UserFactory(username="alice")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        via_nginx(client, "wrong-password", "203.0.113.7")
    assert via_nginx(client, PASSWORD, "203.0.113.7").status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    # Same account from another office behind the same nginx: not locked.
    assert via_nginx(client, PASSWORD, "198.51.100.20").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, behind_nginx):
    UserFactory(username="alice")
    for n in range(settings.AXES_FAILURE_LIMIT):
        via_nginx(client, "wrong-password", "203.0.113.7", spoofed=f"192.0.2.{n}")
    assert via_nginx(client, PASSWORD, "203.0.113.7", spoofed="192.0.2.200").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.5"),  # no proxy configured: the header is the client's own words
        (1, "", "10.0.0.5"),  # did not pass the proxy: fall back to the socket address
        (1, "203.0.113.7", "203.0.113.7"),
        (2, "203.0.113.7, 10.0.0.2", "203.0.113.7"),  # load balancer, then nginx
        (2, "192.0.2.9, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, "not-an-address", "10.0.0.5"),
    ],
)
def test_client_address_is_taken_from_the_trusted_end_of_the_chain(rf, settings, proxies, forwarded, expected):
    from kpi_portal.client_ip import client_ip

    settings.AXES_IPWARE_PROXY_COUNT = proxies
    request = rf.post("/accounts/login/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_the_english_lockout_page_counts_in_arabic_digits(client):
    UserFactory(username="alice")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = fail_until_locked(client, "alice").content.decode()

    assert f"The username or password was wrong {settings.AXES_FAILURE_LIMIT} times" in page
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Please try again in {minutes} minutes" in page


def test_a_wrong_password_is_said_in_plain_thai(client):
    UserFactory(username="alice")
    page = attempt(client, "alice", "wrong-password").content.decode()
    assert "กรุณาใส่ชื่อผู้ใช้และรหัสผ่านให้ถูกต้อง" in page  # Django's own Thai had "กรุณาใส่  ชื่อผู้ใช้  และ…"


def test_the_login_page_warns_only_when_the_lock_is_two_wrong_passwords_away(client):
    UserFactory(username="alice")
    limit = settings.AXES_FAILURE_LIMIT
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    pages = [attempt(client, "alice", "wrong-password").content.decode() for _ in range(limit - 1)]

    # A first typo is not met with a threat.
    assert all("lockout-warning" not in page for page in pages[: limit - 3])
    assert f"หากใส่รหัสผ่านผิดอีก 2 ครั้ง ระบบจะระงับการเข้าสู่ระบบของบัญชีนี้จากเครื่องนี้ไว้ {minutes} นาที" in pages[limit - 3]
    assert f"หากใส่รหัสผ่านผิดอีก 1 ครั้ง ระบบจะระงับการเข้าสู่ระบบของบัญชีนี้จากเครื่องนี้ไว้ {minutes} นาที" in pages[limit - 2]
    # ...and the next wrong password is the lock the page promised.
    assert attempt(client, "alice", "wrong-password").status_code == 429


def test_the_warning_counts_this_username_on_this_address_only(client):
    UserFactory(username="alice")
    UserFactory(username="bob")
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        attempt(client, "alice", "wrong-password")

    assert "lockout-warning" not in attempt(client, "bob", "wrong-password").content.decode()
    assert "lockout-warning" not in attempt(client, "alice", "wrong-password", ip="10.99.0.1").content.decode()
    assert "หากใส่รหัสผ่านผิดอีก 1 ครั้ง" in attempt(client, "alice", "wrong-password").content.decode()


def test_a_username_nobody_has_is_warned_the_same_way(client):
    # Warning only real accounts would tell a guesser which usernames exist.
    pages = [attempt(client, "nobody", "wrong-password").content.decode() for _ in range(settings.AXES_FAILURE_LIMIT - 1)]
    assert "หากใส่รหัสผ่านผิดอีก 1 ครั้ง" in pages[-1]


def test_the_english_warning_counts_in_words_a_reader_expects(client, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    UserFactory(username="alice")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages = [attempt(client, "alice", "wrong-password").content.decode() for _ in range(settings.AXES_FAILURE_LIMIT - 1)]
    assert "2 more wrong passwords and sign-in to this account from this computer is blocked for 30 minutes." in pages[-2]
    assert "One more wrong password and sign-in to this account from this computer is blocked for 30 minutes." in pages[-1]


def test_without_a_cool_off_the_warning_says_an_administrator_lifts_the_lock(client, settings):
    settings.AXES_COOLOFF_TIME = None
    UserFactory(username="alice")
    pages = [attempt(client, "alice", "wrong-password").content.decode() for _ in range(settings.AXES_FAILURE_LIMIT - 1)]
    assert "หากใส่รหัสผ่านผิดอีก 1 ครั้ง ระบบจะระงับการเข้าสู่ระบบของบัญชีนี้จากเครื่องนี้จนกว่าผู้ดูแลระบบจะปลดล็อก" in pages[-1]


@pytest.mark.parametrize(("failures", "expected"), [(0, None), (2, None), (3, 2), (4, 1), (5, None), (7, None)])
def test_tries_to_warn_about_names_the_last_two_tries_only(failures, expected):
    from kpi_portal.login_tries import tries_to_warn_about

    assert tries_to_warn_about(failures, limit=5) == expected
