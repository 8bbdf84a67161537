"""Create one demo account per role (demo only) and print how to log in."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from agencies.models import Agency, MissionGroup, Role, RoleKind

DEMO_AGENCY_CODE = "SKJ"  # สำนักงานการเจ้าหน้าที่ สำนักปลัดกรุงเทพมหานคร, the seed agency
DEMO_DISTRICT_CODE = "1001"  # สำนักงานเขตพระนคร

# username, full name, role, scope ("agency", "district", "mission_group" or None), is_staff, is_superuser
DEMO_USERS = [
    ("staff", "เจ้าหน้าที่ สกจ. (ทดลอง)", RoleKind.AGENCY_STAFF, "agency", False, False),
    ("head", "ผู้อำนวยการ สกจ. (ทดลอง)", RoleKind.AGENCY_HEAD, "agency", False, False),
    ("district_staff", "เจ้าหน้าที่เขตพระนคร (ทดลอง)", RoleKind.AGENCY_STAFF, "district", False, False),
    ("committee", "กรรมการเจรจาตกลง กลุ่มภารกิจ (ทดลอง)", RoleKind.COMMITTEE_MEMBER, "mission_group", False, False),
    ("steering", "กรรมการอำนวยการ (ทดลอง)", RoleKind.STEERING_MEMBER, None, False, False),
    ("strategy", "เจ้าหน้าที่ สยป. (ทดลอง)", RoleKind.STRATEGY_OFFICE, None, True, False),
    ("admin", "ผู้ดูแลระบบ (ทดลอง)", RoleKind.ADMINISTRATOR, None, True, True),
]


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD", "kpi-demo-2567")


class Command(BaseCommand):
    help = "Create or refresh the demo accounts (for demonstration only, never in production)."

    def add_arguments(self, parser):
        parser.add_argument("--print-only", action="store_true", help="only print the accounts")

    def handle(self, *args, print_only=False, **options):
        if not print_only:
            self._create()
        self.stdout.write("")
        self.stdout.write("Demo accounts (demo only) — password for all: %s" % demo_password())
        for username, full_name, kind, *_ in DEMO_USERS:
            self.stdout.write(f"  demo_{username:<15} {RoleKind(kind).label}  {full_name}")
        self.stdout.write("")

    @transaction.atomic
    def _create(self):
        User = get_user_model()
        # The strategy office administers every record of the cycle in the admin.
        office_group, _ = Group.objects.get_or_create(name="สยป. (ผู้ดูแลข้อมูล)")
        office_group.permissions.set(
            Permission.objects.filter(content_type__app_label__in=["agencies", "indicators", "scoring"])
        )
        agency = Agency.objects.filter(code=DEMO_AGENCY_CODE).first()
        district = Agency.objects.filter(code=DEMO_DISTRICT_CODE).first()
        mission_group = (
            MissionGroup.objects.filter(members=agency).order_by("-fiscal_year__year_be").first() if agency else None
        )
        for username, full_name, kind, scope, is_staff, is_superuser in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=f"demo_{username}")
            user.first_name = full_name
            user.is_staff = is_staff
            user.is_superuser = is_superuser
            user.set_password(demo_password())
            user.save()
            if kind == RoleKind.STRATEGY_OFFICE:
                user.groups.add(office_group)
            target = {"agency": agency, "district": district, "mission_group": mission_group}.get(scope)
            if scope and target is None:
                self.stderr.write(f"skipped role of demo_{username}: reference data not loaded")
                continue
            Role.objects.get_or_create(
                user=user,
                kind=kind,
                agency=target if scope in ("agency", "district") else None,
                mission_group=target if scope == "mission_group" else None,
            )
