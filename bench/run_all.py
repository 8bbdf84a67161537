"""Run every benchmark in bench/ and print one table (`make bench`; not a test).

Runs, in this order and when present: bench_scoring.py, bench_pdf.py, load_test.py, then any
other bench/bench_*.py. A missing script is listed as "missing"; a script that exits 77 (e.g.
load_test.py without locust) as "skipped". Each script keeps its own output; the table
collects the lines it prints as `BENCH {"metric": …, "value": …, "target": …}` (JSON), or,
for scripts that print none, its lines about targets and its last line.

    .venv/bin/python bench/run_all.py [--only load_test] [--timeout 900]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PROJECT = ROOT.parent
KNOWN = ["bench_scoring.py", "bench_pdf.py", "load_test.py"]
SKIPPED = 77


def scripts() -> list[str]:
    extra = sorted(p.name for p in ROOT.glob("bench_*.py") if p.name not in KNOWN)
    return KNOWN + extra


def figures(output: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in output.splitlines():
        if line.startswith("BENCH "):
            try:
                data = json.loads(line[6:])
            except json.JSONDecodeError:
                continue
            rows.append((str(data.get("metric", "")), str(data.get("value", "")), str(data.get("target", ""))))
    if rows:
        return rows
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    picked = [line for line in lines if "target" in line.lower()]
    if lines and lines[-1] not in picked:
        picked.append(lines[-1])
    return [(line, "", "") for line in picked[-4:]]


def run(name: str, timeout: int) -> dict:
    path = ROOT / name
    if not path.exists():
        return {"name": name, "status": "missing", "seconds": 0.0, "figures": []}
    started = time.monotonic()
    env = {**os.environ}
    # Benchmarks make their own databases; never point them at the developer's.
    env.pop("DATABASE_URL", None)
    if name == "bench_scoring.py":
        env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kpi_scoring_bench")
    try:
        result = subprocess.run(
            [sys.executable, str(path)], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout
        )
        output, code = result.stdout, result.returncode
        errors = result.stderr
    except subprocess.TimeoutExpired as exc:
        output, code = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or ""), None
        errors = ""
    seconds = time.monotonic() - started
    log = ROOT / "out" / f"{path.stem}.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text(output + errors, encoding="utf-8")
    status = {0: "ok", SKIPPED: "skipped", None: "timeout"}.get(code, f"exit {code}")
    # Figures come from what the script prints, not from library warnings on stderr.
    return {"name": name, "status": status, "seconds": seconds, "figures": figures(output), "log": str(log)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only this script (without .py); repeatable")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per script")
    args = parser.parse_args()
    names = [n for n in scripts() if not args.only or Path(n).stem in args.only]

    results = []
    for name in names:
        print(f"running {name} …", flush=True)
        results.append(run(name, args.timeout))

    width = max(len(metric) for r in results for metric, _, _ in r["figures"] or [("", "", "")]) + 2
    width = min(max(width, 24), 70)
    print()
    print(f"{'benchmark':<20}{'status':<10}{'time s':>8}  {'figure':<{width}}{'value':>14}  target")
    for r in results:
        first = True
        for metric, value, target in r["figures"] or [("", "", "")]:
            head = f"{r['name']:<20}{r['status']:<10}{r['seconds']:>8.0f}" if first else " " * 38
            print(f"{head}  {metric[:width]:<{width}}{value:>14}  {target}")
            first = False
    print()
    print("full output of each run: bench/out/<name>.log")
    return 0 if all(r["status"] in ("ok", "skipped", "missing") for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
