"""Prepare the next fiscal year from this one (the admin's fiscal-year action, from the shell).

`python manage.py prepare_fiscal_year 2567 --by <username> [--dry-run]` creates FY 2568 with
2567's elements, mission groups and members, committee roles, quarters and calendar, dates one
year later; parts 2568 already has are kept. The history names `--by` as who created the rows.
It lists each copied text whose years move on (names and periods; notes only where they name the
plan year), old and new, so that a dry run shows what to check, and the copied elements' set-up
warnings (as the fiscal year's admin page gives them).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from agencies.permissions import can_prepare_fiscal_year
from indicators.models import FiscalYear
from indicators.selectors.framework import year_element_warnings
from indicators.selectors.year_setup import YearPlan, next_year_plan
from indicators.services.year_setup import YearSetupRefused, prepare_next_fiscal_year


class Command(BaseCommand):
    help = "Create the next fiscal year from this one: groups, members, committee roles, quarters, calendar"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="the source fiscal year in B.E., e.g. 2567")
        parser.add_argument("--by", required=True, help="username of the สยป. staff member (or superuser) doing it")
        parser.add_argument("--dry-run", action="store_true", help="list what would be created; create nothing")

    def handle(self, *args, year, by, dry_run=False, **options):
        source = FiscalYear.objects.filter(year_be=year).first()
        if source is None:
            raise CommandError(f"ไม่มีปีงบประมาณ พ.ศ. {year}")
        actor = get_user_model().objects.filter(username=by, is_active=True).first()
        if actor is None or not can_prepare_fiscal_year(actor):
            raise CommandError(f"“{by}” ไม่ใช่บัญชีเจ้าหน้าที่ สยป. หรือผู้ดูแลระบบที่ใช้งานอยู่")
        if dry_run:
            self._write(next_year_plan(source), "จะสร้าง", dry_run=True)
            return
        try:
            plan = prepare_next_fiscal_year(actor=actor, source=source)
        except YearSetupRefused as refused:
            raise CommandError(str(refused)) from None
        self._write(plan, "สร้างแล้ว")
        if plan.element_warnings:  # the copies carry them: as the new year's admin page says them
            for warning in year_element_warnings(plan.target.pk):
                self.stdout.write(self.style.WARNING(f"! {warning}"))

    def _write(self, plan: YearPlan, verb: str, *, dry_run: bool = False) -> None:
        self.stdout.write(f"ปีงบประมาณ พ.ศ. {plan.target_year_be} จาก พ.ศ. {plan.source.year_be}")
        for part in plan.parts:
            if not part.rows:
                self.stdout.write(f"- {part.label}: {part.kept_because}")
                continue
            self.stdout.write(f"- {part.label}: {verb} {len(part.rows)} รายการ")
            for line in part.lines:
                self.stdout.write(f"    {line}")
            if part.key == "elements" and plan.element_warnings and dry_run:
                self.stdout.write(self.style.WARNING(f"  ! {plan.element_warnings_intro}"))
                for warning in plan.element_warnings:
                    self.stdout.write(self.style.WARNING(f"    - {warning}"))
            if part.moved_texts:
                # Years in these texts move with the year: listed so that the strategy office can check them.
                self.stdout.write(f"  ข้อความที่เลื่อนปีตาม {len(part.moved_texts)} แห่ง (โปรดตรวจดู):")
                for moved in part.moved_texts:
                    self.stdout.write(f"    {moved.row} · {moved.field}: “{moved.old}” → “{moved.new}”")
        if plan.quarters_warning:
            self.stdout.write(self.style.WARNING(f"! {plan.quarters_warning}"))
