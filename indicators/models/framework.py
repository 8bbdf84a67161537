"""The year's framework, set by the strategy office: calendar, elements, scoring policy, focus issues."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indicators.calendar_checks import fiscal_year_date_problems, quarter_date_problems, stage_deadline_problems
from indicators.framework_checks import (
    indicator_count_problems,
    parent_element_weight_problems,
    sub_element_weight_problems,
)
from indicators.validators import positive_weight
from kpi_portal.history import HistoricalRecords
from kpi_portal.validators import no_invisible_characters, visible_text


class BelowLevelOneRule(models.TextChoices):
    LEVEL_ONE = "level_one", _("ต่ำกว่าเกณฑ์ระดับ ๑ ได้ระดับ ๑")
    ZERO = "zero", _("ต่ำกว่าเกณฑ์ระดับ ๑ ได้ ๐ คะแนน")


class RoundingMode(models.TextChoices):
    HALF_UP = "ROUND_HALF_UP", _("ปัดครึ่งขึ้น")
    HALF_EVEN = "ROUND_HALF_EVEN", _("ปัดครึ่งเป็นเลขคู่")
    DOWN = "ROUND_DOWN", _("ปัดทิ้ง")


class FiscalYear(models.Model):
    """ปีงบประมาณ พ.ศ.: 1 Oct – 30 Sep, named by the B.E. year it ends in."""

    year_be = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), unique=True, validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    start_date = models.DateField(_("วันเริ่มต้น"))
    end_date = models.DateField(_("วันสิ้นสุด"))
    is_current = models.BooleanField(_("ปีปัจจุบัน"), default=False)
    # Scoring policy: a framework setting, not code (domain.md §7).
    interpolate = models.BooleanField(_("คำนวณระดับแบบเทียบสัดส่วนระหว่างเกณฑ์"), default=False)
    rounding_places = models.PositiveSmallIntegerField(
        _("จำนวนทศนิยม"), default=4, validators=[MaxValueValidator(6)]
    )
    rounding_mode = models.CharField(
        _("วิธีปัดเศษ"), max_length=20, choices=RoundingMode.choices, default=RoundingMode.HALF_UP
    )
    below_level_one = models.CharField(
        _("ผลต่ำกว่าเกณฑ์ระดับ ๑"), max_length=20, choices=BelowLevelOneRule.choices, default=BelowLevelOneRule.ZERO
    )
    at_risk_margin = models.DecimalField(
        _("เกณฑ์เตือนล่าช้า (ร้อยละที่ต่ำกว่าแผน)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year_be"]
        verbose_name = _("ปีงบประมาณ")
        verbose_name_plural = _("ปีงบประมาณ")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")), name="fiscal_year_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{gettext('พ.ศ.')} {self.year_be}"

    def clean(self):
        problems = fiscal_year_date_problems(self.year_be, self.start_date, self.end_date)
        if problems:
            raise ValidationError(problems)


class ReportingQuarter(models.Model):
    """A quarter of the fiscal year with the deadline for its progress report."""

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name=_("ปีงบประมาณ"), on_delete=models.CASCADE, related_name="quarters"
    )
    quarter = models.PositiveSmallIntegerField(_("ไตรมาส"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    start_date = models.DateField(_("วันเริ่มต้น"))
    end_date = models.DateField(_("วันสิ้นสุด"))
    report_deadline = models.DateField(_("กำหนดส่งรายงาน"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["fiscal_year", "quarter"]
        verbose_name = _("ไตรมาส")
        verbose_name_plural = _("ไตรมาส")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "quarter"], name="reporting_quarter_unique"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="reporting_quarter_1_to_4"),
        ]

    def __str__(self) -> str:
        return gettext("ไตรมาสที่ %(quarter)s/%(year)s") % {"quarter": self.quarter, "year": self.fiscal_year.year_be}

    def clean(self):
        try:
            year = self.fiscal_year  # in the admin's add page, the year being added (not saved yet)
        except FiscalYear.DoesNotExist:
            return
        problems = quarter_date_problems(
            year.year_be, self.quarter, self.start_date, self.end_date, self.report_deadline
        )
        if problems:
            raise ValidationError(problems)


class NegotiationStage(models.Model):
    """A step of the year's negotiation calendar (ปฏิทิน) with its deadline."""

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name=_("ปีงบประมาณ"), on_delete=models.CASCADE, related_name="stages"
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    name = models.CharField(_("ขั้นตอน"), max_length=500)
    outcome = models.TextField(_("ผลที่ได้รับ"), blank=True)
    period_text = models.CharField(_("ช่วงเวลา"), max_length=100, blank=True)
    deadline = models.DateField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fiscal_year", "order"]
        verbose_name = _("ขั้นตอนตามปฏิทิน")
        verbose_name_plural = _("ปฏิทินการเจรจาตกลง")
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "order"], name="negotiation_stage_unique_order")]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        try:
            year = self.fiscal_year  # in the admin's add page, the year being added (not saved yet)
        except FiscalYear.DoesNotExist:
            return
        problems = stage_deadline_problems(year.year_be, self.deadline)
        if problems:
            raise ValidationError(problems)


class ElementAppliesTo(models.TextChoices):
    ALL = "all", _("ทุกหน่วยงาน")
    NON_DISTRICT = "non_district", _("สำนัก/สำนักงาน")
    DISTRICT = "district", _("สำนักงานเขต")


class CompositionElement(models.Model):
    """องค์ประกอบ (or sub-element, e.g. 1.2) of the year's framework, with its weight and KPI-count rule."""

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name=_("ปีงบประมาณ"), on_delete=models.CASCADE, related_name="elements"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("องค์ประกอบหลัก"), on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    code = models.CharField(
        _("รหัส"), max_length=10, help_text=_("เช่น 1 หรือ 1.2"), validators=[no_invisible_characters]
    )
    name = models.CharField(_("ชื่อองค์ประกอบ"), max_length=300, validators=[visible_text])
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True, help_text=_("เช่น Function Base"))
    weight = models.DecimalField(
        _("น้ำหนักคะแนน"), max_digits=6, decimal_places=2, null=True, blank=True, validators=positive_weight()
    )
    min_indicators = models.PositiveSmallIntegerField(_("จำนวนตัวชี้วัดขั้นต่ำ"), null=True, blank=True)
    max_indicators = models.PositiveSmallIntegerField(_("จำนวนตัวชี้วัดสูงสุด"), null=True, blank=True)
    applies_to = models.CharField(
        _("ใช้กับหน่วยงาน"), max_length=20, choices=ElementAppliesTo.choices, default=ElementAppliesTo.ALL
    )
    is_negotiated = models.BooleanField(_("เจรจาตกลง"), default=True)
    is_joint = models.BooleanField(_("ตัวชี้วัดบูรณาการ (Joint KPIs)"), default=False)
    evaluated_by = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("หน่วยงานผู้ประเมิน"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rule_note = models.TextField(_("หมายเหตุหลักเกณฑ์"), blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    history = HistoricalRecords()

    # Whether clean() judges the weight rules against the saved rows. The element sheet import turns it
    # off and judges them on the sheet's end state (indicators.resources.elements): a sheet may lower a
    # parent a row before its sub-elements.
    weights_checked_alone = True

    class Meta:
        ordering = ["fiscal_year", "order", "code"]
        verbose_name = _("องค์ประกอบ")
        verbose_name_plural = _("องค์ประกอบ")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "code"], name="element_unique_code_per_year"),
            models.CheckConstraint(condition=Q(weight__isnull=True) | Q(weight__gt=0), name="element_weight_positive"),
            models.CheckConstraint(
                condition=Q(min_indicators__isnull=True)
                | Q(max_indicators__isnull=True)
                | Q(min_indicators__lte=models.F("max_indicators")),
                name="element_min_le_max_indicators",
            ),
        ]

    def __str__(self) -> str:
        label = gettext("องค์ประกอบที่ %(code)s %(name)s") % {"code": self.code, "name": self.name}
        return f"{label} ({self.name_en})" if self.name_en else label

    def clean(self):
        # A sub-element belongs to its parent's year: the admin once offered every year's elements.
        if self.parent_id and self.fiscal_year_id and self.parent.fiscal_year_id != self.fiscal_year_id:
            raise ValidationError({"parent": ValidationError(
                _("องค์ประกอบหลักต้องเป็นของปีงบประมาณเดียวกัน (%(year)s) แต่ที่เลือกเป็นของ %(parent_year)s"),
                params={"year": self.fiscal_year, "parent_year": self.parent.fiscal_year},
            )})
        problems = indicator_count_problems(self.min_indicators, self.max_indicators)
        problems |= self._weight_problems() if self.weights_checked_alone else {}
        if problems:
            raise ValidationError(problems)

    def _weight_problems(self) -> dict[str, str]:
        """Sub-elements may not outweigh their parent (indicators.framework_checks)."""
        def weights(rows):
            return {row.code: row.weight for row in rows if row.weight is not None}

        others = CompositionElement.objects.exclude(pk=self.pk) if self.pk else CompositionElement.objects.all()
        if self.parent_id:
            return sub_element_weight_problems(
                weight=self.weight, code=self.code, parent_code=self.parent.code, parent_weight=self.parent.weight,
                sibling_weights=weights(others.filter(parent_id=self.parent_id)),
            )
        if self.pk:
            return parent_element_weight_problems(
                weight=self.weight, code=self.code, children_weights=weights(others.filter(parent_id=self.pk))
            )
        return {}


class Strategy(models.Model):
    """A node of the city's strategy tree: ยุทธศาสตร์ → ยุทธศาสตร์ย่อย → เป้าประสงค์/กลยุทธ์."""

    class Level(models.TextChoices):
        STRATEGY = "strategy", _("ยุทธศาสตร์")
        SUB_STRATEGY = "sub_strategy", _("ยุทธศาสตร์ย่อย")
        GOAL = "goal", _("เป้าประสงค์")
        TACTIC = "tactic", _("กลยุทธ์")

    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    level = models.CharField(_("ระดับ"), max_length=20, choices=Level.choices)
    code = models.CharField(_("รหัส"), max_length=20, help_text=_("เช่น 7 หรือ 7.3"))
    name = models.CharField(_("ชื่อ"), max_length=500)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ยุทธศาสตร์")
        verbose_name_plural = _("ยุทธศาสตร์")
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="strategy_unique_code_per_level")]

    def __str__(self) -> str:
        return gettext("%(level)sที่ %(code)s %(name)s") % {
            "level": self.get_level_display(), "code": self.code, "name": self.name
        }


class FocusIssue(models.Model):
    """ประเด็นมุ่งเน้นการพัฒนา of a year, with the KPI basket that supports it."""

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name=_("ปีงบประมาณ"), on_delete=models.CASCADE, related_name="focus_issues"
    )
    number = models.CharField(_("ประเด็นที่"), max_length=10)
    title = models.CharField(_("ประเด็นมุ่งเน้น"), max_length=500)
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("ยุทธศาสตร์"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    description = models.TextField(_("รายละเอียด/ประเด็นย่อย"), blank=True)
    related_agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name=_("หน่วยงานที่เกี่ยวข้อง"), related_name="focus_issues", blank=True
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["fiscal_year", "order", "number"]
        verbose_name = _("ประเด็นมุ่งเน้นการพัฒนา")
        verbose_name_plural = _("ประเด็นมุ่งเน้นการพัฒนา")
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "number"], name="focus_issue_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class BasketIndicator(models.Model):
    """A supporting KPI in a focus issue's basket (KPI Basket), with its target and lead agency."""

    focus_issue = models.ForeignKey(FocusIssue, on_delete=models.CASCADE, related_name="basket")
    name = models.CharField(_("ชื่อตัวชี้วัด"), max_length=500)
    target = models.CharField(_("ค่าเป้าหมาย"), max_length=300, blank=True)
    lead_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("หน่วยงานหลัก"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="basket_indicators",
    )
    lead_agency_text = models.CharField(
        _("หน่วยงานหลัก (ตามเอกสาร)"), max_length=300, blank=True, help_text=_("เมื่อไม่ใช่หน่วยงานเดียว")
    )
    is_common_district = models.BooleanField(_("ตัวชี้วัดร่วมของสำนักงานเขตทุกเขต"), default=False)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["focus_issue", "order"]
        verbose_name = _("ตัวชี้วัดในตะกร้า (KPI Basket)")
        verbose_name_plural = _("ตัวชี้วัดในตะกร้า (KPI Basket)")

    def __str__(self) -> str:
        return self.name
