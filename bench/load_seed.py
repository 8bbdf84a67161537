"""Data for the load test (bench/load_test.py runs this against kpi_prod_load; never a test).

Loads the reference data when fixtures/ exists, then makes sure there are 77 agencies with
eight indicators each (rubric, first-quarter report) and one staff account per simulated user.
Writes the URL each simulated user requests for each page kind into a JSON file for locust.

The page list is PAGES below: each kind names candidate URL names, tried in order; the first
that exists in the URL configuration is used. Add a name when a page lands.
"""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AGENCIES = 77
INDICATORS_PER_AGENCY = 8
YEAR_BE = 2567

# kind → (weight, method, candidate URL names). The first name that reverses is used.
PAGES = {
    "dashboard": (4, "GET", ["indicators:dashboard_agency", "indicators:agency_dashboard", "home"]),
    "indicator": (3, "GET", ["indicators:indicator_page", "indicators:indicator", "indicators:indicator_detail"]),
    "report_save": (2, "FORM", ["indicators:report_edit", "indicators:report_form"]),
    "scorecard": (2, "GET", ["scoring:scorecard", "scoring:agency_scorecard"]),
    "healthz": (2, "GET", ["healthz"]),
}


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpi_portal.settings")
    import django

    django.setup()


def ensure_data(users: int, password: str) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from agencies.models import Agency, AgencyKind, Role, RoleKind
    from indicators.models import (
        CompositionElement,
        FiscalYear,
        Indicator,
        IndicatorStatus,
        QuarterlyReport,
        ReportingQuarter,
        RubricLevel,
    )
    from kpi_portal.lib.thai import fiscal_year_bounds, quarter_bounds

    if (ROOT / "fixtures").is_dir() and any((ROOT / "fixtures").glob("*.json")):
        call_command("load_reference_data", stdout=open(os.devnull, "w"))

    with transaction.atomic():
        start, end = fiscal_year_bounds(YEAR_BE)
        year, _ = FiscalYear.objects.get_or_create(
            year_be=YEAR_BE, defaults={"start_date": start, "end_date": end, "is_current": True}
        )
        for quarter in (1, 2, 3, 4):
            q_start, q_end = quarter_bounds(YEAR_BE, quarter)
            ReportingQuarter.objects.get_or_create(
                fiscal_year=year,
                quarter=quarter,
                defaults={"start_date": q_start, "end_date": q_end, "report_deadline": q_end},
            )
        element = CompositionElement.objects.filter(fiscal_year=year).order_by("order", "code").first()
        if element is None:
            element = CompositionElement.objects.create(
                fiscal_year=year, code="1.1", name="ประสิทธิภาพในการดำเนินงานตามภารกิจหลัก", weight=Decimal("30")
            )
        existing = Agency.objects.count()
        for n in range(existing, AGENCIES):
            district = n % 3 != 0
            Agency.objects.create(
                code=f"L{n:03d}",
                name_th=f"{'สำนักงานเขต' if district else 'สำนัก'}ทดสอบโหลด {n}",
                kind=AgencyKind.DISTRICT if district else AgencyKind.DEPARTMENT,
            )
        agencies = list(Agency.objects.order_by("pk")[:AGENCIES])
        for agency in agencies:
            have = Indicator.objects.filter(fiscal_year=year, agency=agency).count()
            for number in range(have + 1, INDICATORS_PER_AGENCY + 1):
                indicator = Indicator.objects.create(
                    fiscal_year=year,
                    agency=agency,
                    element=element,
                    number=number + 100,
                    name=f"ร้อยละความสำเร็จของโครงการที่ {number} ของ{agency.name_th}",
                    target_value=Decimal("100"),
                    target_unit="ร้อยละ",
                    target_text="ร้อยละ ๑๐๐",
                    weight=Decimal("10"),
                )
                RubricLevel.objects.bulk_create(
                    RubricLevel(
                        indicator=indicator, level=level, success_percent=Decimal(level * 20), criterion=f"ร้อยละ {level * 20}"
                    )
                    for level in (1, 2, 3, 4, 5)
                )
                QuarterlyReport.objects.create(indicator=indicator, quarter=1, progress_percent=Decimal("25"))

        User = get_user_model()
        accounts = []
        for n in range(users):
            agency = agencies[n % len(agencies)]
            user, created = User.objects.get_or_create(username=f"load{n:02d}")
            if created or not user.check_password(password):
                user.set_password(password)
                user.save()
            Role.objects.get_or_create(user=user, kind=RoleKind.AGENCY_STAFF, agency=agency)
            indicator = Indicator.objects.filter(fiscal_year=year, agency=agency).order_by("number").first()
            # Reports are written against approved indicators; this throwaway database skips the negotiation.
            Indicator.objects.filter(fiscal_year=year, agency=agency).update(status=IndicatorStatus.APPROVED)
            report, _ = QuarterlyReport.objects.get_or_create(
                indicator=indicator, quarter=1, defaults={"progress_percent": Decimal("25")}
            )
            accounts.append(
                {
                    "username": user.username,
                    "agency": agency.code,
                    "indicator": indicator.pk,
                    "report": report.pk,
                    "year": YEAR_BE,
                }
            )
    return accounts


def _reverse_with(name: str, account: dict) -> str | None:
    """Reverse `name` with whichever of the account's values its pattern needs."""
    from django.urls import NoReverseMatch, reverse

    values = {
        "code": account["agency"],
        "agency_code": account["agency"],
        "pk": account["indicator"],
        "indicator_id": account["indicator"],
        "indicator_pk": account["indicator"],
        "report_pk": account["report"],
        "report_id": account["report"],
        "year": account["year"],
        "year_be": account["year"],
        "quarter": 1,
    }
    attempts = [{}, {"code": values["code"]}, {"pk": values["pk"]}, {"indicator_pk": values["pk"]}]
    attempts += [{"indicator_id": values["pk"]}, {"pk": values["pk"], "quarter": 1}, {"indicator_pk": values["pk"], "quarter": 1}]
    attempts += [{"report_pk": values["report_pk"]}, {"code": values["code"], "year": values["year"]}]
    attempts += [{"code": values["code"], "year_be": values["year"]}, {"year": values["year"]}]
    for kwargs in attempts:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def targets(accounts: list[dict]) -> dict:
    """For each page kind: the URL name found and one URL per account."""
    found = {}
    for kind, (weight, method, names) in PAGES.items():
        for name in names:
            urls = [_reverse_with(name, account) for account in accounts]
            if all(urls):
                found[kind] = {"name": name, "weight": weight, "method": method, "urls": urls}
                break
    return found


def main():
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--password", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    setup()
    accounts = ensure_data(args.users, args.password)
    plan = {"accounts": accounts, "pages": targets(accounts)}
    Path(args.out).write_text(json.dumps(plan, ensure_ascii=False, indent=1))
    for kind, page in plan["pages"].items():
        print(f"page {kind}: {page['name']} e.g. {page['urls'][0]}")
    missing = sorted(set(PAGES) - set(plan["pages"]))
    if missing:
        print(f"pages not in this build (skipped): {', '.join(missing)}")


if __name__ == "__main__":
    main()
