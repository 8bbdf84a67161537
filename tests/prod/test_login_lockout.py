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
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"อีก {to_thai_digits(minutes)} นาที" in page

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
