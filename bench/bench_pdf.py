"""Benchmark: official PDF documents (not a test).

Builds a throwaway SQLite database with a synthetic fiscal year 2567 shaped like the seed
(77 agencies × 7 indicators, each with baselines, a 5-level rubric and milestone conditions),
then times, end to end (database reads, templates, WeasyPrint, merging):

  1. one agency's summary form (target < 1 s),
  2. one agency's full negotiation package (summary + every detail sheet + signatures),
  3. the whole city book: every agency's package in one PDF, on PDF_WORKERS processes
     (target < 60 s and < 1 GB peak memory for the whole process tree),

and, for 2 and 3, WeasyPrint alone on the same finished HTML (the floor) and the ratio of
end to end to the floor (target ≤ 1.2). Pages/s and peak memory are printed for each.

    .venv/bin/python bench/bench_pdf.py                 # reference size: 77 agencies × 7 indicators
    .venv/bin/python bench/bench_pdf.py --scale 10      # 10× indicators: 77 agencies × 70 indicators
    .venv/bin/python bench/bench_pdf.py --workers 1     # one process, for comparison
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
from bench import _common  # noqa: E402
from bench._common import use_fresh_sqlite  # noqa: E402


def setup_django(db_path: Path) -> None:
    use_fresh_sqlite(db_path)
    _common.setup_django()


class PeakMemory:
    """Peak resident memory of this process and all its descendants (worker processes included)."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()

    @staticmethod
    def _children(pid: int) -> list[int]:
        found = []
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                found += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        return found

    @staticmethod
    def _rss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def sample(self) -> int:
        pids, total = [os.getpid()], 0
        while pids:
            pid = pids.pop()
            total += self._rss(pid)
            pids += self._children(pid)
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.sample())
            time.sleep(self.interval)

    def __enter__(self):
        self.peak = self.sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.sample())


def build_data(*, agencies: int, indicators: int):
    """Agencies with seed-shaped indicators (the factories the tests use)."""
    from agencies.models import AgencyKind
    from indicators.models import Indicator, IndicatorStatus
    from tests.factories import AgencyFactory, FiscalYearFactory, seed_like_indicators

    fiscal_year = FiscalYearFactory(year_be=2567)
    made = []
    for n in range(agencies):
        district = n >= 27  # 27 departments/offices and 50 district offices, as in the BMA
        agency = AgencyFactory(
            code=f"A{n:03d}",
            name_th=(f"สำนักงานเขตทดสอบที่ {n - 26}" if district else f"สำนักทดสอบที่ {n + 1}"),
            kind=AgencyKind.DISTRICT if district else AgencyKind.DEPARTMENT,
            order=n,
        )
        seed_like_indicators(agency=agency, fiscal_year=fiscal_year, count=indicators)
        made.append(agency)
    Indicator.objects.update(status=IndicatorStatus.APPROVED)
    return fiscal_year, made


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader
    import io

    return len(PdfReader(io.BytesIO(pdf)).pages)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


PEAKS: dict[str, float] = {}  # label → peak MiB of the process tree


def bench_line(metric: str, value, target: str) -> None:
    """One row of `make bench`'s table (bench/run_all.py reads these lines)."""
    print("BENCH " + json.dumps({"bench": "pdf", "metric": metric, "value": value, "target": target}, ensure_ascii=False))


def timed(label: str, fn, *, page_count=None):
    """Wall time, CPU time (all processes), pages/s and peak memory of the whole process tree.

    The machine is shared: wall time includes waiting for a core, CPU time does not."""
    with PeakMemory() as memory:
        cpu, start = cpu_seconds(), time.perf_counter()
        result = fn()
        elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    n = page_count(result) if page_count else None
    rate = f"{n / elapsed:5.1f} pages/s {1000 * cpu / n:4.0f} ms CPU/page" if n else ""
    peak = memory.peak / 2**20
    print(f"{label:<58} {elapsed:7.2f} s wall {cpu:7.2f} s CPU {n or '':>5} pages {rate}  peak {peak:5.0f} MiB")
    PEAKS[label] = peak
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agencies", type=int, default=77)
    parser.add_argument("--indicators", type=int, default=7, help="indicators per agency at scale 1")
    parser.add_argument("--scale", type=int, default=1, help="multiply indicators per agency")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="/tmp/kpi_pdf_bench.sqlite3")
    args = parser.parse_args()

    setup_django(Path(args.db))
    from django.conf import settings

    from indicators import documents
    from indicators.models import DocumentJobKind
    from indicators.services.documents import city_agencies, city_book_htmls, city_book_write
    from kpi_portal.lib import pdf

    per_agency = args.indicators * args.scale
    start = time.perf_counter()
    fiscal_year, agencies = build_data(agencies=args.agencies, indicators=per_agency)
    load = os.getloadavg()[0]
    built = time.perf_counter() - start
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f}; workers={args.workers}; data built in {built:.1f} s")
    print(f"data: {args.agencies} agencies × {per_agency} indicators; Thai digits={settings.PDF_THAI_DIGITS}\n")
    OUT.mkdir(parents=True, exist_ok=True)
    agency = agencies[0]

    def summary_form() -> bytes:
        return pdf.render_pdf(
            template_name="pdf/summary_form.html",
            context=documents.summary_form_context(fiscal_year=fiscal_year, agency=agency),
        )

    # Warm-up: the first render in a process loads the fonts and parses the stylesheet once.
    _, cold = timed(
        "summary form, first render in a fresh process (cold)",
        summary_form,
        page_count=pages,
    )
    summary, summary_seconds = timed(
        "1. one agency's summary form (end to end)",
        summary_form,
        page_count=pages,
    )
    (OUT / "summary.pdf").write_bytes(summary)

    package, package_e2e = timed(
        "2. one agency's negotiation package (end to end)",
        lambda: pdf.render_pdf(
            template_name="pdf/negotiation_package.html",
            context=documents.negotiation_package_context(fiscal_year=fiscal_year, agency=agency),
        ),
        page_count=pages,
    )
    (OUT / "package.pdf").write_bytes(package)
    html = pdf.render_html(
        template_name="pdf/negotiation_package.html",
        context=documents.negotiation_package_context(fiscal_year=fiscal_year, agency=agency),
    )
    _, package_floor = timed(
        "   floor: WeasyPrint alone on the same HTML", lambda: pdf.html_to_pdf(html), page_count=pages
    )
    print(f"   ratio end to end / floor: {package_e2e / package_floor:.2f}\n")

    book_label = f"3. city book, {args.agencies} packages in one PDF (end to end)"
    book_path = OUT / "city-book.pdf"

    def city_book() -> Path:
        with book_path.open("wb") as out:
            city_book_write(out, kind=DocumentJobKind.CITY_PACKAGE, fiscal_year=fiscal_year, workers=args.workers)
        return book_path

    _, book_e2e = timed(book_label, city_book, page_count=lambda path: pages(path.read_bytes()))
    htmls = list(city_book_htmls(
        kind=DocumentJobKind.CITY_PACKAGE,
        fiscal_year=fiscal_year,
        agencies=city_agencies(fiscal_year=fiscal_year),
        thai_digits=True,
    ))
    _, book_floor = timed(
        "   floor: WeasyPrint alone on the same HTML, same workers",
        lambda: list(pdf.render_each(htmls, workers=args.workers)),
        page_count=lambda parts: sum(pages(p) for p in parts),
    )
    print(f"   ratio end to end / floor: {book_e2e / book_floor:.2f}")
    size = f"{args.agencies}×{per_agency}"
    bench_line(f"summary form s ({size})", round(summary_seconds, 2), "< 1")
    bench_line(f"city book s ({size})", round(book_e2e, 1), "< 60 at 77×7")
    bench_line(f"city book peak MiB ({size})", round(PEAKS[book_label]), "< 1024 at 77×7")
    bench_line(f"city book end to end / floor ({size})", round(book_e2e / book_floor, 2), "<= 1.2")
    print(f"\nPDFs written to {OUT}/ (summary.pdf, package.pdf, city-book.pdf: {book_path.stat().st_size / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
