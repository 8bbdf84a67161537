"""One mission group per agency and year: the committee that negotiates an agency's package is the
one of the group it belongs to that year (agencies.permissions.negotiating_mission_groups), and the
rankings and summary forms place it in one group. Moving an agency means taking it out of its old
group first, so that the history of both groups shows the move.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from agencies.models import Agency, MissionGroup


def members_in_other_groups(*, fiscal_year, agencies, group: MissionGroup | None) -> list[tuple[Agency, MissionGroup]]:
    """Each of `agencies` that another mission group of `fiscal_year` already has, with that group (two queries)."""
    if fiscal_year is None or not agencies:
        return []
    others = MissionGroup.objects.filter(fiscal_year=fiscal_year, members__in=agencies)
    if group is not None and group.pk:
        others = others.exclude(pk=group.pk)
    wanted = {agency.pk: agency for agency in agencies}
    clashes = others.order_by("number").values_list("members__pk", "pk")
    groups = {g.pk: g for g in MissionGroup.objects.filter(pk__in={pk for _, pk in clashes})}
    return [(wanted[agency_pk], groups[group_pk]) for agency_pk, group_pk in clashes if agency_pk in wanted]


def membership_problems(clashes: list[tuple[Agency, MissionGroup]], fiscal_year) -> list[str]:
    """In Thai, one line per agency already in another group of the year."""
    return [
        _("%(agency)s อยู่ในกลุ่มภารกิจ %(group)s ของปีงบประมาณ %(year)s แล้ว หน่วยงานหนึ่งอยู่ได้กลุ่มเดียวต่อปี "
          "นำออกจากกลุ่มเดิมก่อน") % {"agency": agency.name_th, "group": group, "year": fiscal_year}
        for agency, group in clashes
    ]
