"""How pages name a person (loaded as a builtin): `{{ report.updated_by|person }}`."""

from django import template

from kpi_portal.lib.people import person_name

register = template.Library()
register.filter("person", person_name)
