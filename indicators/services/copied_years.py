"""The years named in an indicator copied from an earlier year, moved on to the new package's year by the
rule the year setup follows (indicators.selectors.year_setup.YEAR_TEXTS): pure functions, no database.

What the plan year's work is called and when it happens move every year (next_year_text): the name and
target, the rubric and condition headings, each level's criterion ("… ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
"รายงานผลภายใน ก.ย. ๖๗") and the milestone steps (the plan's schedule), but not a multi-year plan's period
("ระยะ ๓ ปี (พ.ศ. ๒๕๖๗ - ๒๕๖๙)"), which is fixed. Texts written about something
(definition, method, sources, alignment with plans, outputs and outcomes, evidence documents, joint
duties) move only a year they call the plan year (next_plan_year_text): "กฎ ก.ก. … พ.ศ. ๒๕๖๕" and
"ตั้งแต่ปี พ.ศ. ๒๕๖๓" stay. Baselines never move: they are the results of the years they name. Codes,
units and the responsible person are copied as written.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import Indicator
from indicators.selectors.year_setup import MovedText
from kpi_portal.lib.reader import reader_digits
from kpi_portal.lib.thai import next_plan_year_text, next_year_text

_NOTES = (
    "definition", "calculation_method", "data_collection", "data_sources", "policy_text", "strategy_text",
    "sub_strategy_text", "goal", "objective", "key_result", "tactic", "outputs", "outcomes",
)
INDICATOR_YEAR_TEXTS: dict[str, Callable[[str, int], str]] = {
    **dict.fromkeys(("name", "target_text", "rubric_title", "conditions_title"), next_year_text),
    **dict.fromkeys(_NOTES, next_plan_year_text),
}

# The copied tables' texts: table → (column, rule, what the form calls the table). Baselines are not here.
TABLE_YEAR_TEXTS = {
    "levels": ("criterion", next_year_text, gettext_lazy("เกณฑ์ ๕ ระดับ")),
    "conditions": ("description", next_year_text, gettext_lazy("เงื่อนไขการดำเนินงาน (ร้อยละของแผน)")),
    "evidence": ("description", next_plan_year_text, gettext_lazy("หลักฐานที่ต้องส่ง")),
    "participants": ("duty", next_plan_year_text, gettext_lazy("หน่วยงานร่วมและภารกิจ (ตัวชี้วัดบูรณาการ)")),
}

EXCERPT_CONTEXT = 40


def moved_on(move: Callable[[str, int], str], text: str, *, from_be: int, to_be: int) -> str:
    """`text` with `move` applied once for each year from `from_be` to `to_be` (a copy may skip years)."""
    for year_be in range(from_be, to_be):
        text = move(text, year_be)
    return text


def changed_part(old: str, new: str, context: int = EXCERPT_CONTEXT) -> tuple[str, str]:
    """The stretch of two texts that differs, with about `context` characters around it (widened to the
    nearest space, Thai phrases being spaced) and "…" where cut, so a long definition shows the phrase
    whose year moved. Moving a year keeps a text's length."""
    if len(old) != len(new):  # pragma: no cover - next_year_text keeps the width of every year
        return old, new
    differ = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    if not differ:
        return old, new
    start, end = max(0, differ[0] - context), min(len(old), differ[-1] + 1 + context)
    if start and (space := old.rfind(" ", max(0, start - context), start)) >= 0:
        start = space + 1
    if end < len(old) and (space := old.find(" ", end, end + context)) >= 0:
        end = space

    def cut(text: str) -> str:
        return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")

    return cut(old), cut(new)


def _row_label(table: str, row: dict, position: int) -> str:
    if table == "levels" and row.get("level") is not None:
        return _("ระดับ %(level)s") % {"level": reader_digits(row["level"])}
    return _("แถวที่ %(row)s") % {"row": reader_digits(position)}


def move_years_on(data: dict, children, *, from_be: int, to_be: int) -> list[MovedText]:
    """Move the B.E. years the copied texts name from the source's year to the package's, each text by its
    rule (INDICATOR_YEAR_TEXTS, TABLE_YEAR_TEXTS), in place; each text that changed, old → new (the part
    around the moved years), for the user to check before saving."""
    moved = []

    def move(rule, text, row: str, label) -> str:
        if not isinstance(text, str) or (new := moved_on(rule, text, from_be=from_be, to_be=to_be)) == text:
            return text
        moved.append(MovedText(row, str(label), *changed_part(text, new)))
        return new

    for name, rule in INDICATOR_YEAR_TEXTS.items():
        if name in data:
            data[name] = move(rule, data[name], "", Indicator._meta.get_field(name).verbose_name)
    for table, (column, rule, label) in TABLE_YEAR_TEXTS.items():
        for position, row in enumerate(getattr(children, table), start=1):
            if column in row:
                row[column] = move(rule, row[column], _row_label(table, row, position), label)
    return moved
