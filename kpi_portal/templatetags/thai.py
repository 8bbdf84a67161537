"""Template filters for B.E. dates, Thai digits and figures (loaded as builtins)."""

import datetime

from django import template
from django.utils import timezone

from kpi_portal.lib import thai
from kpi_portal.lib.numbers import percent_text, plain_number

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


register.filter("percent", percent_text)  # 51.4286 → "51.43", None → "-"


@register.filter
def be_date(value, arg=""):
    """A date as '31 มีนาคม 2568'; `|be_date:"short"` for abbreviated months."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # the Bangkok day, not the UTC one
    return thai.format_thai_date(value, short=(arg == "short"))


@register.filter
def be_year(value):
    """A C.E. year, date or datetime as its B.E. year."""
    if value in (None, ""):
        return ""
    year = getattr(value, "year", value)
    return thai.be_year(int(year))
