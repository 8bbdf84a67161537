"""Which figures a rubric scores: one pure rule for the report and audit forms, the save services,
the API and the spreadsheet import, so none of them keeps a figure the score never reads."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.models import RubricKind


@dataclass(frozen=True)
class RubricFigures:
    """Whether the measured value and the level reached count for an indicator's rubric."""

    value: bool
    level: bool


def figures_for(rubric_kind: str) -> RubricFigures:
    """Milestone rubrics score the level reached, numeric ones the measured value, mixed ones both
    (steps for the lower levels, numbers for the higher), as scoring.rules.score_indicator reads them."""
    return RubricFigures(value=rubric_kind != RubricKind.MILESTONE, level=rubric_kind != RubricKind.NUMERIC)


def unused_figure_errors(rubric_kind: str, *, value, level, value_field: str, level_field: str) -> dict[str, str]:
    """A Thai message by field for each figure given that the rubric does not score (empty when none)."""
    figures = figures_for(rubric_kind)
    kind = RubricKind(rubric_kind).label
    errors = {}
    if value is not None and not figures.value:
        errors[value_field] = _("เกณฑ์ของตัวชี้วัดนี้เป็นแบบ%(kind)s ไม่ใช้ค่าที่วัดได้ กรุณาเว้นว่างไว้") % {"kind": kind}
    if level is not None and not figures.level:
        errors[level_field] = _("เกณฑ์ของตัวชี้วัดนี้เป็นแบบ%(kind)s ไม่ใช้ระดับที่ได้ กรุณาเว้นว่างไว้") % {"kind": kind}
    return errors
