"""สยป. sets up a year's composition elements in the admin: a sub-element's parent is of the same year."""

import pytest
from django.urls import reverse

from indicators.models import CompositionElement
from tests.factories import CompositionElementFactory, FiscalYearFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:indicators_compositionelement_add")


@pytest.fixture
def two_years():
    this, last = FiscalYearFactory(year_be=2568), FiscalYearFactory(year_be=2567)
    name = "ประสิทธิภาพในการดำเนินงานตามภารกิจหลัก"
    return (
        this, CompositionElementFactory(fiscal_year=this, code="1", name=name, name_en=""),
        last, CompositionElementFactory(fiscal_year=last, code="1", name=name, name_en=""),
    )


def element_form(fiscal_year, parent):
    return {"fiscal_year": fiscal_year.pk, "parent": parent.pk, "code": "1.1", "name": "ตัวชี้วัดตามภารกิจหลัก",
            "weight": "30", "applies_to": "all", "is_negotiated": "on", "order": "1"}


def test_a_parent_from_another_year_is_refused_beside_the_field(admin_client, two_years):
    this, _, last, last_parent = two_years

    response = admin_client.post(ADD, element_form(this, last_parent))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "องค์ประกอบหลักต้องเป็นของปีงบประมาณเดียวกัน (พ.ศ. 2568) แต่ที่เลือกเป็นของ พ.ศ. 2567"
    ]
    assert not CompositionElement.objects.filter(code="1.1").exists()


def test_a_parent_of_the_same_year_is_kept(admin_client, two_years):
    this, this_parent, _, _ = two_years

    response = admin_client.post(ADD, element_form(this, this_parent))

    assert response.status_code == 302
    assert CompositionElement.objects.get(code="1.1").parent == this_parent


def test_the_parent_choices_name_their_year(admin_client, two_years):
    _, this_parent, _, last_parent = two_years

    response = admin_client.get(ADD)
    form = response.context["adminform"].form
    labels = dict((value.value, label) for value, label in form.fields["parent"].choices if value)

    assert labels[this_parent.pk] == "พ.ศ. 2568: องค์ประกอบที่ 1 ประสิทธิภาพในการดำเนินงานตามภารกิจหลัก"
    assert labels[last_parent.pk] == "พ.ศ. 2567: องค์ประกอบที่ 1 ประสิทธิภาพในการดำเนินงานตามภารกิจหลัก"
    assert "พ.ศ. 2567: องค์ประกอบที่ 1" in response.content.decode()  # what the dropdown shows


@pytest.fixture
def performance_base():
    """FY2567's element 1 (70 points) with two of its sub-elements weighed: 30 and 20."""
    year = FiscalYearFactory(year_be=2568)
    parent = CompositionElementFactory(fiscal_year=year, code="1", name="Performance Base", weight=70)
    CompositionElementFactory(fiscal_year=year, code="1.1", parent=parent, weight=30)
    CompositionElementFactory(fiscal_year=year, code="1.2", parent=parent, weight=20)
    return parent


def sub_element_form(parent, weight):
    return element_form(parent.fiscal_year, parent) | {"code": "1.3", "weight": weight, "order": "3"}


def test_sub_elements_outweighing_their_parent_are_refused_beside_the_weight(admin_client, performance_base):
    response = admin_client.post(ADD, sub_element_form(performance_base, "30"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["weight"] == [
        "องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 80 คะแนน (1.1 = 30, 1.2 = 20, 1.3 = 30) "
        "เกินน้ำหนักขององค์ประกอบที่ 1 ซึ่งมี 70 คะแนน ใส่ได้ไม่เกิน 20 คะแนน"
    ]
    assert not CompositionElement.objects.filter(code="1.3").exists()


def test_sub_elements_adding_up_to_their_parent_are_kept(admin_client, performance_base):
    response = admin_client.post(ADD, sub_element_form(performance_base, "20"))

    assert response.status_code == 302
    assert CompositionElement.objects.get(code="1.3").weight == 20


def test_a_parent_cut_below_its_sub_elements_is_refused_and_keeps_its_weight(admin_client, performance_base):
    change = reverse("admin:indicators_compositionelement_change", args=[performance_base.pk])
    form = {"fiscal_year": performance_base.fiscal_year.pk, "code": "1", "name": "Performance Base",
            "weight": "40", "applies_to": "all", "is_negotiated": "on", "order": "1"}

    response = admin_client.post(change, form)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["weight"] == [
        "องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 50 คะแนน (1.1 = 30, 1.2 = 20) "
        "น้ำหนักขององค์ประกอบที่ 1 จึงต้องไม่น้อยกว่า 50 คะแนน"
    ]
    performance_base.refresh_from_db()
    assert performance_base.weight == 70
