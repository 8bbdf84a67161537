"""Prepare the next fiscal year from this one: the strategy office's yearly set-up in one step.

Copies, in one transaction, what indicators.selectors.year_setup.next_year_plan lists: the
year itself (with this year's scoring policy), composition elements, mission groups with
their members, committee roles, reporting quarters and the negotiation calendar, dates one
year later (B.E. +1), and so are the plan years their texts name (selectors.year_setup.YEAR_TEXTS
says which texts, and how). Every row is saved with the actor as its history user. Focus issues and
the KPI basket are not copied: the steering committee sets them anew each year.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.models import FiscalYear
from indicators.selectors.year_setup import YearPlan, next_year_plan, next_year_texts_of
from kpi_portal.lib.thai import fiscal_year_bounds, same_day_next_year

# The year's policy settings that carry over (domain.md §7: a framework setting, not code).
POLICY_FIELDS = ("interpolate", "rounding_places", "rounding_mode", "below_level_one", "at_risk_margin")


class YearSetupRefused(Exception):
    """Nothing was created; the message says why, in Thai."""


def _clone(obj, actor, **changes):
    """A checked copy of `obj` with `changes`, saved with `actor` as its history user."""
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.primary_key}
    copy = type(obj)(**values)
    for name, value in changes.items():
        setattr(copy, name, value)
    try:
        copy.full_clean()
    except ValidationError as invalid:
        # A row saved before today's checks (or loaded without them) would fail as a copy too:
        # say which one, in Thai, rather than fail the whole page; the transaction undoes the rest.
        raise YearSetupRefused(_(
            "ไม่ได้สร้างข้อมูลใด: %(row)s ของปีงบประมาณต้นทางไม่ผ่านการตรวจสอบ (%(problems)s) "
            "แก้ไขในปีต้นทางก่อน แล้วเตรียมปีงบประมาณถัดไปอีกครั้ง"
        ) % {"row": obj, "problems": " ".join(invalid.messages)}) from None
    copy._history_user = actor
    copy.save()
    return copy


def _create_year(source: FiscalYear, year_be: int, actor) -> FiscalYear:
    start, end = fiscal_year_bounds(year_be)
    year = FiscalYear(year_be=year_be, start_date=start, end_date=end, is_current=False)
    for name in POLICY_FIELDS:
        setattr(year, name, getattr(source, name))
    year.full_clean()
    year._history_user = actor
    year.save()
    return year


def _texts(obj, key: str, target) -> dict[str, str]:
    return next_year_texts_of(obj, key, target.year_be - 1)


def _copy_elements(elements, target, actor, copies):
    for element in elements:
        parent = copies["elements"].get(element.parent_id)
        copies["elements"][element.pk] = _clone(
            element, actor, fiscal_year=target, parent=parent, **_texts(element, "elements", target)
        )


def _copy_mission_groups(groups, target, actor, copies):
    for group in groups:
        copy = _clone(group, actor, fiscal_year=target, **_texts(group, "mission_groups", target))
        copy.members.set(group.members.all())
        copy.district_groups.set(group.district_groups.all())
        copies["mission_groups"][group.pk] = copy


def _copy_committee_roles(roles, target, actor, copies):
    for role in roles:
        _clone(role, actor, mission_group=copies["mission_groups"][role.mission_group_id])


def _copy_quarters(quarters, target, actor, copies):
    for quarter in quarters:
        _clone(
            quarter, actor, fiscal_year=target, start_date=same_day_next_year(quarter.start_date),
            end_date=same_day_next_year(quarter.end_date), report_deadline=same_day_next_year(quarter.report_deadline),
        )


def _copy_stages(stages, target, actor, copies):
    for stage in stages:
        _clone(
            stage, actor, fiscal_year=target, **_texts(stage, "stages", target),
            deadline=same_day_next_year(stage.deadline) if stage.deadline else None,
        )


COPIERS = {
    "elements": _copy_elements,
    "mission_groups": _copy_mission_groups,
    "committee_roles": _copy_committee_roles,
    "quarters": _copy_quarters,
    "stages": _copy_stages,
}


def refusal_message(plan: YearPlan) -> str:
    reasons = " ".join(part.kept_because for part in plan.parts)
    return _("ไม่ได้สร้างข้อมูลใด: ปีงบประมาณ พ.ศ. %(year)s ไม่มีส่วนใดที่ต้องคัดลอกเพิ่ม (%(reasons)s)") % {
        "year": plan.target_year_be, "reasons": reasons
    }


@transaction.atomic
def prepare_next_fiscal_year(*, actor, source: FiscalYear) -> YearPlan:
    """Create the year after `source` and copy into it every part it lacks; all or nothing.

    The source year is locked for the run, so a second run (a double click, the command and the
    admin at once) waits, then finds the parts in place and is refused instead of duplicating them.
    Returns the plan that was carried out.
    """
    source = FiscalYear.objects.select_for_update().get(pk=source.pk)
    plan = next_year_plan(source)
    if not plan.creates_anything:
        raise YearSetupRefused(refusal_message(plan))
    target = plan.target or _create_year(source, plan.target_year_be, actor)
    copies = defaultdict(dict)  # part → source pk → its copy (for element parents and roles' groups)
    for part in plan.parts:
        COPIERS[part.key](part.rows, target, actor, copies)
    plan.target = target
    return plan
