"""Rubric filters: {{ level|threshold_display:indicator }} → "น้อยกว่า 80 วัน" (rubric_text.threshold_display)."""

from django import template

from indicators.rubric_text import threshold_display

register = template.Library()
register.filter("threshold_display", threshold_display)
