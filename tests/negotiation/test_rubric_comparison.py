"""A rubric level's words against its "ไม่นับค่าที่เท่ากับค่าเกณฑ์" box: "น้อยกว่า ๘๐ วัน" unticked, or "ไม่น้อยกว่า
๓๐๐ ห้อง" ticked, is pointed out where the agency drafts and where the committee reviews, never refused."""

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from indicators import checks
from indicators.models import Indicator, PackageStatus, RubricLevel
from indicators.rubric_text import comparison_warning, level_warning, rubric_warnings, written_comparison

from .conftest import complete_package, indicator_post

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "07_fy2567_office_of_personnel.json"
STRICT_UNTICKED = "ระดับ ๔: ข้อความเกณฑ์เขียนว่า “มากกว่า ๙๐”"
INCLUSIVE_TICKED = "ระดับ ๔: ข้อความเกณฑ์เขียนว่า “ไม่น้อยกว่า ๙๐”"


def seed_levels() -> dict[int, list[dict]]:
    """The FY2567 สำนักงานการเจ้าหน้าที่ rubric levels as the fixture (from the summary form) holds them."""
    levels = defaultdict(list)
    for row in json.loads(SEED_FIXTURE.read_text(encoding="utf-8")):
        if row["model"] == "indicators.rubriclevel":
            fields = dict(row["fields"])
            fields["threshold"] = None if fields["threshold"] is None else Decimal(fields["threshold"])
            levels[fields["indicator"]].append(fields)
    return levels


def seed_level(indicator: int, level: int) -> dict:
    return next(row for row in seed_levels()[indicator] if row["level"] == level)


@pytest.mark.parametrize(
    ("text", "threshold", "written"),
    [
        ("แล้วเสร็จน้อยกว่า ๘๐ วัน", 80, ("น้อยกว่า ๘๐", True)),
        ("ต่ำกว่า 80", 80, ("ต่ำกว่า ๘๐", True)),
        ("มากกว่าร้อยละ 80", 80, ("มากกว่า ๘๐", True)),
        ("เกิน ๓๐๐ ครั้ง", 300, ("เกิน ๓๐๐", True)),
        ("ไม่น้อยกว่าร้อยละ ๘๐", 80, ("ไม่น้อยกว่า ๘๐", False)),  # not "น้อยกว่า", which it ends with
        ("ไม่เกิน 90 วัน", 90, ("ไม่เกิน ๙๐", False)),
        ("แล้วเสร็จภายใน ๙๐ วัน", 90, ("ภายใน ๙๐", False)),
        ("อย่างน้อย ๕ เรื่อง", 5, ("อย่างน้อย ๕", False)),
        ("ร้อยละ ๘๐ ขึ้นไป", 80, ("๘๐ ขึ้นไป", False)),
        ("๓๐๐ ห้องขึ้นไป", 300, ("๓๐๐ ขึ้นไป", False)),
        # The comparison beside another number is not the threshold's: "น้อยกว่า ๙๐" bounds the range above 80.
        ("ร้อยละ ๘๐ แต่น้อยกว่า ๙๐", 80, None),
        ("ร้อยละ ๘๐ ของผู้ตอบที่พึงพอใจระดับดีขึ้นไป", 80, None),  # "ขึ้นไป" of a rating, far from the number
        ("ร้อยละ ๘๐", 80, None),
        ("น้อยกว่า ๘๐ วัน", None, None),
    ],
)
def test_it_reads_the_comparison_written_beside_the_threshold(text, threshold, written):
    assert written_comparison(text, threshold) == written


def test_a_strict_word_without_the_box_or_an_inclusive_word_with_it_is_pointed_out():
    assert comparison_warning(4, "มากกว่าร้อยละ ๙๐", Decimal("90"), False).startswith(STRICT_UNTICKED)
    assert comparison_warning(4, "ไม่น้อยกว่าร้อยละ ๙๐", Decimal("90.0000"), True).startswith(INCLUSIVE_TICKED)
    assert comparison_warning(4, "มากกว่าร้อยละ ๙๐", Decimal("90"), True) is None
    assert comparison_warning(4, "ไม่น้อยกว่าร้อยละ ๙๐", Decimal("90"), False) is None
    assert comparison_warning(4, "ร้อยละ ๙๐", Decimal("90"), True) is None  # no comparison written: nothing to say
    # "มากกว่า ๗๙.๙๙" for 80 states the threshold one step under it; no box is wrong there.
    assert level_warning(4, "มากกว่า ๗๙.๙๙", Decimal("80"), False) is None


def test_a_level_gets_the_number_warning_or_the_comparison_one():
    assert level_warning(4, "มากกว่า ๘๕", Decimal("90"), False).startswith("ระดับ ๔: ข้อความเกณฑ์ระบุ ๘๕")
    assert level_warning(4, "มากกว่า ๙๐", Decimal("90"), False).startswith(STRICT_UNTICKED)
    assert level_warning(4, "มากกว่า ๙๐", Decimal("90"), True) is None


def test_the_seed_rubrics_raise_no_warning():
    """Every level of the FY2567 summary form as entered (น้อยกว่า ๘๐ วัน ticked, ภายใน ๙๐ วัน and
    ไม่น้อยกว่า ๓๖๐ ห้อง not) drafts without a hint."""
    levels = seed_levels()
    assert len(levels) == 6 and sum(len(rows) for rows in levels.values()) == 30
    for rows in levels.values():
        assert rubric_warnings(rows) == {}


@pytest.mark.parametrize(
    ("indicator", "level", "expected"),
    [
        (256704, 5, "ระดับ ๕: ข้อความเกณฑ์เขียนว่า “น้อยกว่า ๘๐”"),  # "แล้วเสร็จน้อยกว่า ๘๐ วัน"
        (256704, 4, "ระดับ ๔: ข้อความเกณฑ์เขียนว่า “ภายใน ๙๐”"),  # "แล้วเสร็จภายใน ๙๐ วัน"
        (256705, 5, "ระดับ ๕: ข้อความเกณฑ์เขียนว่า “ไม่น้อยกว่า ๓๖๐”"),  # beside "ไม่น้อยกว่าร้อยละ ๘๐"
    ],
)
def test_the_seed_levels_with_the_box_the_other_way_are_pointed_out(indicator, level, expected):
    row = seed_level(indicator, level)
    flipped = {**row, "threshold_exclusive": not row.get("threshold_exclusive", False)}
    assert rubric_warnings([flipped])[level].startswith(expected)


@pytest.mark.django_db
def test_the_drafting_form_points_out_an_unticked_strict_level_and_still_saves(client, world):
    client.force_login(world.staff)
    create = reverse("indicators:indicator_create", args=[world.year.year_be, world.own.code])
    data = indicator_post(world, **{"levels-1-criterion": "มากกว่าร้อยละ ๙๐"})  # level 4, threshold 90, box unticked
    response = client.post(create, data, follow=True)
    indicator = Indicator.objects.get()
    level_4 = RubricLevel.objects.get(indicator=indicator, level=4)
    assert (level_4.criterion, level_4.threshold_exclusive) == ("มากกว่าร้อยละ ๙๐", False)
    assert STRICT_UNTICKED in response.content.decode()  # told after the save
    page = client.get(reverse("indicators:indicator_edit", args=[indicator.pk])).content.decode()
    rubric = page[page.index('id="rows-levels"'):]
    cell = rubric[rubric.index("มากกว่าร้อยละ ๙๐"):]
    assert cell[: cell.index("</td>")].count(STRICT_UNTICKED) == 1  # beside level 4's own text
    # Ticking the box quiets it.
    data = indicator_post(world, version=indicator.version, **{
        "levels-1-criterion": "มากกว่าร้อยละ ๙๐", "levels-1-threshold_exclusive": "on",
    })
    response = client.post(reverse("indicators:indicator_edit", args=[indicator.pk]), data, follow=True)
    assert RubricLevel.objects.get(indicator=indicator, level=4).threshold_exclusive
    assert "ข้อความเกณฑ์เขียนว่า" not in response.content.decode()


@pytest.mark.django_db
def test_the_committee_sees_the_hint_on_the_package_and_the_indicator(client, world):
    _, indicators = complete_package(world, status=PackageStatus.IN_NEGOTIATION)
    RubricLevel.objects.filter(indicator=indicators[0], level=4).update(
        criterion="ไม่น้อยกว่าร้อยละ ๙๐", threshold=90, threshold_exclusive=True
    )
    client.force_login(world.committee)
    package_page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    row = package_page[package_page.index(f'id="indicator-{indicators[0].pk}"'):]
    assert INCLUSIVE_TICKED in row[: row.index("</tr>")]
    assert package_page.count(INCLUSIVE_TICKED) == 1  # only beside that indicator, and not as a blocking problem
    assert "ตรวจสอบก่อนส่ง" not in package_page
    detail = client.get(reverse("indicators:indicator", args=[indicators[0].pk])).content.decode()
    assert INCLUSIVE_TICKED in detail


def test_warnings_are_keyed_like_the_checks_and_never_block():
    level = checks.LevelSnap(4, "น้อยกว่า ๘๐ วัน", Decimal(80), Decimal(80))
    indicator = checks.IndicatorSnap(
        id=7, number=1, name="ระยะเวลา", element_id=1, weight=Decimal(10), target_value=Decimal(80),
        target_text="", rubric_kind="milestone", rubric_direction="lower", is_joint=False, levels=(level,),
    )
    warnings = checks.indicator_warnings(indicator)
    assert [w.key for w in warnings] == [("indicator", 7, "rubric")]
    assert checks.problems_by_key(warnings)["indicator:7"][0].startswith("ระดับ ๔: ข้อความเกณฑ์เขียนว่า “น้อยกว่า ๘๐”")
    assert warnings[0].message not in [p.message for p in checks.indicator_problems(indicator)]
