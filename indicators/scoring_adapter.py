"""The one place reporting asks the scoring service for provisional points (scoring.services)."""

from __future__ import annotations

from scoring.rules import Result
from scoring.services import indicator_scores, quarter_scores, result_scores


def provisional_scores(*, indicators) -> dict[int, object]:
    """The owners' scores of these indicators by indicator id, in a fixed number of queries."""
    return indicator_scores(indicators=indicators)


def provisional_quarter_scores(*, indicator) -> dict[int | None, object]:
    """The indicator's score after each quarter (1-4) and now (None), in a fixed number of queries."""
    return quarter_scores(indicator=indicator)


def figures_scores(figures) -> list[object | None]:
    """What each (indicator, value, level) would score, in order (None without a figure), in a fixed
    number of queries: the level and points an auditor weighs before deciding."""
    return result_scores((indicator, Result(level=level, value=value)) for indicator, value, level in figures)
