"""Template filters for B.E. dates, Thai digits and figures (loaded as builtins)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext

from kpi_portal.lib import thai
from kpi_portal.lib.numbers import percent_text, plain_number, quantity_text
from kpi_portal.lib.reader import reader_date, reads_english

register = template.Library()


@register.filter
def thai_digits(value):
    """Render a number or text with Thai digits."""
    if value is None:
        return ""
    return thai.to_thai_digits(value)


@register.filter
def number(value):
    """A figure without padding zeros: 82.2000 → "82.2", 1390.0000 → "1,390", None → ""."""
    if value in (None, ""):
        return ""
    return plain_number(value)


@register.filter
def in_percent(value):
    """A percentage as the reader's language writes it: 80 → "ร้อยละ 80" ("80%" in English), None → ""."""
    if value in (None, ""):
        return ""
    return gettext("ร้อยละ %(number)s") % {"number": plain_number(value)}


register.filter("percent", percent_text)  # 51.4286 → "51.43", None → "-"
register.filter("quantity", quantity_text)  # {{ 80|quantity:"ร้อยละ" }} → "ร้อยละ 80", {{ 1390|quantity:"ห้อง" }} → "1,390 ห้อง"


@register.filter
def be_date(value, arg=""):
    """A date as '31 มีนาคม 2568' ('31 March B.E. 2568' in English); `|be_date:"short"` for abbreviated months."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # the Bangkok day, not the UTC one
    return reader_date(value, short=(arg == "short"))


@register.filter
def be_datetime(value, arg="short"):
    """A datetime as '7 ธ.ค. 2569 13:05' in Bangkok time; `|be_datetime:"long"` for full month names."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not isinstance(value, datetime.datetime):
        return be_date(value)
    if reads_english():
        return thai.format_english_datetime(value, short=(arg != "long"))
    return thai.format_thai_datetime(value, short=(arg != "long"))


@register.filter
def ce_years_to_be(value):
    """C.E. years inside a label Django formatted ('ธันวาคม 2026') as B.E. ('ธันวาคม 2569')."""
    return thai.ce_years_to_be(value)


@register.filter
def be_year(value):
    """A C.E. year, date or datetime as its B.E. year."""
    if value in (None, ""):
        return ""
    year = getattr(value, "year", value)
    return thai.be_year(int(year))
