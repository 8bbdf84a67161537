"""Spreadsheet columns for one fiscal year: composition elements, indicators (with rubric and baselines)
and quarterly results. Rows are matched on natural keys within the year given to the resource.
"""

from .elements import CompositionElementResource
from .indicators import IndicatorResource
from .quarterly_results import QuarterlyResultResource

__all__ = ["CompositionElementResource", "IndicatorResource", "QuarterlyResultResource"]
