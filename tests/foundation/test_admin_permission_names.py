"""สยป. grants permissions in the admin: each named in the reader's language, not "Can add ตัวชี้วัด"."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from agencies.admin_accounts import permission_label

pytestmark = pytest.mark.django_db


def _labels(admin_client, url, field):
    form = admin_client.get(url).context["adminform"].form
    return {label for _, label in form.fields[field].choices}


def _english(admin_client):
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_group_permissions_read_in_thai(admin_client):
    labels = _labels(admin_client, reverse("admin:auth_group_add"), "permissions")

    assert "ตัวชี้วัดและผลการดำเนินงาน | ตัวชี้วัด | เพิ่ม" in labels
    assert "ตัวชี้วัดและผลการดำเนินงาน | รายงานผลรายไตรมาส | แก้ไข" in labels
    assert not [label for label in labels if "Can " in label]


def test_user_permissions_read_in_english_for_an_english_reader(admin_client, admin_user):
    _english(admin_client)
    labels = _labels(admin_client, reverse("admin:auth_user_change", args=[admin_user.pk]), "user_permissions")

    assert "Indicators and results | Indicator | Add" in labels
    assert "Authentication and Authorization | user | Delete" in labels
    assert not [label for label in labels if "Can " in label]


def test_the_choice_list_reads_the_content_types_with_the_permissions(admin_client, django_assert_max_num_queries):
    Group.objects.create(name="สยป.")
    with django_assert_max_num_queries(12):  # not one query per permission (there are a few hundred)
        admin_client.get(reverse("admin:auth_group_change", args=[Group.objects.get().pk]))
    assert Permission.objects.count() > 100


def test_a_permission_whose_model_is_gone_keeps_its_stored_name():
    from django.contrib.contenttypes.models import ContentType

    gone = ContentType.objects.create(app_label="indicators", model="retiredthing")
    permission = Permission.objects.create(content_type=gone, codename="add_retiredthing", name="Can add retired thing")

    assert permission_label(permission) == str(permission)


def test_the_saved_permissions_are_the_ones_ticked(admin_client):
    add_indicator = Permission.objects.get(codename="add_indicator")
    response = admin_client.post(reverse("admin:auth_group_add"), {"name": "ผู้นำเข้า", "permissions": [add_indicator.pk]})

    assert response.status_code == 302
    assert list(Group.objects.get(name="ผู้นำเข้า").permissions.all()) == [add_indicator]
