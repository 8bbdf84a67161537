"""Load test on loopback: 50 logged-in agency users for 60 s against gunicorn + PostgreSQL (not a test).

    make bench-venv                        # once: locust in its own virtualenv (bench/.venv)
    .venv/bin/python bench/load_test.py    # --users 50 --duration 60 --workers 3 --port 8150

Re-creates the PostgreSQL database kpi_prod_load (LOAD_DATABASE_URL to change it; the name
must end in "_load"), migrates it, fills it (bench/load_seed.py: reference data when present,
else 77 synthetic agencies × 8 indicators, one staff account per user), starts gunicorn on
127.0.0.1, times each page with one signed-in client in sequence (bench/sequential.py) and, without
HTTP, a bare signed-in view and the site's frame next to the dashboard (bench/floor.py), then runs
bench/locustfile.py headless and prints p50/p95 per page next to /healthz, a view that touches
no database: the framework floor measured in the same run.

Targets (issue 8): zero errors, p95 < 300 ms for pages, dashboard p50 within 3× of /healthz.
Exit code 0 when met, 1 when not, 77 when locust is not installed (bench/run_all.py: skipped).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PROJECT = ROOT.parent
PYTHON = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/kpi_prod_load"
PAGE_P95_TARGET_MS = 300
FLOOR_FACTOR = 3
SKIPPED = 77

sys.path.insert(0, str(PROJECT))
from bench._common import recreate_postgres  # noqa: E402


def locust_binary() -> str | None:
    for candidate in (os.environ.get("LOCUST"), ROOT / ".venv" / "bin" / "locust"):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


def recreate_database(url: str) -> None:
    recreate_postgres(url, suffix="_load", purpose="load-test")


def wait_until_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def read_stats(prefix: str) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores {model} · {platform.system()} {platform.release()} · Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument(
        "--think",
        default="2-8",
        help="seconds a user waits between pages, min-max (default 2-8: about 10 requests/s from 50 users)",
    )
    args = parser.parse_args()

    think_min, think_max = args.think.split("-")
    locust = locust_binary()
    if locust is None:
        print("SKIPPED: locust is not installed; run `make bench-venv` (bench/requirements.txt)")
        return SKIPPED

    db_url = os.environ.get("LOAD_DATABASE_URL", DEFAULT_DB)
    password = "load-" + secrets.token_hex(8)
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "kpi_portal.settings",
    }
    work = Path(tempfile.mkdtemp(prefix="kpi-load-"))
    plan_path = work / "plan.json"

    started = time.monotonic()
    recreate_database(db_url)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=PROJECT, env=env, check=True)
    subprocess.run(
        [PYTHON, str(ROOT / "load_seed.py"), "--users", str(args.users), f"--password={password}", "--out", str(plan_path)],
        cwd=PROJECT,
        env=env,
        check=True,
    )
    print(f"database ready in {time.monotonic() - started:.0f} s: {urlparse(db_url).path.lstrip('/')}")

    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
    base = f"http://127.0.0.1:{args.port}"
    gunicorn_log = open(work / "gunicorn.log", "w")
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "kpi_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "60",
        ],
        cwd=PROJECT,
        env=env,
        stdout=gunicorn_log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(base)
        # The pages' own latency first, one client at a time, before the load starts.
        sequential = subprocess.run(
            [str(Path(locust).parent / "python"), str(ROOT / "sequential.py"), base],
            env={**env, "LOAD_PLAN": str(plan_path), "LOAD_PASSWORD": password},
            capture_output=True,
            text=True,
        )
        alone = json.loads(sequential.stdout) if sequential.returncode == 0 else None
        if alone is None:
            print("WARNING: the one-client measurement failed: " + (sequential.stdout + sequential.stderr)[-500:])
        # The same pages' cost without HTTP, next to a bare signed-in view and the site's frame.
        steps = subprocess.run(
            [PYTHON, str(ROOT / "floor.py")],
            cwd=PROJECT,
            env={**env, "LOAD_PLAN": str(plan_path)},
            capture_output=True,
            text=True,
        )
        in_process = json.loads(steps.stdout) if steps.returncode == 0 else None
        if in_process is None:
            print("WARNING: the in-process measurement failed: " + (steps.stdout + steps.stderr)[-500:])
        prefix = str(work / "locust")
        subprocess.run(
            [
                locust,
                "-f",
                str(ROOT / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                # Upper bound: the locustfile stops the run `duration` s after the last login.
                "--run-time",
                f"{args.duration + 300}s",
                "--host",
                base,
                "--csv",
                prefix,
                "--only-summary",
                "--stop-timeout",
                "5",
                "--loglevel",
                "WARNING",
            ],
            cwd=PROJECT,
            env={
                **env,
                "LOAD_PLAN": str(plan_path),
                "LOAD_PASSWORD": password,
                "LOAD_DURATION": str(args.duration),
                "LOAD_THINK_MIN": think_min,
                "LOAD_THINK_MAX": think_max,
            },
            check=False,
            stdout=open(work / "locust.log", "w"),
            stderr=subprocess.STDOUT,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        gunicorn_log.close()

    rows = [row for row in read_stats(prefix) if row["Name"] != "Aggregated"]
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    login_path = plan_path.with_name("login.json")
    login = json.loads(login_path.read_text()) if login_path.exists() else None
    server_errors = (work / "gunicorn.log").read_text(errors="replace").count("Traceback")
    by_name = {row["Name"]: row for row in rows}

    print()
    print(f"machine: {machine()}")
    print(f"load average before the run: {load_before}")
    total = sum(int(row["Request Count"]) for row in rows)
    print(
        f"run: {args.users} users, think {args.think} s, {args.duration} s measured, gunicorn {args.workers} sync workers, "
        f"PostgreSQL, loopback; {total / args.duration:.1f} requests/s served"
    )
    if login:
        print(
            f"login rush: {login['users']} users logged in within {login['seconds']:.1f} s "
            f"(login POST p50 {login['stats']['p50']:.0f} ms, p95 {login['stats']['p95']:.0f} ms; PBKDF2 + axes); "
            "the figures below start after the last login"
        )
    else:
        print("WARNING: not every user logged in; the figures include the login rush")
    print("pages used: " + ", ".join(f"{kind}={page['name']}" for kind, page in plan["pages"].items()))
    print()
    print(f"{'page':<22}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for row in sorted(rows, key=lambda r: r["Name"]):
        print(
            f"{row['Name']:<22}{row['Request Count']:>9}{row['Failure Count']:>8}{float(row['Requests/s']):>8.1f}"
            f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}{float(row['Max Response Time']):>8.0f}"
        )

    errors = sum(int(row["Failure Count"]) for row in rows) + server_errors
    errors += login["stats"]["failures"] if login else 1
    measured = [kind for kind in plan["pages"] if kind in by_name and kind != "healthz"]
    slow = [kind for kind in measured if float(by_name[kind]["95%"]) >= PAGE_P95_TARGET_MS]
    floor = float(by_name["healthz"]["50%"]) if "healthz" in by_name else None
    dashboard = float(by_name["dashboard"]["50%"]) if "dashboard" in by_name else None
    ratio = dashboard / floor if floor and dashboard else None

    if alone:
        print()
        print("one client in sequence before the load, p50 ms: " + ", ".join(f"{k} {v:.1f}" for k, v in alone.items()))
        if alone.get("healthz") and alone.get("dashboard"):
            print(f"  dashboard / healthz with one client: {alone['dashboard'] / alone['healthz']:.1f}×")
    if in_process:
        print(
            "in process, one client, no HTTP (bench/floor.py), median ms: "
            + ", ".join(f"{k} {v:.1f}" for k, v in in_process.items())
        )
        if in_process.get("healthz"):
            print(
                "  × healthz: "
                + ", ".join(f"{k} {v / in_process['healthz']:.1f}×" for k, v in in_process.items() if k != "healthz")
            )
    print()
    print(f"errors: {errors} (requests failed or server tracebacks: {server_errors})")
    print(f"pages with p95 >= {PAGE_P95_TARGET_MS} ms: {', '.join(slow) or 'none'}")
    if ratio is not None:
        print(f"dashboard p50 / healthz p50 = {dashboard:.0f} / {floor:.0f} ms = {ratio:.1f}× (target ≤ {FLOOR_FACTOR}×)")
    for kind in measured + ["healthz"]:
        if kind in by_name:
            row = by_name[kind]
            print("BENCH " + json.dumps({"bench": "load", "metric": f"{kind} p50/p95 ms", "value": f"{row['50%']}/{row['95%']}"}))
    print("BENCH " + json.dumps({"bench": "load", "metric": "errors", "value": errors, "target": 0}))
    if ratio is not None:
        print("BENCH " + json.dumps({"bench": "load", "metric": "dashboard/healthz p50", "value": round(ratio, 1), "target": f"<= {FLOOR_FACTOR}"}))
    ok = login is not None and errors == 0 and not slow and (ratio is None or ratio <= FLOOR_FACTOR)
    print("targets:", "met" if ok else "NOT met")
    print(f"(raw CSV and gunicorn log in {work})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
