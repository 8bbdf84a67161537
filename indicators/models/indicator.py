"""An indicator (ตัวชี้วัด) with every field of the negotiation form and its 5-level rubric."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indicators.validators import percent_0_100, positive_weight
from kpi_portal.history import HistoricalRecords
from kpi_portal.validators import no_invisible_characters, visible_text


class ResultType(models.TextChoices):
    OUTPUT = "output", _("ผลผลิต")
    OUTCOME = "outcome", _("ผลลัพธ์")


class RubricKind(models.TextChoices):
    MILESTONE = "milestone", _("ขั้นตอนความสำเร็จ (Milestone)")
    NUMERIC = "numeric", _("ค่าตัวเลข")
    MIXED = "mixed", _("ผสม (ระดับต้นเป็นขั้นตอน ระดับสูงเป็นตัวเลข)")


class RubricDirection(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("ยิ่งมากยิ่งดี")
    LOWER_IS_BETTER = "lower", _("ยิ่งน้อยยิ่งดี")


class IndicatorStatus(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว")
    IN_NEGOTIATION = "in_negotiation", _("อยู่ระหว่างเจรจา")
    REVISION_REQUESTED = "revision_requested", _("ส่งกลับแก้ไข")
    AGREED = "agreed", _("เห็นชอบ")
    APPROVED = "approved", _("อนุมัติ (ถือเป็นข้อยุติ)")
    REPLACED = "replaced", _("ถูกแทนที่")


class Indicator(models.Model):
    """ตัวชี้วัดเจรจาตกลง of one agency for one fiscal year."""

    fiscal_year = models.ForeignKey(
        "indicators.FiscalYear", verbose_name=_("ปีงบประมาณ"), on_delete=models.PROTECT, related_name="indicators"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="indicators"
    )
    element = models.ForeignKey(
        "indicators.CompositionElement",
        verbose_name=_("องค์ประกอบ"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    number = models.PositiveSmallIntegerField(
        _("ที่"), validators=[MinValueValidator(1, message=_("ลำดับที่ต้องเป็น 1 ขึ้นไป"))]
    )
    code = models.CharField(
        _("รหัสตัวชี้วัด"), max_length=30, blank=True, help_text=_("เช่น 0402-0810"), validators=[no_invisible_characters]
    )
    name = models.CharField(_("ชื่อตัวชี้วัด"), max_length=500, validators=[visible_text])
    result_type = models.CharField(
        _("ระดับตัวชี้วัด"), max_length=10, choices=ResultType.choices, default=ResultType.OUTCOME
    )
    indicator_type = models.CharField(
        _("ประเภทตัวชี้วัด"), max_length=100, blank=True, help_text=_("เช่น ตัวชี้วัดเชิงยุทธศาสตร์")
    )
    status = models.CharField(_("สถานะ"), max_length=20, choices=IndicatorStatus.choices, default=IndicatorStatus.DRAFT)

    # Target and weight.
    target_value = models.DecimalField(_("ค่าเป้าหมาย"), max_digits=14, decimal_places=4, null=True, blank=True)
    target_unit = models.CharField(_("หน่วยนับ"), max_length=50, blank=True, help_text=_("เช่น ร้อยละ ระดับ โครงการ ห้อง"))
    target_text = models.CharField(
        _("เป้าหมาย (ตามแบบฟอร์ม)"), max_length=300, blank=True, help_text=_("เช่น ร้อยละ ๑๐๐ (๓๖๐ ห้อง)")
    )
    weight = models.DecimalField(_("น้ำหนักคะแนน"), max_digits=6, decimal_places=2, validators=positive_weight())
    # The rubric may measure in another unit than the target (target ร้อยละ ๑๐๐, levels 4-5 in days).
    value_unit = models.CharField(
        _("หน่วยของค่าที่วัดได้"),
        max_length=50,
        blank=True,
        help_text=_("เว้นว่างถ้าค่าที่วัดได้และค่าเกณฑ์ใช้หน่วยเดียวกับค่าเป้าหมาย (หน่วยนับ) เช่น วัน"),
    )

    # Definition and measurement.
    definition = models.TextField(_("นิยาม"), blank=True)
    calculation_method = models.TextField(_("วิธีคำนวณ/สูตรคำนวณ"), blank=True)
    data_collection = models.TextField(_("วิธีเก็บข้อมูล/หลักฐาน"), blank=True)
    data_sources = models.TextField(_("แหล่งข้อมูล"), blank=True)

    # Alignment header of the detail sheet.
    policy_code = models.CharField(_("รหัสนโยบายผู้ว่าฯ"), max_length=20, blank=True, help_text=_("เช่น P058"))
    policy_text = models.CharField(_("นโยบายผู้ว่าราชการกรุงเทพมหานคร"), max_length=500, blank=True)
    strategy = models.ForeignKey(
        "indicators.Strategy",
        verbose_name=_("ยุทธศาสตร์ (ระดับล่างสุดที่สอดคล้อง)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    strategy_text = models.CharField(_("ยุทธศาสตร์ (ตามแบบฟอร์ม)"), max_length=500, blank=True)
    sub_strategy_text = models.CharField(_("ยุทธศาสตร์ย่อย (ตามแบบฟอร์ม)"), max_length=500, blank=True)
    goal = models.TextField(_("เป้าประสงค์"), blank=True)
    objective = models.TextField(_("วัตถุประสงค์หลัก (Objective)"), blank=True)
    key_result = models.TextField(_("ตัววัดผลหลัก (Key Result)"), blank=True)
    tactic = models.TextField(_("กลยุทธ์"), blank=True)

    # Expected results.
    outputs = models.TextField(_("ผลผลิต"), blank=True)
    outcomes = models.TextField(_("ผลลัพธ์"), blank=True)
    conditions_title = models.CharField(_("หัวข้อเงื่อนไขการดำเนินงาน"), max_length=500, blank=True)

    # Rubric shape; the rows live in RubricLevel.
    rubric_kind = models.CharField(
        _("ลักษณะเกณฑ์การให้คะแนน"), max_length=20, choices=RubricKind.choices, default=RubricKind.MILESTONE
    )
    rubric_direction = models.CharField(
        _("ทิศทางเกณฑ์"), max_length=10, choices=RubricDirection.choices, default=RubricDirection.HIGHER_IS_BETTER
    )
    rubric_title = models.CharField(_("หัวข้อเกณฑ์การให้คะแนน"), max_length=500, blank=True)

    # Where it came from.
    focus_issue = models.ForeignKey(
        "indicators.FocusIssue",
        verbose_name=_("ประเด็นมุ่งเน้น"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    basket_indicator = models.ForeignKey(
        "indicators.BasketIndicator",
        verbose_name=_("มาจากตะกร้าตัวชี้วัด"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("คัดลอกจาก"), on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("แทนตัวชี้วัด"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
    )

    responsible_person = models.CharField(_("ผู้รับผิดชอบตัวชี้วัด"), max_length=200, blank=True)
    responsible_users = models.ManyToManyField(
        "auth.User", verbose_name=_("ผู้ใช้ที่รับผิดชอบ"), blank=True, related_name="responsible_indicators"
    )
    # Optimistic lock: every service write bumps it; a stale form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[])

    class Meta:
        ordering = ["fiscal_year", "agency", "number"]
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "agency", "number"], name="indicator_unique_number_per_agency_year"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="indicator_weight_positive"),
        ]
        indexes = [models.Index(fields=["fiscal_year", "agency", "status"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def measured_unit(self) -> str:
        """The unit of the measured value and of the rubric's thresholds: value_unit, else the target's unit."""
        return self.value_unit.strip() or self.target_unit


class IndicatorBaseline(models.Model):
    """ข้อมูลพื้นฐาน for one prior B.E. year: a number, '-', 'ไม่มี' or a sentence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="baselines")
    year_be = models.PositiveSmallIntegerField(_("ปี พ.ศ."), validators=[MinValueValidator(2500)])
    value_text = models.TextField(_("ผลการดำเนินงาน"), blank=True)
    value_number = models.DecimalField(_("ค่าตัวเลข"), max_digits=14, decimal_places=4, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "year_be"]
        verbose_name = _("ข้อมูลพื้นฐาน")
        verbose_name_plural = _("ข้อมูลพื้นฐาน (Baseline)")
        constraints = [models.UniqueConstraint(fields=["indicator", "year_be"], name="baseline_unique_year")]

    def __str__(self) -> str:
        return f"{gettext('พ.ศ.')} {self.year_be} : {self.value_text or '-'}"


class JointParticipant(models.Model):
    """A participating agency of a joint KPI (ตัวชี้วัดบูรณาการ), with its duty and its own weight."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="+")
    duty = models.TextField(_("ภารกิจของหน่วยงาน"))
    weight = models.DecimalField(
        _("น้ำหนักคะแนน"), max_digits=6, decimal_places=2, null=True, blank=True, validators=positive_weight()
    )
    is_lead = models.BooleanField(_("หน่วยงานหลัก"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "-is_lead", "agency__code"]
        verbose_name = _("หน่วยงานร่วม")
        verbose_name_plural = _("หน่วยงานร่วม (ตัวชี้วัดบูรณาการ)")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "agency"], name="joint_participant_unique_agency"),
            models.CheckConstraint(condition=Q(weight__isnull=True) | Q(weight__gt=0), name="joint_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.duty[:40]}"


class RubricLevel(models.Model):
    """One row of เกณฑ์การให้คะแนน: level 1-5, success %, criterion and optional numeric threshold."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rubric_levels")
    level = models.PositiveSmallIntegerField(
        _("ระดับความสำเร็จ"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    success_percent = models.DecimalField(
        _("เกณฑ์ร้อยละความสำเร็จ"), max_digits=5, decimal_places=2, validators=percent_0_100()
    )
    criterion = models.TextField(_("ผลการดำเนินงาน/เกณฑ์"))
    threshold = models.DecimalField(
        _("ค่าเกณฑ์ (ตัวเลข)"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("สำหรับเกณฑ์แบบตัวเลข: ค่าที่ต้องถึงเพื่อได้ระดับนี้"),
    )
    # "น้อยกว่า ๘๐ วัน", "มากกว่าร้อยละ ๘๐": the threshold itself does not reach the level (scoring.rules).
    threshold_exclusive = models.BooleanField(
        _("ไม่นับค่าที่เท่ากับค่าเกณฑ์"),
        default=False,
        help_text=_("เลือกเมื่อเกณฑ์เขียนว่า “มากกว่า” หรือ “น้อยกว่า”: ค่าที่เท่ากับค่าเกณฑ์พอดีไม่ได้ระดับนี้"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "-level"]
        verbose_name = _("ระดับเกณฑ์การให้คะแนน")
        verbose_name_plural = _("เกณฑ์การให้คะแนน")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "level"], name="rubric_one_row_per_level"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="rubric_level_1_to_5"),
            models.CheckConstraint(
                condition=Q(success_percent__gte=0, success_percent__lte=100), name="rubric_success_percent_0_100"
            ),
        ]

    def __str__(self) -> str:
        return gettext("ระดับ %(level)s") % {"level": self.level}


class MilestoneCondition(models.Model):
    """เงื่อนไขการดำเนินงาน: what counts as n % of the plan."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="conditions")
    percent = models.DecimalField(_("ร้อยละของแผน"), max_digits=5, decimal_places=2, validators=percent_0_100())
    description = models.TextField(_("รายละเอียด"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "percent"]
        verbose_name = _("เงื่อนไขการดำเนินงาน")
        verbose_name_plural = _("เงื่อนไขการดำเนินงาน")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "percent"], name="condition_unique_percent"),
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="condition_percent_0_100"),
        ]

    def __str__(self) -> str:
        return gettext("ร้อยละ %(percent)s") % {"percent": self.percent}


class EvidenceRequirement(models.Model):
    """An evidence item agreed in the form (วิธีเก็บข้อมูล/หลักฐาน); the auditor ticks it each quarter."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="evidence_requirements")
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    description = models.TextField(_("หลักฐาน"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "order"]
        verbose_name = _("หลักฐานที่ต้องส่ง")
        verbose_name_plural = _("หลักฐานที่ต้องส่ง")

    def __str__(self) -> str:
        return self.description[:60]
