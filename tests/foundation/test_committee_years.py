"""A committee reads its agencies' data of its own year and the years before, never of a later year.

Committee roles name one year's mission group and stay on record after the next year's set-up
copies them; a member left off next year's committee (or an agency moved to another group) must
not leave that agency's later drafts, reports and evidence open to the old committee.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.models import RoleKind
from agencies.permissions import visible_agencies, visible_indicators
from indicators.models import EvidenceFile
from tests.factories import (
    AgencyFactory,
    AgencyPackageFactory,
    FiscalYearFactory,
    IndicatorFactory,
    MissionGroupFactory,
    QuarterlyReportFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def member_of(group, username):
    return RoleFactory(
        user=UserFactory(username=username), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group
    ).user


def year_of_records(fiscal_year, agency):
    indicator = IndicatorFactory(fiscal_year=fiscal_year, agency=agency, name=f"ตัวชี้วัดปี {fiscal_year.year_be}")
    report = QuarterlyReportFactory(indicator=indicator, quarter=1, narrative=f"รายงานปี {fiscal_year.year_be}")
    evidence = EvidenceFile.objects.create(
        report=report, file=ContentFile(b"%PDF-1.4\n", name="e.pdf"), original_name="e.pdf",
        content_type="application/pdf", size=9, uploaded_by=UserFactory(),
    )
    AgencyPackageFactory(fiscal_year=fiscal_year, agency=agency)
    return indicator, report, evidence


@pytest.fixture
def years(media_root):
    agency = AgencyFactory(code="MOVED", name_th="สำนักที่ย้ายกลุ่มภารกิจ")
    last, this = FiscalYearFactory(year_be=2566), FiscalYearFactory(year_be=2567)
    old_group = MissionGroupFactory(fiscal_year=last, members=[agency])
    new_group = MissionGroupFactory(fiscal_year=this, members=[agency])  # another committee this year
    return {
        "agency": agency,
        "last": (last, *year_of_records(last, agency)),
        "this": (this, *year_of_records(this, agency)),
        "old_member": member_of(old_group, "old-member"),
        "new_member": member_of(new_group, "new-member"),
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def pages_of(year_records, code):
    fiscal_year, indicator, report, evidence = year_records
    year = fiscal_year.year_be
    return [
        reverse("indicators:indicator", args=[indicator.pk]),
        reverse("indicators:indicator_page", args=[indicator.pk]),
        reverse("indicators:report_edit", args=[indicator.pk, 1]),
        reverse("indicators:evidence_download", args=[evidence.pk]),
        reverse("indicators:package", args=[year, code]),
        reverse("indicators:dashboard_agency", args=[code]) + f"?year={year}",
        reverse("indicators:agency_documents", args=[year, code]),
        reverse("scoring:scorecard", args=[year, code]),
        f"/api/v1/indicators/{indicator.pk}/",
        f"/api/v1/reports/{report.pk}/",
        f"/api/v1/scorecards/{year}/{code}/",
    ]


def test_last_years_committee_gets_404_for_this_years_data(client, years):
    client.force_login(years["old_member"])
    served = [url for url in pages_of(years["this"], "MOVED") if client.get(url).status_code != 404]
    assert served == []


def test_a_committee_still_reads_its_own_year(client, years):
    client.force_login(years["old_member"])
    refused = [url for url in pages_of(years["last"], "MOVED") if client.get(url).status_code != 200]
    assert refused == []


def test_this_years_committee_reads_the_history_it_negotiates_from(client, years):
    client.force_login(years["new_member"])
    refused = [url for url in pages_of(years["last"], "MOVED") + pages_of(years["this"], "MOVED")
               if client.get(url).status_code != 200]
    assert refused == []


def test_the_api_lists_leave_later_years_out(years):
    api = APIClient()
    api.force_authenticate(years["old_member"])
    last_indicator, this_indicator = years["last"][1], years["this"][1]
    indicators = {row["id"] for row in api.get("/api/v1/indicators/").json()["results"]}
    packages = {row["fiscal_year"] for row in api.get("/api/v1/packages/").json()["results"]}
    reports = {row["indicator"] for row in api.get("/api/v1/reports/").json()["results"]}
    assert indicators == {last_indicator.pk} and reports == {last_indicator.pk}
    assert packages == {2566}
    assert this_indicator.pk not in indicators


def test_one_mission_group_must_be_both_the_users_and_of_a_late_enough_year(years):
    """The agency sits in the old member's 2566 group and in another 2567 group: neither alone opens 2567."""
    this_year = years["this"][0]
    assert not visible_agencies(years["old_member"], this_year).exists()
    assert list(visible_agencies(years["old_member"], years["last"][0])) == [years["agency"]]
    assert list(visible_indicators(years["old_member"])) == [years["last"][1]]
