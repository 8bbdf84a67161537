"""The one place reporting asks the scoring service for provisional points.

scoring.services.indicator_score(*, indicator, quarter=None) -> IndicatorScore | None is built
on another branch; until it is merged this returns None and pages say points are not available.
"""

from __future__ import annotations


def provisional_score(*, indicator, quarter: int | None = None):
    try:
        from scoring.services import indicator_score
    except ImportError:  # scoring service not merged yet
        return None
    return indicator_score(indicator=indicator, quarter=quarter)
