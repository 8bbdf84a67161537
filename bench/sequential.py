"""One signed-in client requesting each page in turn, nothing else running (bench/load_test.py runs
this before the load, in the bench virtualenv): the pages' own latency, next to /healthz.

Prints one JSON object: page kind → median milliseconds over the requests.
"""

import json
import os
import re
import statistics
import sys
import time

import requests

WARM, MEASURED = 5, 40


def main() -> None:
    base = sys.argv[1]
    plan = json.load(open(os.environ["LOAD_PLAN"], encoding="utf-8"))
    session = requests.Session()
    login = session.get(base + "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    account = plan["accounts"][0]
    answer = session.post(
        base + "/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": account["username"], "password": os.environ["LOAD_PASSWORD"]},
        allow_redirects=False,
    )
    if answer.status_code != 302:
        sys.exit(f"login refused ({answer.status_code})")
    medians = {}
    for kind, page in plan["pages"].items():
        url = base + page["urls"][0]
        for _ in range(WARM):
            session.get(url)
        times = []
        for _ in range(MEASURED):
            started = time.perf_counter()
            response = session.get(url, allow_redirects=False)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{kind}: status {response.status_code}")
        medians[kind] = round(statistics.median(times), 1)
    print(json.dumps(medians))


if __name__ == "__main__":
    main()
