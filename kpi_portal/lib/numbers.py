"""Numbers as people write them in official forms: Thai or Arabic digits, thousands separators, units.

"ร้อยละ ๙๕" → 95 (ร้อยละ), "๑๒ โครงการ" → 12 (โครงการ), "1,390 ห้อง" → 1390 (ห้อง), "95%" → 95 (ร้อยละ).
Text with no number, or with two numbers ("ร้อยละ ๑๐๐ (๓๖๐ ห้อง)"), is refused rather than guessed.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple

from django.utils.translation import gettext

from .thai import to_arabic_digits

# A number with optional sign, thousands separators in groups of three, and decimals.
_GROUPED = r"\d{1,3}(?:,\d{3})+"
_NUMBER = rf"[-+]?(?:{_GROUPED}|\d+)(?:\.\d+)?"
_NUMBER_RE = re.compile(_NUMBER)
_GROUPED_NUMBER_RE = re.compile(rf"[-+]?{_GROUPED}(?:\.\d*)?")
_PLAIN_NUMBER_RE = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_ANY_DIGIT_RE = re.compile(r"\d")
_PERCENT_WORDS = ("ร้อยละ", "%", "เปอร์เซ็นต์")


def commas_group_thousands(text: str) -> bool:
    """Whether a number in Arabic digits uses its commas only between thousands ("1,250.5", not "12,5")."""
    return bool(_GROUPED_NUMBER_RE.fullmatch(text))


def is_whole_number(text: str) -> bool:
    """Whether `text` is digits 0-9 only: str.isdigit() alone also takes "²" and other scripts' digits,
    which int() refuses or reads, so an id, year or code part tested with it alone can be a server error."""
    return text.isascii() and text.isdigit()


def is_plain_number(text: str) -> bool:
    """Whether `text` is digits 0-9 with an optional sign and decimal point: Python's Decimal would also read
    "1e3" as 1000, "1_000", and other scripts' digits, none of which a person means in a figure box."""
    return bool(_PLAIN_NUMBER_RE.fullmatch(text))


class Quantity(NamedTuple):
    value: Decimal
    unit: str


def parse_quantity(text) -> Quantity:
    """Split '๑๒ โครงการ' into (12, 'โครงการ'); raise ValueError, its message in the active language
    (Thai by default), if it is not one number."""
    if isinstance(text, bool):
        raise ValueError(gettext("ต้องเป็นตัวเลข"))
    if isinstance(text, (int, float, Decimal)):
        return Quantity(Decimal(str(text)), "")
    raw = str(text or "").strip()
    if not raw:
        raise ValueError(gettext("ไม่มีค่าตัวเลข"))
    arabic = to_arabic_digits(raw).replace("\u00a0", " ")
    matches = list(_NUMBER_RE.finditer(arabic))
    if not matches:
        raise ValueError(gettext("“%(text)s” ไม่ใช่ตัวเลข") % {"text": raw})
    if len(matches) > 1:
        if any(arabic[a.end() : b.start()] in (",", ".") for a, b in zip(matches, matches[1:])):
            raise ValueError(gettext("“%(text)s” ไม่ใช่ตัวเลขที่ถูกต้อง") % {"text": raw})
        raise ValueError(gettext("“%(text)s” มีตัวเลขมากกว่าหนึ่งค่า") % {"text": raw})
    match = matches[0]
    rest = (arabic[: match.start()] + " " + arabic[match.end() :]).strip()
    if _ANY_DIGIT_RE.search(rest) or rest.startswith((",", ".")) or rest.endswith((",", ".")):
        # e.g. "1,39" or "12.5.1": digits left over mean the separators were not thousands groups.
        raise ValueError(gettext("“%(text)s” ไม่ใช่ตัวเลขที่ถูกต้อง") % {"text": raw})
    try:
        value = Decimal(match.group().replace(",", ""))
    except InvalidOperation:
        raise ValueError(gettext("“%(text)s” ไม่ใช่ตัวเลข") % {"text": raw}) from None
    return Quantity(value, _normalise_unit(rest))


def parse_number(text) -> Decimal:
    """The number in '๑๒ โครงการ', '1,390 ห้อง', 'ร้อยละ ๙๕' or 12.5; ValueError otherwise."""
    return parse_quantity(text).value


def _normalise_unit(rest: str) -> str:
    unit = " ".join(rest.replace("(", " ").replace(")", " ").split())
    if unit in _PERCENT_WORDS:
        return "ร้อยละ"
    return unit


def percent_text(value) -> str:
    """A share of the full score as scorecards and rankings print it: two places, half up
    (51.4286 → "51.43", 87.125 → "87.13", 50 → "50.00", none → "-"), the same on screen, in PDFs
    and the CLI."""
    if value in (None, ""):
        return "-"
    return f"{Decimal(value).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def plain_number(value) -> str:
    """A number as people write it: 10.00 → "10", 12.50 → "12.5", 1390.0000 → "1,390"."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value.to_integral_value():,}"
    return f"{value.normalize():,f}"


# Units written before the number ("ร้อยละ ๘๐", "ระดับ ๕"); the others follow it ("๑,๓๙๐ ห้อง").
_UNITS_BEFORE = ("ร้อยละ", "ระดับ")


def quantity_text(value, unit: str = "") -> str:
    """A figure with its unit as the forms write it, the reverse of parse_quantity: (80, "ร้อยละ") →
    "ร้อยละ 80", (1390, "ห้อง") → "1,390 ห้อง", (5, "") → "5", None → ""."""
    if value in (None, ""):
        return ""
    number, unit = plain_number(value), _normalise_unit(unit or "")
    if not unit:
        return number
    return f"{unit} {number}" if unit in _UNITS_BEFORE else f"{number} {unit}"
