"""Demo data (ตัวอย่าง): an FY2567 package and its four quarterly reports for every agency the seeds leave empty.

FY2567 is a finished year (its last deadline passed in 2024), so every quarter is reported, a few of
them late and some agencies' last quarter never: the city pages then show a year's real spread of
scores, late reports and ค้างส่ง, rather than every Q3–Q4 overdue. The seed agency (สกจ.) keeps its
real package with no reports, for its demo staff to fill in.

For demonstration only. Deterministic (one random stream per agency code) and idempotent: an agency
that already has FY2567 indicators — the seed agency, or one whose demo package was made before —
is left as it is, so re-running never duplicates rows or overwrites what people entered.
"""

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from agencies.models import Agency, AgencyKind
from indicators.models import (
    AgencyPackage,
    CompositionElement,
    FiscalYear,
    Indicator,
    IndicatorStatus,
    JointParticipant,
    PackageStatus,
    Project,
    ProjectStep,
    QuarterlyReport,
    ReportingQuarter,
    ReportStatus,
    RubricDirection,
    RubricKind,
    RubricLevel,
)
from kpi_portal.lib.thai import to_thai_digits

YEAR_BE = 2567
LABEL = "(ตัวอย่าง)"
SUCCESS_PERCENT = {5: 100, 4: 80, 3: 60, 2: 40, 1: 20}
# Planned cumulative progress at the end of each quarter: the step plan below, a quarter's worth each.
PLAN = {1: 25, 2: 50, 3: 75, 4: 100}
# Every demo indicator's action plan (ขั้นตอนการดำเนินงาน): description, weight %, fiscal months.
STEPS = [
    ("ศึกษาข้อมูล จัดทำแผนและแต่งตั้งคณะทำงาน", 25, 1, 3),
    ("ดำเนินการตามแผน ระยะที่ ๑", 25, 4, 6),
    ("ดำเนินการตามแผน ระยะที่ ๒", 25, 7, 9),
    ("สรุปผลการดำเนินงานและรายงานผู้บริหาร", 25, 10, 12),
]

HIGHER, LOWER = RubricDirection.HIGHER_IS_BETTER, RubricDirection.LOWER_IS_BETTER
# name, unit, thresholds for levels 5..1 (None = milestone rubric), direction
FUNCTION_TEMPLATES = [
    ("ร้อยละความสำเร็จของการพัฒนาระบบบริการอิเล็กทรอนิกส์ของ{abbr}", "ร้อยละ", None, HIGHER),
    ("ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไขภายในเวลาที่กำหนด", "ร้อยละ", (95, 90, 85, 80, 75), HIGHER),
    ("ร้อยละความพึงพอใจของผู้รับบริการของ{abbr}", "ร้อยละ", (90, 85, 80, 75, 70), HIGHER),
    ("ระยะเวลาเฉลี่ยในการให้บริการตามคู่มือประชาชน", "วัน", (3, 5, 7, 9, 11), LOWER),
    ("ระดับความสำเร็จของการจัดทำแผนบริหารความเสี่ยงของ{abbr}", "ระดับ", None, HIGHER),
    ("จำนวนโครงการตามแผนปฏิบัติราชการที่ดำเนินการแล้วเสร็จ", "โครงการ", (12, 10, 8, 6, 4), HIGHER),
    ("ร้อยละความสำเร็จของการเปิดเผยข้อมูลสาธารณะ (Open Data) ของ{abbr}", "ร้อยละ", None, HIGHER),
]
DISTRICT_FUNCTION_TEMPLATES = [
    ("ร้อยละของถนนและทางเท้าใน{area}ที่ได้รับการปรับปรุงตามแผน", "ร้อยละ", (100, 90, 80, 70, 60), HIGHER),
    ("ร้อยละของปริมาณมูลฝอยที่คัดแยกที่แหล่งกำเนิดใน{area}", "ร้อยละ", (25, 22, 19, 16, 13), HIGHER),
    ("ระยะเวลาการระบายน้ำท่วมขังบนถนนสายหลักใน{area}", "นาที", (150, 170, 190, 210, 230), LOWER),
    ("ระดับความสำเร็จของการจัดระเบียบหาบเร่แผงลอยใน{area}", "ระดับ", None, HIGHER),
    ("จำนวนจุดเสี่ยงอาชญากรรมใน{area}ที่ได้รับการแก้ไข", "จุด", (20, 16, 12, 8, 4), HIGHER),
]
JOINT_TEMPLATE = "ร้อยละความสำเร็จของการบูรณาการการดำเนินงานร่วมกับ {partner}"
AGENDA_TEMPLATES = [
    ("ร้อยละความสำเร็จของการเพิ่มพื้นที่สีเขียวตามนโยบายผู้บริหาร", "ร้อยละ", None, HIGHER),
    ("ร้อยละของจุดเสี่ยงอุบัติเหตุทางถนนที่ได้รับการปรับปรุง", "ร้อยละ", (95, 90, 85, 80, 75), HIGHER),
    ("ระดับความสำเร็จของการประเมินคุณธรรมและความโปร่งใส (ITA)", "ระดับ", None, HIGHER),
    ("จำนวนกิจกรรมส่งเสริมเศรษฐกิจชุมชนที่ดำเนินการแล้วเสร็จ", "กิจกรรม", (10, 8, 6, 4, 2), HIGHER),
]


class Command(BaseCommand):
    help = "Create demo FY2567 packages and Q1–Q4 reports (ตัวอย่าง) for agencies without FY2567 indicators."

    def handle(self, *args, **options):
        created = create_demo_data()
        self.stdout.write(f"demo data: {created} agencies given an FY{YEAR_BE} package (ตัวอย่าง)")


@transaction.atomic
def create_demo_data() -> int:
    try:
        year = FiscalYear.objects.get(year_be=YEAR_BE)
    except FiscalYear.DoesNotExist:
        raise CommandError("load the reference data first: python manage.py load_reference_data") from None
    elements = CompositionElement.objects.filter(fiscal_year=year, code__in=["1.1", "1.2", "1.3"])
    elements = {element.code: element for element in elements}
    if len(elements) != 3:
        raise CommandError(f"FY{YEAR_BE} needs composition elements 1.1, 1.2 and 1.3")
    quarters = ReportingQuarter.objects.filter(fiscal_year=year)
    deadlines = {q.quarter: q.report_deadline for q in quarters}
    agencies = list(Agency.objects.filter(is_active=True).order_by("kind", "order", "code"))
    taken = set(Indicator.objects.filter(fiscal_year=year).values_list("agency_id", flat=True))
    todo = [a for a in agencies if a.pk not in taken]
    already_joined = set(
        JointParticipant.objects.filter(indicator__fiscal_year=year)
        .exclude(agency_id=F("indicator__agency_id"))
        .values_list("agency_id", flat=True)
    )
    partners_of = _joint_partners([a for a in todo if a.pk not in already_joined])
    joined = already_joined | {p.pk for partners in partners_of.values() for p in partners}

    plans = [
        _plan_agency(agency, partners_of.get(agency.pk), agency.pk in joined, random.Random(f"kpi-demo-{agency.code}"))
        for agency in todo
    ]
    packages = [
        AgencyPackage(
            fiscal_year=year,
            agency=plan["agency"],
            status=PackageStatus.APPROVED,
            submitted_at=_approved_at() - dt.timedelta(days=14),
            approved_at=_approved_at(),
        )
        for plan in plans
    ]
    AgencyPackage.objects.bulk_create(packages, ignore_conflicts=True)
    indicators = Indicator.objects.bulk_create(
        [_indicator(year, elements, plan["agency"], spec) for plan in plans for spec in plan["indicators"]]
    )
    specs = [spec for plan in plans for spec in plan["indicators"]]
    plan_of = [plan for plan in plans for _ in plan["indicators"]]
    levels, participants, reports = [], [], []
    for indicator, spec, plan in zip(indicators, specs, plan_of):
        levels += _rubric(indicator, spec)
        participants += [
            JointParticipant(indicator=indicator, agency=agency, duty=duty, weight=weight, is_lead=is_lead)
            for agency, duty, weight, is_lead in spec.get("participants", [])
        ]
        reports += _reports(indicator, spec, plan, deadlines)
    RubricLevel.objects.bulk_create(levels)
    _step_plans(indicators)
    JointParticipant.objects.bulk_create(participants)
    QuarterlyReport.objects.bulk_create(reports)
    return len(plans)


def _step_plans(indicators):
    """One project per indicator with the STEPS plan, so dashboards compare progress with a plan."""
    projects = Project.objects.bulk_create(
        [Project(indicator=indicator, name=f"โครงการขับเคลื่อนตัวชี้วัด {LABEL}", order=1) for indicator in indicators]
    )
    ProjectStep.objects.bulk_create(
        ProjectStep(
            project=project, order=order, description=f"{text} {LABEL}", weight=Decimal(weight), start_month=start, end_month=end
        )
        for project in projects
        for order, (text, weight, start, end) in enumerate(STEPS, start=1)
    )


def _approved_at():
    return timezone.make_aware(dt.datetime(2023, 9, 29, 10, 0))


def _joint_partners(agencies) -> dict[int, list]:
    """Who leads a joint KPI (1.2) with whom: agencies of a kind in twos, in order (a threesome where
    one is left over), the first leading. Each agency has one joint KPI, its own or one it joins, so
    every scorecard's maximum is 70 like the seed agency's."""
    leads = {}
    for kind in (False, True):
        group = [a for a in agencies if (a.kind == AgencyKind.DISTRICT) == kind]
        chunks = [group[i : i + 2] for i in range(0, len(group), 2)]
        if len(chunks) > 1 and len(chunks[-1]) == 1:
            left_over = chunks.pop()
            chunks[-1] += left_over
        leads.update({chunk[0].pk: chunk[1:] for chunk in chunks if len(chunk) > 1})
    return leads


def _short_name(agency) -> str:
    return agency.abbreviation or agency.name_th.replace("สำนักงานเขต", "เขต")


def _plan_agency(agency, partners, joins_another, rng):
    """Indicators weighing 70 points with the joint KPI it leads or joins: 1.1 = 30, 1.2 = 20 (joint),
    1.3 = 20. An agency that joins another's joint KPI drafts no 1.2 of its own."""
    is_district = agency.kind == AgencyKind.DISTRICT
    area = agency.name_th.replace("สำนักงานเขต", "เขต") if is_district else ""
    pool = (DISTRICT_FUNCTION_TEMPLATES + FUNCTION_TEMPLATES[1:4]) if is_district else FUNCTION_TEMPLATES
    function = rng.sample(pool, 3)
    agenda = rng.sample(AGENDA_TEMPLATES, rng.choice([2, 3]))
    agenda_weights = [10, 10] if len(agenda) == 2 else [10, 5, 5]
    names = " และ ".join(_short_name(p) for p in partners or [])
    fill = {"abbr": agency.abbreviation or agency.name_th, "area": area, "partner": names}
    specs = [dict(_spec(t, fill), element="1.1", weight=10) for t in function]
    if partners:
        specs.append(
            dict(
                _spec((JOINT_TEMPLATE, "ร้อยละ", None, HIGHER), fill),
                element="1.2",
                weight=20,
                participants=[
                    (agency, f"หน่วยงานหลัก: จัดทำแผนและประสานงานกับ {names} {LABEL}", Decimal("20"), True),
                    *[
                        (p, f"หน่วยงานร่วม: สนับสนุนข้อมูลและดำเนินการตามแผนร่วม {LABEL}", Decimal("20"), False)
                        for p in partners
                    ],
                ],
            )
        )
    elif not joins_another:  # nobody left to pair with: a 1.2 indicator of its own
        spare = rng.choice([t for t in pool if t not in function])
        specs.append(dict(_spec(spare, fill), element="1.2", weight=20))
    specs += [dict(_spec(t, fill), element="1.3", weight=w) for t, w in zip(agenda, agenda_weights)]
    for number, spec in enumerate(specs, start=1):
        spec["number"] = number
    # Most agencies report on time and on plan; some fall behind, some report late.
    profile = rng.choices(["on_plan", "behind", "late", "late_and_behind"], weights=[55, 25, 12, 8])[0]
    return {"agency": agency, "indicators": specs, "profile": profile, "rng": rng}


def _spec(template, fill):
    name, unit, thresholds, direction = template
    return {"name": f"{name.format(**fill)} {LABEL}", "unit": unit, "thresholds": thresholds, "direction": direction}


def _target_text(target, unit, direction):
    number = f"{target.normalize():f}"
    if direction == RubricDirection.LOWER_IS_BETTER:
        return to_thai_digits(f"ไม่เกิน {number} {unit}")
    if unit in ("ร้อยละ", "ระดับ"):
        return to_thai_digits(f"{unit} {number}")
    return to_thai_digits(f"{number} {unit}")


def _indicator(year, elements, agency, spec):
    thresholds = spec["thresholds"]
    target = Decimal(thresholds[0]) if thresholds else Decimal(100 if spec["unit"] == "ร้อยละ" else 5)
    unit = spec["unit"]
    return Indicator(
        fiscal_year=year,
        agency=agency,
        element=elements[spec["element"]],
        number=spec["number"],
        name=spec["name"],
        status=IndicatorStatus.APPROVED,
        target_value=target,
        target_unit=unit,
        target_text=_target_text(target, unit, spec["direction"]),
        weight=Decimal(spec["weight"]),
        definition=f"ข้อมูลตัวอย่างสำหรับสาธิตระบบ ไม่ใช่ตัวชี้วัดจริงของ{agency.name_th}",
        calculation_method="ตรวจสอบผลการดำเนินงานเทียบกับเกณฑ์การให้คะแนน",
        data_collection="รายงานผลการดำเนินงานรายไตรมาสพร้อมหลักฐาน",
        rubric_kind=RubricKind.NUMERIC if thresholds else RubricKind.MILESTONE,
        rubric_direction=spec["direction"],
        rubric_title=spec["name"],
    )


def _rubric(indicator, spec):
    thresholds = spec["thresholds"]
    rows = []
    for index, level in enumerate((5, 4, 3, 2, 1)):
        if thresholds:
            word = "ไม่เกิน" if spec["direction"] == RubricDirection.LOWER_IS_BETTER else "ไม่น้อยกว่า"
            criterion = f"ผลการดำเนินงาน{word} {thresholds[index]} {spec['unit']}"
            threshold = Decimal(thresholds[index])
        else:
            criterion = f"ดำเนินการตามแผนฯ ร้อยละ {SUCCESS_PERCENT[level]}"
            if level == 5:
                criterion += " และรายงานสรุปผลการดำเนินงานเสนอผู้บริหาร"
            threshold = None
        rows.append(
            RubricLevel(
                indicator=indicator,
                level=level,
                success_percent=Decimal(SUCCESS_PERCENT[level]),
                criterion=to_thai_digits(criterion),
                threshold=threshold,
            )
        )
    return rows


def _reports(indicator, spec, plan, deadlines):
    kind, random_ = plan["profile"], plan["rng"].random
    out = []
    for quarter in (1, 2, 3, 4):
        behind = kind in ("behind", "late_and_behind")
        late = kind in ("late", "late_and_behind")
        if late and quarter == 4 and random_() < 0.5:
            continue  # never reported: ค้างส่ง
        shift = -15 + 10 * random_() if behind else -4 + 12 * random_()
        progress = _d(max(0, min(100, round(PLAN[quarter] + shift))), "0.01")
        measured, level = _measure(spec, progress)
        deadline = deadlines[quarter]
        offset = 2 + int(15 * random_()) if late else -int(10 * random_()) - 1
        submitted = timezone.make_aware(dt.datetime.combine(deadline + dt.timedelta(days=offset), dt.time(10, 0)))
        status = "ล่าช้ากว่าแผน" if progress < PLAN[quarter] - 5 else "เป็นไปตามแผน"
        out.append(
            QuarterlyReport(
                indicator=indicator,
                quarter=quarter,
                progress_percent=progress,
                measured_value=measured,
                level_reached=level,
                narrative=_narrative(quarter, progress, status),
                status=ReportStatus.SUBMITTED,
                submitted_at=submitted,
                is_late=late,
            )
        )
    return out


def _narrative(quarter, progress, status):
    text = f"ไตรมาสที่ {quarter}: ดำเนินการแล้วร้อยละ {progress.normalize():f} ของแผน ({status}) {LABEL}"
    return to_thai_digits(text)


def _measure(spec, progress):
    """Measured value or level reached so far, whichever the rubric scores (indicators.figures):
    numeric rubrics move from the level-1 toward the level-5 threshold, milestone ones a level per 20 %."""
    thresholds = spec["thresholds"]
    if not thresholds:
        return None, _d(int(progress // 20), "0.0001")
    best, worst = Decimal(thresholds[0]), Decimal(thresholds[-1])
    return _d(worst + (best - worst) * progress / 100, "0.01"), None


def _d(value, places):
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)
