"""สยป. keeps the agencies in the admin: a refusal is said in Thai beside the field at fault."""

import pytest
from django.urls import reverse

from agencies.models import Agency, AgencyKind
from tests.factories import AgencyFactory, DistrictGroupFactory

pytestmark = pytest.mark.django_db


def agency_form(agency, **changes):
    data = {"code": agency.code, "abbreviation": agency.abbreviation, "name_th": agency.name_th,
            "name_en": agency.name_en, "kind": agency.kind, "order": agency.order, "is_active": "on"}
    return data | changes


def test_a_district_group_on_a_department_is_refused_beside_the_group(admin_client):
    """The database's rule was the only guard: an English "Constraint … is violated." over the form."""
    department = AgencyFactory(code="SKJ", kind=AgencyKind.DEPARTMENT)
    group = DistrictGroupFactory(code="north", name="กรุงเทพเหนือ")

    url = reverse("admin:agencies_agency_change", args=[department.pk])
    response = admin_client.post(url, agency_form(department, district_group=group.pk))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["district_group"] == ["กลุ่มเขตใช้กับสำนักงานเขตเท่านั้น (หน่วยงานนี้เป็นสำนัก)"]
    assert not form.non_field_errors()
    assert Agency.objects.get(pk=department.pk).district_group is None


def test_an_agency_code_with_an_invisible_character_is_refused_beside_the_code(admin_client):
    """"SKJ" with a zero-width space pasted after it reads as "SKJ" but is another code in addresses and imports."""
    agency = AgencyFactory(code="SKJ", kind=AgencyKind.OFFICE)

    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    response = admin_client.post(url, agency_form(agency, code="SKJ\u200b"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"] == [
        "รหัสมีอักขระที่มองไม่เห็น (มักติดมาจากการคัดลอก) กรุณาพิมพ์รหัสใหม่"
    ]
    assert Agency.objects.get(pk=agency.pk).code == "SKJ"
