"""python manage.py import_kpis FILE --year 2567 [--dry-run] [--kind indicators]; rows read so far go to stderr."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.utils import translation

from indicators.services.imports import ACTIONS, KINDS, import_spreadsheet


def _plain(text: str) -> str:
    return text


class RowsReadProgress:
    """import_spreadsheet's `on_progress` for a person watching: on a terminal one line rewritten in place
    at each percent, otherwise (a log file, cron) a line at every tenth, so the log stays short."""

    def __init__(self, out: OutputWrapper):
        self.out, self.terminal, self.shown, self.line_open = out, out.isatty(), None, False

    def __call__(self, done: int, total: int) -> None:
        if not total:
            return
        percent = done * 100 // total
        mark = percent if self.terminal else percent // 10
        if mark == self.shown:
            return
        self.shown = mark
        line = f"อ่านแล้ว {done:,} จาก {total:,} แถว ({percent}%)"
        if self.terminal:
            self.line_open = done < total
            self.out.write(f"\r{line}", ending="" if self.line_open else "\n", style_func=_plain)
            self.out.flush()
        else:
            self.out.write(line, style_func=_plain)

    def finish(self) -> None:
        """End a line left open (the import stopped early), so that what follows starts on its own line."""
        if self.line_open:
            self.out.write("", style_func=_plain)
            self.line_open = False


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
        progress = RowsReadProgress(self.stderr) if options["verbosity"] > 0 else None
        with translation.override(settings.LANGUAGE_CODE):  # the command line answers in Thai, as it prints
            report = import_spreadsheet(
                data=path.read_bytes(), filename=path.name, year_be=year, dry_run=dry_run, kind=kind, on_progress=progress
            )
        if progress is not None:
            progress.finish()
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
