"""The one place reporting asks the scoring service for provisional points (scoring.services)."""

from __future__ import annotations

from scoring.services import indicator_scores, quarter_scores


def provisional_scores(*, indicators) -> dict[int, object]:
    """The owners' scores of these indicators by indicator id, in a fixed number of queries."""
    return indicator_scores(indicators=indicators)


def provisional_quarter_scores(*, indicator) -> dict[int | None, object]:
    """The indicator's score after each quarter (1-4) and now (None), in a fixed number of queries."""
    return quarter_scores(indicator=indicator)
