"""Background document jobs: the city book of every agency's forms, built by a worker with progress."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DocumentJobKind(models.TextChoices):
    CITY_SUMMARY = "city_summary", _("แบบสรุปตัวชี้วัดทุกหน่วยงาน")
    CITY_PACKAGE = "city_package", _("ชุดเอกสารเจรจาตกลงทุกหน่วยงาน")


class DocumentJobStatus(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    RUNNING = "running", _("กำลังสร้าง")
    DONE = "done", _("เสร็จแล้ว")
    FAILED = "failed", _("ไม่สำเร็จ")


class DocumentJob(models.Model):
    """One request for a whole-city PDF; the worker reports progress here and stores the file."""

    kind = models.CharField(_("เอกสาร"), max_length=20, choices=DocumentJobKind.choices)
    fiscal_year = models.ForeignKey(
        "indicators.FiscalYear", verbose_name=_("ปีงบประมาณ"), on_delete=models.CASCADE, related_name="document_jobs"
    )
    thai_digits = models.BooleanField(_("ใช้เลขไทย"), default=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ผู้สั่งพิมพ์"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=DocumentJobStatus.choices, default=DocumentJobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("จำนวนหน่วยงาน"), default=0)
    done = models.PositiveIntegerField(_("สร้างแล้ว"), default=0)
    file = models.FileField(_("ไฟล์"), upload_to="documents/", max_length=300, blank=True)
    error = models.TextField(_("ข้อผิดพลาด"), blank=True)
    created_at = models.DateTimeField(_("สั่งเมื่อ"), auto_now_add=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("งานสร้างเอกสาร PDF")
        verbose_name_plural = _("งานสร้างเอกสาร PDF")
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="document_job_done_le_total"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.fiscal_year} · {self.get_status_display()}"

    @property
    def percent(self) -> int:
        if self.status == DocumentJobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (DocumentJobStatus.DONE, DocumentJobStatus.FAILED)
