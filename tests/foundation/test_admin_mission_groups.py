"""สยป. moves agencies between the new year's mission groups in the admin: one group per agency and year."""

import pytest
from django.urls import reverse

from agencies.models import MissionGroup
from tests.factories import AgencyFactory, FiscalYearFactory, MissionGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups_2568():
    year = FiscalYearFactory(year_be=2568)
    medicine = AgencyFactory(code="MED", name_th="สำนักการแพทย์")
    health = AgencyFactory(code="HEA", name_th="สำนักอนามัย")
    first = MissionGroupFactory(fiscal_year=year, number=1, name="กลุ่มภารกิจด้านการแพทย์", members=[medicine])
    second = MissionGroupFactory(fiscal_year=year, number=2, name="กลุ่มภารกิจด้านคุณภาพชีวิต", members=[health])
    return year, first, second, medicine, health


def group_form(group, members):
    return {"fiscal_year": group.fiscal_year.pk, "number": group.number, "name": group.name,
            "chair_title": group.chair_title, "secretariat": "", "members": [a.pk for a in members]}


def test_an_agency_already_in_another_group_of_the_year_is_refused_beside_the_members(admin_client, groups_2568):
    year, first, second, medicine, health = groups_2568
    change = reverse("admin:agencies_missiongroup_change", args=[second.pk])

    response = admin_client.post(change, group_form(second, [health, medicine]))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["members"] == [
        "สำนักการแพทย์ อยู่ในกลุ่มภารกิจ 1. กลุ่มภารกิจด้านการแพทย์ ของปีงบประมาณ พ.ศ. 2568 แล้ว "
        "หน่วยงานหนึ่งอยู่ได้กลุ่มเดียวต่อปี นำออกจากกลุ่มเดิมก่อน"
    ]
    assert list(second.members.all()) == [health]


def test_the_same_agency_in_the_same_group_of_another_year_is_kept(admin_client, groups_2568):
    year, first, second, medicine, health = groups_2568
    next_year = MissionGroupFactory(fiscal_year=FiscalYearFactory(year_be=2569), number=2, name="กลุ่มภารกิจปีหน้า")

    response = admin_client.post(
        reverse("admin:agencies_missiongroup_change", args=[next_year.pk]), group_form(next_year, [medicine, health])
    )

    assert response.status_code == 302
    assert set(MissionGroup.objects.get(pk=next_year.pk).members.all()) == {medicine, health}


def test_moving_an_agency_out_of_its_old_group_first_is_kept(admin_client, groups_2568):
    year, first, second, medicine, health = groups_2568
    assert admin_client.post(
        reverse("admin:agencies_missiongroup_change", args=[first.pk]), group_form(first, [])
    ).status_code == 302

    response = admin_client.post(
        reverse("admin:agencies_missiongroup_change", args=[second.pk]), group_form(second, [health, medicine])
    )

    assert response.status_code == 302
    assert set(second.members.all()) == {medicine, health}
