"""What each kind of role must name (pure; Role.clean() raises the messages beside the field at fault).

The database refuses the same rows (Role's check constraints), but only with the constraint's name;
here the strategy office reads, in Thai, which field to fill.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def role_scope_problems(*, kind: str, kind_label: str, agency_given: bool, mission_group_given: bool,
                        agency_kinds, committee_kinds) -> dict[str, str]:
    """Agency roles need an agency; mission-group committee roles need a mission group."""
    if kind in agency_kinds and not agency_given:
        return {"agency": _("บทบาท “%(kind)s” ต้องระบุหน่วยงาน") % {"kind": kind_label}}
    if kind in committee_kinds and not mission_group_given:
        return {"mission_group": _(
            "บทบาท “%(kind)s” ต้องระบุกลุ่มภารกิจ (ของปีงบประมาณที่เป็นกรรมการ) "
            "สำหรับคณะกรรมการอำนวยการเลือกบทบาท “คณะกรรมการอำนวยการเจรจาตกลง”"
        ) % {"kind": kind_label}}
    return {}
