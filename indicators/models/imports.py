"""Whole-workbook imports started in the browser: a dry run the strategy office reads, then the real import."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJobStatus(models.TextChoices):
    CHECKING = "checking", _("กำลังตรวจสอบไฟล์ (ทดลองนำเข้า)")
    CHECKED = "checked", _("ตรวจสอบแล้ว รอยืนยันการนำเข้า")
    REFUSED = "refused", _("ไฟล์มีข้อผิดพลาด ไม่ได้บันทึกข้อมูล")
    IMPORTING = "importing", _("กำลังนำเข้า")
    IMPORTED = "imported", _("นำเข้าแล้ว")
    FAILED = "failed", _("นำเข้าไม่สำเร็จ ไม่ได้บันทึกข้อมูล")
    CANCELLED = "cancelled", _("ยกเลิกแล้ว")
    EXPIRED = "expired", _("ผลการทดลองนำเข้าหมดอายุ ไม่ได้นำเข้า")


RUNNING_IMPORT_STATUSES = (ImportJobStatus.CHECKING, ImportJobStatus.IMPORTING)


class ImportJob(models.Model):
    """One uploaded workbook on its way in. The file is kept only until it is imported, refused or
    abandoned; the dry run's and the real run's outcomes (counts and errors) stay for the record."""

    fiscal_year = models.ForeignKey(
        "indicators.FiscalYear", verbose_name=_("ปีงบประมาณ"), on_delete=models.CASCADE, related_name="import_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ผู้นำเข้า"), on_delete=models.CASCADE, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ผู้ยืนยันการนำเข้า"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    filename = models.CharField(_("ชื่อไฟล์"), max_length=255)
    data = models.BinaryField(_("ไฟล์ที่อัปโหลด"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=ImportJobStatus.choices, default=ImportJobStatus.CHECKING
    )
    preview = models.JSONField(_("ผลการทดลองนำเข้า"), default=dict, blank=True)
    result = models.JSONField(_("ผลการนำเข้า"), default=dict, blank=True)
    created_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)
    # The uploader's language: both runs word their refusals in it, and the outcome is stored so worded.
    language = models.CharField(
        _("ภาษาของข้อความผลการตรวจสอบ"), max_length=10, default=settings.LANGUAGE_CODE, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("งานนำเข้าไฟล์ข้อมูล")
        verbose_name_plural = _("งานนำเข้าไฟล์ข้อมูล")

    def __str__(self) -> str:
        return f"{self.filename} · {self.fiscal_year} · {self.get_status_display()}"

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_IMPORT_STATUSES

    @property
    def progress_key(self) -> str:
        """Where the running step's progress is kept in huey's storage (kpi_portal.lib.job_progress)."""
        return f"import-job-{self.pk}"

    @property
    def outcome(self) -> dict:
        """What the page shows: the real run's outcome once there is one, else the dry run's."""
        return self.result or self.preview
