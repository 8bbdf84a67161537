"""Negotiation records: an agency's package for a year, committee comments, decisions and meetings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpi_portal.history import HistoricalRecords


class PackageStatus(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว")
    IN_NEGOTIATION = "in_negotiation", _("อยู่ระหว่างเจรจา")
    REVISION_REQUESTED = "revision_requested", _("ส่งกลับแก้ไข")
    AGREED = "agreed", _("คณะกรรมการเห็นชอบ")
    APPROVED = "approved", _("คณะกรรมการอำนวยการอนุมัติ (ถือเป็นข้อยุติ)")


class AgencyPackage(models.Model):
    """The set of indicators an agency negotiates for one fiscal year, and where it stands."""

    fiscal_year = models.ForeignKey(
        "indicators.FiscalYear", verbose_name=_("ปีงบประมาณ"), on_delete=models.PROTECT, related_name="packages"
    )
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("หน่วยงาน"), on_delete=models.PROTECT, related_name="packages"
    )
    status = models.CharField(_("สถานะ"), max_length=20, choices=PackageStatus.choices, default=PackageStatus.DRAFT)
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("อนุมัติเมื่อ"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fiscal_year", "agency"]
        verbose_name = _("ชุดตัวชี้วัดของหน่วยงาน")
        verbose_name_plural = _("ชุดตัวชี้วัดของหน่วยงาน")
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "agency"], name="package_unique_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.fiscal_year}"


class IndicatorComment(models.Model):
    """A committee's (or agency's) comment on an indicator during negotiation."""

    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("ความเห็น"))
    created_at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)
    resolved = models.BooleanField(_("แก้ไขแล้ว"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ผู้แจ้งว่าแก้ไขแล้ว"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    resolved_at = models.DateTimeField(_("แจ้งว่าแก้ไขแล้วเมื่อ"), null=True, blank=True)

    class Meta:
        ordering = ["indicator_id", "created_at"]
        verbose_name = _("ความเห็นต่อตัวชี้วัด")
        verbose_name_plural = _("ความเห็นต่อตัวชี้วัด")

    def __str__(self) -> str:
        return self.body[:60]


class CommitteeDecision(models.Model):
    """A recorded step of the package's state machine: who did what, when, from which state to which."""

    package = models.ForeignKey(AgencyPackage, on_delete=models.CASCADE, related_name="decisions")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("การดำเนินการ"), max_length=40)
    from_status = models.CharField(_("จากสถานะ"), max_length=20, blank=True)
    to_status = models.CharField(_("เป็นสถานะ"), max_length=20, blank=True)
    reason = models.TextField(_("เหตุผล/หมายเหตุ"), blank=True)
    meeting = models.ForeignKey(
        "indicators.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    created_at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["package_id", "created_at"]
        verbose_name = _("มติ/การดำเนินการ")
        verbose_name_plural = _("มติ/การดำเนินการ")

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class Meeting(models.Model):
    """A committee meeting record: date, attendees by role and resolutions."""

    fiscal_year = models.ForeignKey(
        "indicators.FiscalYear", verbose_name=_("ปีงบประมาณ"), on_delete=models.PROTECT, related_name="meetings"
    )
    mission_group = models.ForeignKey(
        "agencies.MissionGroup",
        verbose_name=_("กลุ่มภารกิจ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("ว่างไว้สำหรับคณะกรรมการอำนวยการ"),
        related_name="meetings",
    )
    title = models.CharField(_("ชื่อการประชุม"), max_length=300)
    held_on = models.DateField(_("วันที่ประชุม"))
    attendees = models.TextField(_("ผู้เข้าประชุม (ตามบทบาท)"), blank=True)
    resolutions = models.TextField(_("มติที่ประชุม"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agencies = models.ManyToManyField("agencies.Agency", verbose_name=_("หน่วยงานที่เจรจา"), blank=True, related_name="+")

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("การประชุม")
        verbose_name_plural = _("การประชุม")

    def __str__(self) -> str:
        return self.title
