"""Benchmark: the strategy office's city-wide progress page at BMA scale and at five times that (not a test).

Builds a throwaway database with a synthetic fiscal year (N agencies × 8 approved indicators,
each with a 7-step project plan, Q1–Q2 submitted, Q1 audited, Q3 in draft), then times
  - dashboard_rows(): plans, results used, early warnings and provisional points for every indicator;
  - GET /indicators/dashboard/city/ end to end through Django's test client (first page of 100 rows);
  - GET /indicators/<pk>/result/ (the indicator page with its SVG chart).
and prints the median of 5 runs and the SQL query count.

    .venv/bin/python bench/bench_reporting.py                  # SQLite file under /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpi_reporting_bench .venv/bin/python bench/bench_reporting.py

The PostgreSQL database is dropped and re-created; its name must end in "_bench".
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import prepare_database, setup_django  # noqa: E402

SQLITE_PATH = "/tmp/kpi_reporting_bench.sqlite3"
STEPS = [(10, 1, 2), (10, 3, 3), (40, 4, 8), (10, 9, 9), (20, 10, 10), (5, 11, 11), (5, 12, 12)]


def build_year(year_be: int, agencies: int):
    from agencies.models import Agency, AgencyKind, DistrictGroup, MissionGroup
    from indicators.models import (
        CompositionElement,
        FiscalYear,
        Indicator,
        Project,
        ProjectStep,
        QuarterAudit,
        QuarterlyReport,
        ReportingQuarter,
        RubricLevel,
    )
    from kpi_portal.lib.thai import fiscal_year_bounds, quarter_bounds

    start, end = fiscal_year_bounds(year_be)
    year = FiscalYear.objects.create(year_be=year_be, start_date=start, end_date=end, is_current=True)
    for q in (1, 2, 3, 4):
        q_start, q_end = quarter_bounds(year_be, q)
        ReportingQuarter.objects.create(
            fiscal_year=year, quarter=q, start_date=q_start, end_date=q_end, report_deadline=q_end + dt.timedelta(days=15)
        )
    element = CompositionElement.objects.create(fiscal_year=year, code="1.1", name="Function Base", weight=Decimal(70))
    groups = [DistrictGroup.objects.get_or_create(code=f"g{i}", defaults={"name": f"กลุ่มเขต {i}"})[0] for i in range(6)]
    missions = [MissionGroup.objects.create(fiscal_year=year, number=i + 1, name=f"กลุ่มภารกิจ {i + 1}") for i in range(6)]
    made = []
    for n in range(agencies):
        district = n % 3 != 0
        agency = Agency.objects.create(
            code=f"B{year_be}{n:04d}",
            name_th=f"หน่วยงาน {n}",
            kind=AgencyKind.DISTRICT if district else AgencyKind.DEPARTMENT,
            district_group=groups[n % 6] if district else None,
        )
        if not district:
            missions[n % 6].members.add(agency)
        made.append(agency)
    for i, group in enumerate(groups):
        missions[i].district_groups.add(group)
    indicators = Indicator.objects.bulk_create(
        Indicator(
            fiscal_year=year, agency=agency, element=element, number=k + 1, name=f"ตัวชี้วัด {k + 1}",
            weight=Decimal(10), status="approved",
        )
        for agency in made
        for k in range(8)
    )
    RubricLevel.objects.bulk_create(
        RubricLevel(indicator=i, level=lv, success_percent=Decimal(lv * 20), criterion=f"ระดับ {lv}")
        for i in indicators
        for lv in (5, 4, 3, 2, 1)
    )
    projects = Project.objects.bulk_create(Project(indicator=i, name=f"โครงการ {i.number}") for i in indicators)
    ProjectStep.objects.bulk_create(
        ProjectStep(project=p, order=o, description=f"ขั้นตอน {o}", weight=Decimal(w), start_month=s, end_month=e)
        for p in projects
        for o, (w, s, e) in enumerate(STEPS, start=1)
    )
    submitted = dt.datetime(year.start_date.year + 1, 1, 10, tzinfo=dt.timezone.utc)
    reports = QuarterlyReport.objects.bulk_create(
        QuarterlyReport(
            indicator=i, quarter=q, progress_percent=Decimal(10 * q + i.number), level_reached=Decimal(q),
            narrative="ดำเนินการตามแผน", status="draft" if q == 3 else "submitted",
            submitted_at=None if q == 3 else submitted,
        )
        for i in indicators
        for q in (1, 2, 3)
    )
    QuarterAudit.objects.bulk_create(
        QuarterAudit(indicator=r.indicator, quarter=1, report=r, status="adjusted",
                     verified_progress_percent=r.progress_percent - 5, auditor_id=1)
        for r in reports
        if r.quarter == 1
    )
    return year, indicators


def timed(fn, runs=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, len(queries)


def main():
    where = prepare_database(SQLITE_PATH)
    setup_django(migrate=False)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from indicators.selectors.dashboards import city_indicators, dashboard_rows

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-password-123")
    client = Client()
    client.force_login(user)
    print(f"database: {where}; {os.cpu_count()} CPU cores")
    for year_be, agencies in ((2567, 77), (2568, 385)):
        year, indicators = build_year(year_be, agencies)
        today = dt.date(year.start_date.year + 1, 5, 1)  # Q1 and Q2 reported, Q3 in draft
        rows_ms, rows_q = timed(lambda: dashboard_rows(city_indicators(year), fiscal_year=year, today=today))
        page_ms, page_q = timed(lambda: client.get(f"/indicators/dashboard/city/?year={year_be}"))
        one_ms, one_q = timed(lambda: client.get(f"/indicators/{indicators[0].pk}/result/"))
        print(
            f"{agencies} agencies × 8 = {len(indicators)} indicators: dashboard_rows {rows_ms:.0f} ms ({rows_q} queries); "
            f"city page {page_ms:.0f} ms ({page_q} queries); indicator page {one_ms:.0f} ms ({one_q} queries)"
        )


if __name__ == "__main__":
    main()
