"""Scorecards and rankings built from the database: which result counts, joint KPIs, totals, ranks."""

from decimal import Decimal as D

import pytest

from agencies.models import AgencyKind
from indicators.models import AuditStatus, IndicatorStatus, ReportStatus
from scoring.services import build_ranking, build_scorecards, indicator_score
from tests.factories import (
    AgencyFactory,
    CompositionElementFactory,
    DistrictFactory,
    DistrictGroupFactory,
    FiscalYearFactory,
    JointParticipantFactory,
    MissionGroupFactory,
    QuarterAuditFactory,
    ScoredIndicatorFactory,
    SubmittedReportFactory,
)

pytestmark = pytest.mark.django_db

ROOMS = {5: 360, 4: 300, 3: 240, 2: 180, 1: 120}


def only(cards):
    assert len(cards) == 1
    return cards[0]


def line(card, indicator):
    return next(line for line in card.indicators if line.indicator_id == indicator.pk)


def test_it_scores_an_agency_from_its_submitted_reports(fiscal_year, agency):
    first = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=1, weight=D(10))
    second = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=2, weight=D(20))
    SubmittedReportFactory(indicator=first, quarter=4, level_reached=D(4))
    SubmittedReportFactory(indicator=second, quarter=4, level_reached=D(5))
    card = only(build_scorecards(fiscal_year=2567))
    assert card.agency == agency
    assert [(l.number, l.points, l.source) for l in card.indicators] == [(1, D(8), "self"), (2, D(20), "self")]
    assert (card.total_points, card.max_points, card.percent) == (D(28), D(30), D("93.3333"))
    assert card.rank == 1


def test_it_prefers_the_strategy_office_audit_to_the_self_report(fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, rubric=ROOMS, rubric_kind="numeric")
    report = SubmittedReportFactory(indicator=indicator, quarter=4, measured_value=D(360))
    QuarterAuditFactory(
        indicator=indicator, quarter=4, report=report, status=AuditStatus.ADJUSTED, verified_value=D(250)
    )
    scored = line(only(build_scorecards(fiscal_year=2567)), indicator)
    assert (scored.level, scored.points, scored.source) == (D(3), D(6), "audit")
    assert "250" in scored.explanation


def test_it_ignores_a_returned_audit(fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    SubmittedReportFactory(indicator=indicator, quarter=2, level_reached=D(3))
    QuarterAuditFactory(indicator=indicator, quarter=2, status=AuditStatus.RETURNED, verified_level=D(1))
    scored = line(only(build_scorecards(fiscal_year=2567)), indicator)
    assert (scored.level, scored.source) == (D(3), "self")


def test_an_accepted_audit_without_figures_keeps_the_reported_ones(fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    SubmittedReportFactory(indicator=indicator, quarter=4, level_reached=D(4))
    QuarterAuditFactory(indicator=indicator, quarter=4, status=AuditStatus.ACCEPTED)
    scored = line(only(build_scorecards(fiscal_year=2567)), indicator)
    assert (scored.level, scored.source) == (D(4), "audit")


def test_an_audit_takes_the_figures_of_a_report_reopened_for_correction(fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    SubmittedReportFactory(indicator=indicator, quarter=1, level_reached=D(1))
    reopened = SubmittedReportFactory(indicator=indicator, quarter=2, level_reached=D(3), status=ReportStatus.REOPENED)
    QuarterAuditFactory(indicator=indicator, quarter=2, report=reopened, status=AuditStatus.ACCEPTED)
    scored = line(only(build_scorecards(fiscal_year=2567)), indicator)
    assert (scored.level, scored.source, scored.quarter) == (D(3), "audit", 2)


def test_draft_reports_do_not_count(fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    SubmittedReportFactory(indicator=indicator, quarter=1, level_reached=D(2))
    SubmittedReportFactory(indicator=indicator, quarter=2, level_reached=D(5), status=ReportStatus.DRAFT)
    scored = line(only(build_scorecards(fiscal_year=2567)), indicator)
    assert (scored.level, scored.quarter) == (D(2), 1)


def test_an_indicator_without_results_scores_zero_but_counts_in_the_maximum(fiscal_year, agency):
    ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D(10))
    card = only(build_scorecards(fiscal_year=2567))
    assert (card.total_points, card.max_points, card.percent) == (D(0), D(10), D(0))
    assert card.indicators[0].source is None


@pytest.mark.parametrize(
    "status", [IndicatorStatus.DRAFT, IndicatorStatus.IN_NEGOTIATION, IndicatorStatus.REPLACED]
)
def test_only_agreed_and_approved_indicators_count(fiscal_year, agency, status):
    ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=1, status=IndicatorStatus.AGREED)
    ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=2, status=status)
    assert [l.number for l in only(build_scorecards(fiscal_year=2567)).indicators] == [1]


def test_each_joint_kpi_participant_is_scored_with_its_own_weight(fiscal_year, agency, other_agency):
    third = AgencyFactory(code="THIRD")
    joint = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D(20))
    JointParticipantFactory(indicator=joint, agency=agency, weight=D(20), is_lead=True)
    JointParticipantFactory(indicator=joint, agency=other_agency, weight=D(10))
    JointParticipantFactory(indicator=joint, agency=third, weight=None)  # falls back to the indicator's 20
    QuarterAuditFactory(indicator=joint, quarter=4, verified_level=D(4))
    cards = {c.agency.code: c for c in build_scorecards(fiscal_year=2567)}
    got = {code: (c.indicators[0].weight, c.indicators[0].points, c.indicators[0].is_joint) for code, c in cards.items()}
    assert got == {
        "OWN": (D(20), D(16), False),
        "OTHER": (D(10), D(8), True),
        "THIRD": (D(20), D(16), True),
    }


def test_a_provisional_scorecard_uses_the_latest_quarter_up_to_n(fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    SubmittedReportFactory(indicator=indicator, quarter=1, level_reached=D(1))
    QuarterAuditFactory(indicator=indicator, quarter=2, verified_level=D("2.5"))
    SubmittedReportFactory(indicator=indicator, quarter=3, level_reached=D(4))

    def at(quarter):
        scored = only(build_scorecards(fiscal_year=2567, quarter=quarter)).indicators[0]
        return scored.level, scored.source, scored.quarter

    assert at(1) == (D(1), "self", 1)
    assert at(2) == (D("2.5"), "audit", 2)
    assert at(3) == (D(4), "self", 3)
    assert at(None) == (D(4), "self", 3)


def test_it_refuses_a_quarter_outside_1_to_4(fiscal_year):
    with pytest.raises(ValueError):
        build_scorecards(fiscal_year=2567, quarter=5)


def test_it_gives_element_and_sub_element_subtotals(fiscal_year, agency):
    parent = CompositionElementFactory(fiscal_year=fiscal_year, code="1", name="Performance Base", order=1)
    function = CompositionElementFactory(fiscal_year=fiscal_year, code="1.1", parent=parent, order=1)
    joint = CompositionElementFactory(fiscal_year=fiscal_year, code="1.2", name="Joint KPIs", parent=parent, order=2)
    potential = CompositionElementFactory(fiscal_year=fiscal_year, code="2", name="Potential Base", order=2)
    for number, element, weight, level in [
        (1, function, 10, 5), (2, function, 10, 3), (3, joint, 20, 4), (4, potential, 10, 2)
    ]:
        indicator = ScoredIndicatorFactory(
            fiscal_year=fiscal_year, agency=agency, number=number, element=element, weight=D(weight)
        )
        SubmittedReportFactory(indicator=indicator, quarter=4, level_reached=D(level))
    card = only(build_scorecards(fiscal_year=2567))
    assert [(e.code, e.points, e.max_points, e.depth) for e in card.elements] == [
        ("1", D(32), D(40), 0),
        ("1.1", D(16), D(20), 1),
        ("1.2", D(16), D(20), 1),
        ("2", D(4), D(10), 0),
    ]
    assert (card.total_points, card.max_points, card.percent) == (D(36), D(50), D(72))


def test_it_scores_the_rooms_kpi_by_the_years_interpolation_setting(agency):
    year = FiscalYearFactory(year_be=2567, interpolate=True)
    indicator = ScoredIndicatorFactory(fiscal_year=year, agency=agency, rubric=ROOMS, rubric_kind="numeric")
    SubmittedReportFactory(indicator=indicator, quarter=4, measured_value=D(310))
    assert only(build_scorecards(fiscal_year=2567)).indicators[0].level == D("4.1667")


def test_a_broken_rubric_scores_zero_and_says_why(fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, rubric_kind="numeric")  # no thresholds
    SubmittedReportFactory(indicator=indicator, quarter=4, measured_value=D(90))
    scored = only(build_scorecards(fiscal_year=2567)).indicators[0]
    assert scored.points == 0 and scored.explanation.startswith("คำนวณไม่ได้")


def _score(agency, year, level, weight=10):
    indicator = ScoredIndicatorFactory(fiscal_year=year, agency=agency, weight=D(weight))
    SubmittedReportFactory(indicator=indicator, quarter=4, level_reached=D(level))


def test_the_ranking_shares_ranks_for_equal_percentages(fiscal_year):
    a, b, c, d = (AgencyFactory(code=code) for code in "ABCD")
    _score(a, fiscal_year, 5)
    _score(b, fiscal_year, 4)
    _score(c, fiscal_year, 2, weight=20)
    _score(c, fiscal_year, 5, weight=20)  # 28/40 = 70 %... ties with D below
    _score(d, fiscal_year, "3.5")  # 7/10 = 70 %
    ranking = build_ranking(fiscal_year=2567)
    assert [(row.rank, row.scorecard.agency.code, row.scorecard.percent) for row in ranking.overall] == [
        (1, "A", D(100)),
        (2, "B", D(80)),
        (3, "C", D(70)),
        (3, "D", D(70)),
    ]


def test_the_ranking_ranks_within_mission_groups_and_district_groups(fiscal_year):
    a, b = AgencyFactory(code="A"), AgencyFactory(code="B")
    north, south = DistrictGroupFactory(name="กรุงเทพเหนือ", order=1), DistrictGroupFactory(name="กรุงเทพใต้", order=2)
    d1, d2, d3 = DistrictFactory(district_group=north), DistrictFactory(district_group=north), DistrictFactory(district_group=south)
    MissionGroupFactory(fiscal_year=fiscal_year, number=1, name="กลุ่มหนึ่ง", members=[a, b])
    MissionGroupFactory(fiscal_year=FiscalYearFactory(year_be=2566), number=1, members=[a])  # another year: ignored
    for agency, level in [(a, 3), (b, 4), (d1, 2), (d2, 5), (d3, 1)]:
        _score(agency, fiscal_year, level)
    ranking = build_ranking(fiscal_year=2567)
    assert [(g.name, [(r.rank, r.scorecard.agency.code) for r in g.rows]) for g in ranking.mission_groups] == [
        ("1. กลุ่มหนึ่ง", [(1, "B"), (2, "A")])
    ]
    assert [(g.name, [(r.rank, r.scorecard.agency.pk) for r in g.rows]) for g in ranking.district_groups] == [
        ("กรุงเทพเหนือ", [(1, d2.pk), (2, d1.pk)]),
        ("กรุงเทพใต้", [(1, d3.pk)]),
    ]
    assert all(r.scorecard.agency.kind == AgencyKind.DISTRICT for g in ranking.district_groups for r in g.rows)


def test_a_filtered_scorecard_keeps_the_city_wide_rank(fiscal_year):
    a, b = AgencyFactory(code="A"), AgencyFactory(code="B")
    _score(a, fiscal_year, 5)
    _score(b, fiscal_year, 3)
    card = only(build_scorecards(fiscal_year=2567, agencies=["B"]))
    assert (card.agency.code, card.rank) == ("B", 2)


def test_a_filtered_scorecard_follows_another_agencys_changes_at_once(fiscal_year):
    """Ranks are cached between requests; a change anywhere in the city must still move them."""
    a, b = AgencyFactory(code="A"), AgencyFactory(code="B")
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=a, weight=D(10))
    report = SubmittedReportFactory(indicator=indicator, quarter=4, level_reached=D(3))  # A: 60 %
    _score(b, fiscal_year, 4)  # B: 80 %
    assert only(build_scorecards(fiscal_year=2567, agencies=["B"])).rank == 1
    report.level_reached = D(5)  # A corrects its report: 100 %
    report.save()
    assert only(build_scorecards(fiscal_year=2567, agencies=["B"])).rank == 2
    QuarterAuditFactory(indicator=indicator, quarter=4, report=report, verified_level=D(2))  # the audit says 40 %
    assert only(build_scorecards(fiscal_year=2567, agencies=["B"])).rank == 1


def test_a_filtered_scorecard_equals_the_city_wide_one(fiscal_year):
    _city(fiscal_year, 6)
    everyone = {card.agency.code: card for card in build_scorecards(fiscal_year=2567)}
    for code, card in everyone.items():
        alone = only(build_scorecards(fiscal_year=2567, agencies=[code]))
        assert (alone.rank, alone.total_points, alone.max_points, alone.percent) == (
            card.rank, card.total_points, card.max_points, card.percent
        )
        assert alone.indicators == card.indicators


def test_an_agency_without_indicators_gets_an_empty_unranked_scorecard(fiscal_year, agency):
    card = only(build_scorecards(fiscal_year=2567, agencies=[agency]))
    assert (card.max_points, card.percent, card.rank, card.indicators) == (D(0), None, None, [])


def _city(year, count):
    group = DistrictGroupFactory()
    mission = MissionGroupFactory(fiscal_year=year)
    for i in range(count):
        agency = DistrictFactory(district_group=group) if i % 2 else AgencyFactory()
        mission.members.add(agency)
        indicator = ScoredIndicatorFactory(fiscal_year=year, agency=agency, rubric=ROOMS, rubric_kind="numeric")
        report = SubmittedReportFactory(indicator=indicator, quarter=3, measured_value=D(200 + i))
        if i % 3 == 0:
            QuarterAuditFactory(indicator=indicator, quarter=3, report=report, verified_value=D(250))
        if i % 5 == 0:
            JointParticipantFactory(indicator=indicator, weight=D(5))


def test_the_ranking_takes_the_same_number_of_queries_at_5_and_50_agencies(django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    year = FiscalYearFactory(year_be=2567)
    _city(year, 5)
    with CaptureQueriesContext(connection) as small:
        assert len(build_ranking(fiscal_year=2567).overall) == 6
    _city(year, 45)
    with django_assert_num_queries(len(small)):
        assert len(build_ranking(fiscal_year=2567).overall) == 60


def test_indicator_score_gives_the_indicators_own_score(fiscal_year, agency):
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D(20))
    assert indicator_score(indicator=indicator) is None
    SubmittedReportFactory(indicator=indicator, quarter=1, level_reached=D(2))
    QuarterAuditFactory(indicator=indicator, quarter=2, verified_level=D(4))
    score = indicator_score(indicator=indicator)
    assert (score.level, score.points, score.source, score.quarter) == (D(4), D(16), "audit", 2)
    assert indicator_score(indicator=indicator, quarter=1).points == D(8)


def test_indicator_score_matches_the_owners_scorecard_line_when_the_owner_is_a_weighted_participant(
    fiscal_year, agency, other_agency
):
    joint = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D(20))
    JointParticipantFactory(indicator=joint, agency=agency, weight=D(15), is_lead=True)
    JointParticipantFactory(indicator=joint, agency=other_agency, weight=D(10))
    SubmittedReportFactory(indicator=joint, quarter=2, level_reached=D(4))
    own_line = line(only(build_scorecards(fiscal_year=2567, agencies=[agency])), joint)
    score = indicator_score(indicator=joint)
    assert (score.points, own_line.points) == (D(12), D(12))


def test_quarter_scores_give_the_score_as_it_stood_after_each_quarter(fiscal_year, agency):
    from scoring.services import quarter_scores

    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D(10))
    SubmittedReportFactory(indicator=indicator, quarter=1, level_reached=D(2))
    QuarterAuditFactory(indicator=indicator, quarter=3, verified_level=D(5))
    scores = quarter_scores(indicator=indicator)
    got = {q: (s.points, s.source, s.quarter) if s else None for q, s in scores.items()}
    assert got == {
        None: (D(10), "audit", 3),
        1: (D(4), "self", 1),
        2: (D(4), "self", 1),
        3: (D(10), "audit", 3),
        4: (D(10), "audit", 3),
    }


def test_result_scores_score_figures_not_yet_counted_with_the_owners_weight(
    fiscal_year, agency, django_assert_num_queries
):
    from scoring.rules import Result
    from scoring.services import result_scores

    rooms = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D(10), rubric=ROOMS,
                                   rubric_kind="numeric")  # fmt: skip
    JointParticipantFactory(indicator=rooms, agency=agency, weight=D(20))  # the owner's own weight wins
    steps = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, weight=D(10))
    for indicator in (rooms, steps):
        indicator.fiscal_year = fiscal_year  # loaded, as the queue's select_related does

    with django_assert_num_queries(2):  # rubrics and own weights, however many pairs
        scores = result_scores([
            (rooms, Result(value=D(300))),
            (rooms, Result(level=D(4))),  # a numeric rubric needs the number: says why, scores 0
            (steps, Result(level=D("3.5"))),
            (steps, None),
        ])  # fmt: skip

    assert (scores[0].level, scores[0].points) == (D(4), D(16))
    assert scores[1].points == 0 and "คำนวณไม่ได้" in scores[1].explanation
    assert (scores[2].level, scores[2].points) == (D("3.5"), D(7))
    assert scores[3] is None
