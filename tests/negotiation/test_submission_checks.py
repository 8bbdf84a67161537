"""Each submission check with its Thai message, as a pure function and enforced on the server at submit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators import checks
from indicators.checks import ElementSnap, IndicatorSnap, LevelSnap, PackageSnap, ParticipantSnap
from indicators.models import CommitteeDecision, IndicatorStatus, PackageStatus, RubricLevel
from indicators.services.negotiation import SubmissionBlocked, package_transition
from tests.factories import BasketIndicatorFactory, FocusIssueFactory, IndicatorFactory, JointParticipantFactory

from .conftest import complete_package


def levels(thresholds=(None,) * 5, criteria=("ผ่าน",) * 5):
    return tuple(
        LevelSnap(level, criterion, Decimal(level * 20), None if t is None else Decimal(t))
        for level, t, criterion in zip((5, 4, 3, 2, 1), thresholds, criteria)
    )


def kpi(id=1, element_id=1, weight="10", kind="milestone", direction="higher", **kwargs):
    values = dict(
        id=id, number=id, name=f"ตัวชี้วัด {id}", element_id=element_id, weight=Decimal(weight),
        target_value=Decimal("100"), target_text="ร้อยละ ๑๐๐", rubric_kind=kind, rubric_direction=direction,
        is_joint=False, levels=levels(),
    )
    values.update(kwargs)
    return IndicatorSnap(**values)


ELEMENT = ElementSnap(1, "1", "Function Base", Decimal("20"), 2, 3)


def messages_of(problems):
    return [p.message for p in problems]


# --- pure functions -------------------------------------------------------------------------------


def test_a_complete_package_has_no_problems():
    assert checks.package_problems(PackageSnap(False, (ELEMENT,), (kpi(1), kpi(2)))) == []


def test_element_weights_must_sum_to_the_framework_weight():
    problems = checks.element_problems(PackageSnap(False, (ELEMENT,), (kpi(1), kpi(2, weight="5"))))
    assert messages_of(problems) == ["องค์ประกอบที่ 1: น้ำหนักคะแนนรวม ๑๕ ต้องเท่ากับ ๒๐ คะแนนตามกรอบการประเมิน"]
    assert problems[0].key == ("element", "1")


def test_element_kpi_count_must_fit_the_years_rule():
    too_few = checks.element_problems(PackageSnap(False, (ELEMENT,), (kpi(1, weight="20"),)))
    assert messages_of(too_few) == ["องค์ประกอบที่ 1: มีตัวชี้วัด ๑ ตัว ต้องมีอย่างน้อย ๒ ตัว"]
    many = tuple(kpi(n, weight="5") for n in range(1, 5))
    assert messages_of(checks.element_problems(PackageSnap(False, (ELEMENT,), many))) == [
        "องค์ประกอบที่ 1: มีตัวชี้วัด ๔ ตัว ต้องไม่เกิน ๓ ตัว"
    ]


def test_sub_element_indicators_count_towards_their_element():
    parent = ElementSnap(1, "1", "Performance Base", Decimal("20"), None, None)
    child = ElementSnap(2, "1.2", "Joint KPIs", Decimal("10"), 1, 1, parent_id=1)
    package = PackageSnap(False, (parent, child), (kpi(1), kpi(2, element_id=2)))
    assert checks.element_problems(package) == []


SET_UP_AT_FAULT = (
    "องค์ประกอบที่ 1: องค์ประกอบย่อย (1.1 = ๓๐, 1.2 = ๒๐) รวมกันได้ ๕๐ คะแนน แต่กรอบการประเมินกำหนดองค์ประกอบที่ 1 "
    "ไว้ ๗๐ คะแนน (ขาด ๒๐ คะแนน) หน่วยงานแก้ไม่ได้ด้วยการเพิ่มตัวชี้วัด "
    "ต้องให้สำนักยุทธศาสตร์และประเมินผลแก้การตั้งค่าองค์ประกอบของปีงบประมาณ"
)


def test_sub_elements_short_of_their_element_are_the_years_set_up_at_fault():
    """Indicators go only in 1.1 and 1.2, so element 1 can never reach its 70 points: the agency is told
    that the year's elements must be fixed, not to add indicators it has nowhere to put."""
    parent = ElementSnap(1, "1", "Performance Base", Decimal("70"), None, None)
    first = ElementSnap(2, "1.1", "Function Base", Decimal("30"), None, None, parent_id=1)
    second = ElementSnap(3, "1.2", "Joint KPIs", Decimal("20"), None, None, parent_id=1)
    package = PackageSnap(False, (parent, first, second), (kpi(1, element_id=2, weight="30"), kpi(2, element_id=3, weight="20")))

    problems = checks.element_problems(package)

    assert messages_of(problems) == [SET_UP_AT_FAULT]
    assert problems[0].key == ("element", "1")


NOWHERE_TO_DRAFT = (
    "องค์ประกอบที่ 5: ไม่มีองค์ประกอบย่อยใดเจรจาตกลง (5.1, 5.2) จึงไม่มีที่ให้ใส่ตัวชี้วัดขององค์ประกอบนี้ "
    "แต่กรอบการประเมินกำหนดให้องค์ประกอบที่ 5 เจรจาตกลง หน่วยงานแก้ไม่ได้ด้วยการเพิ่มตัวชี้วัด "
    "ต้องให้สำนักยุทธศาสตร์และประเมินผลแก้การตั้งค่าองค์ประกอบของปีงบประมาณ"
)


def potential_base():
    """Element 5 (20 points, 2 KPIs) left negotiated while its sub-elements are assessed by other offices."""
    parent = ElementSnap(5, "5", "Potential Base", Decimal("20"), 2, None)
    budget = ElementSnap(6, "5.1", "การเบิกจ่ายงบประมาณ", Decimal("10"), None, None, parent_id=5, is_negotiated=False)
    data = ElementSnap(7, "5.2", "ข้อมูล", Decimal("10"), None, None, parent_id=5, is_negotiated=False)
    return parent, budget, data


def test_a_negotiated_element_with_no_negotiated_sub_element_is_the_years_set_up_at_fault():
    """Indicators go only in negotiated sub-elements, so element 5 can hold none: one message naming the
    set-up, instead of a weight and a count the agency has nowhere to put indicators for."""
    parent, budget, data = potential_base()
    package = PackageSnap(False, (ELEMENT, parent), (kpi(1), kpi(2)), not_negotiated=(budget, data))

    problems = checks.element_problems(package)

    assert messages_of(problems) == [NOWHERE_TO_DRAFT]
    assert problems[0].key == ("element", "5")


def test_a_negotiated_sub_element_gives_the_element_its_usual_checks():
    parent, budget, _ = potential_base()
    data = ElementSnap(7, "5.2", "ข้อมูล", None, None, None, parent_id=5)  # drafted in: the agency can fill 5
    package = PackageSnap(False, (ELEMENT, parent, data), (kpi(1), kpi(2)), not_negotiated=(budget,))

    assert messages_of(checks.element_problems(package)) == [
        "องค์ประกอบที่ 5: น้ำหนักคะแนนรวม ๐ ต้องเท่ากับ ๒๐ คะแนนตามกรอบการประเมิน",
        "องค์ประกอบที่ 5: มีตัวชี้วัด ๐ ตัว ต้องมีอย่างน้อย ๒ ตัว",
    ]


def test_an_element_with_no_negotiated_sub_element_passes_when_nothing_is_asked_of_it():
    parent, budget, data = potential_base()
    unasked = ElementSnap(5, "5", "Potential Base", None, None, None)
    package = PackageSnap(False, (ELEMENT, unasked), (kpi(1), kpi(2)), not_negotiated=(budget, data))

    assert checks.element_problems(package) == []


def test_the_set_up_fault_reads_in_english():
    from django.utils import translation

    parent, budget, data = potential_base()
    with translation.override("en"):
        [problem] = checks.element_problems(PackageSnap(False, (parent,), (), not_negotiated=(budget, data)))
    assert problem.message == (
        "Element 5: none of its sub-elements (5.1, 5.2) is negotiated, so there is nowhere to place this element's "
        "indicators, yet the framework sets element 5 as negotiated. Adding indicators cannot fix this: the Strategy "
        "and Evaluation Department must correct the year's elements."
    )


def test_every_indicator_needs_exactly_five_rubric_levels():
    problems = checks.rubric_problems(kpi(levels=levels()[:4]))
    assert messages_of(problems) == ["เกณฑ์การให้คะแนนต้องมีครบ ๕ ระดับ (ระดับ ๕ ถึง ๑) ขณะนี้มี ๔ ระดับ"]
    assert problems[0].key == ("indicator", 1, "rubric")


def test_every_rubric_level_needs_a_criterion():
    problems = checks.rubric_problems(kpi(levels=levels(criteria=("ผ่าน", "ผ่าน", " ", "ผ่าน", "ผ่าน"))))
    assert messages_of(problems) == ["ระดับ ๓: ต้องระบุเกณฑ์/ผลการดำเนินงาน"]


def test_every_indicator_needs_a_target_and_a_weight():
    problems = checks.target_problems(kpi(target_value=None, target_text="", weight="0"))
    assert messages_of(problems) == ["ต้องระบุค่าเป้าหมาย", "ต้องระบุน้ำหนักคะแนนมากกว่า ๐"]


@pytest.mark.parametrize(
    "direction, thresholds, message",
    [
        ("higher", (95, 90, 85, 80, 75), None),
        ("higher", (95, 90, 92, 80, None),
         "ค่าเกณฑ์ระดับ ๔ (๙๐) ต้องมากกว่าระดับ ๓ (๙๒) เพราะเกณฑ์เป็นแบบยิ่งมากยิ่งดี"),
        ("lower", (80, 90, 100, 110, 120), None),
        ("lower", (95, 90, 85, 80, 75),
         "ค่าเกณฑ์ระดับ ๕ (๙๕) ต้องน้อยกว่าระดับ ๔ (๙๐) เพราะเกณฑ์เป็นแบบยิ่งน้อยยิ่งดี"),
        ("higher", (95, None, 85, 80, None), "เกณฑ์แบบตัวเลขต้องระบุค่าเกณฑ์ของระดับ ๔"),
    ],
)
def test_numeric_thresholds_run_in_one_direction(direction, thresholds, message):
    problems = checks.threshold_problems(kpi(kind="numeric", direction=direction, levels=levels(thresholds)))
    assert messages_of(problems) == ([message] if message else [])


def test_milestone_rubrics_have_no_thresholds_to_check():
    assert checks.threshold_problems(kpi(kind="milestone", levels=levels((1, 2, 3, 4, 5)))) == []


def test_a_joint_kpi_names_two_agencies_with_duties():
    one = kpi(is_joint=True, participants=(ParticipantSnap(1, "เจ้าภาพ"),))
    assert messages_of(checks.joint_problems(one)) == ["ตัวชี้วัดบูรณาการต้องระบุหน่วยงานร่วมอย่างน้อย ๒ หน่วยงาน"]
    no_duty = kpi(is_joint=True, participants=(ParticipantSnap(1, "เจ้าภาพ"), ParticipantSnap(2, "")))
    assert messages_of(checks.joint_problems(no_duty)) == ["ต้องระบุภารกิจของหน่วยงานร่วมทุกหน่วยงาน"]
    two = kpi(is_joint=True, participants=(ParticipantSnap(1, "เจ้าภาพ"), ParticipantSnap(2, "สนับสนุน")))
    assert checks.joint_problems(two) == []


def test_districts_carry_the_common_district_kpis():
    common = checks.BasketSnap(7, "ร้อยละของถนนที่ได้รับการปรับปรุง")
    package = PackageSnap(True, (), (kpi(1),), common_district_kpis=(common,))
    assert messages_of(checks.district_problems(package)) == [
        "สำนักงานเขตต้องมีตัวชี้วัดร่วมของทุกเขต: “ร้อยละของถนนที่ได้รับการปรับปรุง”"
    ]
    carried = PackageSnap(True, (), (kpi(1, basket_indicator_id=7),), common_district_kpis=(common,))
    assert checks.district_problems(carried) == []
    assert checks.district_problems(PackageSnap(False, (), (kpi(1),), common_district_kpis=(common,))) == []


# --- enforced on the server -----------------------------------------------------------------------


@pytest.mark.django_db
def test_submit_is_refused_while_a_check_fails_and_nothing_changes(client, world):
    package, indicators = complete_package(world)
    RubricLevel.objects.filter(indicator=indicators[1], level=1).delete()
    client.force_login(world.head)
    response = client.post(reverse("indicators:package_transition", args=[2567, "OWN", "submit"]))
    assert response.status_code == 422
    page = response.content.decode()
    row = page[page.index(f'id="indicator-{indicators[1].pk}"'):]
    row = row[: row.index("</tr>")]
    assert "เกณฑ์การให้คะแนนต้องมีครบ ๕ ระดับ (ระดับ ๕ ถึง ๑) ขณะนี้มี ๔ ระดับ" in row
    assert "ยังส่งไม่ได้" in page
    package.refresh_from_db()
    assert package.status == PackageStatus.DRAFT
    assert not CommitteeDecision.objects.exists()
    assert RubricLevel.objects.filter(indicator=indicators[0]).count() == 5  # nothing else touched


@pytest.mark.django_db
def test_the_element_message_sits_under_its_heading(client, world):
    package, indicators = complete_package(world)
    indicators[0].weight = Decimal("4")
    indicators[0].save()
    client.force_login(world.head)
    page = client.post(reverse("indicators:package_transition", args=[2567, "OWN", "submit"])).content.decode()
    section = page[page.index('id="element-1"'):]
    section = section[: section.index("<table")]
    assert "องค์ประกอบที่ 1: น้ำหนักคะแนนรวม ๑๔ ต้องเท่ากับ ๒๐ คะแนนตามกรอบการประเมิน" in section


@pytest.mark.django_db
def test_the_package_page_says_the_years_elements_are_at_fault(client, world):
    from tests.factories import AgencyPackageFactory, CompositionElementFactory

    world.element.weight = Decimal("70")
    world.element.save()
    first = CompositionElementFactory(fiscal_year=world.year, code="1.1", parent=world.element, weight=Decimal("30"))
    second = CompositionElementFactory(fiscal_year=world.year, code="1.2", parent=world.element, weight=Decimal("20"))
    AgencyPackageFactory(fiscal_year=world.year, agency=world.own)
    for number, (element, weight) in enumerate(((first, 30), (second, 20)), 1):
        IndicatorFactory(fiscal_year=world.year, agency=world.own, element=element, weight=Decimal(weight), number=number)
    client.force_login(world.head)

    response = client.post(reverse("indicators:package_transition", args=[2567, "OWN", "submit"]))

    assert response.status_code == 422
    page = response.content.decode()
    section = page[page.index('id="element-1"'):]
    assert SET_UP_AT_FAULT in section[: section.index('id="element-1.1"')]
    assert "ต้องเท่ากับ ๗๐ คะแนน" not in page


def add_potential_base(world):
    """Element 5 as in FY2566 (20 points, 2 KPIs, assessed by สงม. and สยป.), split into sub-elements
    that are not negotiated while element 5 itself was left negotiated."""
    from tests.factories import CompositionElementFactory

    parent = CompositionElementFactory(
        fiscal_year=world.year, code="5", name="Potential Base", weight=Decimal("20"), min_indicators=2, order=5
    )
    for code in ("5.1", "5.2"):
        CompositionElementFactory(fiscal_year=world.year, code=code, parent=parent, weight=Decimal("10"),
                                  is_negotiated=False, order=5)  # fmt: skip
    return parent


@pytest.mark.django_db
def test_the_agency_is_told_the_years_set_up_leaves_an_element_nowhere_to_draft(client, world):
    complete_package(world)
    add_potential_base(world)
    client.force_login(world.head)

    response = client.post(reverse("indicators:package_transition", args=[2567, "OWN", "submit"]))

    assert response.status_code == 422
    page = response.content.decode()
    section = page[page.index('id="element-5"'):]
    assert NOWHERE_TO_DRAFT in section[: section.index('id="element-5.1"')]
    assert "องค์ประกอบที่ 5: น้ำหนักคะแนนรวม" not in page
    assert "องค์ประกอบที่ 5: มีตัวชี้วัด" not in page
    # and element 5 is not offered in the indicator form: the message is why
    form = client.get(reverse("indicators:indicator_create", args=[2567, "OWN"])).content.decode()
    assert "Potential Base" not in form


@pytest.mark.django_db
def test_the_committee_sees_the_same_set_up_fault_on_a_sent_package(client, world):
    complete_package(world, status=PackageStatus.SUBMITTED)
    add_potential_base(world)  # the year's elements changed after the agency sent its package
    client.force_login(world.committee)

    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()

    assert NOWHERE_TO_DRAFT in page


@pytest.mark.django_db
def test_a_district_cannot_submit_without_the_common_kpi(world):
    basket = BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), is_common_district=True,
                                    name="ร้อยละของคลองที่ได้รับการปรับภูมิทัศน์")
    package, indicators = complete_package(world, agency=world.district, count=1)
    indicators[0].element = world.district_element
    indicators[0].weight = Decimal("10")
    indicators[0].save()
    with pytest.raises(SubmissionBlocked) as blocked:
        package_transition(actor=_district_head(world), package=package, action="submit")
    assert [p.message for p in blocked.value.problems] == [
        "สำนักงานเขตต้องมีตัวชี้วัดร่วมของทุกเขต: “ร้อยละของคลองที่ได้รับการปรับภูมิทัศน์”"
    ]
    indicators[0].basket_indicator = basket
    indicators[0].save()
    assert package_transition(actor=_district_head(world), package=package, action="submit").status == "submitted"


@pytest.mark.django_db
def test_replaced_indicators_do_not_count(world):
    package, indicators = complete_package(world)
    IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element, weight=Decimal("10"),
                     status=IndicatorStatus.REPLACED, rubric=False)
    assert package_transition(actor=world.head, package=package, action="submit").status == "submitted"


@pytest.mark.django_db
def test_a_joint_indicator_is_checked_from_the_database(world):
    package, indicators = complete_package(world)
    JointParticipantFactory(indicator=indicators[0], agency=world.own)
    with pytest.raises(SubmissionBlocked) as blocked:
        package_transition(actor=world.head, package=package, action="submit")
    assert [p.key for p in blocked.value.problems] == [("indicator", indicators[0].pk, "participants")]


def _district_head(world):
    from agencies.models import RoleKind
    from tests.factories import RoleFactory

    return RoleFactory(kind=RoleKind.AGENCY_HEAD, agency=world.district).user


# FY2566 (seed guideline 1.2 and agenda 4.2): element 1 Function Base 50 points, element 2 Agenda Base
# 20 points; 17 agencies whose work fits no executive-policy issue put their element-2 KPIs into element 1.
FUNCTION = ElementSnap(1, "1", "Function Base", Decimal("50"), 3, 5)
AGENDA = ElementSnap(2, "2", "Agenda Base", Decimal("20"), 0, 2)
AREA = ElementSnap(3, "3", "Area Base", Decimal("50"), 3, 3)


def test_an_agency_without_agenda_kpis_carries_their_points_in_element_one():
    moved = tuple(kpi(n, weight="20" if n < 3 else "10", element_id=1) for n in range(1, 6))  # 20+20+10+10+10 = 70
    assert checks.element_problems(PackageSnap(False, (FUNCTION, AGENDA), moved)) == []
    short = tuple(kpi(n, weight="10", element_id=1) for n in range(1, 6))  # 50: element 2's 20 points are missing
    assert messages_of(checks.element_problems(PackageSnap(False, (FUNCTION, AGENDA), short))) == [
        "องค์ประกอบที่ 1: น้ำหนักคะแนนรวม ๕๐ ต้องเท่ากับ ๗๐ คะแนนตามกรอบการประเมิน"
    ]


def test_an_agency_with_agenda_kpis_keeps_each_elements_weight():
    split = (kpi(1, weight="20"), kpi(2, weight="20"), kpi(3, weight="10"), kpi(4, element_id=2, weight="20"))
    assert checks.element_problems(PackageSnap(False, (FUNCTION, AGENDA), split)) == []
    lopsided = (kpi(1, weight="30"), kpi(2, weight="20"), kpi(3, weight="10"), kpi(4, element_id=2, weight="10"))
    assert messages_of(checks.element_problems(PackageSnap(False, (FUNCTION, AGENDA), lopsided))) == [
        "องค์ประกอบที่ 1: น้ำหนักคะแนนรวม ๖๐ ต้องเท่ากับ ๕๐ คะแนนตามกรอบการประเมิน",
        "องค์ประกอบที่ 2: น้ำหนักคะแนนรวม ๑๐ ต้องเท่ากับ ๒๐ คะแนนตามกรอบการประเมิน",
    ]


def test_a_district_office_never_moves_its_agenda_points():
    area = tuple(kpi(n, element_id=3, weight=w) for n, w in ((1, "20"), (2, "20"), (3, "30")))
    problems = messages_of(checks.element_problems(PackageSnap(True, (AGENDA, AREA), area)))
    assert "องค์ประกอบที่ 2: น้ำหนักคะแนนรวม ๐ ต้องเท่ากับ ๒๐ คะแนนตามกรอบการประเมิน" in problems
