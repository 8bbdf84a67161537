"""Query budgets of the main pages: a fixed number of SQL queries that does not grow with the rows shown.

Each page is measured with a small year, then with three times as many indicators,
agencies, reports, audits and evidence files; both counts must equal the budget.
A page that needs more queries must say so here, on purpose.
"""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.files.base import ContentFile
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import RoleKind
from indicators.models import EvidenceFile, Strategy
from kpi_portal.lib.thai import fiscal_year_be
from tests.factories import (
    AgencyFactory,
    ApprovedIndicatorFactory,
    DistrictFactory,
    EvidenceRequirementFactory,
    FiscalYearFactory,
    MissionGroupFactory,
    ProjectFactory,
    ProjectStepFactory,
    QuarterAuditFactory,
    QuarterlyReportFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# page → queries, the same on SQLite and PostgreSQL (session and user lookups included), as a
# running server serves it; the scorecard reads its city-wide rank from the cache (scoring.services.city_ranks).
# The dashboards ask once whether the year has its quarters (a year without them shows a notice instead).
BUDGETS = {
    "agency_dashboard": 17,
    "committee_dashboard": 17,
    "city_dashboard": 20,
    "indicator_page": 21,  # with its strategy path (one query, whatever the depth)
    "report_form": 17,  # with the evidence the agency agreed to send, the rubric and its conditions beside the form,
    # and, on a sent report too, the text its reader typed that could not be saved (ReportConflict)
    "scorecard": 12,
    "ranking": 14,
    "audit_form": 19,  # the audit of a reported quarter, with the evidence checklist and the rubric
    "home": 13,
    "agency_documents": 6,
    "quarterly_report_pdf": 16,
    "api_scorecards": 12,  # the city's scorecards, as the scorecard page reads one (cached city ranks)
    "api_reports": 5,  # a committee member's reports of the group's agencies
}


def strategy_tactic():
    """A node at the bottom of the four-level strategy tree (the indicator page shows the whole path)."""
    node = None
    for level, code in (("strategy", "7"), ("sub_strategy", "7.3"), ("goal", "7.3.1"), ("tactic", "7.3.1.2")):
        node, _ = Strategy.objects.get_or_create(level=level, code=code, defaults={"name": f"ระดับ {code}", "parent": node})
    return node


def reported_indicator(year, agency, auditor):
    indicator = ApprovedIndicatorFactory(fiscal_year=year, agency=agency, strategy=strategy_tactic())
    project = ProjectFactory(indicator=indicator)
    ProjectStepFactory(project=project, order=1, weight=D("50"), start_month=1, end_month=3)
    ProjectStepFactory(project=project, order=2, weight=D("50"), start_month=4, end_month=12)
    EvidenceRequirementFactory(indicator=indicator)
    for quarter in (1, 2):
        report = QuarterlyReportFactory(
            indicator=indicator, quarter=quarter, progress_percent=D(20 * quarter), status="submitted",
            submitted_at=timezone.now(),
        )
        EvidenceFile.objects.create(
            report=report, file=ContentFile(b"%PDF-1.4", name="e.pdf"), original_name="หลักฐาน.pdf",
            content_type="application/pdf", size=8, uploaded_by=auditor,
        )
        QuarterAuditFactory(indicator=indicator, quarter=quarter, report=report, verified_progress_percent=D(20 * quarter), auditor=auditor)
    return indicator


@pytest.fixture
def year(db):
    year = FiscalYearFactory(year_be=fiscal_year_be(timezone.localdate()), is_current=True)
    for rq in year.quarters.all():
        rq.report_deadline = timezone.localdate() + dt.timedelta(days=30 * rq.quarter)
        rq.save()
    return year


@pytest.fixture
def city(year, strategy_user):
    """One agency everyone looks at, its mission group, and the people who look."""
    agency = AgencyFactory(code="MAIN")
    group = MissionGroupFactory(fiscal_year=year, members=[agency])
    staff = RoleFactory(user=UserFactory(username="staff-main"), kind=RoleKind.AGENCY_STAFF, agency=agency).user
    member = RoleFactory(user=UserFactory(username="committee"), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group).user
    first = reported_indicator(year, agency, strategy_user)
    return {"year": year, "agency": agency, "group": group, "staff": staff, "member": member, "first": first, "auditor": strategy_user}


def grow(city, times):
    """Add `times` indicators to the main agency and `times` other agencies (every other one a district) in its group."""
    for n in range(times):
        reported_indicator(city["year"], city["agency"], city["auditor"])
        other = DistrictFactory() if n % 2 else AgencyFactory()
        city["group"].members.add(other)
        reported_indicator(city["year"], other, city["auditor"])


def page(name, city):
    year, code, pk = city["year"].year_be, city["agency"].code, city["first"].pk
    return {
        "agency_dashboard": (city["staff"], reverse("indicators:dashboard_agency", args=[code])),
        "committee_dashboard": (city["member"], reverse("indicators:dashboard_committee")),
        "city_dashboard": (city["auditor"], reverse("indicators:dashboard_city")),
        "indicator_page": (city["staff"], reverse("indicators:indicator_page", args=[pk])),
        "report_form": (city["staff"], reverse("indicators:report_edit", args=[pk, 2])),
        "scorecard": (city["staff"], reverse("scoring:scorecard", args=[year, code])),
        "ranking": (city["auditor"], reverse("scoring:ranking", args=[year])),
        "audit_form": (city["auditor"], reverse("indicators:audit_edit", args=[pk, 2])),
        "home": (city["staff"], reverse("home")),
        "agency_documents": (city["staff"], reverse("indicators:agency_documents", args=[year, code])),
        "quarterly_report_pdf": (city["staff"], reverse("indicators:pdf_quarterly_report", args=[year, code, 2])),
        "api_scorecards": (city["auditor"], f"/api/v1/scorecards/{year}/"),
        "api_reports": (city["member"], f"/api/v1/reports/?year={year}"),
    }[name]


def count(client, user, url):
    """Queries of a request as a running server serves it (per-process caches warm), and of the
    same request with the cache emptied (city ranks recomputed): neither may grow with the rows."""
    client.force_login(user)
    client.get(url)  # warm per-process caches (content types, site, city ranks), as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    return len(queries), len(cold)


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_each_main_page_has_a_fixed_query_budget(client, city, name):
    user, url = page(name, city)
    grow(city, 2)  # one department and one district already, so "more kinds" is not mistaken for "more rows"
    small = count(client, user, url)
    grow(city, 6)
    large = count(client, user, url)
    print(f"BUDGET {name}: {small} → {large}")
    assert large == small, f"{name}: {small} queries (warm, cold cache) with 3 agencies, {large} with 9"
    assert small[0] == BUDGETS[name]
