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


# --- sub-elements that do not cover their parent: a warning for the whole year ------------------------


def test_uncovered_elements_are_parents_whose_weighted_sub_elements_fall_short():
    from decimal import Decimal

    from indicators.checks import ElementSnap
    from indicators.framework_checks import shortfall_warning, uncovered_elements

    def element(id, code, weight, parent_id=None):
        return ElementSnap(id, code, "", None if weight is None else Decimal(weight), None, None, parent_id)

    short = (element(1, "1", "70"), element(2, "1.1", "30", 1), element(3, "1.2", "20", 1))
    covered = (element(4, "2", "30"), element(5, "2.1", "30", 4))
    unweighted = (element(6, "3", "10"), element(7, "3.1", "5", 6), element(8, "3.2", None, 6))

    shortfalls = uncovered_elements(short + covered + unweighted + (element(9, "4", "5"),))

    assert [(s.code, s.missing) for s in shortfalls] == [("1", Decimal("20"))]
    assert shortfall_warning(shortfalls[0]) == (
        "องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 50 คะแนน (1.1 = 30, 1.2 = 20) น้อยกว่าน้ำหนักขององค์ประกอบที่ 1 "
        "ซึ่งมี 70 คะแนน ขาดอีก 20 คะแนน หน่วยงานที่ใช้องค์ประกอบนี้จะส่งชุดตัวชี้วัดไม่ได้จนกว่าจะแก้น้ำหนักขององค์ประกอบ"
        "หรือองค์ประกอบย่อย"
    )


SHORT_BY_20 = (
    "ปีงบประมาณ พ.ศ. 2568: องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 50 คะแนน (1.1 = 30, 1.2 = 20) "
    "น้อยกว่าน้ำหนักขององค์ประกอบที่ 1 ซึ่งมี 70 คะแนน ขาดอีก 20 คะแนน"
)


def warnings_on(response):
    return [str(m) for m in response.context["messages"]]


def test_the_years_page_and_the_element_list_warn_of_a_parent_its_sub_elements_leave_short(
    admin_client, performance_base
):
    year = performance_base.fiscal_year
    pages = [
        reverse("admin:indicators_fiscalyear_change", args=[year.pk]),
        reverse("admin:indicators_compositionelement_changelist"),
        reverse("admin:indicators_compositionelement_changelist") + f"?fiscal_year__id__exact={year.pk}",
    ]

    for page in pages:
        response = admin_client.get(page)

        assert response.status_code == 200
        assert [w for w in warnings_on(response) if w.startswith(SHORT_BY_20)], page
        assert SHORT_BY_20 in response.content.decode()


def test_no_warning_once_the_sub_elements_cover_their_parent(admin_client, performance_base):
    CompositionElementFactory(fiscal_year=performance_base.fiscal_year, code="1.3", parent=performance_base, weight=20)

    response = admin_client.get(reverse("admin:indicators_fiscalyear_change", args=[performance_base.fiscal_year.pk]))

    assert warnings_on(response) == []


def test_an_unweighted_sub_element_leaves_room_and_no_warning(admin_client, performance_base):
    CompositionElementFactory(fiscal_year=performance_base.fiscal_year, code="1.3", parent=performance_base, weight=None)

    response = admin_client.get(reverse("admin:indicators_compositionelement_changelist"))

    assert warnings_on(response) == []


def test_a_shortfall_only_district_offices_meet_is_labelled_with_them(admin_client, performance_base):
    year = performance_base.fiscal_year
    CompositionElementFactory(fiscal_year=year, code="1.3", parent=performance_base, weight=20, applies_to="non_district")

    response = admin_client.get(reverse("admin:indicators_fiscalyear_change", args=[year.pk]))

    [warning] = warnings_on(response)
    assert warning.startswith(
        "ปีงบประมาณ พ.ศ. 2568: เฉพาะสำนักงานเขต: องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 50 คะแนน"
    )


def test_another_years_element_list_does_not_warn_of_this_year(admin_client, performance_base):
    other = FiscalYearFactory(year_be=2569)

    response = admin_client.get(reverse("admin:indicators_compositionelement_changelist") + f"?fiscal_year__id__exact={other.pk}")

    assert warnings_on(response) == []


# --- a negotiated element none of whose sub-elements is negotiated ---------------------------------

NOWHERE_TO_DRAFT = (
    "ปีงบประมาณ พ.ศ. 2568: องค์ประกอบที่ 5 ตั้งเป็นแบบเจรจาตกลง แต่ไม่มีองค์ประกอบย่อยใดเจรจาตกลง (5.1, 5.2) "
    "หน่วยงานจึงใส่ตัวชี้วัดในองค์ประกอบที่ 5 ไม่ได้ (ตัวชี้วัดใส่ได้เฉพาะในองค์ประกอบย่อยที่เจรจาตกลง) "
    "ชุดตัวชี้วัดที่ต้องมีน้ำหนักคะแนนหรือตัวชี้วัดในองค์ประกอบนี้จะส่งไม่ได้ จนกว่าจะตั้งองค์ประกอบย่อยที่หน่วยงาน"
    "จัดทำตัวชี้วัดให้เจรจาตกลง หรือตั้งองค์ประกอบที่ 5 ให้ไม่เจรจาตกลง"
)


@pytest.fixture
def potential_base():
    """FY2566's element 5 (20 points) split into sub-elements other offices assess, itself left negotiated."""
    year = FiscalYearFactory(year_be=2568)
    parent = CompositionElementFactory(fiscal_year=year, code="5", name="Potential Base", weight=20)
    for code in ("5.1", "5.2"):
        CompositionElementFactory(fiscal_year=year, code=code, parent=parent, weight=10, is_negotiated=False)
    return parent


def test_the_years_page_and_the_element_list_warn_of_a_negotiated_element_with_nowhere_to_draft(
    admin_client, potential_base
):
    year = potential_base.fiscal_year
    for page in (
        reverse("admin:indicators_fiscalyear_change", args=[year.pk]),
        reverse("admin:indicators_compositionelement_changelist") + f"?fiscal_year__id__exact={year.pk}",
    ):
        response = admin_client.get(page)

        assert warnings_on(response) == [NOWHERE_TO_DRAFT], page
        assert NOWHERE_TO_DRAFT in response.content.decode()


@pytest.mark.parametrize("fix", ["negotiate a sub-element", "stop negotiating the element"])
def test_no_warning_once_the_element_or_a_sub_element_is_marked_the_right_way(admin_client, potential_base, fix):
    if fix == "negotiate a sub-element":
        CompositionElement.objects.filter(code="5.2").update(is_negotiated=True, weight=None)
    else:
        CompositionElement.objects.filter(pk=potential_base.pk).update(is_negotiated=False)

    response = admin_client.get(reverse("admin:indicators_fiscalyear_change", args=[potential_base.fiscal_year.pk]))

    assert warnings_on(response) == []


def test_an_element_only_district_offices_cannot_draft_in_is_labelled_with_them(admin_client, potential_base):
    CompositionElementFactory(fiscal_year=potential_base.fiscal_year, code="5.3", parent=potential_base, weight=None,
                              applies_to="non_district")  # fmt: skip

    response = admin_client.get(reverse("admin:indicators_fiscalyear_change", args=[potential_base.fiscal_year.pk]))

    assert warnings_on(response) == [
        NOWHERE_TO_DRAFT.replace("ปีงบประมาณ พ.ศ. 2568: ", "ปีงบประมาณ พ.ศ. 2568: เฉพาะสำนักงานเขต: ")
    ]


def test_the_years_page_warns_of_sub_elements_saved_heavier_than_their_parent(admin_client, performance_base):
    # loaded or typed before a row's save checked it: the year's copy and every package would fail on it
    CompositionElement.objects.filter(code="1.1").update(weight=60)

    response = admin_client.get(reverse("admin:indicators_fiscalyear_change", args=[performance_base.fiscal_year.pk]))

    assert warnings_on(response) == [
        "ปีงบประมาณ พ.ศ. 2568: องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 80 คะแนน (1.1 = 60, 1.2 = 20) "
        "น้ำหนักขององค์ประกอบที่ 1 จึงต้องไม่น้อยกว่า 80 คะแนน"
    ]


@pytest.mark.parametrize("weight", ["0", "-5"])
def test_a_weight_of_zero_or_less_is_refused_in_thai_beside_the_weight(admin_client, two_years, weight):
    """The database's rule was the only guard: an English "Constraint … is violated." over the form."""
    this, this_parent, _, _ = two_years

    response = admin_client.post(ADD, element_form(this, this_parent) | {"weight": weight})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["weight"] == ["น้ำหนักคะแนนต้องมากกว่า ๐"]
    assert not form.non_field_errors()
    assert not CompositionElement.objects.filter(code="1.1").exists()


def test_a_maximum_below_the_minimum_count_is_refused_in_thai_beside_the_maximum(admin_client, two_years):
    """The database's rule was the only guard: an English "Constraint … is violated." over the form."""
    this, this_parent, _, _ = two_years
    data = element_form(this, this_parent) | {"min_indicators": "3", "max_indicators": "2"}

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["max_indicators"] == ["จำนวนตัวชี้วัดสูงสุด (2) ต้องไม่น้อยกว่าจำนวนขั้นต่ำ (3)"]
    assert not form.non_field_errors()
    assert not CompositionElement.objects.filter(code="1.1").exists()


@pytest.mark.parametrize("url", ["admin:indicators_compositionelement_changelist", "admin:indicators_fiscalyear_changelist"])
def test_a_year_filter_of_superscript_digits_is_no_server_error(admin_client, two_years, url):
    # "²".isdigit() is True but int("²") raises: the set-up warnings read the filter before the admin did.
    assert admin_client.get(reverse(url), {"fiscal_year__id__exact": "²"}).status_code != 500
    assert admin_client.get(reverse("admin:indicators_fiscalyear_change", args=["²"])).status_code != 500


def test_an_element_code_with_superscript_digits_still_sorts_for_the_scorecard():
    from kpi_portal.lib.numbers import is_whole_number
    from scoring.services import _code_key

    assert not is_whole_number("²") and is_whole_number("12")
    assert sorted(["1.²", "1.10", "1.2"], key=_code_key) == ["1.2", "1.10", "1.²"]
