"""Benchmark: a whole year's ranking at ten times BMA scale (not a test).

Builds a throwaway database with a synthetic fiscal year (770 agencies × 8 indicators, four
quarters reported and audited with a third of the audits returned, some joint KPIs), then
times build_ranking end to end (loading included) and prints rows/s, SQL queries and peak memory. A second year at BMA scale
(77 agencies) in the same database shows the query count does not grow with agencies.

    .venv/bin/python bench/bench_scoring.py                      # SQLite file under /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpi_scoring_bench .venv/bin/python bench/bench_scoring.py

The PostgreSQL database is dropped and re-created; its name must end in "_bench".
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import prepare_database, setup_django  # noqa: E402

SQLITE_PATH = "/tmp/kpi_scoring_bench.sqlite3"


THRESHOLDS = {
    "numeric-higher": {5: 360, 4: 300, 3: 240, 2: 180, 1: 120},
    "numeric-lower": {5: 170, 4: 190, 3: 210, 2: 230, 1: 250},
    "mixed-lower": {5: 79, 4: 90},
}


def generate_year(year_be: int, agency_count: int, indicators_each: int, rng: random.Random, prefix: str) -> int:
    """Create one fiscal year's agencies, indicators, rubrics, reports and audits; return rows written."""
    from django.contrib.auth import get_user_model

    from agencies.models import Agency, AgencyKind, DistrictGroup, MissionGroup
    from indicators.models import (
        AuditStatus,
        CompositionElement,
        FiscalYear,
        Indicator,
        IndicatorStatus,
        JointParticipant,
        QuarterAudit,
        QuarterlyReport,
        ReportStatus,
        RubricLevel,
    )
    from kpi_portal.lib.thai import fiscal_year_bounds

    start, end = fiscal_year_bounds(year_be)
    year = FiscalYear.objects.create(year_be=year_be, start_date=start, end_date=end, interpolate=True)
    top = CompositionElement.objects.create(fiscal_year=year, code="1", name="Performance Base", order=1)
    subs = [
        CompositionElement.objects.create(fiscal_year=year, code=f"1.{i}", name=name, parent=top, order=i)
        for i, name in enumerate(("Function Base", "Joint KPIs", "Agenda Base"), start=1)
    ]
    potential = CompositionElement.objects.create(fiscal_year=year, code="2", name="Potential Base", order=2)
    elements = subs + [potential]
    groups = list(DistrictGroup.objects.order_by("pk"))
    if not groups:
        groups = DistrictGroup.objects.bulk_create(
            DistrictGroup(code=f"g{i}", name=f"กลุ่มเขตที่ {i}", order=i) for i in range(6)
        )
    agencies = Agency.objects.bulk_create(
        Agency(
            code=f"{prefix}{i:04d}",
            name_th=f"หน่วยงานทดสอบ {prefix}{i}",
            kind=AgencyKind.DISTRICT if i % 77 < 50 else AgencyKind.DEPARTMENT,
            district_group=groups[i % 6] if i % 77 < 50 else None,
            order=i,
        )
        for i in range(agency_count)
    )
    missions = MissionGroup.objects.bulk_create(
        MissionGroup(fiscal_year=year, number=n, name=f"กลุ่มภารกิจที่ {n}") for n in range(1, 7)
    )
    departments = [a for a in agencies if a.kind == AgencyKind.DEPARTMENT]
    MissionGroup.members.through.objects.bulk_create(
        MissionGroup.members.through(missiongroup_id=missions[i % 6].pk, agency_id=a.pk)
        for i, a in enumerate(departments)
    )
    kinds = ["milestone", "numeric-higher", "numeric-lower", "mixed-lower"]
    indicators = Indicator.objects.bulk_create(
        (
            Indicator(
                fiscal_year=year,
                agency=agency,
                element=elements[n % len(elements)],
                number=n + 1,
                name=f"ตัวชี้วัดทดสอบ {n + 1}",
                status=IndicatorStatus.APPROVED,
                weight=Decimal(rng.choice((10, 10, 20))),
                rubric_kind=kinds[n % 4].split("-")[0],
                rubric_direction="lower" if kinds[n % 4].endswith("lower") else "higher",
            )
            for agency in agencies
            for n in range(indicators_each)
        ),
        batch_size=2000,
    )
    rubric = []
    reports = []
    audits = []
    joints = []
    auditor = get_user_model().objects.get_or_create(username="bench-auditor")[0]
    for i, indicator in enumerate(indicators):
        kind = kinds[(indicator.number - 1) % 4]
        thresholds = THRESHOLDS.get(kind, {})
        rubric += [
            RubricLevel(
                indicator=indicator, level=lv, success_percent=lv * 20, criterion=f"ระดับ {lv}", threshold=thresholds.get(lv)
            )
            for lv in (5, 4, 3, 2, 1)
        ]
        for q in (1, 2, 3, 4):
            value = Decimal(rng.randint(60, 420)) if kind != "milestone" else None
            level = Decimal(rng.randint(0, 5)) if kind in ("milestone", "mixed-lower") else None
            reports.append(
                QuarterlyReport(
                    indicator=indicator, quarter=q, measured_value=value, level_reached=level, status=ReportStatus.SUBMITTED
                )
            )
            status = rng.choice((AuditStatus.ACCEPTED, AuditStatus.ADJUSTED, AuditStatus.RETURNED))
            audits.append(
                QuarterAudit(
                    indicator=indicator,
                    quarter=q,
                    status=status,
                    auditor=auditor,
                    verified_value=value,
                    verified_level=level,
                )
            )
        if indicator.element_id == subs[1].pk and i % 3 == 0:
            partner = agencies[(i * 7 + 1) % len(agencies)]
            if partner.pk != indicator.agency_id:
                joints.append(JointParticipant(indicator=indicator, agency=partner, duty="ร่วมดำเนินการ", weight=Decimal(5)))
    RubricLevel.objects.bulk_create(rubric, batch_size=5000)
    QuarterlyReport.objects.bulk_create(reports, batch_size=5000)
    QuarterAudit.objects.bulk_create(audits, batch_size=5000)
    JointParticipant.objects.bulk_create(joints, batch_size=5000)
    return len(agencies) + len(indicators) + len(rubric) + len(reports) + len(audits) + len(joints)


def measure(year_be: int, repeats: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from scoring.services import build_ranking

    build_ranking(fiscal_year=year_be)  # warm up: imports, connection, SQLite page cache
    times, cpu = [], []
    for _ in range(repeats):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            ranking = build_ranking(fiscal_year=year_be)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    tracemalloc.start()
    build_ranking(fiscal_year=year_be)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    lines = sum(len(row.scorecard.indicators) for row in ranking.overall)
    return {
        "agencies": len(ranking.overall),
        "lines": lines,
        "queries": len(queries),
        "best": min(times),
        "cpu": min(cpu),
        "sql": sum(float(q["time"]) for q in queries.captured_queries),
        "median": statistics.median(times),
        "peak_mb": peak / 2**20,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=770)
    parser.add_argument("--indicators", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    where = prepare_database(SQLITE_PATH)
    setup_django()
    from django.db import connection

    from indicators.models import QuarterAudit, QuarterlyReport, RubricLevel

    rng = random.Random(2567)
    started = time.perf_counter()
    written = generate_year(2567, args.agencies, args.indicators, rng, "A")
    written += generate_year(2566, 77, args.indicators, rng, "B")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a live database has them
    print(f"database: {where} ({connection.vendor})")
    print(f"generated {written:,} rows in {time.perf_counter() - started:.1f} s")

    big = measure(2567, args.repeats)
    small = measure(2566, args.repeats)
    # Rows of the year the ranking works over (the database keeps only each indicator's latest quarter).
    source_rows = (
        big["lines"]
        + RubricLevel.objects.filter(indicator__fiscal_year__year_be=2567).count()
        + QuarterlyReport.objects.filter(indicator__fiscal_year__year_be=2567).count()
        + QuarterAudit.objects.filter(indicator__fiscal_year__year_be=2567).count()
    )
    for label, m in (("full year", big), ("BMA scale", small)):
        print(
            f"{label:>9}: {m['agencies']} agencies, {m['lines']:,} scored lines, "
            f"best {m['best'] * 1000:.0f} ms, median {m['median'] * 1000:.0f} ms "
            f"(this process's CPU {m['cpu'] * 1000:.0f} ms, SQL {m['sql'] * 1000:.0f} ms), "
            f"{m['lines'] / m['best']:,.0f} lines/s, {m['queries']} queries, peak {m['peak_mb']:.1f} MB (tracemalloc)"
        )
    print(f"year's source rows (indicator lines, rubric rows, reports, audits): {source_rows:,} → {source_rows / big['best']:,.0f} rows/s")
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print("load average (1/5/15 min): {:.2f} {:.2f} {:.2f} on {} cores".format(*os.getloadavg(), os.cpu_count()))
    ok = big["best"] < 1 and big["peak_mb"] < 300 and big["queries"] == small["queries"]
    print("targets (< 1 s, < 300 MB, same queries as at 77 agencies):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
