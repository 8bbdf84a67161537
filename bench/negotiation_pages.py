"""Time the negotiation pages in-process (Django test client, no network).

Run against a database holding the reference and demo data:
    DATABASE_URL=sqlite:////tmp/kpi_bench.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python manage.py load_reference_data && ... demo_data && ... demo_accounts
    DATABASE_URL=... .venv/bin/python bench/negotiation_pages.py [--runs 50]
Prints p50/p95 (ms) and the number of SQL queries per page.
"""

import argparse
import logging
import math
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpi_portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.signals import request_finished  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from indicators.models import Indicator  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
# Keep one connection (as a server with CONN_MAX_AGE would) so queries can be counted per request.
request_finished.disconnect(close_old_connections)
warnings.filterwarnings("ignore", message="No directory at")
logging.disable(logging.WARNING)


def measure(client, url, runs):
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # now: the next request clears the log
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    # Nearest rank: the smallest time with at least 95 % of the runs at or below it (the slowest of two runs).
    return statistics.median(times), times[math.ceil(len(times) * 0.95) - 1], query_count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    users = get_user_model().objects
    indicator = Indicator.objects.filter(agency__code="SKJ", fiscal_year__year_be=2567).order_by("number").first()
    cases = [
        ("demo_strategy", "/indicators/negotiation/2567/", "committee page, all 77 agencies"),
        ("demo_committee", "/indicators/negotiation/2567/", "committee page, one mission group"),
        ("demo_committee", "/indicators/negotiation/2567/SKJ/", "package page (6 indicators)"),
        ("demo_committee", "/indicators/negotiation/2567/SKJ/compare/", "side by side with last year"),
        ("demo_staff", f"/indicators/{indicator.pk}/", "indicator page with history"),
        ("demo_strategy", f"/indicators/{indicator.pk}/edit/", "indicator form (amendment)"),
    ]
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for username, url, label in cases:
        client = Client()
        client.force_login(users.get(username=username))
        try:
            p50, p95, queries = measure(client, url, args.runs)
        except AssertionError as error:
            print(f"{label:40} status {error}")
            continue
        print(f"{label:40} {p50:8.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
