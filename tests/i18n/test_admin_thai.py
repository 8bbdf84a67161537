"""The admin speaks Thai where Django's own Thai catalogue leaves it English: the message after a save, the
sidebar's filter, the delete confirmation, the selection counter (drawn by the page, updated by the admin's
JavaScript catalogue). The project's locale/th catalogues (django.po, djangojs.po) carry these strings."""

import json
import re

import pytest
from django.urls import reverse

from agencies.models import DistrictGroup
from tests.factories import DistrictGroupFactory
from tests.i18n.test_english import switch_to_english

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(db):
    return DistrictGroupFactory(code="north", name="กลุ่มกรุงเทพเหนือ", order=1)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def save_changed_name(client, group):
    url = reverse("admin:agencies_districtgroup_change", args=[group.pk])
    return client.post(url, {"code": group.code, "name": "กลุ่มกรุงธนเหนือ", "order": 1, "_save": "1"}, follow=True)


def test_the_message_after_saving_a_change_is_thai(admin_client, group):
    response = save_changed_name(admin_client, group)
    assert response.redirect_chain[-1][0] == reverse("admin:agencies_districtgroup_changelist")
    messages = [str(message) for message in response.context["messages"]]
    assert [text(message) for message in messages] == ["บันทึกการแก้ไขกลุ่มเขต “กลุ่มกรุงธนเหนือ” เรียบร้อยแล้ว"]
    page = text(response.content.decode())
    assert "บันทึกการแก้ไขกลุ่มเขต “กลุ่มกรุงธนเหนือ” เรียบร้อยแล้ว" in page
    assert "changed successfully" not in page

    # The object's history page tells the change in Thai too.
    history = text(admin_client.get(reverse("admin:agencies_districtgroup_history", args=[group.pk])).content.decode())
    assert "แก้ไขชื่อกลุ่มเขต" in history and "Changed" not in history


def test_the_message_after_saving_stays_english_in_english(admin_client, group):
    switch_to_english(admin_client)
    response = save_changed_name(admin_client, group)
    messages = [text(str(message)) for message in response.context["messages"]]
    assert messages == ["The District group “กลุ่มกรุงธนเหนือ” was changed successfully."]
    assert "เรียบร้อยแล้ว" not in text(response.content.decode())


def test_the_sidebar_filter_and_the_selection_counter_are_thai(admin_client, group):
    html = admin_client.get(reverse("admin:agencies_districtgroup_changelist")).content.decode()
    assert 'placeholder="พิมพ์เพื่อค้นหาเมนู…"' in html
    assert 'aria-label="ค้นหารายการในเมนู"' in html
    assert "Start typing to filter" not in html
    assert "เลือก 0 จาก 1 รายการ" in text(html)
    assert "selected" not in text(html)


def test_the_delete_confirmation_buttons_are_thai(admin_client, group):
    url = reverse("admin:agencies_districtgroup_delete", args=[group.pk])
    html = admin_client.get(url).content.decode()
    assert '<input type="submit" value="ยืนยันการลบ">' in html
    assert "ไม่ลบ กลับไปหน้าก่อน" in html
    assert "I’m sure" not in html and "take me back" not in html

    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert [text(str(message)) for message in response.context["messages"]] == ["ลบกลุ่มเขต “กลุ่มกรุงเทพเหนือ” เรียบร้อยแล้ว"]
    assert not DistrictGroup.objects.filter(pk=group.pk).exists()


def admin_js_catalogue(client):
    response = client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(found.group(1)) if found else {}


def test_the_admin_javascript_catalogue_has_thai_for_the_selection_counter(admin_client):
    catalogue = admin_js_catalogue(admin_client)
    assert catalogue["%(sel)s of %(cnt)s selected"] == ["เลือก %(sel)s จาก %(cnt)s รายการ"]
    # Strings Django's Thai lacks altogether: the two-list selector and the calendar's short month names.
    assert catalogue["Choose all %s"] == "เลือก%sทั้งหมด"
    assert catalogue["abbrev. month January\x04Jan"] == "ม.ค."
    assert catalogue["Filter"] == "ตัวกรอง"  # Django's own Thai still comes through


def test_the_admin_javascript_catalogue_stays_english_in_english(admin_client):
    switch_to_english(admin_client)
    catalogue = admin_js_catalogue(admin_client)
    assert "%(sel)s of %(cnt)s selected" not in catalogue
    assert not any("เลือก" in str(value) for value in catalogue.values())


def test_a_code_with_spaces_or_thai_letters_is_refused_in_thai(admin_client, group):
    """Django's Thai catalogue lacks the slug message: it read "Enter a valid “slug” …" on the Thai admin."""
    url = reverse("admin:agencies_districtgroup_change", args=[group.pk])
    response = admin_client.post(url, {"code": "กลุ่ม เหนือ", "name": group.name, "order": 1, "_save": "1"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"] == [
        "กรุณาใส่รหัสที่มีเฉพาะตัวอักษรภาษาอังกฤษ ตัวเลข ขีดล่าง (_) หรือขีด (-)"
    ]
