"""Benchmark: load a whole year from one spreadsheet at BMA scale, then export it again (not a test).

Builds a throwaway database, writes an XLSX the way a user would fill the templates (77 agencies,
8 indicators each with a full rubric and two baselines in Thai digits, four quarterly results
each), then times: reading + checking the file, a dry run, the real import and the export.

    .venv/bin/python bench/bench_imports.py                     # SQLite file under /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpi_api_bench .venv/bin/python bench/bench_imports.py

The PostgreSQL database is dropped and re-created; its name must end in "_bench".
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import prepare_database, setup_django  # noqa: E402

SQLITE_PATH = "/tmp/kpi_api_bench.sqlite3"


def build_workbook(agencies: int, per_agency: int) -> tuple[bytes, int]:
    from indicators.services.spreadsheets import write_xlsx
    from kpi_portal.lib.thai import to_thai_digits
    import tablib

    agency_rows = tablib.Dataset(headers=["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภทหน่วยงาน"])
    element_rows = tablib.Dataset(["1.1", "ประสิทธิภาพในการดำเนินงานตามภารกิจหลัก", "๓๐"],
                                  headers=["รหัสองค์ประกอบ", "ชื่อองค์ประกอบ", "น้ำหนักคะแนน"])  # fmt: skip
    indicator_headers = ["รหัสหน่วยงาน", "ที่", "รหัสองค์ประกอบ", "ชื่อตัวชี้วัด", "เป้าหมาย", "ค่าเป้าหมาย", "น้ำหนักคะแนน",
                         "สถานะ", "ลักษณะเกณฑ์"]  # fmt: skip
    for level in (5, 4, 3, 2, 1):
        indicator_headers += [f"เกณฑ์ระดับ {level}", f"ค่าเกณฑ์ระดับ {level}"]
    indicator_headers += ["ข้อมูลพื้นฐาน 1 (ปี พ.ศ.)", "ข้อมูลพื้นฐาน 1 (ผล)", "ข้อมูลพื้นฐาน 2 (ปี พ.ศ.)", "ข้อมูลพื้นฐาน 2 (ผล)"]
    indicator_rows = tablib.Dataset(headers=indicator_headers)
    result_rows = tablib.Dataset(headers=["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ผลงานสะสม (ร้อยละ)", "ค่าที่วัดได้", "รายงานผลการดำเนินงาน", "สถานะ", "วันที่ส่ง"])
    for a in range(agencies):
        code = f"B{a:03d}"
        agency_rows.append([code, f"หน่วยงานทดสอบ {a}", "สำนัก"])
        for n in range(1, per_agency + 1):
            row = [code, to_thai_digits(n), "1.1", f"ร้อยละความสำเร็จของโครงการที่ {n} ของหน่วยงาน {a}", "ร้อยละ ๙๕",
                   "ร้อยละ ๙๕", "๑๐", "อนุมัติ (ถือเป็นข้อยุติ)", "ค่าตัวเลข"]  # fmt: skip
            for level, threshold in zip((5, 4, 3, 2, 1), ("๙๕", "๙๐", "๘๕", "๘๐", "")):
                row += [f"ร้อยละ {threshold or 'ต่ำกว่า ๘๐'}", threshold]
            row += ["๒๕๖๕", "1,390 ห้อง", "๒๕๖๖", "ร้อยละ ๙๒"]
            indicator_rows.append(row)
            for quarter in (1, 2, 3, 4):
                result_rows.append([code, n, quarter, f"ร้อยละ {quarter * 25}", "1,200 ห้อง", "ดำเนินการตามแผน", "ส่งแล้ว",
                                    f"{15}/0{1 + (quarter % 4)}/2567"])  # fmt: skip
    sheets = [("หน่วยงาน", agency_rows), ("องค์ประกอบ", element_rows), ("ตัวชี้วัด", indicator_rows), ("ผลรายไตรมาส", result_rows)]
    total = sum(len(d) for _, d in sheets)
    return write_xlsx(sheets), total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=77)
    parser.add_argument("--per-agency", type=int, default=8)
    args = parser.parse_args()
    where = prepare_database(SQLITE_PATH)
    setup_django()
    from django.db import connection

    from indicators.models import FiscalYear, Indicator, QuarterlyReport, RubricLevel
    from indicators.services.imports import export_spreadsheet, import_spreadsheet
    from indicators.services.spreadsheets import read_sheets
    from kpi_portal.lib.thai import fiscal_year_bounds

    start, end = fiscal_year_bounds(2567)
    FiscalYear.objects.create(year_be=2567, start_date=start, end_date=end)
    data, rows = build_workbook(args.agencies, args.per_agency)
    print(f"database: {where}; workbook {len(data) / 1024:.0f} KiB, {rows} data rows")

    def timed(label, fn):
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(1)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            began = time.perf_counter()
            value = fn()
            seconds = time.perf_counter() - began
        print(f"{label:<28} {seconds:7.2f} s  {rows / seconds:8.0f} rows/s  {len(queries):7d} queries")
        return value

    timed("read + check file", lambda: read_sheets(data, "year.xlsx"))
    dry = timed("dry run (rolled back)", lambda: import_spreadsheet(data=data, filename="year.xlsx", year_be=2567, dry_run=True))
    assert dry.ok and Indicator.objects.count() == 0, [str(e) for e in dry.errors[:5]]
    real = timed("import (one transaction)", lambda: import_spreadsheet(data=data, filename="year.xlsx", year_be=2567))
    assert real.ok, [str(e) for e in real.errors[:5]]
    print(f"  written: {Indicator.objects.count()} indicators, {RubricLevel.objects.count()} rubric levels, "
          f"{QuarterlyReport.objects.count()} quarterly results")  # fmt: skip
    exported = timed("export xlsx", lambda: export_spreadsheet(year_be=2567))
    print(f"  export size {len(exported) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
