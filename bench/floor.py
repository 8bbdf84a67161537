"""Where a signed-in page's time goes, in-process (bench/load_test.py runs this; not a test).

Times, with one signed-in test client and no HTTP server, the steps between /healthz and the
agency dashboard, so the load test's "dashboard p50 within 3× of a trivial view" can be read
against what any signed-in page costs here:

  healthz   no session, no database
  signed-in a login-required view answering two words (session and user read)
  frame     a login-required view rendering only the site's frame, base.html (plus the roles
            the menu shows)
  dashboard the agency dashboard of the plan's first user

The two extra views exist only inside this script (its own URL configuration around the
project's). Needs DATABASE_URL and the other settings of the database load_seed.py filled;
prints one JSON object: step → median milliseconds.

    LOAD_PLAN=plan.json .venv/bin/python bench/floor.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpi_portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

WARM, MEASURED = 10, 100


@login_required
def signed_in(request):
    return HttpResponse(f"hello {request.user.username}")


@login_required
def frame(request):
    return render(request, "base.html", {})


urlpatterns = [
    path("bench-floor/signed-in", signed_in),
    path("bench-floor/frame", frame),
    path("", include("kpi_portal.urls")),
]


def median_ms(client: Client, url: str) -> float:
    for _ in range(WARM):
        client.get(url)
    times = []
    for _ in range(MEASURED):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{url}: status {response.status_code}")
    return round(statistics.median(times), 2)


def main() -> None:
    plan = json.load(open(os.environ["LOAD_PLAN"], encoding="utf-8"))
    host = os.environ.get("ALLOWED_HOSTS", "127.0.0.1").split(",")[0]
    client = Client(HTTP_HOST=host)
    client.force_login(get_user_model().objects.get(username=plan["accounts"][0]["username"]))
    steps = {
        "healthz": "/healthz",
        "signed-in": "/bench-floor/signed-in",
        "frame": "/bench-floor/frame",
        "dashboard": plan["pages"]["dashboard"]["urls"][0],
    }
    with override_settings(ROOT_URLCONF=__name__):
        print(json.dumps({step: median_ms(client, url) for step, url in steps.items()}))


if __name__ == "__main__":
    main()
