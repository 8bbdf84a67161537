"""Score explanations speak the user's language: Thai exactly as before, English when chosen.

THAI was captured by running scoring.rules before its strings went through gettext (the thresholds
have since been stated with their comparison, "ไม่น้อยกว่า 360"), so any drift in the Thai wording
(a space, a bracket) fails here.
"""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from scoring.rules import Policy, Result, Rubric, RubricError, RubricRow, score_indicator
from tests.factories import ScoredIndicatorFactory, SubmittedReportFactory

MILESTONE = Rubric("milestone", "higher", tuple(RubricRow(level) for level in (5, 4, 3, 2, 1)))
ROOMS = Rubric("numeric", "higher", tuple(RubricRow(l, D(t)) for l, t in ((5, 360), (4, 300), (3, 240), (2, 180), (1, 120))))
DRAINAGE = Rubric("numeric", "lower", tuple(RubricRow(l, D(t)) for l, t in ((5, 170), (4, 190), (3, 210), (2, 230), (1, 250))))
DISCIPLINE = Rubric(
    "mixed", "lower", (RubricRow(5, D(80), exclusive=True), RubricRow(4, D(90)), RubricRow(3), RubricRow(2), RubricRow(1))
)
PERCENT_NO_L1 = Rubric(
    "numeric", "higher", tuple(RubricRow(l, D(t)) for l, t in ((5, 95), (4, 90), (3, 85), (2, 80))) + (RubricRow(1),)
)
BROKEN = Rubric("numeric", "higher", (RubricRow(5, D(100)), RubricRow(4, D(120))))
BROKEN_LOWER = Rubric("numeric", "lower", (RubricRow(5, D(100)), RubricRow(4, D(80))))
NO_THRESHOLDS = Rubric("numeric", "higher", (RubricRow(5), RubricRow(1)))
STEP = Policy(interpolate=False)
LINEAR = Policy(interpolate=True)
LEVEL_ONE = Policy(below_level_one="level_one")

CASES = {
    "no result": (MILESTONE, STEP, None),
    "milestone 4": (MILESTONE, STEP, {"level": 4}),
    "milestone fractional": (MILESTONE, STEP, {"level": "3.5"}),
    "milestone below 1, zero": (MILESTONE, STEP, {"level": "0.5"}),
    "milestone below 1, level one": (MILESTONE, LEVEL_ONE, {"level": "0.5"}),
    "numeric top": (ROOMS, STEP, {"value": 400}),
    "numeric step": (ROOMS, STEP, {"value": 310}),
    "numeric interpolated": (ROOMS, LINEAR, {"value": 310}),
    "numeric below 1, zero": (ROOMS, STEP, {"value": 100}),
    "numeric below 1, level one": (ROOMS, LEVEL_ONE, {"value": "99.5"}),
    "numeric lower is better": (DRAINAGE, STEP, {"value": 200}),
    "numeric no level-1 threshold": (PERCENT_NO_L1, STEP, {"value": 70}),
    "mixed numeric": (DISCIPLINE, STEP, {"value": 85}),
    "mixed milestone after value": (DISCIPLINE, STEP, {"value": 120, "level": 3}),
    "mixed milestone capped": (DISCIPLINE, STEP, {"level": 5}),
    "mixed value and no level": (DISCIPLINE, LEVEL_ONE, {"value": 120}),
    "mixed milestone below 1": (DISCIPLINE, STEP, {"level": "0.2"}),
    "error not monotonic higher": (BROKEN, STEP, {"value": 110}),
    "error not monotonic lower": (BROKEN_LOWER, STEP, {"value": 90}),
    "error no thresholds": (NO_THRESHOLDS, STEP, {"value": 5}),
    "error numeric without value": (ROOMS, STEP, {"level": 3}),
    "error milestone without level": (MILESTONE, STEP, {"value": 3}),
    "error unknown kind": (Rubric("other"), STEP, {"level": 3}),
}

THAI = {
    'no result': 'ยังไม่มีผลการดำเนินงาน → ระดับ 0 = 0 คะแนน',
    'milestone 4': 'ระดับตามขั้นตอนความสำเร็จ 4 → ระดับ 4 = 8 คะแนน',
    'milestone fractional': 'ระดับตามขั้นตอนความสำเร็จ 3.5 → ระดับ 3.5 = 7 คะแนน',
    'milestone below 1, zero': 'ระดับตามขั้นตอนความสำเร็จ 0.5 ต่ำกว่าระดับ 1 ไม่ได้คะแนน → ระดับ 0 = 0 คะแนน',
    'milestone below 1, level one': 'ระดับตามขั้นตอนความสำเร็จ 0.5 ต่ำกว่าระดับ 1 ให้ระดับ 1 ตามหลักเกณฑ์ของปี → ระดับ 1 = 2 คะแนน',
    'numeric top': 'ค่าที่ได้ 400 ถึงเกณฑ์ระดับ 5 (ไม่น้อยกว่า 360) → ระดับ 5 = 10 คะแนน',
    'numeric step': 'ค่าที่ได้ 310 ถึงเกณฑ์ระดับ 4 (ไม่น้อยกว่า 300) แต่ไม่ถึงระดับ 5 (ไม่น้อยกว่า 360) → ระดับ 4 = 8 คะแนน',
    'numeric interpolated': 'ค่าที่ได้ 310 อยู่ระหว่างเกณฑ์ระดับ 4 (ไม่น้อยกว่า 300) และระดับ 5 (ไม่น้อยกว่า 360) เทียบสัดส่วน → ระดับ 4.1667 = 8.3334 คะแนน',
    'numeric below 1, zero': 'ค่าที่ได้ 100 ไม่ถึงเกณฑ์ระดับ 1 (ไม่น้อยกว่า 120) ไม่ได้คะแนน → ระดับ 0 = 0 คะแนน',
    'numeric below 1, level one': 'ค่าที่ได้ 99.5 ไม่ถึงเกณฑ์ระดับ 1 (ไม่น้อยกว่า 120) ให้ระดับ 1 ตามหลักเกณฑ์ของปี → ระดับ 1 = 2 คะแนน',
    'numeric lower is better': 'ค่าที่ได้ 200 ถึงเกณฑ์ระดับ 3 (ไม่เกิน 210) แต่ไม่ถึงระดับ 4 (ไม่เกิน 190) → ระดับ 3 = 6 คะแนน',
    'numeric no level-1 threshold': 'ค่าที่ได้ 70 ไม่ถึงเกณฑ์ระดับ 2 (ไม่น้อยกว่า 80) → ระดับ 1 = 2 คะแนน',
    'mixed numeric': 'ค่าที่ได้ 85 ถึงเกณฑ์ระดับ 4 (ไม่เกิน 90) แต่ไม่ถึงระดับ 5 (น้อยกว่า 80) → ระดับ 4 = 8 คะแนน',
    'mixed milestone after value': 'ค่าที่ได้ 120 ไม่ถึงเกณฑ์ระดับ 4 (ไม่เกิน 90); ระดับตามขั้นตอนความสำเร็จ 3 → ระดับ 3 = 6 คะแนน',
    'mixed milestone capped': 'ระดับตามขั้นตอนความสำเร็จ 5 (ระดับสูงกว่า 3 ต้องวัดเป็นตัวเลข จึงได้ระดับ 3) → ระดับ 3 = 6 คะแนน',
    'mixed value and no level': 'ค่าที่ได้ 120 ไม่ถึงเกณฑ์ระดับ 4 (ไม่เกิน 90) และไม่มีระดับตามขั้นตอน ให้ระดับ 1 ตามหลักเกณฑ์ของปี → ระดับ 1 = 2 คะแนน',
    'mixed milestone below 1': 'ระดับตามขั้นตอนความสำเร็จ 0.2 ต่ำกว่าระดับ 1 ไม่ได้คะแนน → ระดับ 0 = 0 คะแนน',
    'error not monotonic higher': 'RubricError: ค่าเกณฑ์ระดับ 5 ต้องมากกว่าระดับก่อนหน้า',
    'error not monotonic lower': 'RubricError: ค่าเกณฑ์ระดับ 5 ต้องน้อยกว่าระดับก่อนหน้า',
    'error no thresholds': 'RubricError: เกณฑ์แบบตัวเลขต้องมีค่าเกณฑ์อย่างน้อยหนึ่งระดับ',
    'error numeric without value': 'RubricError: เกณฑ์แบบตัวเลขต้องระบุค่าที่วัดได้',
    'error milestone without level': 'RubricError: เกณฑ์แบบขั้นตอนต้องระบุระดับที่ได้',
    'error unknown kind': "RubricError: ไม่รู้จักลักษณะเกณฑ์ 'other'",
}


def explain(name):
    rubric, policy, result = CASES[name]
    result = None if result is None else Result(**{k: D(str(v)) for k, v in result.items()})
    try:
        return score_indicator(rubric=rubric, result=result, weight=D(10), policy=policy).explanation
    except RubricError as error:
        return "RubricError: " + str(error)


@pytest.mark.parametrize("name", CASES)
def test_thai_explanation_is_unchanged(name):
    assert explain(name) == THAI[name]


@pytest.mark.parametrize("name", CASES)
def test_every_explanation_has_english_words(name):
    with translation.override("en"):
        english = explain(name)
    assert english != THAI[name]
    assert not any("\u0e00" <= char <= "\u0e7f" for char in english), english


def test_english_explanation_reads_as_english():
    with translation.override("en"):
        assert explain("numeric step") == (
            "Value 310 meets the level 4 threshold (at least 300) but not level 5 (at least 360) → level 4 = 8 points"
        )
        assert "threshold (at most 90) but not level 5 (less than 80)" in explain("mixed numeric")
        assert explain("milestone below 1, zero") == (
            "Milestone level reached: 0.5, below level 1: no points → level 0 = 0 points"
        )


@pytest.mark.django_db
def test_english_user_reads_the_scorecard_explanation_in_english(client, staff_user, fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, name="ตัวชี้วัดของ OWN", weight=D(10))
    SubmittedReportFactory(indicator=indicator, quarter=4, level_reached=D(4))
    client.force_login(staff_user)
    url = reverse("scoring:scorecard", args=[2567, agency.code])

    thai = client.get(url).content.decode()
    assert "ระดับตามขั้นตอนความสำเร็จ 4 → ระดับ 4 = 8 คะแนน" in thai

    client.post(reverse("set_language"), {"language": "en", "next": url})
    english = client.get(url).content.decode()
    assert "Milestone level reached: 4 → level 4 = 8 points" in english
    assert "Agency&#x27;s own report" in english or "Agency's own report" in english
    assert "ระดับตามขั้นตอนความสำเร็จ" not in english
    assert "ตัวชี้วัดของ OWN" in english  # the indicator's name is data and stays Thai
