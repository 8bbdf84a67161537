"""python manage.py import_kpis FILE --year 2567 [--dry-run] [--kind indicators]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.services.imports import ACTIONS, KINDS, import_spreadsheet


class Command(BaseCommand):
    help = "นำเข้าหน่วยงาน องค์ประกอบ ตัวชี้วัด (พร้อมเกณฑ์ ๕ ระดับและข้อมูลพื้นฐาน) และผลรายไตรมาส จากไฟล์ .xlsx/.csv"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2567")
        parser.add_argument("--dry-run", action="store_true", help="ตรวจสอบและแสดงสิ่งที่จะเปลี่ยน โดยไม่บันทึก")
        parser.add_argument("--kind", choices=list(KINDS), help="ชนิดข้อมูล (ปกติระบบดูจากชื่อแผ่นงาน/หัวคอลัมน์)")

    def handle(self, *args, file, year, dry_run, kind, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        if year < 2400:
            raise CommandError("--year ต้องเป็นปีพุทธศักราช (พ.ศ.) เช่น 2567")
        report = import_spreadsheet(data=path.read_bytes(), filename=path.name, year_be=year, dry_run=dry_run, kind=kind)
        for row in report.rows:
            if row.action != ACTIONS["skip"] or options["verbosity"] > 1:
                self.stdout.write(str(row))
        for error in report.errors:
            self.stderr.write(str(error))
        summary = ", ".join(f"{action} {report.count(action)}" for action in ACTIONS.values())
        if report.errors:
            raise CommandError(f"พบข้อผิดพลาด {len(report.errors)} รายการ — ไม่ได้บันทึกข้อมูลใดเลย")
        if dry_run:
            self.stdout.write(self.style.WARNING(f"ทดลองนำเข้า (ไม่ได้บันทึก): {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"นำเข้าเรียบร้อย: {summary}"))
