"""Locust scenario for bench/load_test.py: logged-in agency staff mixing the main pages.

Reads the plan written by bench/load_seed.py (LOAD_PLAN): one account per simulated user and,
for each page kind present in this build, the URL that user requests. Runs in the bench
virtualenv (bench/requirements.txt), never in the app's.
"""

import itertools
import json
import os
import random
import time
from html.parser import HTMLParser
from pathlib import Path

import gevent
from locust import HttpUser, between, task

PLAN = json.load(open(os.environ["LOAD_PLAN"], encoding="utf-8"))
PASSWORD = os.environ["LOAD_PASSWORD"]
MEASURE_SECONDS = float(os.environ.get("LOAD_DURATION", "60"))
_next_account = itertools.count()
_logged_in = itertools.count(1)
_first_login = []


def all_logged_in(environment):
    """Everyone is in: record how long the login rush took, then measure the page mix alone."""
    seconds = time.monotonic() - _first_login[0]
    Path(os.environ["LOAD_PLAN"]).with_name("login.json").write_text(
        json.dumps({"users": len(PLAN["accounts"]), "seconds": seconds, "stats": _login_stats(environment)})
    )
    environment.runner.stats.reset_all()
    gevent.spawn_later(MEASURE_SECONDS, environment.runner.quit)


def _login_stats(environment):
    entry = environment.runner.stats.get("login [POST]", "POST")
    return {
        "p50": entry.get_response_time_percentile(0.5),
        "p95": entry.get_response_time_percentile(0.95),
        "failures": entry.num_failures,
    }


class FormFields(HTMLParser):
    """Values of the first <form method=post> on a page, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.done, self._textarea, self._select = {}, False, False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post" and not self.done:
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self.fields[a["name"]] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and ("selected" in a or self._select not in self.fields):
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str) -> dict:
    parser = FormFields()
    parser.feed(html)
    return parser.fields


class AgencyStaff(HttpUser):
    # Think time between pages (reading a page, typing a report); load_test.py --think sets it.
    wait_time = between(float(os.environ.get("LOAD_THINK_MIN", "2")), float(os.environ.get("LOAD_THINK_MAX", "8")))

    def on_start(self):
        if not _first_login:
            _first_login.append(time.monotonic())
        self.index = next(_next_account) % len(PLAN["accounts"])
        account = PLAN["accounts"][self.index]
        page = self.client.get("/accounts/login/", name="login [GET]")
        fields = form_fields(page.text)
        fields.update(username=account["username"], password=PASSWORD)
        with self.client.post("/accounts/login/", data=fields, name="login [POST]", allow_redirects=False, catch_response=True) as r:
            if r.status_code != 302:
                r.failure(f"login refused ({r.status_code})")
        if next(_logged_in) == len(PLAN["accounts"]):
            all_logged_in(self.environment)

    @task
    def browse(self):
        pages = PLAN["pages"]
        kind = random.choices(list(pages), weights=[p["weight"] for p in pages.values()])[0]
        page = pages[kind]
        url = page["urls"][self.index]
        if page["method"] == "GET":
            with self.client.get(url, name=kind, catch_response=True, allow_redirects=False) as r:
                if r.status_code != 200:
                    r.failure(f"status {r.status_code}")
            return
        form = self.client.get(url, name=f"{kind} [GET form]")
        fields = form_fields(form.text)
        for name in fields:
            if "progress" in name:
                fields[name] = str(random.randint(20, 40))
            elif "narrative" in name:
                fields[name] = "ดำเนินการตามแผน (ทดสอบโหลด)"
        with self.client.post(url, data=fields, name=kind, catch_response=True, allow_redirects=False) as r:
            if r.status_code not in (200, 302, 303) or "errorlist" in r.text:
                r.failure(f"save refused ({r.status_code})")
