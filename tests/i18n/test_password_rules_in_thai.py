"""The password change page speaks Thai: Django's own Thai catalogue lacks the password rules."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_password_rules_and_refusals_are_thai(client):
    user = UserFactory(username="somchai")
    user.set_password("old-password-123")
    user.save()
    client.force_login(user)
    page = client.get(reverse("password_change")).content.decode()
    assert "รหัสผ่านต้องมีอย่างน้อย 10 ตัวอักษร" in page
    assert "รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด" in page
    assert "Your password" not in page

    response = client.post(
        reverse("password_change"),
        {"old_password": "old-password-123", "new_password1": "12345", "new_password2": "12345"},
    )
    body = response.content.decode()
    assert "รหัสผ่านนี้สั้นเกินไป ต้องมีอย่างน้อย 10 ตัวอักษร" in body
    assert "รหัสผ่านนี้เป็นตัวเลขทั้งหมด" in body
    assert "This password" not in body
    user.refresh_from_db()
    assert user.check_password("old-password-123")


def test_password_rule_refusals_sit_under_the_new_password_not_the_confirmation(client):
    user = UserFactory(username="somchai")
    user.set_password("old-password-123")
    user.save()
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": "old-password-123", "new_password1": "12345", "new_password2": "12345"},
    )

    form = response.context["form"]
    assert "รหัสผ่านนี้สั้นเกินไป ต้องมีอย่างน้อย 10 ตัวอักษร" in " ".join(form.errors["new_password1"])
    assert "new_password2" not in form.errors
