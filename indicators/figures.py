"""Which figures a rubric scores: pure rules for the report and audit forms, the save services,
the API and the spreadsheet import, so none of them keeps a figure the score never reads, and
no report is sent without the figure the score does read."""

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


def missing_figure_errors(rubric_kind: str, *, value, level, value_field: str, level_field: str) -> dict[str, str]:
    """A Thai message by field when the figure the rubric scores is missing (empty when it is given):
    a numeric rubric needs the measured value, a milestone one the level reached, a mixed one at least
    one of the two (it is said beside both, either will do). A report is sent only with it."""
    figures = figures_for(rubric_kind)
    kind = RubricKind(rubric_kind).label
    if figures.value and figures.level:
        if value is not None or level is not None:
            return {}
        message = _("เกณฑ์ของตัวชี้วัดนี้เป็นแบบ%(kind)s กรุณากรอกค่าที่วัดได้หรือระดับที่ได้อย่างน้อยหนึ่งค่าก่อนส่งรายงาน") % {
            "kind": kind
        }
        return {value_field: message, level_field: message}
    if figures.value and value is None:
        return {
            value_field: _("เกณฑ์ของตัวชี้วัดนี้เป็นแบบ%(kind)s ให้คะแนนจากค่าที่วัดได้ กรุณากรอกค่าที่วัดได้ก่อนส่งรายงาน")
            % {"kind": kind}
        }
    if figures.level and level is None:
        return {
            level_field: _("เกณฑ์ของตัวชี้วัดนี้เป็นแบบ%(kind)s ให้คะแนนจากระดับที่ได้ กรุณากรอกระดับที่ได้ก่อนส่งรายงาน")
            % {"kind": kind}
        }
    return {}
