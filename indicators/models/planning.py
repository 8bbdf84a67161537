"""Action-plan projects that support an indicator, with their weighted monthly step plans."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.validators import non_negative_budget, step_weight


class BudgetSource(models.TextChoices):
    BMA = "bma", _("กทม.")
    GOVERNMENT = "government", _("รัฐบาล")
    OTHER = "other", _("อื่นๆ")
    NONE = "none", _("ไม่ใช้งบประมาณ")


class Project(models.Model):
    """โครงการ/กิจกรรม of the action plan supporting an indicator."""

    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(_("ชื่อโครงการ/กิจกรรม"), max_length=500)
    budget = models.DecimalField(
        _("งบประมาณ (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=non_negative_budget()
    )
    budget_source = models.CharField(
        _("แหล่งงบประมาณ"), max_length=20, choices=BudgetSource.choices, default=BudgetSource.BMA
    )
    responsible_division = models.CharField(_("หน่วยงานผู้รับผิดชอบ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["indicator_id", "order"]
        verbose_name = _("โครงการ/กิจกรรม")
        verbose_name_plural = _("โครงการ/กิจกรรม")
        constraints = [
            models.CheckConstraint(condition=Q(budget__isnull=True) | Q(budget__gte=0), name="project_budget_non_negative")
        ]

    def __str__(self) -> str:
        return self.name


class ProjectStep(models.Model):
    """A step of a project plan: its weight (%) and the fiscal months (1 = ต.ค. … 12 = ก.ย.) it is scheduled in."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("ขั้นตอนที่"))
    description = models.TextField(_("ขั้นตอนการดำเนินงาน"))
    weight = models.DecimalField(_("น้ำหนัก (ร้อยละ)"), max_digits=5, decimal_places=2, validators=step_weight())
    start_month = models.PositiveSmallIntegerField(
        _("เดือนเริ่ม (1=ต.ค.)"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    end_month = models.PositiveSmallIntegerField(
        _("เดือนสิ้นสุด (12=ก.ย.)"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )

    class Meta:
        ordering = ["project_id", "order"]
        verbose_name = _("ขั้นตอน")
        verbose_name_plural = _("ขั้นตอนตามแผน")
        constraints = [
            models.UniqueConstraint(fields=["project", "order"], name="project_step_unique_order"),
            models.CheckConstraint(condition=Q(weight__gt=0, weight__lte=100), name="project_step_weight_0_100"),
            models.CheckConstraint(
                condition=Q(start_month__gte=1, end_month__lte=12, start_month__lte=models.F("end_month")),
                name="project_step_months_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.description[:50]}"

    def clean(self):
        # project_step_months_in_order, said beside the field rather than as Django's English.
        if self.start_month and self.end_month and self.end_month < self.start_month:
            raise ValidationError({"end_month": _("เดือนสิ้นสุด (%(end)s) ต้องไม่ก่อนเดือนเริ่ม (%(start)s)")
                                   % {"end": self.end_month, "start": self.start_month}})
