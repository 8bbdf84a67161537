"""Buddhist-Era years and Thai digits: the one place they are converted."""

import datetime as dt
import re

from django.utils.translation import gettext, gettext_noop

BE_OFFSET = 543
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
# The English pages' dates: '31 March B.E. 2568' (the year stays B.E., as everywhere in the portal).
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
ENGLISH_MONTHS_SHORT = tuple(month[:3] for month in ENGLISH_MONTHS)


def to_thai_digits(value) -> str:
    return str(value).translate(_TO_THAI)


def to_arabic_digits(value) -> str:
    return str(value).translate(_TO_ARABIC)


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def fiscal_year_be(day: dt.date) -> int:
    """The B.E. fiscal year a date falls in: FY runs 1 Oct – 30 Sep, named by the year it ends."""
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    end_ce = ce_year(year_be)
    try:
        return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)
    except OverflowError:  # a year of eleven digits; callers catch ValueError for any year no calendar has
        raise ValueError(f"year {year_be} is out of range") from None


def quarter_bounds(year_be: int, quarter: int) -> tuple[dt.date, dt.date]:
    """Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1-4")
    start, _ = fiscal_year_bounds(year_be)
    first_month = (start.month - 1 + 3 * (quarter - 1)) % 12 + 1
    year = start.year if first_month >= 10 else start.year + 1
    last_month = first_month + 2
    next_first = dt.date(year + (last_month // 12), last_month % 12 + 1, 1)
    return dt.date(year, first_month, 1), next_first - dt.timedelta(days=1)


def format_thai_date(value, *, thai_digits: bool = False, short: bool = False) -> str:
    """'31 มีนาคม 2568' (B.E.), optionally in Thai digits."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    months = THAI_MONTHS_SHORT if short else THAI_MONTHS
    text = f"{value.day} {months[value.month - 1]} {be_year(value.year)}"
    return to_thai_digits(text) if thai_digits else text


def format_english_date(value, *, short: bool = False) -> str:
    """'31 March B.E. 2568': format_thai_date for the English pages (the year stays B.E.)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    months = ENGLISH_MONTHS_SHORT if short else ENGLISH_MONTHS
    return f"{value.day} {months[value.month - 1]} B.E. {be_year(value.year)}"


def format_thai_datetime(value: dt.datetime | None, *, short: bool = True) -> str:
    """'7 ธ.ค. 2569 13:05': a date and time in B.E. (give it the local time; this module has no clock)."""
    if value is None:
        return ""
    return f"{format_thai_date(value, short=short)} {value:%H:%M}"


def format_english_datetime(value: dt.datetime | None, *, short: bool = True) -> str:
    """'7 Dec B.E. 2569 13:05': format_thai_datetime for the English pages."""
    if value is None:
        return ""
    return f"{format_english_date(value, short=short)} {value:%H:%M}"


def format_be_date(value) -> str:
    """'01/10/2567': a date as staff type it (วว/ดด/ปปปป, B.E.), the shape parse_be_date reads back."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.day:02d}/{value.month:02d}/{be_year(value.year)}"


_DATE_RE = re.compile(r"^\s*(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})\s*$")


# Why parse_be_date refuses a text. Marked for translation but left Thai here; a web form and a
# spreadsheet cell translate the same message for their reader (kpi_portal.forms.BEDateField,
# spreadsheet_widgets.BEDateTimeWidget).
BE_DATE_MESSAGES = {
    "shape": gettext_noop("วันที่ “%(text)s” ไม่ถูกต้อง ใช้รูปแบบ วว/ดด/ปปปป (พ.ศ.) เช่น 31/03/2568"),
    "ce_year": gettext_noop("ปีของวันที่ “%(text)s” ต้องเป็นปีพุทธศักราช (พ.ศ.) เช่น %(year)s"),
    "no_such_day": gettext_noop("ไม่มีวันที่ “%(text)s” ในปฏิทิน"),
}


class BEDateError(ValueError):
    """parse_be_date's refusal: the Thai message, with the `code` and `params` it was made from."""

    def __init__(self, code: str, **params):
        super().__init__(BE_DATE_MESSAGES[code] % params)
        self.code = code
        self.params = params

    def reader_message(self) -> str:
        """The same refusal in the active language (forms and spreadsheet cells show it to a reader)."""
        return gettext(BE_DATE_MESSAGES[self.code]) % self.params


def parse_be_date(text: str) -> dt.date:
    """Parse d/m/yyyy written in B.E. (Thai or Arabic digits): 31/03/2568 is 31 March 2025.

    A year below 2400 is refused rather than guessed: it is almost certainly C.E.
    """
    match = _DATE_RE.match(to_arabic_digits(text))
    if not match:
        raise BEDateError("shape", text=text)
    day, month, year = (int(part) for part in match.groups())
    if year < 2400:
        raise BEDateError("ce_year", text=text, year=year + BE_OFFSET)
    try:
        return dt.date(ce_year(year), month, day)
    except ValueError:
        raise BEDateError("no_such_day", text=text) from None


def same_day_next_year(day: dt.date) -> dt.date:
    """The same calendar day a year later (B.E. +1); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


_CE_YEAR_RE = re.compile(r"(?<![0-9])(1[89][0-9]{2}|2[01][0-9]{2})(?![0-9])")


def ce_years_to_be(text: str) -> str:
    """The C.E. years (1800–2199) in a text Django formatted, as B.E.: 'ธันวาคม 2026' → 'ธันวาคม 2569'.
    For labels built by code we do not own (the admin's date drill-down); our own code formats B.E. directly."""
    return _CE_YEAR_RE.sub(lambda match: str(be_year(int(match.group(0)))), str(text))


_D = "[0-9๐-๙]"
# Words after which two digits are a B.E. year: a month (“ต.ค. 67”), พ.ศ. or ปีงบประมาณ (“ปีงบ 67”).
_YEAR_CONTEXT = "|".join(re.escape(word) for word in (*THAI_MONTHS, *THAI_MONTHS_SHORT, "พ.ศ.", "ปีงบประมาณ", "ปีงบฯ", "ปีงบ"))
# One pass, longest shapes first, so that no year is moved twice. A range of years comes first: a plan
# period (“พ.ศ. ๒๕๖๗ - ๒๕๖๙”) stays whole, a fiscal-year pair (“2566-2567”) goes on to the shapes below.
_YEAR_SHAPES = (
    rf"(?<!{_D})(?P<split>{_D}{{4}})(?P<sep>\s*[/\-–]\s*)(?P<split_short>{_D}{{2}})(?!{_D})"  # 2566/67
    rf"|(?<!{_D})(?P<day_month>{_D}{{1,2}}/{_D}{{1,2}}/)(?P<date_short>{_D}{{2}})(?!{_D})"  # 1/10/66
    rf"|(?P<context>(?:{_YEAR_CONTEXT})\s*)(?P<short>{_D}{{2}})(?!{_D})"  # ต.ค. 66, พ.ศ. 66
    rf"|(?<!{_D})(?P<year>{_D}{{4}})(?!{_D})"  # 2566
)
_YEARS_RE = re.compile(_YEAR_SHAPES)
_RANGE_RE = re.compile(
    rf"(?<!{_D})(?P<first>{_D}{{4}})\s*[\-–—]\s*(?:พ\.ศ\.\s*)?(?P<last>{_D}{{4}}|{_D}{{2}})(?!{_D})"  # 2567 - 2569
    rf"|{_YEAR_SHAPES}"
)
# The longest period a range of years names: the 20-year national strategy (“พ.ศ. 2561 – 2580”).
LONGEST_PERIOD = 30


def is_plan_period(first: str, last: str) -> bool:
    """Whether the years `first`–`last` (B.E., `last` maybe two digits) name a period of more than one fiscal
    year, as a multi-year plan does (“ระยะ ๓ ปี (พ.ศ. ๒๕๖๗ - ๒๕๖๙)”): a fixed period, not the plan year.
    A pair of consecutive years (“2566-2567”, “2566-67”) is one fiscal year written as two."""
    start, end = int(to_arabic_digits(first)), int(to_arabic_digits(last))
    if len(last) == 2:
        end += start // 100 * 100 + (100 if end < start % 100 else 0)
    return 2 <= end - start <= LONGEST_PERIOD


def _in_digits_of(written: str, value: int, width: int) -> str:
    text = f"{value:0{width}d}"
    return to_thai_digits(text) if written[0] in THAI_DIGITS else text


def next_year_text(text: str, year_be: int, span: int = 5) -> str:
    """`text` with each B.E. year near `year_be` (within `span` years) one year later, in the digits it
    was written in: “มีนาคม ๒๕๖๕ … พ.ศ. 2566” becomes “มีนาคม ๒๕๖๖ … พ.ศ. 2567”; two-digit years
    in a date (“ต.ค. 66”, “1/10/66”, “พ.ศ. 66”) and split years (“2566/67”, “2566-2567”) too. Other
    numbers stay: percentages, counts, two digits with no date around them, and a period of several years
    (“แผนปฏิบัติราชการ พ.ศ. ๒๕๖๖–๒๕๗๐”), which a multi-year plan names whatever the plan year."""

    def near(value: int) -> bool:
        return abs(value - year_be) <= span

    def long_year(written: str) -> str:
        value = int(to_arabic_digits(written))
        return _in_digits_of(written, value + 1, 4) if near(value) else written

    def short_year(written: str) -> str:
        value = int(to_arabic_digits(written))
        return _in_digits_of(written, (value + 1) % 100, 2) if near(2500 + value) else written

    def shift(match: re.Match) -> str:
        if match["first"]:
            return match[0] if is_plan_period(match["first"], match["last"]) else _YEARS_RE.sub(shift_year, match[0])
        return shift_year(match)

    def shift_year(match: re.Match) -> str:
        if match["split"]:
            first, second = (int(to_arabic_digits(match[name])) for name in ("split", "split_short"))
            if near(first) and second == (first + 1) % 100:
                return long_year(match["split"]) + match["sep"] + short_year(match["split_short"])
            return long_year(match["split"]) + match["sep"] + match["split_short"]
        if match["day_month"]:
            return match["day_month"] + short_year(match["date_short"])
        if match["context"]:
            return match["context"] + short_year(match["short"])
        return long_year(match["year"])

    return _RANGE_RE.sub(shift, text)


# A year the text itself calls the plan year: “ปีงบประมาณ พ.ศ. 2567”, “ประจำปี ๒๕๖๗”, “ปีงบ 67”, “ปีงบประมาณ 2566/67”.
_PLAN_YEAR_RE = re.compile(
    rf"(?:ปีงบประมาณ|ปีงบฯ|ปีงบ|ประจำปี)\s*(?:พ\.ศ\.\s*)?"
    rf"(?:{_D}{{4}}(?:\s*[/\-–]\s*{_D}{{2}}(?:{_D}{{2}})?)?|{_D}{{2}})(?!{_D})"
)


def next_plan_year_text(text: str, year_be: int, span: int = 5) -> str:
    """`text` with only the years it names as the (fiscal) plan year moved on as next_year_text moves
    them: “ประจำปีงบประมาณ พ.ศ. ๒๕๖๗” → ๒๕๖๘; any other year stays as written (“ไม่ปรากฏในเอกสาร
    ปี ๒๕๖๗” is about a document, “มติครั้งที่ ๑/๒๕๖๕” names a resolution)."""
    return _PLAN_YEAR_RE.sub(lambda match: next_year_text(match.group(0), year_be, span), text)
