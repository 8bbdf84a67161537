"""Which committee meeting a negotiation step's decision may cite.

A meeting record lists the agencies it negotiated with (Meeting.agencies). A record that lists none
covers every agency before its committee: the seed minutes' steering committee meetings approve the
framework, or all 77 agencies' indicators at once, without naming each, and such meetings were
recorded with the list left empty before it mattered. indicators.selectors.negotiation.package_meetings
offers the same meetings this module accepts.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from agencies.permissions import negotiating_mission_groups

# Whose meeting a step's decision cites: the steering committee approves; the mission group's negotiating
# committee takes the steps before; the agency's own submission cites none.
STEERING_STEPS = {"approve"}
COMMITTEE_STEPS = {"start_negotiation", "request_revision", "agree"}


def cites_steering_meeting(action: str) -> bool | None:
    """True when the step cites a steering committee meeting, False a negotiating committee's, None none."""
    if action in STEERING_STEPS:
        return True
    return False if action in COMMITTEE_STEPS else None


def meeting_fits(action: str, meeting) -> bool:
    """Whether a decision of this step may cite this meeting (steering committee meetings have no mission group)."""
    steering = cites_steering_meeting(action)
    return steering is not None and (meeting.mission_group_id is None) == steering


def meeting_covers(meeting, agency_id: int) -> bool:
    """Whether the meeting's record lists the agency, or lists no agency at all (it covers them all)."""
    listed = set(meeting.agencies.values_list("pk", flat=True))
    return not listed or agency_id in listed


def meeting_refusal(action: str, meeting, package) -> str | None:
    """Why a decision of this step on the package may not cite the meeting, or None when it may."""
    if meeting.fiscal_year_id != package.fiscal_year_id:
        return _("การประชุมต้องเป็นของปีงบประมาณเดียวกัน")
    if not meeting_fits(action, meeting):
        return _(
            "อ้างได้เฉพาะการประชุมของคณะกรรมการที่ทำขั้นตอนนี้: การอนุมัติอ้างการประชุมคณะกรรมการอำนวยการ "
            "ขั้นตอนอื่นอ้างการประชุมคณะกรรมการเจรจาตกลงของกลุ่มภารกิจ"
        )
    groups = negotiating_mission_groups(package)
    if meeting.mission_group_id is not None and (groups is None or not groups.filter(pk=meeting.mission_group_id).exists()):
        return _("การประชุมนี้เป็นของคณะกรรมการเจรจาตกลงกลุ่มภารกิจอื่น ไม่ใช่ของ %(agency)s") % {
            "agency": package.agency.name_th
        }
    if not meeting_covers(meeting, package.agency_id):
        return _(
            "การประชุม “%(meeting)s” ไม่ได้ระบุ %(agency)s เป็นหน่วยงานที่เจรจา "
            "เลือกการประชุมที่ระบุหน่วยงานนี้ หรือการประชุมที่ไม่ได้ระบุหน่วยงาน"
        ) % {"meeting": meeting.title, "agency": package.agency.name_th}
    return None
