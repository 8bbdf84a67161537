"""The pure scoring core, checked against the FY2567 summary form's rubric tables."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.rules import (
    Policy,
    Result,
    Rubric,
    RubricError,
    RubricRow,
    element_totals,
    percent,
    rank,
    score_indicator,
)

MILESTONE = Rubric("milestone", "higher", tuple(RubricRow(level) for level in (5, 4, 3, 2, 1)))
# เกณฑ์ "ร้อยละความสำเร็จในการปรับปรุงซ่อมแซมห้องพักอาศัย": ≥360 → 5, ≥300 → 4, ≥240 → 3, ≥180 → 2, ≥120 → 1.
ROOMS = Rubric("numeric", "higher", tuple(RubricRow(l, D(t)) for l, t in ((5, 360), (4, 300), (3, 240), (2, 180), (1, 120))))
# Drainage-style, lower is better: ≤170 min → 5 … ≤250 → 1.
DRAINAGE = Rubric("numeric", "lower", tuple(RubricRow(l, D(t)) for l, t in ((5, 170), (4, 190), (3, 210), (2, 230), (1, 250))))
# The FY2567 disciplinary-case KPI: levels 1-3 milestones, 4 "ภายใน 90 วัน", 5 "น้อยกว่า 80 วัน" (80 exclusive).
DISCIPLINE = Rubric(
    "mixed", "lower", (RubricRow(5, D(80), exclusive=True), RubricRow(4, D(90)), RubricRow(3), RubricRow(2), RubricRow(1))
)
# "มากกว่าร้อยละ 80 → 5, ร้อยละ 70 ขึ้นไป → 4, …": higher is better with an exclusive top level.
ABOVE_80 = Rubric(
    "numeric", "higher", (RubricRow(5, D(80), exclusive=True), RubricRow(4, D(70)), RubricRow(3, D(60)), RubricRow(2, D(50)))
)
# "≥95 % → 5, 90 → 4, 85 → 3, 80 → 2, below 80 → 1": no level-1 threshold.
PERCENT_NO_L1 = Rubric("numeric", "higher", tuple(RubricRow(l, D(t)) for l, t in ((5, 95), (4, 90), (3, 85), (2, 80))) + (RubricRow(1),))

STEP = Policy(interpolate=False)
LINEAR = Policy(interpolate=True)


def score(rubric, weight, policy=STEP, **result):
    return score_indicator(rubric=rubric, result=Result(**{k: D(v) for k, v in result.items()}), weight=D(weight), policy=policy)


@pytest.mark.parametrize(
    ("weight", "expected"),
    [(10, ["10", "8", "6", "4", "2"]), (20, ["20", "16", "12", "8", "4"])],
)
def test_it_gives_the_seed_points_for_each_milestone_level(weight, expected):
    points = [score(MILESTONE, weight, level=level).points for level in (5, 4, 3, 2, 1)]
    assert points == [D(p) for p in expected]


def test_it_puts_310_rooms_at_level_4_without_interpolation():
    result = score(ROOMS, 10, value=310)
    assert result.level == D("4")
    assert result.points == D("8")
    assert "ระดับ 4 (ไม่น้อยกว่า 300)" in result.explanation and "ระดับ 5 (ไม่น้อยกว่า 360)" in result.explanation


def test_it_puts_310_rooms_at_level_4_1667_with_interpolation():
    result = score(ROOMS, 10, LINEAR, value=310)
    assert result.level == D("4.1667")
    assert result.points == D("8.3334")  # from the rounded level, so the two shown figures agree
    assert result.explanation.startswith("ค่าที่ได้ 310 อยู่ระหว่างเกณฑ์ระดับ 4 (ไม่น้อยกว่า 300) และระดับ 5 (ไม่น้อยกว่า 360)")


def test_it_interpolates_87_5_percent_to_level_3_5():
    assert score(PERCENT_NO_L1, 10, LINEAR, value="87.5").level == D("3.5")


@pytest.mark.parametrize(("rooms", "level"), [(360, 5), (400, 5), (300, 4), (299, 3), (240, 3), (180, 2), (120, 1)])
def test_it_treats_thresholds_as_inclusive(rooms, level):
    assert score(ROOMS, 10, value=rooms).level == level


@pytest.mark.parametrize(("minutes", "level"), [(150, 5), (170, 5), (171, 4), (190, 4), (230, 2), (250, 1)])
def test_it_scores_lower_is_better(minutes, level):
    assert score(DRAINAGE, 10, value=minutes).level == level


def test_it_interpolates_lower_is_better_towards_the_smaller_threshold():
    assert score(DRAINAGE, 10, LINEAR, value=180).level == D("4.5")


@pytest.mark.parametrize(
    ("policy", "level", "points", "words"),
    [(Policy(below_level_one="zero"), "0", "0", "ไม่ได้คะแนน"), (Policy(below_level_one="level_one"), "1", "2", "ให้ระดับ 1")],
)
def test_it_applies_the_below_level_one_rule_both_ways(policy, level, points, words):
    result = score(ROOMS, 10, policy, value=100)
    assert (result.level, result.points) == (D(level), D(points))
    assert words in result.explanation


@pytest.mark.parametrize("below_level_one", ["zero", "level_one"])
def test_it_gives_level_1_below_the_level_2_threshold_when_the_rubric_says_so(below_level_one):
    assert score(PERCENT_NO_L1, 10, Policy(below_level_one=below_level_one), value=50).level == 1


@pytest.mark.parametrize(
    ("policy", "level"), [(Policy(below_level_one="zero"), 0), (Policy(below_level_one="level_one"), 1)]
)
def test_it_applies_the_below_level_one_rule_to_milestones(policy, level):
    assert score(MILESTONE, 10, policy, level=0).level == level


def test_it_scores_the_discipline_kpi_numerically_at_the_upper_levels():
    assert score(DISCIPLINE, 20, value=75, level=3).points == D("20")
    assert score(DISCIPLINE, 20, value=85, level=3).points == D("16")
    assert score(DISCIPLINE, 20, LINEAR, value="85", level=3).level == D("4.5")


@pytest.mark.parametrize(("days", "level"), [(79, 5), ("79.99", 5), (80, 4), (90, 4)])
def test_an_exclusive_lower_threshold_is_not_reached_by_the_threshold_itself(days, level):
    assert score(DISCIPLINE, 20, value=days, level=3).level == level


def test_the_explanation_states_an_exclusive_threshold_with_its_comparison():
    result = score(DISCIPLINE, 20, value=80, level=3)
    assert "ค่าที่ได้ 80 ถึงเกณฑ์ระดับ 4 (ไม่เกิน 90) แต่ไม่ถึงระดับ 5 (น้อยกว่า 80)" in result.explanation
    assert "ถึงเกณฑ์ระดับ 5 (มากกว่า 80)" in score(ABOVE_80, 10, value=81).explanation


@pytest.mark.parametrize(("percent", "level"), [(80, 4), ("80.01", 5), (95, 5), (70, 4), ("69.99", 3)])
def test_an_exclusive_higher_threshold_is_not_reached_by_the_threshold_itself(percent, level):
    assert score(ABOVE_80, 10, value=percent).level == level


def test_an_exclusive_lowest_threshold_leaves_the_threshold_itself_below_it():
    strict_four = Rubric("mixed", "lower", (RubricRow(5, D(80)), RubricRow(4, D(90), exclusive=True), RubricRow(3)))
    assert score(strict_four, 10, value=90, level=2).level == 2  # the milestone level, not 4
    strict_one = Rubric("numeric", "higher", (RubricRow(2, D(60)), RubricRow(1, D(50), exclusive=True)))
    result = score(strict_one, 10, Policy(below_level_one="zero"), value=50)
    assert result.level == 0
    assert "ไม่ถึงเกณฑ์ระดับ 1 (มากกว่า 50)" in result.explanation


@pytest.mark.parametrize(
    ("policy", "days", "level"),
    [
        (LINEAR, 80, "4.9999"),  # on the exclusive threshold: short of level 5 by the policy's last place
        (LINEAR, "80.00001", "4.9999"),  # would round up to 5, but 80.00001 days is not under 80
        (LINEAR, 79, "5"),
        (Policy(interpolate=True, places=2), 80, "4.99"),
        (Policy(interpolate=True, places=0), 81, "4"),  # 4.9 would round to 5, a level 81 days does not reach
    ],
)
def test_interpolation_stops_short_of_a_level_whose_exclusive_threshold_is_not_passed(policy, days, level):
    assert score(DISCIPLINE, 20, policy, value=days, level=3).level == D(level)


def test_it_falls_back_to_the_milestone_level_when_the_number_misses_level_4():
    result = score(DISCIPLINE, 20, value=120, level=2)
    assert result.points == D("8")
    assert "ไม่ถึงเกณฑ์ระดับ 4 (ไม่เกิน 90)" in result.explanation


def test_it_caps_a_mixed_milestone_level_below_the_numeric_levels():
    result = score(DISCIPLINE, 20, level=5)
    assert result.level == 3
    assert "ต้องวัดเป็นตัวเลข" in result.explanation


def test_it_keeps_fractional_milestone_levels_and_rounds_them():
    assert score(MILESTONE, 10, Policy(places=2), level="3.456").level == D("3.46")
    assert score(MILESTONE, 10, Policy(places=2, rounding="ROUND_DOWN"), level="3.456").level == D("3.45")


def test_it_scores_zero_when_nothing_is_reported():
    result = score_indicator(rubric=ROOMS, result=None, weight=D(10), policy=STEP)
    assert result.points == 0 and "ยังไม่มีผล" in result.explanation


def test_it_refuses_thresholds_that_go_the_wrong_way():
    bad = Rubric("numeric", "higher", (RubricRow(5, D(100)), RubricRow(4, D(120))))
    with pytest.raises(RubricError):
        score(bad, 10, value=110)


def test_it_refuses_a_numeric_rubric_without_a_value():
    with pytest.raises(RubricError):
        score(ROOMS, 10, level=3)


def test_it_ranks_ties_with_a_shared_rank_and_skips_the_next():
    scores = {"A": D("90"), "B": D("85.5"), "C": D("85.5"), "D": D("70"), "E": None}
    ranked = rank(list(scores), score=scores.get)
    assert ranked == [(1, "A"), (2, "B"), (2, "C"), (4, "D")]


def test_it_adds_sub_elements_into_their_element():
    parents = {"1": None, "1.1": "1", "1.2": "1", "2": None}
    lines = [("1.1", D(8), D(10)), ("1.1", D(6), D(10)), ("1.2", D(16), D(20)), ("2", D(2), D(10))]
    totals = element_totals(lines, parents)
    assert totals == {"1.1": (D(14), D(20)), "1.2": (D(16), D(20)), "1": (D(30), D(40)), "2": (D(2), D(10))}
    assert percent(D(32), D(50), Policy(places=2)) == D("64.00")
    assert percent(D(0), D(0), Policy()) is None


# Properties ----------------------------------------------------------------------------------

thresholds = st.lists(st.integers(min_value=0, max_value=10_000), min_size=5, max_size=5, unique=True).map(sorted)
values = st.decimals(min_value=-1000, max_value=20_000, places=3, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value="0.5", max_value=100, places=2)
policies = st.builds(
    Policy,
    interpolate=st.booleans(),
    places=st.integers(min_value=0, max_value=6),
    rounding=st.sampled_from(["ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN"]),
    below_level_one=st.sampled_from(["zero", "level_one"]),
)
directions = st.sampled_from(["higher", "lower"])


def numeric(direction, ascending, exclusive=(False,) * 5):
    ordered = ascending if direction == "higher" else list(reversed(ascending))
    return Rubric(
        "numeric",
        direction,
        tuple(RubricRow(level, D(t), x) for level, t, x in zip((1, 2, 3, 4, 5), ordered, exclusive)),
    )


exclusives = st.lists(st.booleans(), min_size=5, max_size=5)


@settings(max_examples=300, deadline=None)
@given(thresholds, directions, values, weights, policies, exclusives)
def test_points_stay_within_zero_and_the_weight(ts, direction, value, weight, policy, exclusive):
    rubric = numeric(direction, ts, exclusive)
    result = score_indicator(rubric=rubric, result=Result(value=value), weight=weight, policy=policy)
    assert 0 <= result.points <= weight
    assert 0 <= result.level <= 5


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-3, max_value=9, places=4), weights, policies)
def test_milestone_points_stay_within_zero_and_the_weight(level, weight, policy):
    result = score_indicator(rubric=MILESTONE, result=Result(level=level), weight=weight, policy=policy)
    assert 0 <= result.points <= weight


@settings(max_examples=300, deadline=None)
@given(thresholds, directions, values, values, policies, exclusives)
def test_numeric_levels_are_monotonic_in_the_result(ts, direction, a, b, policy, exclusive):
    rubric = numeric(direction, ts, exclusive)
    better, worse = (max(a, b), min(a, b)) if direction == "higher" else (min(a, b), max(a, b))
    level = lambda v: score_indicator(rubric=rubric, result=Result(value=v), weight=D(10), policy=policy).level  # noqa: E731
    assert level(better) >= level(worse)


@settings(max_examples=200, deadline=None)
@given(thresholds, directions, st.sampled_from(["zero", "level_one"]))
def test_interpolation_is_continuous_at_each_threshold(ts, direction, below):
    rubric = numeric(direction, ts)
    policy = Policy(interpolate=True, places=6, below_level_one=below)
    eps = D("0.000001")
    step = eps if direction == "higher" else -eps  # a step towards "better"
    for row in rubric.rows:
        at = score_indicator(rubric=rubric, result=Result(value=row.threshold), weight=D(10), policy=policy).level
        assert at == row.level
        above = score_indicator(rubric=rubric, result=Result(value=row.threshold + step), weight=D(10), policy=policy).level
        assert abs(above - at) <= D("0.001")
        if row.level > 1 or below == "level_one":
            under = score_indicator(rubric=rubric, result=Result(value=row.threshold - step), weight=D(10), policy=policy).level
            assert abs(at - under) <= D("0.001")
