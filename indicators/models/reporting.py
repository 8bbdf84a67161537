"""Quarterly progress reports, their evidence files and the strategy office's audit."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kpi_portal.history import HistoricalRecords


def percent_field(label):
    """A percentage of the year's work, 0–100 with two decimals; empty until given."""
    return models.DecimalField(
        label, max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip


def level_field(label):
    """A rubric level reached, 0–5 with up to four decimals; empty until given."""
    return models.DecimalField(
        label, max_digits=6, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
    )  # fmt: skip


def empty_or_between(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    """The database's own guard of a percent_field or level_field."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
    )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว")
    REOPENED = "reopened", _("เปิดให้แก้ไข")


class QuarterlyReport(models.Model):
    """รายงานผลฯ ไตรมาสที่ n: an agency's own figures for one indicator and quarter."""

    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.CASCADE, related_name="reports")
    quarter = models.PositiveSmallIntegerField(_("ไตรมาส"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    progress_percent = percent_field(_("ผลงานสะสม (ร้อยละ)"))
    measured_value = models.DecimalField(_("ค่าที่วัดได้"), max_digits=14, decimal_places=4, null=True, blank=True)
    level_reached = level_field(_("ระดับที่ได้"))
    narrative = models.TextField(_("รายงานผลการดำเนินงาน"), blank=True)
    status = models.CharField(_("สถานะ"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_late = models.BooleanField(_("ส่งล่าช้า"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic lock: a save carrying an older version is refused, never merged silently.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "quarter"]
        verbose_name = _("รายงานผลรายไตรมาส")
        verbose_name_plural = _("รายงานผลรายไตรมาส")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter"], name="report_one_per_indicator_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="report_quarter_1_to_4"),
            empty_or_between("progress_percent", 0, 100, name="report_progress_0_100"),
            empty_or_between("level_reached", 0, 5, name="report_level_0_5"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · " + gettext("ไตรมาสที่ %(q)s") % {"q": self.quarter}


def evidence_upload_to(instance: "EvidenceFile", filename: str) -> str:
    report = instance.report
    return f"evidence/{report.indicator.fiscal_year_id}/{report.indicator.agency_id}/{report.indicator_id}/q{report.quarter}/{filename}"


class EvidenceFile(models.Model):
    """A file attached to a quarterly report as evidence."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("ไฟล์"), upload_to=evidence_upload_to, max_length=500)
    original_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    content_type = models.CharField(_("ชนิดไฟล์"), max_length=100)
    size = models.PositiveBigIntegerField(_("ขนาด (ไบต์)"))
    description = models.CharField(_("คำอธิบาย"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report_id", "uploaded_at"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")

    def __str__(self) -> str:
        return self.original_name


class AuditStatus(models.TextChoices):
    ACCEPTED = "accepted", _("ยอมรับ")
    ADJUSTED = "adjusted", _("ปรับผล")
    RETURNED = "returned", _("ส่งกลับให้แก้ไข")


class QuarterAudit(models.Model):
    """สยป. ตรวจประเมินตัวชี้วัด: the strategy office's verified result for one indicator and quarter."""

    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.CASCADE, related_name="audits")
    quarter = models.PositiveSmallIntegerField(_("ไตรมาส"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    report = models.ForeignKey(
        QuarterlyReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="audits"
    )
    verified_progress_percent = percent_field(_("ผลงานสะสมที่ตรวจแล้ว (ร้อยละ)"))
    verified_value = models.DecimalField(_("ค่าที่ตรวจแล้ว"), max_digits=14, decimal_places=4, null=True, blank=True)
    verified_level = level_field(_("ระดับที่ตรวจแล้ว"))
    status = models.CharField(_("ผลการตรวจ"), max_length=20, choices=AuditStatus.choices)
    comment = models.TextField(_("ความเห็นผู้ตรวจ"), blank=True)
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    audited_at = models.DateTimeField(_("ตรวจเมื่อ"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator_id", "quarter"]
        verbose_name = _("ผลการตรวจประเมิน (สยป.)")
        verbose_name_plural = _("ผลการตรวจประเมิน (สยป.)")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter"], name="audit_one_per_indicator_quarter"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="audit_quarter_1_to_4"),
            empty_or_between("verified_level", 0, 5, name="audit_level_0_5"),
            empty_or_between("verified_progress_percent", 0, 100, name="audit_progress_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · " + gettext("ไตรมาสที่ %(q)s") % {"q": self.quarter} + f" · {self.get_status_display()}"


class AuditChecklistItem(models.Model):
    """Whether the auditor found one agreed evidence item in a quarter's submission."""

    audit = models.ForeignKey(QuarterAudit, on_delete=models.CASCADE, related_name="checklist")
    requirement = models.ForeignKey("indicators.EvidenceRequirement", on_delete=models.CASCADE, related_name="+")
    is_present = models.BooleanField(_("มีหลักฐาน"), default=False)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["audit_id", "requirement__order"]
        verbose_name = _("รายการตรวจหลักฐาน")
        verbose_name_plural = _("รายการตรวจหลักฐาน")
        constraints = [
            models.UniqueConstraint(fields=["audit", "requirement"], name="audit_checklist_unique_requirement")
        ]

    def __str__(self) -> str:
        return str(self.requirement)


class ReportConflict(models.Model):
    """Figures someone typed into a report that changed under them: kept, never discarded, until reconciled."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="conflicts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    based_on_version = models.PositiveIntegerField(_("แก้จากฉบับที่"))
    progress_percent = models.DecimalField(_("ผลงานสะสม (ร้อยละ)"), max_digits=6, decimal_places=2, null=True, blank=True)
    measured_value = models.DecimalField(_("ค่าที่วัดได้"), max_digits=14, decimal_places=4, null=True, blank=True)
    level_reached = models.DecimalField(_("ระดับที่ได้"), max_digits=6, decimal_places=4, null=True, blank=True)
    narrative = models.TextField(_("รายงานผลการดำเนินงาน"), blank=True)
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("ปรับให้ตรงกันเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["report_id", "-created_at"]
        verbose_name = _("ฉบับที่บันทึกไม่สำเร็จ (แก้ไขพร้อมกัน)")
        verbose_name_plural = _("ฉบับที่บันทึกไม่สำเร็จ (แก้ไขพร้อมกัน)")

    def __str__(self) -> str:
        return f"{self.report} · {self.author}"
