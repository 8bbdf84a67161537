"""What preparing the next fiscal year from this one would create: the plan the admin's
confirmation page lists and indicators.services.year_setup carries out.

Each part (elements, mission groups, committee roles, quarters, calendar) is copied only when
the next year has none of it yet; a part the strategy office has already set up for that year,
even in part, is kept as it is (merging two half-typed lists would guess). Committee roles hang
off the year's mission groups, so they are copied with the groups or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from agencies.models import COMMITTEE_ROLES, MissionGroup, Role
from indicators.models import CompositionElement, FiscalYear, NegotiationStage, ReportingQuarter
from indicators.selectors import framework
from kpi_portal.lib.people import person_name
from kpi_portal.lib.reader import reader_date
from kpi_portal.lib.thai import next_plan_year_text, next_year_text, same_day_next_year

# The copied texts that may name a year, and how their years move on. Names and the calendar's
# periods denote the plan year, so every year in them moves (“ประจำปีงบประมาณ พ.ศ. 2567”, “ต.ค. 66”);
# notes and outcomes are written about something, so only a year they call the plan year moves
# (“ประจำปี ๒๕๖๗”), any other stays as written (“ไม่ปรากฏในเอกสาร ปี ๒๕๖๗” is about a source document).
YEAR_TEXTS = {
    "elements": {"name": next_year_text, "rule_note": next_plan_year_text},
    "mission_groups": {"name": next_year_text},
    "stages": {"name": next_year_text, "period_text": next_year_text, "outcome": next_plan_year_text},
}


def next_year_texts_of(row, key: str, source_year_be: int) -> dict[str, str]:
    """The texts of a row of part `key` as its copy in the year after `source_year_be` will have them."""
    return {name: move(getattr(row, name), source_year_be) for name, move in YEAR_TEXTS[key].items()}


@dataclass(frozen=True)
class MovedText:
    """A copied text whose years move on, for the strategy office to check: which row, which field, old and new."""

    row: str
    field: str
    old: str
    new: str


def moved_texts(rows, key: str, source_year_be: int) -> list[MovedText]:
    moved = []
    for row in rows:
        for name, new in next_year_texts_of(row, key, source_year_be).items():
            if new != (old := getattr(row, name)):
                moved.append(MovedText(str(row), str(row._meta.get_field(name).verbose_name), old, new))
    return moved


@dataclass
class PlanPart:
    """One kind of row: the source year's rows to copy (empty when none will be) and why not."""

    key: str
    label: str
    rows: list = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    kept_because: str = ""
    moved_texts: list[MovedText] = field(default_factory=list)  # texts whose years the copy moves on


@dataclass
class YearPlan:
    source: FiscalYear
    target_year_be: int
    target: FiscalYear | None  # the next year, when it exists (after the service ran, always)
    parts: list[PlanPart]
    creates_year: bool
    quarters_after: list[int] = field(default_factory=list)  # the next year's quarters once the plan is done
    # The copied elements' set-up warnings (selectors.framework.element_warnings, as the year's admin page
    # gives them): the copy carries the set-up as it is, so สยป. is told before confirming.
    element_warnings: list[str] = field(default_factory=list)

    @property
    def creates_anything(self) -> bool:
        return any(part.rows for part in self.parts)

    @property
    def missing_quarters(self) -> list[int]:
        """Quarters the next year would still lack: no report deadline, so nobody can report them."""
        return [quarter for quarter in (1, 2, 3, 4) if quarter not in self.quarters_after]

    @property
    def quarters_warning(self) -> str:
        """In Thai, what the strategy office still has to set up for the next year's reporting, or ""."""
        missing = self.missing_quarters
        if not missing:
            return ""
        if len(missing) == 4:
            return _(
                "ปีงบประมาณ พ.ศ. %(year)s จะยังไม่มีปฏิทินการรายงานผล (ไตรมาสและกำหนดส่งรายงาน) "
                "หน่วยงานจะรายงานผลรายไตรมาสไม่ได้จนกว่าจะกำหนดไตรมาสในหน้าปีงบประมาณ"
            ) % {"year": self.target_year_be}
        return _(
            "ปีงบประมาณ พ.ศ. %(year)s จะยังไม่มีไตรมาสที่ %(quarters)s และกำหนดส่งรายงาน "
            "หน่วยงานจะรายงานผลไตรมาสนั้นไม่ได้จนกว่าจะกำหนดในหน้าปีงบประมาณ"
        ) % {"year": self.target_year_be, "quarters": ", ".join(str(q) for q in missing)}

    @property
    def element_warnings_intro(self) -> str:
        """In Thai, what the copied elements' warnings mean for the next year."""
        return _(
            "องค์ประกอบของปีงบประมาณ พ.ศ. %(source)s มีการตั้งค่าต่อไปนี้ที่ทำให้หน่วยงานส่งชุดตัวชี้วัดไม่ได้ "
            "การเตรียมปีถัดไปจะคัดลอกไปตามที่เป็นอยู่ ควรแก้ในปี พ.ศ. %(source)s ก่อนยืนยัน"
        ) % {"source": self.source.year_be}

    def part(self, key: str) -> PlanPart:
        return next(part for part in self.parts if part.key == key)


def _group_line(group: MissionGroup) -> str:
    return _("%(group)s (หน่วยงานในกลุ่ม %(members)s หน่วยงาน)") % {"group": group, "members": len(group.members.all())}


def _role_line(role: Role) -> str:
    return f"{person_name(role.user)} · {role.get_kind_display()} · {role.mission_group}"


def _quarter_line(quarter: ReportingQuarter) -> str:
    return _("ไตรมาสที่ %(quarter)s: %(start)s – %(end)s กำหนดส่งรายงาน %(deadline)s") % {
        "quarter": quarter.quarter,
        "start": reader_date(same_day_next_year(quarter.start_date)),
        "end": reader_date(same_day_next_year(quarter.end_date)),
        "deadline": reader_date(same_day_next_year(quarter.report_deadline)),
    }


def _stage_line(stage: NegotiationStage, source_year_be: int) -> str:
    """The stage as the next year will have it: its deadline and the years its name gives one year on."""
    deadline = reader_date(same_day_next_year(stage.deadline)) if stage.deadline else "-"
    return _("%(order)s. %(name)s (กำหนดแล้วเสร็จ %(deadline)s)") % {
        "order": stage.order, "name": next_year_texts_of(stage, "stages", source_year_be)["name"][:120],
        "deadline": deadline,
    }


def _part(key, label, rows, line, *, existing: int, source_year_be: int, target_year_be: int) -> PlanPart:
    if existing:
        reason = _("ปีงบประมาณ พ.ศ. %(year)s มี%(what)sอยู่แล้ว %(n)s รายการ จึงคงไว้ตามเดิม ไม่คัดลอก") % {
            "year": target_year_be, "what": label, "n": existing
        }
        return PlanPart(key, label, kept_because=reason)
    if not rows:
        reason = _("ปีงบประมาณ พ.ศ. %(year)s ไม่มี%(what)sให้คัดลอก") % {"year": source_year_be, "what": label}
        return PlanPart(key, label, kept_because=reason)
    moved = moved_texts(rows, key, source_year_be) if key in YEAR_TEXTS else []
    return PlanPart(key, label, rows=rows, lines=[line(row) for row in rows], moved_texts=moved)


def next_year_plan(source: FiscalYear) -> YearPlan:
    """What `prepare_next_fiscal_year` would create for the year after `source` (about ten queries),
    and which quarters the next year would still lack."""
    target_year_be = source.year_be + 1
    target = FiscalYear.objects.filter(year_be=target_year_be).first()
    target_id = target.pk if target else None
    years = {"source_year_be": source.year_be, "target_year_be": target_year_be}

    def count(queryset) -> int:
        return queryset.count() if target_id else 0

    committee_roles = Role.objects.filter(kind__in=COMMITTEE_ROLES)
    parts = [
        _part(
            "elements", _("องค์ประกอบการประเมิน"),
            # parents before their sub-elements, so that each copy finds its parent's copy
            sorted(CompositionElement.objects.filter(fiscal_year=source), key=lambda e: (e.parent_id is not None, e.order, e.code)),
            str,
            existing=count(CompositionElement.objects.filter(fiscal_year_id=target_id)), **years,
        ),
        _part(
            "mission_groups", _("กลุ่มภารกิจ"),
            list(MissionGroup.objects.filter(fiscal_year=source).prefetch_related("members", "district_groups")),
            _group_line,
            existing=count(MissionGroup.objects.filter(fiscal_year_id=target_id)), **years,
        ),
        _part(
            "committee_roles", _("บทบาทกรรมการและฝ่ายเลขานุการ"),
            # a person whose account is closed is not carried into a new year
            list(
                committee_roles.filter(mission_group__fiscal_year=source, user__is_active=True)
                .select_related("user", "mission_group")
                .order_by("mission_group__number", "kind", "user__username")
            ),
            _role_line,
            existing=count(committee_roles.filter(mission_group__fiscal_year_id=target_id)), **years,
        ),
        _part(
            "quarters", _("ไตรมาสและกำหนดส่งรายงาน"),
            list(ReportingQuarter.objects.filter(fiscal_year=source).order_by("quarter")),
            _quarter_line,
            existing=count(ReportingQuarter.objects.filter(fiscal_year_id=target_id)), **years,
        ),
        _part(
            "stages", _("ปฏิทินการเจรจาตกลง"),
            list(NegotiationStage.objects.filter(fiscal_year=source).order_by("order")),
            lambda stage: _stage_line(stage, source.year_be),
            existing=count(NegotiationStage.objects.filter(fiscal_year_id=target_id)), **years,
        ),
    ]
    elements, groups, roles, quarters = parts[0], parts[1], parts[2], parts[3]
    if quarters.rows:
        quarters_after = [quarter.quarter for quarter in quarters.rows]
    elif target_id:
        quarters_after = list(ReportingQuarter.objects.filter(fiscal_year_id=target_id).values_list("quarter", flat=True))
    else:
        quarters_after = []
    if roles.rows and not groups.rows:
        roles.rows, roles.lines = [], []
        roles.kept_because = _(
            "บทบาทกรรมการคัดลอกพร้อมกลุ่มภารกิจเท่านั้น ปีงบประมาณ พ.ศ. %(year)s ไม่ได้คัดลอกกลุ่มภารกิจ "
            "จึงกำหนดบทบาทกรรมการของปีนั้นในหน้าบทบาทผู้ใช้"
        ) % {"year": target_year_be}
    return YearPlan(
        source=source, target_year_be=target_year_be, target=target, parts=parts, creates_year=target is None,
        quarters_after=quarters_after, element_warnings=framework.element_warnings(elements.rows),
    )
