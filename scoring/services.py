"""Scorecards and rankings for a fiscal year, built from the pure rules over preloaded data.

Loading is in selectors.year_data (a fixed number of queries); everything here is Python.
Results are computed on demand, not stored: they always reflect the latest audit or report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, AgencyKind
from indicators.models import FiscalYear, Indicator
from kpi_portal.lib.numbers import is_whole_number

from . import rules
from .selectors import (
    IndicatorRow,
    YearData,
    fiscal_year_get,
    indicators_figures,
    indicators_rubrics,
    pick_result,
    policy_for,
    scoring_inputs_version,
    year_data,
)

SOURCE_LABELS = {"audit": gettext_lazy("ผลตรวจ สยป."), "self": gettext_lazy("รายงานของหน่วยงาน")}


@dataclass(frozen=True)
class IndicatorLine:
    indicator_id: int
    number: int
    name: str
    element_code: str
    weight: Decimal
    level: Decimal
    points: Decimal
    source: str | None  # "audit", "self" or None when nothing counts yet
    quarter: int | None
    explanation: str
    is_joint: bool = False  # scored here as a participant of another agency's joint KPI
    owner: str = ""  # for a joint KPI: the agency that owns it (its number is that agency's)

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS.get(self.source or "", gettext_lazy("ยังไม่มีผล")))


@dataclass(frozen=True)
class ElementScore:
    code: str
    name: str
    points: Decimal
    max_points: Decimal
    depth: int  # 0 for an element, 1 for a sub-element such as 1.2


@dataclass
class AgencyScorecard:
    agency: Agency
    fiscal_year: FiscalYear
    quarter: int | None
    total_points: Decimal
    max_points: Decimal
    percent: Decimal | None
    rank: int | None = None
    elements: list[ElementScore] = field(default_factory=list)
    indicators: list[IndicatorLine] = field(default_factory=list)

    def sections(self) -> list[tuple[ElementScore, list[IndicatorLine]]]:
        """Each element with the indicators filed directly under it, in display order."""
        return [(e, [line for line in self.indicators if line.element_code == e.code]) for e in self.elements]


@dataclass(frozen=True)
class RankRow:
    rank: int
    scorecard: AgencyScorecard


@dataclass(frozen=True)
class GroupRanking:
    name: str
    rows: list[RankRow]


@dataclass(frozen=True)
class Ranking:
    fiscal_year: FiscalYear
    quarter: int | None
    overall: list[RankRow]
    mission_groups: list[GroupRanking]
    district_groups: list[GroupRanking]


def _check_quarter(quarter: int | None) -> int | None:
    if quarter is None:
        return None
    if int(quarter) not in (1, 2, 3, 4):
        raise ValueError("ไตรมาสต้องเป็น 1-4")
    return int(quarter)


def _code_key(code: str) -> tuple:
    return tuple((0, int(part), "") if is_whole_number(part) else (1, 0, part) for part in code.split("."))


class _ElementTree:
    """The year's elements in display order (each element followed by its sub-elements)."""

    def __init__(self, data: YearData):
        self.code_parent = {
            e.code: (data.elements[e.parent_id].code if e.parent_id in data.elements else None)
            for e in data.elements.values()
        }
        children: dict[int | None, list] = defaultdict(list)
        for element in data.elements.values():
            children[element.parent_id if element.parent_id in data.elements else None].append(element)
        self.order: list[tuple[str, str, int]] = []

        def walk(parent_id, depth):
            for element in sorted(children.get(parent_id, ()), key=lambda e: (e.order, _code_key(e.code))):
                self.order.append((element.code, element.name, depth))
                walk(element.id, depth + 1)

        walk(None, 0)
        self.position = {code: i for i, (code, _, _) in enumerate(self.order)}


def _scored(rubric, result, weight: Decimal, policy) -> rules.IndicatorScore:
    try:
        return rules.score_indicator(rubric=rubric, result=result, weight=weight, policy=policy)
    except rules.RubricError as error:
        # One broken rubric must not stop the city's scorecards: it scores 0 and says why.
        explanation = _("คำนวณไม่ได้: %(error)s") % {"error": error}
        return rules.IndicatorScore(level=Decimal(0), points=Decimal(0), explanation=explanation)


def _score_line(row: IndicatorRow, data: YearData, weight: Decimal, code: str, *, quarter, is_joint) -> IndicatorLine:
    picked = pick_result(data.reports.get(row.id, {}), data.audits.get(row.id, {}), quarter)
    result, source, from_quarter = picked if picked else (None, None, None)
    score = _scored(row.rubric, result, weight, data.policy)
    level, points, explanation = score.level, score.points, score.explanation
    return IndicatorLine(
        indicator_id=row.id,
        number=row.number,
        name=row.name,
        element_code=code,
        weight=weight,
        level=level,
        points=points,
        source=source,
        quarter=from_quarter,
        explanation=explanation,
        is_joint=is_joint,
        owner=row.owner if is_joint else "",
    )


def _weight_for(indicator_weight: Decimal, participant_weight: Decimal | None) -> Decimal:
    """An agency listed as a participant with a weight of its own is scored with it (the owner too);
    otherwise with the indicator's weight."""
    return participant_weight or indicator_weight


def _lines_by_agency(data: YearData, tree: _ElementTree, quarter) -> dict[int, list[IndicatorLine]]:
    lines: dict[int, list[IndicatorLine]] = defaultdict(list)
    for row in data.indicators:
        code = data.elements[row.element_id].code
        participants = dict(data.participants.get(row.id, ()))
        scored = {row.agency_id: _weight_for(row.weight, participants.pop(row.agency_id, None))}
        scored.update({agency_id: _weight_for(row.weight, weight) for agency_id, weight in participants.items()})
        for agency_id, weight in scored.items():
            lines[agency_id].append(
                _score_line(row, data, weight, code, quarter=quarter, is_joint=agency_id != row.agency_id)
            )
    for agency_lines in lines.values():
        agency_lines.sort(key=lambda line: (tree.position.get(line.element_code, 0), line.number))
    return lines


def _scorecard(agency: Agency, lines: list[IndicatorLine], data: YearData, tree: _ElementTree, quarter) -> AgencyScorecard:
    totals = rules.element_totals(
        ((line.element_code, line.points, line.weight) for line in lines), tree.code_parent
    )
    q = data.policy.quantize  # totals carry the year's places, whatever the weights' scale
    elements = [
        ElementScore(code=code, name=name, points=q(totals[code][0]), max_points=q(totals[code][1]), depth=depth)
        for code, name, depth in tree.order
        if code in totals
    ]
    total = q(sum((line.points for line in lines), Decimal(0)))
    maximum = q(sum((line.weight for line in lines), Decimal(0)))
    return AgencyScorecard(
        agency=agency,
        fiscal_year=data.fiscal_year,
        quarter=quarter,
        total_points=total,
        max_points=maximum,
        percent=rules.percent(total, maximum, data.policy),
        elements=elements,
        indicators=lines,
    )


def _all_scorecards(fiscal_year, quarter) -> tuple[YearData, list[AgencyScorecard]]:
    quarter = _check_quarter(quarter)
    data = year_data(fiscal_year_get(fiscal_year), quarter=quarter)
    tree = _ElementTree(data)
    lines = _lines_by_agency(data, tree, quarter)
    cards = [
        _scorecard(data.agencies[agency_id], agency_lines, data, tree, quarter)
        for agency_id, agency_lines in lines.items()
    ]
    cards.sort(key=lambda card: (card.agency.kind, card.agency.order, card.agency.code))
    for position, card in rules.rank(cards, score=lambda card: card.percent):
        card.rank = position
    return data, cards


# Ranks are the one figure that needs every agency's results; they are kept for a while under the
# scoring inputs' version, which every save or delete moves. The time limit bounds what the version
# cannot see: a write that commits after a newer one was read, or rows loaded without history
# (fixtures, restore) into a running server.
RANKS_CACHE_SECONDS = 300


def city_ranks(fiscal_year, quarter: int | None = None) -> dict[int, int | None]:
    """Each scored agency's city-wide rank (agency id → rank), recomputed only when an input changed."""
    fiscal_year, quarter = fiscal_year_get(fiscal_year), _check_quarter(quarter)
    version = "-".join(str(latest or 0) for latest in scoring_inputs_version())
    key = f"scoring-ranks:{fiscal_year.pk}:{quarter or 0}:{version}"
    ranks = cache.get(key)
    if ranks is None:
        _data, cards = _all_scorecards(fiscal_year, quarter)
        ranks = {card.agency.pk: card.rank for card in cards}
        cache.set(key, ranks, RANKS_CACHE_SECONDS)
    return ranks


def build_scorecards(
    *, fiscal_year, agencies: Iterable[Agency | str] | None = None, quarter: int | None = None
) -> list[AgencyScorecard]:
    """Every agency's scorecard for a year (or only `agencies`, given as instances or codes), best first.

    Ranks are always city-wide. `quarter` gives the provisional scorecard from results up to
    that quarter. An agency asked for but without counted indicators gets an empty scorecard.
    Asking for a few agencies reads only their indicators; their ranks come from city_ranks.
    """
    if agencies is None:
        return sorted(_all_scorecards(fiscal_year, quarter)[1], key=lambda card: (card.rank is None, card.rank or 0))
    fiscal_year, quarter = fiscal_year_get(fiscal_year), _check_quarter(quarter)
    agencies = list(agencies)
    chosen = [a for a in agencies if isinstance(a, Agency)]
    codes = {str(a) for a in agencies if not isinstance(a, Agency)} - {a.code for a in chosen}
    if codes:
        chosen += Agency.objects.select_related("district_group").filter(code__in=codes)
    chosen = list({agency.pk: agency for agency in chosen}.values())
    data = year_data(fiscal_year, quarter=quarter, agencies=chosen)
    tree = _ElementTree(data)
    lines = _lines_by_agency(data, tree, quarter)
    ranks = city_ranks(fiscal_year, quarter)
    cards = []
    for agency in chosen:
        card = _scorecard(agency, lines.get(agency.pk, []), data, tree, quarter)
        card.rank = ranks.get(agency.pk)
        cards.append(card)
    cards.sort(key=lambda card: (card.rank is None, card.rank or 0, card.agency.kind, card.agency.order, card.agency.code))
    return cards


def build_ranking(*, fiscal_year, quarter: int | None = None) -> Ranking:
    """Rank agencies on percent of maximum: overall, within each of the year's mission groups and
    within each district group (district offices only). Equal percentages share a rank."""
    data, cards = _all_scorecards(fiscal_year, quarter)
    overall = [RankRow(card.rank, card) for card in sorted(cards, key=lambda c: c.rank or 0) if card.rank]

    def ranked(members: list[AgencyScorecard]) -> list[RankRow]:
        return [RankRow(position, card) for position, card in rules.rank(members, score=lambda c: c.percent)]

    # Mission groups rank their member agencies; district offices are ranked within their district group.
    mission_groups = [
        GroupRanking(name=f"{number}. {name}", rows=ranked([c for c in cards if c.agency.pk in members]))
        for number, name, members in data.mission_groups
    ]
    districts: dict[int, list[AgencyScorecard]] = defaultdict(list)
    groups = {}
    for card in cards:
        if card.agency.kind == AgencyKind.DISTRICT and card.agency.district_group_id:
            districts[card.agency.district_group_id].append(card)
            groups[card.agency.district_group_id] = card.agency.district_group
    district_groups = [
        GroupRanking(name=groups[pk].name, rows=ranked(members))
        for pk, members in sorted(districts.items(), key=lambda item: (groups[item[0]].order, groups[item[0]].name))
    ]
    return Ranking(
        fiscal_year=data.fiscal_year,
        quarter=_check_quarter(quarter),
        overall=overall,
        mission_groups=mission_groups,
        district_groups=district_groups,
    )


def ranking_seen_by(ranking: Ranking, visible: set[int] | None) -> Ranking:
    """The ranking with only the rows of the `visible` agencies (ids; None keeps every row). Ranks
    stay city-wide; a group left without rows is dropped."""
    if visible is None:
        return ranking

    def rows(found: list[RankRow]) -> list[RankRow]:
        return [row for row in found if row.scorecard.agency.pk in visible]

    def groups(found: list[GroupRanking]) -> list[GroupRanking]:
        return [replace(group, rows=rows(group.rows)) for group in found if rows(group.rows)]

    return replace(
        ranking,
        overall=rows(ranking.overall),
        mission_groups=groups(ranking.mission_groups),
        district_groups=groups(ranking.district_groups),
    )


def indicator_scores(*, indicators: Iterable[Indicator], quarter: int | None = None) -> dict[int, rules.IndicatorScore]:
    """The owners' own scores of the given indicators (latest result up to `quarter`), by indicator
    id, in a fixed number of queries; an indicator without a counted result is absent.

    Each is scored exactly as on its owner's scorecard, without reading the rest of the city.
    """
    indicators = list(indicators)
    if not indicators:
        return {}
    quarter = _check_quarter(quarter)
    rubrics, reports, audits, own_weights = indicators_figures(indicators, quarter=quarter)
    policies: dict[int, rules.Policy] = {}
    scores = {}
    for indicator in indicators:
        if indicator.fiscal_year_id not in policies:
            policies[indicator.fiscal_year_id] = policy_for(indicator.fiscal_year)
        weight = _weight_for(indicator.weight, own_weights.get(indicator.pk))
        figures = (rubrics[indicator.pk], weight, policies[indicator.fiscal_year_id])
        score = _own_score(*figures, reports.get(indicator.pk, {}), audits.get(indicator.pk, {}), quarter)
        if score is not None:
            scores[indicator.pk] = score
    return scores


def quarter_scores(*, indicator: Indicator) -> dict[int | None, rules.IndicatorScore | None]:
    """The indicator's own score as it stood after each quarter (1-4) and now (None), in four queries."""
    rubrics, reports, audits, own_weights = indicators_figures([indicator], latest_only=False)
    weight = _weight_for(indicator.weight, own_weights.get(indicator.pk))
    figures = (rubrics[indicator.pk], weight, policy_for(indicator.fiscal_year))
    own_reports, own_audits = reports.get(indicator.pk, {}), audits.get(indicator.pk, {})
    return {quarter: _own_score(*figures, own_reports, own_audits, quarter) for quarter in (None, 1, 2, 3, 4)}


def _own_score(rubric, weight, policy, reports, audits, quarter) -> rules.IndicatorScore | None:
    picked = pick_result(reports, audits, quarter)
    if picked is None:
        return None
    result, source, from_quarter = picked
    return replace(_scored(rubric, result, weight, policy), source=source, quarter=from_quarter)


def indicator_score(*, indicator: Indicator, quarter: int | None = None) -> rules.IndicatorScore | None:
    """The indicator's own score (its owner's weight, latest result up to `quarter`); None before any result counts."""
    return indicator_scores(indicators=[indicator], quarter=quarter).get(indicator.pk)


def result_scores(
    pairs: Iterable[tuple[Indicator, rules.Result | None]],
) -> list[rules.IndicatorScore | None]:
    """What each given result would score on its indicator's own scorecard (its owner's weight, its
    year's policy), whether or not it counts yet: the figures an auditor is looking at, before
    deciding. In order; None where there is no figure to score. Two queries however many pairs
    (and one per fiscal year not already loaded on the indicators)."""
    pairs = list(pairs)
    indicators = list({indicator.pk: indicator for indicator, _ in pairs}.values())
    if not indicators:
        return []
    rubrics, own_weights = indicators_rubrics(indicators)
    policies: dict[int, rules.Policy] = {}
    scores: list[rules.IndicatorScore | None] = []
    for indicator, result in pairs:
        if result is None or (result.level is None and result.value is None):
            scores.append(None)
            continue
        if indicator.fiscal_year_id not in policies:
            policies[indicator.fiscal_year_id] = policy_for(indicator.fiscal_year)
        weight = _weight_for(indicator.weight, own_weights.get(indicator.pk))
        scores.append(_scored(rubrics[indicator.pk], result, weight, policies[indicator.fiscal_year_id]))
    return scores
