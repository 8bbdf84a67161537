"""The organisation: agencies, mission groups, district groups and who belongs where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.contrib.auth.models import User
from simple_history import register

from agencies.role_rules import role_scope_problems
from kpi_portal.history import HistoricalRecords
from kpi_portal.validators import no_invisible_characters, visible_text


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", _("สำนัก")
    OFFICE = "office", _("สำนักงาน")
    PERMANENT_SECRETARY_UNIT = "ps_unit", _("ส่วนราชการในสังกัดสำนักปลัดกรุงเทพมหานคร")
    DISTRICT = "district", _("สำนักงานเขต")


class DistrictGroup(models.Model):
    """กลุ่มเขต: one of the six groups of district offices."""

    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    name = models.CharField(_("ชื่อกลุ่มเขต"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("กลุ่มเขต")
        verbose_name_plural = _("กลุ่มเขต")

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """หน่วยงาน: a department, office, unit or district office that signs an agreement."""

    code = models.CharField(
        _("รหัสหน่วยงาน"),
        max_length=20,
        unique=True,
        help_text=_("รหัสคงที่ใช้ใน URL, API และไฟล์นำเข้า เช่น HRO หรือ 1001"),
        validators=[no_invisible_characters],
    )
    abbreviation = models.CharField(_("อักษรย่อ"), max_length=30, blank=True)
    name_th = models.CharField(_("ชื่อหน่วยงาน (ไทย)"), max_length=200, validators=[visible_text])
    name_en = models.CharField(_("ชื่อหน่วยงาน (อังกฤษ)"), max_length=200, blank=True)
    kind = models.CharField(_("ประเภทหน่วยงาน"), max_length=20, choices=AgencyKind.choices)
    district_group = models.ForeignKey(
        DistrictGroup,
        verbose_name=_("กลุ่มเขต"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="districts",
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        ordering = ["kind", "order", "code"]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        constraints = [
            models.CheckConstraint(
                condition=Q(district_group__isnull=True) | Q(kind=AgencyKind.DISTRICT),
                name="agency_district_group_only_for_districts",
            ),
        ]

    def __str__(self) -> str:
        return self.name_th

    def clean(self):
        # agency_district_group_only_for_districts, said beside the field rather than as Django's English.
        if self.district_group_id and self.kind and not self.is_district:
            raise ValidationError({"district_group": _("กลุ่มเขตใช้กับสำนักงานเขตเท่านั้น (หน่วยงานนี้เป็น%(kind)s)")
                                   % {"kind": self.get_kind_display()}})

    @property
    def is_district(self) -> bool:
        return self.kind == AgencyKind.DISTRICT


class MissionGroup(models.Model):
    """กลุ่มภารกิจ for one fiscal year: its negotiation committee and member agencies."""

    fiscal_year = models.ForeignKey(
        "indicators.FiscalYear", verbose_name=_("ปีงบประมาณ"), on_delete=models.CASCADE, related_name="mission_groups"
    )
    number = models.PositiveSmallIntegerField(_("กลุ่มที่"))
    name = models.CharField(_("ชื่อกลุ่มภารกิจ"), max_length=200)
    chair_title = models.CharField(_("ประธานกรรมการ"), max_length=200, blank=True)
    secretariat = models.CharField(_("ฝ่ายเลขานุการ"), max_length=200, blank=True)
    members = models.ManyToManyField(Agency, verbose_name=_("หน่วยงานในกลุ่ม"), related_name="mission_groups", blank=True)
    district_groups = models.ManyToManyField(
        DistrictGroup, verbose_name=_("กลุ่มเขตที่กำกับดูแล"), related_name="mission_groups", blank=True
    )
    # Who set a year's groups up (by hand or by preparing the year) and who moved an agency between them.
    history = HistoricalRecords(m2m_fields=[members, district_groups])

    class Meta:
        ordering = ["fiscal_year", "number"]
        verbose_name = _("กลุ่มภารกิจ")
        verbose_name_plural = _("กลุ่มภารกิจ")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="mission_group_unique_number_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class RoleKind(models.TextChoices):
    AGENCY_STAFF = "agency_staff", _("ผู้รับผิดชอบตัวชี้วัด")
    AGENCY_HEAD = "agency_head", _("ผู้บริหารหน่วยงาน")
    COMMITTEE_MEMBER = "committee_member", _("กรรมการเจรจาตกลง")
    COMMITTEE_SECRETARY = "committee_secretary", _("ฝ่ายเลขานุการคณะกรรมการ")
    STEERING_MEMBER = "steering_member", _("คณะกรรมการอำนวยการเจรจาตกลง")
    STRATEGY_OFFICE = "strategy_office", _("เจ้าหน้าที่ สยป.")
    ADMINISTRATOR = "administrator", _("ผู้ดูแลระบบ")


AGENCY_ROLES = (RoleKind.AGENCY_STAFF, RoleKind.AGENCY_HEAD)
COMMITTEE_ROLES = (RoleKind.COMMITTEE_MEMBER, RoleKind.COMMITTEE_SECRETARY)


class Role(models.Model):
    """One hat a person wears: staff or head of an agency, member of a committee, or city-wide staff.

    Agency roles name an agency; mission-group committee roles name a mission group
    (and so follow its membership year by year); steering, strategy-office and
    administrator roles are city-wide.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ผู้ใช้"), on_delete=models.CASCADE, related_name="kpi_roles"
    )
    kind = models.CharField(_("บทบาท"), max_length=30, choices=RoleKind.choices)
    agency = models.ForeignKey(
        Agency, verbose_name=_("หน่วยงาน"), on_delete=models.CASCADE, null=True, blank=True, related_name="roles"
    )
    mission_group = models.ForeignKey(
        MissionGroup,
        verbose_name=_("กลุ่มภารกิจ"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("บทบาทผู้ใช้")
        verbose_name_plural = _("บทบาทผู้ใช้")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=list(AGENCY_ROLES)) | Q(agency__isnull=False),
                name="role_agency_roles_need_agency",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=list(COMMITTEE_ROLES)) | Q(mission_group__isnull=False),
                name="role_committee_roles_need_mission_group",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "agency", "mission_group"], name="role_unique_per_user_scope"
            ),
        ]

    def clean(self):
        problems = role_scope_problems(
            kind=self.kind, kind_label=self.get_kind_display(), agency_given=self.agency_id is not None,
            mission_group_given=self.mission_group_id is not None,
            agency_kinds=AGENCY_ROLES, committee_kinds=COMMITTEE_ROLES,
        )
        if problems:
            raise ValidationError(problems)

    def __str__(self) -> str:
        scope = self.agency or self.mission_group or ""
        return f"{self.user} · {self.get_kind_display()} {scope}".strip()


class UserHistoricalRecords(HistoricalRecords):
    """History of user accounts (is_staff, is_superuser, is_active, groups…), without login noise.

    Every login saves last_login alone; that is not a change anyone made, so it
    leaves no history row. Password hashes are never copied into history.
    """

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= {"last_login"}:
            return
        super().post_save(instance, created, using=using, **kwargs)


register(
    User,
    app="agencies",
    records_class=UserHistoricalRecords,
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups", "user_permissions"],
)
