"""Numbers written in rubric texts and targets: a level whose text names another number than its threshold
is pointed out (never refused), and the indicator page prints its target once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, PackageStatus, RubricLevel
from indicators.rubric_text import find_numbers, rubric_warnings, target_suffix, target_warning, threshold_warning

from .conftest import complete_package, indicator_post

MISMATCH = "ระดับ ๔: ข้อความเกณฑ์ระบุ ๘๕ แต่ค่าเกณฑ์คือ ๙๐"


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("ร้อยละ ๘๐ ขึ้นไป", [80]),
        ("ร้อยละ๘๐", [80]),  # no space, as often typed
        ("ร้อยละ 80-89", [80, 89]),  # a range, not a negative number
        ("ร้อยละ ๑๐๐ (๓๖๐ ห้อง)", [100, 360]),
        ("1,390 ห้อง", [1390]),
        ("ร้อยละ ๙๕.๕", [Decimal("95.5")]),
        ("ภายใน พ.ศ. ๒๕๖๗ ระดับ ๕ ร้อยละ 90", [90]),  # a year and a level number are not quantities
        ("ตามนโยบาย P058", []),
        ("ดำเนินการครบทุกขั้นตอน", []),
        (None, []),
    ],
)
def test_it_finds_the_numbers_in_thai_or_arabic_digits(text, numbers):
    assert find_numbers(text) == [Decimal(n) for n in numbers]


def test_it_warns_only_when_the_text_names_numbers_and_none_is_the_threshold():
    assert threshold_warning(4, "ร้อยละ ๘๕", Decimal("90")).startswith(MISMATCH)
    assert threshold_warning(4, "ร้อยละ 90 ขึ้นไป", Decimal("90.0000")) is None
    assert threshold_warning(4, "ร้อยละ ๘๐-๘๙", Decimal("80")) is None
    assert threshold_warning(4, "ดำเนินการครบทุกขั้นตอน", Decimal("90")) is None  # nothing to compare
    # "More than 79.99" is how forms write "80 and up" at two decimals; one step under is no mismatch,
    # two steps under, or a whole number under, still is.
    assert threshold_warning(4, "มากกว่าร้อยละ ๗๙.๙๙", Decimal("80")) is None
    assert threshold_warning(4, "มากกว่า 79.9", Decimal("80.0000")) is None
    assert threshold_warning(4, "มากกว่า 79.98", Decimal("80")).startswith("ระดับ ๔: ข้อความเกณฑ์ระบุ")
    assert threshold_warning(4, "มากกว่า 79", Decimal("80")).startswith("ระดับ ๔: ข้อความเกณฑ์ระบุ")
    assert threshold_warning(4, "มากกว่า 80.01", Decimal("80")).startswith("ระดับ ๔: ข้อความเกณฑ์ระบุ")
    assert threshold_warning(4, "ร้อยละ ๘๕", None) is None  # a milestone level has no threshold
    levels = [{"level": 5, "criterion": "ร้อยละ ๙๕", "threshold": Decimal("95")},
              {"level": 4, "criterion": "ร้อยละ ๘๕", "threshold": Decimal("90")}]
    assert list(rubric_warnings(levels)) == [4]


def test_the_target_value_is_printed_only_when_the_text_does_not_already_say_it():
    assert target_suffix("ร้อยละ ๑๐๐ (๓๖๐ ห้อง)", Decimal("360.0000"), "ห้อง") == ""
    assert target_suffix("ร้อยละ ๑๐๐", Decimal("100"), "ร้อยละ") == ""
    assert target_suffix("ครบทุกห้อง", Decimal("360"), "ห้อง") == "(360 ห้อง)"
    assert target_suffix("", Decimal("1390"), "") == "(1,390)"
    assert target_suffix("ร้อยละ ๑๐๐", None, "ร้อยละ") == ""


def test_a_target_text_counting_another_number_of_the_target_unit_is_pointed_out():
    assert target_warning("ร้อยละ ๑๐๐ (๔๐๐ ห้อง)", Decimal("360"), "ห้อง") == (
        "ค่าเป้าหมาย: ข้อความระบุ ๔๐๐ ห้อง แต่ค่าเป้าหมายคือ ๓๖๐ ห้อง โปรดตรวจว่าตรงกัน (บันทึกได้ตามปกติ)"
    )
    assert target_warning("ร้อยละ ๑๐๐ (๓๖๐ ห้อง)", Decimal("360.0000"), "ห้อง") is None
    assert target_warning("ร้อยละ ๑๐๐", Decimal("360"), "ห้อง") is None  # a percentage is not a count of rooms
    assert target_warning("ไม่น้อยกว่า 1,390ห้อง", Decimal("1390"), "ห้อง") is None
    assert target_warning("ร้อยละ ๙๐", Decimal("100"), "ร้อยละ") is None  # "ร้อยละ" comes before the number
    assert target_warning("๔๐๐ ห้อง", None, "ห้อง") is None and target_warning("๔๐๐ ห้อง", Decimal("360"), "") is None


@pytest.mark.django_db
def test_the_drafting_form_tells_of_a_target_text_that_disagrees_and_still_saves(client, world):
    client.force_login(world.staff)
    create = reverse("indicators:indicator_create", args=[world.year.year_be, world.own.code])
    data = indicator_post(world, target_text="ซ่อมให้ได้ ๔๐๐ ห้อง", target_value="360", target_unit="ห้อง")

    response = client.post(create, data, follow=True)

    assert Indicator.objects.get().target_text == "ซ่อมให้ได้ ๔๐๐ ห้อง"
    assert "ข้อความระบุ ๔๐๐ ห้อง แต่ค่าเป้าหมายคือ ๓๖๐ ห้อง" in response.content.decode()


@pytest.mark.django_db
def test_the_drafting_form_warns_beside_the_level_and_still_saves(client, world):
    client.force_login(world.staff)
    create = reverse("indicators:indicator_create", args=[world.year.year_be, world.own.code])
    data = indicator_post(world, **{"levels-1-criterion": "ร้อยละ ๘๕ ขึ้นไป"})  # level 4, threshold 90
    response = client.post(create, data, follow=True)
    indicator = Indicator.objects.get()
    assert RubricLevel.objects.get(indicator=indicator, level=4).criterion == "ร้อยละ ๘๕ ขึ้นไป"
    assert MISMATCH in response.content.decode()  # told after the save
    page = client.get(reverse("indicators:indicator_edit", args=[indicator.pk])).content.decode()
    rubric = page[page.index('id="rows-levels"'):]
    rubric = rubric[: rubric.index("</fieldset>")]
    assert rubric.count("number-warning") == 1
    level_4 = rubric[rubric.index("ร้อยละ ๘๕ ขึ้นไป"):]
    assert level_4[: level_4.index("</td>")].count(MISMATCH) == 1  # in level 4's own cell


@pytest.mark.django_db
def test_the_admin_shows_the_warning_beside_the_level(client, world):
    _, indicators = complete_package(world)
    indicator = indicators[0]
    RubricLevel.objects.filter(indicator=indicator, level=4).update(criterion="ร้อยละ ๘๕", threshold=90)
    world.administrator.is_staff = world.administrator.is_superuser = True
    world.administrator.save()
    client.force_login(world.administrator)
    page = client.get(reverse("admin:indicators_indicator_change", args=[indicator.pk])).content.decode()
    assert "ข้อความเกณฑ์เทียบกับค่าเกณฑ์ (ตัวเลข คำเปรียบเทียบ)" in page and MISMATCH in page
    assert "ตัวเลขในข้อความเกณฑ์" not in page  # the column also reports comparison words: named for both


@pytest.mark.django_db
def test_the_indicator_page_shows_the_target_once(client, world):
    _, indicators = complete_package(world)
    Indicator.objects.filter(pk=indicators[0].pk).update(
        target_text="ร้อยละ ๑๐๐ (๓๖๐ ห้อง)", target_value=360, target_unit="ห้อง"
    )
    Indicator.objects.filter(pk=indicators[1].pk).update(target_text="ครบทุกห้อง", target_value=360,
                                                          target_unit="ห้อง")
    client.force_login(world.staff)

    def target(indicator) -> str:
        page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
        cell = page[page.index('id="target"'):]
        return " ".join(cell[cell.index(">") + 1: cell.index("</td>")].split())

    assert target(indicators[0]) == "ร้อยละ ๑๐๐ (๓๖๐ ห้อง)"
    assert target(indicators[1]) == "ครบทุกห้อง (360 ห้อง)"


TARGET_MISMATCH = "ค่าเป้าหมาย: ข้อความระบุ ๔๐๐ ห้อง แต่ค่าเป้าหมายคือ ๓๖๐ ห้อง"


@pytest.mark.django_db
def test_the_committee_sees_the_target_warning_on_the_package_and_the_indicator(client, world):
    """The warning the agency got after saving reaches the committee's review pages, beside that
    indicator and without blocking anything."""
    _, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    Indicator.objects.filter(pk=indicators[0].pk).update(
        target_text="ร้อยละ ๑๐๐ (๔๐๐ ห้อง)", target_value=360, target_unit="ห้อง"
    )
    client.force_login(world.committee)
    package_page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    row = package_page[package_page.index(f'id="indicator-{indicators[0].pk}"'):]
    assert TARGET_MISMATCH in row[: row.index("</tr>")]
    assert package_page.count(TARGET_MISMATCH) == 1
    assert "ตรวจสอบก่อนส่ง" not in package_page  # a warning, not a problem that blocks the submission
    detail = client.get(reverse("indicators:indicator", args=[indicators[0].pk])).content.decode()
    assert TARGET_MISMATCH in detail
    assert TARGET_MISMATCH not in client.get(reverse("indicators:indicator", args=[indicators[1].pk])).content.decode()
