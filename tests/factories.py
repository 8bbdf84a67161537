"""factory_boy factories: tests build their own data, never from fixtures/."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from agencies.models import Agency, AgencyKind, DistrictGroup, MissionGroup, Role, RoleKind
from indicators.models import (
    CompositionElement,
    FiscalYear,
    Indicator,
    QuarterlyReport,
    ReportingQuarter,
    RubricLevel,
)
from kpi_portal.lib.thai import fiscal_year_bounds, quarter_bounds


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", "test-password-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class FiscalYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FiscalYear
        skip_postgeneration_save = True
        django_get_or_create = ["year_be"]

    year_be = 2567
    start_date = factory.LazyAttribute(lambda o: fiscal_year_bounds(o.year_be)[0])
    end_date = factory.LazyAttribute(lambda o: fiscal_year_bounds(o.year_be)[1])

    @factory.post_generation
    def quarters(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for quarter in (1, 2, 3, 4):
            start, end = quarter_bounds(obj.year_be, quarter)
            ReportingQuarter.objects.get_or_create(
                fiscal_year=obj,
                quarter=quarter,
                defaults={"start_date": start, "end_date": end, "report_deadline": end + dt.timedelta(days=15)},
            )


class DistrictGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictGroup

    code = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"กลุ่มเขตที่ {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"AG{n:03d}")
    abbreviation = factory.Sequence(lambda n: f"สน{n}.")
    name_th = factory.Sequence(lambda n: f"สำนักทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Department {n}")
    kind = AgencyKind.DEPARTMENT


class DistrictFactory(AgencyFactory):
    code = factory.Sequence(lambda n: f"{1100 + n}")
    name_th = factory.Sequence(lambda n: f"สำนักงานเขตทดสอบ {n}")
    kind = AgencyKind.DISTRICT
    district_group = factory.SubFactory(DistrictGroupFactory)


class MissionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissionGroup
        skip_postgeneration_save = True

    fiscal_year = factory.SubFactory(FiscalYearFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"กลุ่มภารกิจทดสอบ {n}")
    chair_title = "รองปลัดกรุงเทพมหานคร"

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.add(*extracted)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    kind = RoleKind.AGENCY_STAFF
    agency = factory.SubFactory(AgencyFactory)


class CompositionElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompositionElement
        django_get_or_create = ["fiscal_year", "code"]

    fiscal_year = factory.SubFactory(FiscalYearFactory)
    code = "1.1"
    name = "ประสิทธิภาพในการดำเนินงานตามภารกิจหลัก"
    name_en = "Function Base"
    weight = Decimal("30")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    fiscal_year = factory.SubFactory(FiscalYearFactory)
    agency = factory.SubFactory(AgencyFactory)
    element = factory.SubFactory(CompositionElementFactory, fiscal_year=factory.SelfAttribute("..fiscal_year"))
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"ร้อยละความสำเร็จของโครงการทดสอบ {n}")
    target_value = Decimal("100")
    target_unit = "ร้อยละ"
    target_text = "ร้อยละ ๑๐๐"
    weight = Decimal("10")

    @factory.post_generation
    def rubric(obj, create, extracted, **kwargs):
        """Five milestone rows (100/80/60/40/20) unless rubric=False."""
        if not create or extracted is False:
            return
        for level in (5, 4, 3, 2, 1):
            RubricLevel.objects.create(
                indicator=obj,
                level=level,
                success_percent=Decimal(level * 20),
                criterion=f"ดำเนินการตามแผนฯ ร้อยละ {level * 20}",
            )


class QuarterlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyReport

    indicator = factory.SubFactory(IndicatorFactory)
    quarter = 1
    progress_percent = Decimal("25")
    narrative = "ดำเนินการตามแผน"


# --- PDF documents (branch pdf): a package shaped like the seed's สำนักงานการเจ้าหน้าที่ ---------------

SEED_INDICATORS = (
    # (sub-element code, name, weight, target)
    ("1.1", "ร้อยละความสำเร็จในการดำเนินการโครงการ HR 1:1 Coaching & Mentor", "10", "ร้อยละ 100"),
    (
        "1.1",
        "ร้อยละความสำเร็จในการจัดทำระบบฐานข้อมูลรับและส่งคืนเครื่องราชอิสริยาภรณ์ชั้นสายสะพายในรูปแบบอิเล็กทรอนิกส์",
        "10",
        "ร้อยละ 100",
    ),
    ("1.1", "ร้อยละความสำเร็จของการจัดทำโครงการสร้างคลังความรู้ออนไลน์สำหรับผู้ปฏิบัติงาน", "10", "ร้อยละ 100"),
    (
        "1.2",
        "ร้อยละความสำเร็จของประสิทธิภาพการดำเนินการทางวินัยที่เกี่ยวข้องกับการทุจริตคอร์รัปชันของข้าราชการกรุงเทพมหานคร",
        "20",
        "ร้อยละ 100",
    ),
    ("1.3", "ร้อยละความสำเร็จในการปรับปรุงซ่อมแซมห้องพักอาศัยที่ชำรุด", "10", "ร้อยละ 100 (360 ห้อง)"),
    ("1.3", "ระดับความสำเร็จของการจัดทำโครงการเสริมสร้างความรู้ความเข้าใจในด้านการป้องกันและปราบปรามการทุจริต", "10", "ระดับ 5"),
)


def fy2567_elements(fiscal_year):
    """Element 1 (Performance Base) with sub-elements 1.1 Function Base, 1.2 Joint KPIs, 1.3 Agenda Base."""
    top, _ = CompositionElement.objects.get_or_create(
        fiscal_year=fiscal_year,
        code="1",
        defaults={"name": "การประเมินประสิทธิผลการดำเนินงาน", "name_en": "Performance Base", "weight": Decimal("70")},
    )
    subs = {}
    for order, (code, name, name_en, is_joint) in enumerate(
        (
            ("1.1", "ประสิทธิภาพในการดำเนินงานตามภารกิจหลักยุทธศาสตร์กรุงเทพมหานคร", "Function Base", False),
            ("1.2", "ประสิทธิภาพของการขับเคลื่อนการบูรณาการการดำเนินงานร่วมกันระหว่างหน่วยงาน", "Joint KPIs", True),
            ("1.3", "ประสิทธิภาพของการดำเนินการกิจตามนโยบายผู้บริหารหรือภารกิจพิเศษ", "Agenda Base", False),
        ),
        start=1,
    ):
        subs[code], _ = CompositionElement.objects.get_or_create(
            fiscal_year=fiscal_year,
            code=code,
            defaults={"name": name, "name_en": name_en, "parent": top, "order": order, "is_joint": is_joint},
        )
    return top, subs


def seed_like_indicators(*, agency, fiscal_year, count=None, definition=None):
    """Six indicators like the seed (weights 10/10/10/20/10/10, total 70) with baselines, rubric, conditions.

    `count` repeats the six to make longer packages (benchmarks, multi-page tests).
    """
    from indicators.models import IndicatorBaseline, MilestoneCondition

    _, subs = fy2567_elements(fiscal_year)
    specs = [SEED_INDICATORS[i % len(SEED_INDICATORS)] for i in range(count or len(SEED_INDICATORS))]
    indicators = []
    for number, (code, name, weight, target) in enumerate(specs, start=1):
        indicator = IndicatorFactory(
            fiscal_year=fiscal_year,
            agency=agency,
            element=subs[code],
            number=number,
            name=name,
            weight=Decimal(weight),
            target_text=target,
            definition=definition
            or "การพูดคุยเชิงลึกระหว่างผู้สอนงานและผู้ปฏิบัติงานของสำนักงานเขต ทั้ง 50 สำนักงานเขต เพื่อเป็นโค้ชให้กับผู้ปฏิบัติงาน",
            calculation_method="ตรวจสอบจากผลการดำเนินงานเทียบกับร้อยละความสำเร็จ",
            data_collection="1. แผนงานที่ได้รับอนุมัติ\n2. รายงานสรุปผลการดำเนินการ",
            strategy_text="ยุทธศาสตร์ที่ 7 การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร",
            sub_strategy_text="7.3 การบริหารทรัพยากรบุคคล",
            objective="การพัฒนาระบบบริหารทรัพยากรบุคคลให้มีประสิทธิภาพ",
            outputs="จำนวนครั้งในการพูดคุยเชิงลึกไม่น้อยกว่า 5 ครั้ง",
            outcomes="ผู้เข้ารับการ Coaching นำความรู้ไปใช้ในการปฏิบัติงานได้",
            conditions_title="ตามแผนงาน/โครงการ ประจำปีงบประมาณ พ.ศ. 2567",
        )
        for year in (2564, 2565, 2566):
            IndicatorBaseline.objects.create(indicator=indicator, year_be=year, value_text="ไม่มี")
        for percent in (40, 60, 80):
            MilestoneCondition.objects.create(
                indicator=indicator, percent=Decimal(percent), description=f"- มีรายงานการประชุมคณะทำงาน ขั้นที่ {percent}"
            )
        indicators.append(indicator)
    return indicators


# --- Negotiation (issue 4) ------------------------------------------------------------------------
from indicators.models import AgencyPackage, BasketIndicator, FocusIssue  # noqa: E402


class AgencyPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyPackage
        django_get_or_create = ["fiscal_year", "agency"]

    fiscal_year = factory.SubFactory(FiscalYearFactory)
    agency = factory.SubFactory(AgencyFactory)


class FocusIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusIssue

    fiscal_year = factory.SubFactory(FiscalYearFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"ประเด็นมุ่งเน้นทดสอบ {n}")


class BasketIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BasketIndicator

    focus_issue = factory.SubFactory(FocusIssueFactory)
    name = factory.Sequence(lambda n: f"ร้อยละของผู้สูงอายุที่เข้าถึงสวัสดิการ {n}")
    target = "ร้อยละ ๔๕"


# --- Quarterly reporting (issue 5) -----------------------------------------------------------

from indicators.models import (  # noqa: E402
    EvidenceRequirement,
    IndicatorStatus,
    MilestoneCondition,
    Project,
    ProjectStep,
    QuarterAudit,
)


class ApprovedIndicatorFactory(IndicatorFactory):
    status = IndicatorStatus.APPROVED


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    indicator = factory.SubFactory(ApprovedIndicatorFactory)
    name = factory.Sequence(lambda n: f"โครงการทดสอบ {n}")
    responsible_division = "กองพัฒนาระบบราชการกรุงเทพมหานคร"
    order = factory.Sequence(lambda n: n)


class ProjectStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectStep

    project = factory.SubFactory(ProjectFactory)
    order = factory.Sequence(lambda n: n + 1)
    description = factory.Sequence(lambda n: f"ขั้นตอนที่ {n}")
    weight = Decimal("10")
    start_month = 1
    end_month = 1


class MilestoneConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MilestoneCondition

    indicator = factory.SubFactory(ApprovedIndicatorFactory)
    percent = Decimal("20")
    description = factory.Sequence(lambda n: f"เงื่อนไขที่ {n}")


class EvidenceRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceRequirement

    indicator = factory.SubFactory(ApprovedIndicatorFactory)
    order = factory.Sequence(lambda n: n)
    description = factory.Sequence(lambda n: f"หลักฐานรายการที่ {n}")


# Scoring (issue 3) ---------------------------------------------------------------------------

from indicators.models import AuditStatus, JointParticipant, ReportStatus  # noqa: E402


class ScoredIndicatorFactory(IndicatorFactory):
    """An approved indicator; `thresholds={5: 360, 4: 300, ...}` makes its rubric numeric."""

    status = IndicatorStatus.APPROVED

    @factory.post_generation
    def rubric(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        thresholds = extracted or {}
        for level in (5, 4, 3, 2, 1):
            RubricLevel.objects.create(
                indicator=obj,
                level=level,
                success_percent=Decimal(level * 20),
                criterion=f"ระดับ {level}",
                threshold=thresholds.get(level),
            )


class SubmittedReportFactory(QuarterlyReportFactory):
    indicator = factory.SubFactory(ScoredIndicatorFactory)
    status = ReportStatus.SUBMITTED


class QuarterAuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterAudit

    indicator = factory.SubFactory(ScoredIndicatorFactory)
    quarter = 1
    status = AuditStatus.ACCEPTED
    auditor = factory.SubFactory(UserFactory)


class IndicatorBaselineFactory(factory.django.DjangoModelFactory):
    """One year of ผลการดำเนินงานย้อนหลัง."""

    class Meta:
        model = "indicators.IndicatorBaseline"

    indicator = factory.SubFactory(IndicatorFactory)
    year_be = 2566
    value_text = "ไม่มี"


class JointParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointParticipant

    indicator = factory.SubFactory(ScoredIndicatorFactory)
    agency = factory.SubFactory(AgencyFactory)
    duty = "ดำเนินการตามภารกิจที่เกี่ยวข้อง"
