"""Filters for score pages: numbers as people write them and a bar width for percentages."""

from decimal import Decimal

from django import template

from scoring.rules import fmt

register = template.Library()


@register.filter
def score(value):
    """8.0000 → 8, 4.16670 → 4.1667; empty for None."""
    if value is None or value == "":
        return ""
    return fmt(Decimal(value))


@register.filter
def bar_width(percent):
    """A percentage as a plain number between 0 and 100 for an SVG width (never localised)."""
    if percent is None:
        return "0"
    return format(min(max(Decimal(percent), Decimal(0)), Decimal(100)).quantize(Decimal("0.01")), "f")
