"""django-import-export widgets that read cells the way Thai officials write them.

Every clean() raises ValueError with a message in the active language (Thai for the command line, the
uploader's for a job in the browser); the import reports it against the cell's column.
Numbers: Thai or Arabic digits, thousands separators, units. Dates and years: Buddhist Era.
"""

import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext
from import_export import widgets

from .numbers import parse_number
from .thai import BEDateError, be_year, ce_year, parse_be_date, to_arabic_digits


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class TextWidget(widgets.Widget):
    """Free text: an empty cell is '', a number typed into a text column (a code like 1001) is its digits."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class ThaiDecimalWidget(widgets.DecimalWidget):
    """'ร้อยละ ๙๕', '1,390 ห้อง', '๑๒.๕' → Decimal; exported as a number, never as text."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        return parse_number(value)

    def render(self, value, obj=None, **kwargs):
        # A Decimal stays a number cell in XLSX; 10.0000 is written 10 (normalize() alone would give 1E+1).
        if isinstance(value, Decimal):
            return value.to_integral_value() if value == value.to_integral_value() else value.normalize()
        return value


class ThaiIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        number = parse_number(value)
        if number != number.to_integral_value():
            raise ValueError(gettext("“%(value)s” ต้องเป็นจำนวนเต็ม") % {"value": value})
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


class BEYearWidget(ThaiIntegerWidget):
    """A year written in B.E. (๒๕๖๖ or 2566); a C.E.-looking year is refused, not converted silently, and so is
    one past the years the forms take (the database's own limit would name no column)."""

    def clean(self, value, row=None, **kwargs):
        year = super().clean(value, row, **kwargs)
        if year is not None and not 2400 <= year <= 2700:
            raise ValueError(gettext("ปี “%(value)s” ต้องเป็นปีพุทธศักราช (พ.ศ.) เช่น ๒๕๖๖") % {"value": value})
        return year


_TIME_RE = re.compile(r"^\s*(\S+)\s+(\d{1,2}):(\d{2})\s*$")


class BEDateTimeWidget(widgets.Widget):
    """'31/03/2568' or '31/03/2568 14:05' (B.E., local time) ↔ an aware datetime."""

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        if isinstance(value, dt.datetime):
            naive = value.replace(year=ce_year(value.year)) if value.year > 2400 else value
            return timezone.make_aware(naive) if timezone.is_naive(naive) else naive
        if isinstance(value, dt.date):
            day = value.replace(year=ce_year(value.year)) if value.year > 2400 else value
            return timezone.make_aware(dt.datetime.combine(day, dt.time()))
        text = to_arabic_digits(str(value))
        hour = minute = 0
        match = _TIME_RE.match(text)
        if match:
            text, hour, minute = match.group(1), int(match.group(2)), int(match.group(3))
        try:
            day = parse_be_date(text)
        except BEDateError as exc:
            raise ValueError(exc.reader_message()) from None
        try:
            return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
        except ValueError:
            raise ValueError(gettext("เวลา “%(value)s” ไม่ถูกต้อง") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        local = timezone.localtime(value)
        return f"{local.day:02d}/{local.month:02d}/{be_year(local.year)} {local.hour:02d}:{local.minute:02d}"


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its Thai label ('ผลลัพธ์') or its code ('outcome'); exported as the label."""

    def __init__(self, choices, *, blank_default=None):
        super().__init__()
        with translation.override(None):  # the file's words are the Thai labels (msgids), whoever loads the module
            self.labels = {str(code): str(label) for code, label in choices}
        self.by_text = {label.strip(): code for code, label in self.labels.items()} | {c: c for c in self.labels}
        self.blank_default = blank_default

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return self.blank_default
        code = self.by_text.get(str(value).strip())
        if code is None:
            allowed = ", ".join(self.labels.values())
            message = gettext("“%(value)s” ไม่ใช่ค่าที่ใช้ได้ (ใช้: %(allowed)s)")
            raise ValueError(message % {"value": value, "allowed": allowed})
        return code

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(str(value), value or "")


class ThaiBooleanWidget(widgets.Widget):
    TRUE = {"ใช่", "มี", "true", "1", "yes", "y", "✓"}
    FALSE = {"ไม่ใช่", "ไม่", "ไม่มี", "false", "0", "no", "n", "-"}

    def __init__(self, *, blank_default=False):
        super().__init__()
        self.blank_default = blank_default

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return self.blank_default
        if isinstance(value, bool):
            return value
        text = to_arabic_digits(str(value)).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(gettext("“%(value)s” ต้องเป็น ใช่ หรือ ไม่ใช่") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "ใช่" if value else "ไม่ใช่"


class CodeForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related row named by its code (Thai digits accepted); an unknown code is an error in the reader's
    language, not a crash. `not_found` is a message (gettext_lazy) with a %(value)s placeholder."""

    def __init__(self, model, field="code", *, not_found, queryset=None):
        super().__init__(model, field)
        self.not_found = not_found
        self._queryset = queryset
        self._cache: dict = {}  # one lookup per code per import, not one per row

    def get_queryset(self, value, row, *args, **kwargs):
        return self._queryset() if self._queryset else self.model.objects.all()

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        if isinstance(value, (int, Decimal)) or (isinstance(value, float) and value.is_integer()):
            value = int(value)
        code = to_arabic_digits(str(value)).strip()
        if code in self._cache:
            return self._cache[code]
        try:
            found = self._cache[code] = self.get_queryset(code, row).get(**{self.field: code})
            return found
        except self.model.DoesNotExist:
            raise ValueError(str(self.not_found) % {"value": value}) from None
        except self.model.MultipleObjectsReturned:
            raise ValueError(gettext("“%(value)s” ซ้ำกันมากกว่าหนึ่งรายการ") % {"value": value}) from None
