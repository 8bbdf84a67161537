"""สยป. gives a person a committee seat for the new year in the admin: which year's group, and why a role is refused."""

import pytest
from django.urls import reverse

from agencies.models import Role, RoleKind
from tests.factories import FiscalYearFactory, MissionGroupFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:agencies_role_add")


@pytest.fixture
def medicine_groups():
    """Group 1 of two years under the same name, as preparing the next year leaves them."""
    name = "กลุ่มภารกิจด้านการแพทย์ การบริหารบุคคล และการตรวจราชการ"
    return {
        year_be: MissionGroupFactory(fiscal_year=FiscalYearFactory(year_be=year_be), number=1, name=name)
        for year_be in (2567, 2568)
    }


def test_the_mission_group_choices_name_their_year_newest_first(admin_client, medicine_groups):
    form = admin_client.get(ADD).context["adminform"].form
    labels = [label for value, label in form.fields["mission_group"].choices if value]

    assert labels == [
        "พ.ศ. 2568: 1. กลุ่มภารกิจด้านการแพทย์ การบริหารบุคคล และการตรวจราชการ",
        "พ.ศ. 2567: 1. กลุ่มภารกิจด้านการแพทย์ การบริหารบุคคล และการตรวจราชการ",
    ]


def test_a_committee_seat_without_a_mission_group_is_refused_beside_the_field_in_thai(admin_client):
    member = UserFactory(username="deputy")

    response = admin_client.post(ADD, {"user": member.pk, "kind": RoleKind.COMMITTEE_MEMBER})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["mission_group"] == [
        "บทบาท “กรรมการเจรจาตกลง” ต้องระบุกลุ่มภารกิจ (ของปีงบประมาณที่เป็นกรรมการ) "
        "สำหรับคณะกรรมการอำนวยการเลือกบทบาท “คณะกรรมการอำนวยการเจรจาตกลง”"
    ]
    assert not form.non_field_errors()  # not the database constraint's name
    assert not Role.objects.filter(user=member).exists()


def test_an_agency_role_without_an_agency_is_refused_beside_the_field_in_thai(admin_client):
    staff = UserFactory(username="new_staff")

    response = admin_client.post(ADD, {"user": staff.pk, "kind": RoleKind.AGENCY_STAFF})

    assert response.context["adminform"].form.errors["agency"] == ["บทบาท “ผู้รับผิดชอบตัวชี้วัด” ต้องระบุหน่วยงาน"]
    assert not Role.objects.filter(user=staff).exists()


def test_a_committee_seat_in_the_new_years_group_is_kept(admin_client, medicine_groups):
    member = UserFactory(username="deputy")

    response = admin_client.post(
        ADD, {"user": member.pk, "kind": RoleKind.COMMITTEE_MEMBER, "mission_group": medicine_groups[2568].pk}
    )

    assert response.status_code == 302
    assert Role.objects.get(user=member).mission_group.fiscal_year.year_be == 2568
