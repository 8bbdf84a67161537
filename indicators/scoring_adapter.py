"""The one place reporting asks the scoring service for provisional points (scoring.services)."""

from __future__ import annotations

from scoring.services import build_scorecards, indicator_score


def provisional_score(*, indicator, quarter: int | None = None):
    """One indicator's score from results up to `quarter` (None before any result counts)."""
    return indicator_score(indicator=indicator, quarter=quarter)


def provisional_scores(*, fiscal_year, agencies) -> dict[int, object]:
    """Scores of the agencies' own indicators by indicator id, computed in a fixed number of queries."""
    codes = {agency.code for agency in agencies}
    if not codes:
        return {}
    scores = {}
    for card in build_scorecards(fiscal_year=fiscal_year, agencies=codes):
        for line in card.indicators:
            if not line.is_joint and line.source is not None:
                scores[line.indicator_id] = line
    return scores
