"""python manage.py export_kpis --year 2567 -o FILE [--format xlsx|csv] [--kind indicators]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.models import FiscalYear
from indicators.services.imports import KINDS, export_spreadsheet


class Command(BaseCommand):
    help = "ส่งออกข้อมูลของปีงบประมาณเป็น .xlsx (แผ่นงานละชนิด) หรือ .csv (ไฟล์ละชนิด) ที่นำเข้ากลับได้"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2567")
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument("--format", choices=["xlsx", "csv"], default=None)
        parser.add_argument("--kind", choices=list(KINDS))

    def handle(self, *args, year, output, format, kind, **options):
        if not FiscalYear.objects.filter(year_be=year).exists():
            raise CommandError(f"ไม่พบปีงบประมาณ พ.ศ. {year}")
        path = Path(output)
        fmt = format or ("csv" if path.suffix.lower() == ".csv" else "xlsx")
        content = export_spreadsheet(year_be=year, fmt=fmt, kind=kind)
        if isinstance(content, bytes):
            path.write_bytes(content)
            self.stdout.write(self.style.SUCCESS(f"บันทึก {path}"))
            return
        for file_kind, data in content.items():
            target = path if kind else path.with_name(f"{path.stem}-{file_kind}.csv")
            target.write_bytes(data)
            self.stdout.write(self.style.SUCCESS(f"บันทึก {target}"))
