"""The numbers written in a rubric level's text, against the level's threshold: pure functions, no database.

Rubric texts usually repeat the threshold in prose ("ร้อยละ ๘๐ ขึ้นไป" beside a threshold of 80). When a
level's text names numbers and none of them is its threshold, one of the two was probably changed
without the other; the drafting form and the admin say so beside the level. It is a warning, never a
reason to refuse a save: a text may rightly give a count the threshold does not ("๓ ขั้นตอน").
A level whose text words its comparison ("น้อยกว่า ๘๐ วัน", "ไม่น้อยกว่าร้อยละ ๘๐") against its
"ไม่นับค่าที่เท่ากับค่าเกณฑ์" box is checked the same way (comparison_warning); level_warning gives either.
The same number finder keeps an indicator's target from being printed twice (target_suffix) and notices a
target text that counts something else than the target value (target_warning). threshold_display words a
level's threshold with its comparison and unit ("น้อยกว่า 80 วัน") for every page and form that shows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext

from kpi_portal.lib.numbers import plain_number, quantity_text
from kpi_portal.lib.reader import reader_digits
from kpi_portal.lib.thai import to_arabic_digits
from scoring.rules import threshold_text

# A number as written in official forms: thousands separators in groups of three, optional decimals.
# A dash before it is a range ("๘๐-๘๙"), not a sign; one glued to Latin letters is part of a code (P058).
_NUMBER_RE = re.compile(r"(?<![A-Za-z0-9.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,.]\d)")
# Numbers that name something else than a quantity: a year (พ.ศ. ๒๕๖๗), a level (ระดับ ๕), an item (ข้อ ๒).
_NOT_A_QUANTITY_RE = re.compile(r"(?:พ\.ศ\.|ค\.ศ\.|ปี|ระดับ(?:ที่)?|ข้อ(?:ที่)?|ไตรมาส(?:ที่)?)\s*$")


def _quantities(text) -> list[tuple[Decimal, str]]:
    """Each quantity written in `text` with the text that follows it (in Arabic digits), in order.
    Years, level and item numbers are left out."""
    arabic = _arabic(text)
    return [(number, arabic[match.end() :]) for number, match in _quantity_matches(arabic)]


def _arabic(text) -> str:
    return to_arabic_digits(text or "").replace("\u00a0", " ")


def _quantity_matches(arabic: str) -> list[tuple[Decimal, re.Match]]:
    """Each quantity in an Arabic-digit text with its match (years, level and item numbers left out)."""
    found = []
    for match in _NUMBER_RE.finditer(arabic):
        if _NOT_A_QUANTITY_RE.search(arabic[: match.start()]):
            continue
        try:
            found.append((Decimal(match.group().replace(",", "")), match))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
    return found


def find_numbers(text) -> list[Decimal]:
    """The quantities written in `text`, in Thai or Arabic digits, in order: "ร้อยละ ๘๐ (1,390 ห้อง)" →
    [80, 1390]. Years, level and item numbers are left out."""
    return [number for number, _ in _quantities(text)]


def mentions_number(text, value) -> bool:
    """Whether `text` writes the number `value` (in either kind of digits)."""
    if value is None:
        return False
    return Decimal(value) in find_numbers(text)


def _shown(value) -> str:
    """A figure in Thai digits (Arabic digits on the English pages)."""
    return reader_digits(plain_number(value))


def names_threshold(number: Decimal, threshold: Decimal) -> bool:
    """Whether a number in the text states the threshold: the same value, or one written step below it
    with decimals, as in "มากกว่า ๗๙.๙๙" for a threshold of 80 (one step of 0.01 under it)."""
    if number == threshold:
        return True
    exponent = number.normalize().as_tuple().exponent
    return exponent < 0 and threshold - number == Decimal(1).scaleb(exponent)


def states_threshold(text, threshold) -> bool:
    """Whether `text` writes the threshold (see names_threshold)."""
    return any(names_threshold(number, Decimal(threshold)) for number in find_numbers(text))


def threshold_warning(level: int, text, threshold) -> str | None:
    """A warning (Thai, or English on the English pages) when the level's text names numbers and none of them is its threshold; else None
    (no threshold, or no number in the text, is nothing to compare)."""
    if threshold is None:
        return None
    numbers = find_numbers(text)
    if not numbers or states_threshold(text, threshold):
        return None
    written = ", ".join(_shown(n) for n in numbers)
    return gettext(
        "ระดับ %(level)s: ข้อความเกณฑ์ระบุ %(written)s แต่ค่าเกณฑ์คือ %(threshold)s โปรดตรวจว่าตรงกัน (บันทึกได้ตามปกติ)"
    ) % {"level": reader_digits(level), "written": written, "threshold": _shown(threshold)}


# The comparison written just before a number ("ไม่น้อยกว่าร้อยละ", "น้อยกว่า", "ภายใน") or just after it, past
# a short unit ("๘๐ ขึ้นไป", "๓๐๐ ห้องหรือมากกว่า"). Inclusive words are tried first: "ไม่น้อยกว่า" ends in "น้อยกว่า".
_INCLUSIVE_BEFORE = r"ไม่(?:น้อย|ต่ำ|มาก|สูง|เกิน)กว่า|(?:น้อย|ต่ำ|มาก|สูง)กว่าหรือเท่ากับ|ไม่เกิน|ภายใน|อย่างน้อย|ตั้งแต่|[≤≥]|[<>]="
_STRICT_BEFORE = r"(?:น้อย|ต่ำ|มาก|สูง|เกิน)กว่า|เกิน|ไม่ถึง|[<>]"
_BEFORE_RE = re.compile(
    rf"(?:(?P<inclusive>{_INCLUSIVE_BEFORE})|(?P<strict>{_STRICT_BEFORE}))\s*(?:ร้อยละ|จำนวน)?\s*$"
)
_AFTER_RE = re.compile(r"\s*(?:[^\s\d\-–(),]{1,8}?\s*)?(?P<inclusive>ขึ้นไป|ลงมา|หรือ(?:มาก|น้อย|สูง|ต่ำ)กว่า)")


def written_comparison(text, threshold) -> tuple[str, bool] | None:
    """The comparison the text writes beside the threshold's own number, and whether it is strict:
    "แล้วเสร็จน้อยกว่า ๘๐ วัน" with 80 → ("น้อยกว่า ๘๐", True); "ร้อยละ ๘๐ ขึ้นไป" → ("๘๐ ขึ้นไป", False).
    None when the text does not write the threshold or writes no comparison beside it."""
    if threshold is None:
        return None
    arabic, shown = _arabic(text), _shown(threshold)
    for number, match in _quantity_matches(arabic):
        if number != Decimal(threshold):
            continue
        if before := _BEFORE_RE.search(arabic[max(0, match.start() - 40) : match.start()]):
            return f"{before.group('inclusive') or before.group('strict')} {shown}", before.group("strict") is not None
        if after := _AFTER_RE.match(arabic, match.end()):
            return f"{shown} {after.group('inclusive')}", False
    return None


def comparison_warning(level: int, text, threshold, exclusive) -> str | None:
    """A warning when the text's comparison beside the threshold disagrees with the level's box "ไม่นับค่าที่
    เท่ากับค่าเกณฑ์": "น้อยกว่า ๘๐" left unticked (80 itself would reach the level) or "ไม่น้อยกว่า ๘๐" ticked."""
    written = written_comparison(text, threshold)
    if written is None or written[1] == bool(exclusive):
        return None
    values = {"level": reader_digits(level), "words": written[0], "threshold": _shown(threshold)}
    if written[1]:
        return gettext(
            "ระดับ %(level)s: ข้อความเกณฑ์เขียนว่า “%(words)s” (ค่าที่เท่ากับ %(threshold)s ไม่ได้ระดับนี้) "
            "แต่ไม่ได้เลือก “ไม่นับค่าที่เท่ากับค่าเกณฑ์” โปรดตรวจว่าตรงกัน (บันทึกได้ตามปกติ)"
        ) % values
    return gettext(
        "ระดับ %(level)s: ข้อความเกณฑ์เขียนว่า “%(words)s” (ค่าที่เท่ากับ %(threshold)s ได้ระดับนี้) "
        "แต่เลือก “ไม่นับค่าที่เท่ากับค่าเกณฑ์” ไว้ โปรดตรวจว่าตรงกัน (บันทึกได้ตามปกติ)"
    ) % values


def level_warning(level: int, text, threshold, exclusive=False) -> str | None:
    """The drafting hint for one rubric level: its text names another number than its threshold
    (threshold_warning), or words another comparison than its box says (comparison_warning). The two
    never both apply: the second needs the threshold's own number in the text."""
    return threshold_warning(level, text, threshold) or comparison_warning(level, text, threshold, exclusive)


def rubric_warnings(levels: Iterable) -> dict[int, str]:
    """level → warning (level_warning), for rows given as dicts or objects with level, criterion, threshold
    and threshold_exclusive."""
    warnings = {}
    for row in levels:
        get = row.get if isinstance(row, dict) else lambda name, row=row: getattr(row, name, None)
        warning = level_warning(get("level"), get("criterion"), get("threshold"), get("threshold_exclusive"))
        if warning:
            warnings[get("level")] = warning
    return warnings


def threshold_display(level, indicator) -> str:
    """A rubric level's threshold as people read it: the comparison (scoring.rules.threshold_text), the
    number and the indicator's measured unit: "น้อยกว่า 80 วัน", "ไม่เกิน 90 วัน", "ไม่น้อยกว่า ร้อยละ 80";
    "" when the level has no threshold."""
    if level.threshold is None:
        return ""
    return threshold_text(
        quantity_text(level.threshold, indicator.measured_unit),
        direction=indicator.rubric_direction,
        exclusive=level.threshold_exclusive,
    )


def target_suffix(target_text, target_value, target_unit="") -> str:
    """The "(value unit)" printed after the target's text, or "" when there is no value or the text already
    writes it: "ร้อยละ ๑๐๐ (๓๖๐ ห้อง)" with 360 ห้อง shows once, not "… (๓๖๐ ห้อง) (360 ห้อง)"."""
    if target_value is None or mentions_number(target_text, target_value):
        return ""
    return f"({' '.join(part for part in (plain_number(target_value), target_unit or '') if part)})"


def target_warning(target_text, target_value, target_unit="") -> str | None:
    """A warning when the target's text counts in the target's unit ("๔๐๐ ห้อง") but never the target value
    (360 ห้อง): one was changed without the other. Numbers in other units ("ร้อยละ ๑๐๐") are not compared."""
    unit = (target_unit or "").strip()
    if target_value is None or not unit:
        return None
    counted = [number for number, rest in _quantities(target_text) if rest.lstrip().startswith(unit)]
    if not counted or Decimal(target_value) in counted:
        return None
    return gettext(
        "ค่าเป้าหมาย: ข้อความระบุ %(written)s แต่ค่าเป้าหมายคือ %(value)s %(unit)s โปรดตรวจว่าตรงกัน (บันทึกได้ตามปกติ)"
    ) % {"written": ", ".join(f"{_shown(n)} {unit}" for n in counted), "value": _shown(target_value), "unit": unit}
