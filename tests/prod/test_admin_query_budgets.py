"""Query budgets of the strategy office's admin pages and exports: fixed, whatever the rows shown.

Each page is read with a small city, then with four more agencies, each adding an indicator with
its report, evidence, audit and checklist, a partner, evidence item, project and basket indicator of
the first records, a membership change of the mission group and a group change of the account.
Both counts must equal the budget, the same on SQLite and PostgreSQL.
"""

import csv
import io
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import RoleKind
from indicators.models import AuditChecklistItem, DocumentJob, EvidenceFile, ImportJob, IndicatorComment
from tests.factories import (
    AgencyFactory,
    AgencyPackageFactory,
    BasketIndicatorFactory,
    CompositionElementFactory,
    DistrictFactory,
    EvidenceRequirementFactory,
    FiscalYearFactory,
    FocusIssueFactory,
    IndicatorBaselineFactory,
    JointParticipantFactory,
    MilestoneConditionFactory,
    MissionGroupFactory,
    ProjectFactory,
    QuarterAuditFactory,
    QuarterlyReportFactory,
    RoleFactory,
    ScoredIndicatorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    """สยป. as demo_accounts makes it: staff, in a group holding every permission of the cycle's models."""
    group = Group.objects.create(name="สยป. (ผู้ดูแลข้อมูล)")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["agencies", "indicators", "scoring"]))
    user = RoleFactory(user=UserFactory(username="office", is_staff=True), kind=RoleKind.STRATEGY_OFFICE, agency=None).user
    user.groups.add(group)
    return user


@pytest.fixture
def city(office):
    year = FiscalYearFactory(year_be=2567, is_current=True)
    element = CompositionElementFactory(fiscal_year=year, code="1", weight=D("100"))
    main = AgencyFactory(code="MAIN")
    AgencyPackageFactory(fiscal_year=year, agency=main, status="approved")
    first = reported_indicator(year, element, main, number=1)
    return {
        "year": year, "element": element, "main": main, "first": first,
        "report": first.reports.get(), "audit": first.audits.get(),
        "group": MissionGroupFactory(fiscal_year=year, members=[main]),
        "issue": FocusIssueFactory(fiscal_year=year),
        "account": UserFactory(username="account"),
        "n": 0,
    }


def reported_indicator(year, element, agency, number):
    indicator = ScoredIndicatorFactory(fiscal_year=year, element=element, agency=agency, number=number)
    report = QuarterlyReportFactory(indicator=indicator, quarter=1, status="submitted", submitted_at=timezone.now())
    QuarterAuditFactory(indicator=indicator, quarter=1, report=report)
    return indicator


def grow(city, times):
    """`times` more agencies (every other one a district), each with rows of every kind the pages list."""
    first, year = city["first"], city["year"]
    for _ in range(times):
        city["n"] += 1
        n = city["n"]
        agency = DistrictFactory() if n % 2 else AgencyFactory()
        indicator = reported_indicator(year, city["element"], agency, number=1)
        AgencyPackageFactory(fiscal_year=year, agency=agency, status="approved")
        CompositionElementFactory(fiscal_year=year, code=f"1.{n}", parent=city["element"], evaluated_by=agency)
        IndicatorComment.objects.create(indicator=indicator, author=UserFactory(), body="ความเห็น")
        DocumentJob.objects.create(kind="city_summary", fiscal_year=year, requested_by=UserFactory())
        ImportJob.objects.create(fiscal_year=year, requested_by=UserFactory(), confirmed_by=UserFactory(),
                                 filename=f"kpi-{n}.xlsx", status="imported")
        RoleFactory(user=UserFactory(), kind=RoleKind.AGENCY_STAFF, agency=agency)
        # More rows in the first indicator's tables, report and audit, the focus issue, the group and the account.
        JointParticipantFactory(indicator=first, agency=agency, duty=f"ภารกิจร่วม {n}")
        IndicatorBaselineFactory(indicator=first, year_be=2500 + n)
        MilestoneConditionFactory(indicator=first, percent=D(n))
        requirement = EvidenceRequirementFactory(indicator=first, description=f"หลักฐานรายการ {n}")
        AuditChecklistItem.objects.create(audit=city["audit"], requirement=requirement, is_present=True)
        ProjectFactory(indicator=first)
        EvidenceFile.objects.create(
            report=city["report"], file=ContentFile(b"%PDF-1.4", name="e.pdf"), original_name=f"หลักฐาน-{n}.pdf",
            content_type="application/pdf", size=8, uploaded_by=UserFactory(),
        )
        BasketIndicatorFactory(focus_issue=city["issue"], lead_agency=agency)
        city["group"].members.add(agency)
        city["account"].groups.add(Group.objects.create(name=f"กลุ่ม {n}"))


def admin_url(name, *args):
    return reverse(f"admin:{name}", args=args)


# page → (url, queries). A change page or history page is read for the one record whose rows grow.
PAGES = {
    "indicator_change": (lambda c: admin_url("indicators_indicator_change", c["first"].pk), 29),
    "report_change": (lambda c: admin_url("indicators_quarterlyreport_change", c["report"].pk), 8),
    "audit_change": (lambda c: admin_url("indicators_quarteraudit_change", c["audit"].pk), 12),
    "focus_issue_change": (lambda c: admin_url("indicators_focusissue_change", c["issue"].pk), 11),
    "mission_group_history": (lambda c: admin_url("agencies_missiongroup_history", c["group"].pk), 9),
    "account_history": (lambda c: admin_url("auth_user_history", c["account"].pk), 7),
    "indicator_history": (lambda c: admin_url("indicators_indicator_history", c["first"].pk), 7),
    "indicators": (lambda c: admin_url("indicators_indicator_changelist"), 11),
    "reports": (lambda c: admin_url("indicators_quarterlyreport_changelist"), 10),
    "audits": (lambda c: admin_url("indicators_quarteraudit_changelist"), 9),
    "packages": (lambda c: admin_url("indicators_agencypackage_changelist"), 9),
    "elements": (lambda c: admin_url("indicators_compositionelement_changelist"), 9),
    "agencies": (lambda c: admin_url("agencies_agency_changelist"), 10),
    "roles": (lambda c: admin_url("agencies_role_changelist"), 8),
    "accounts": (lambda c: admin_url("auth_user_changelist"), 6),
    "comments": (lambda c: admin_url("indicators_indicatorcomment_changelist"), 8),
    "import_jobs": (lambda c: admin_url("indicators_importjob_changelist"), 8),
    "document_jobs": (lambda c: admin_url("indicators_documentjob_changelist"), 8),
    "indicator_changes": (lambda c: admin_url("indicators_historicalindicator_changelist"), 10),
    "report_changes": (lambda c: admin_url("indicators_historicalquarterlyreport_changelist"), 10),
}


ACCOUNTS = {"account_history", "accounts"}  # the auth admin: the administrator's, not the strategy office's


def count(client, url) -> int:
    client.get(url)  # warm per-process caches (content types, site), as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_admin_page_has_a_fixed_query_budget(client, office, city, name):
    """The indicator page asked 94 times whether the indicator was approved and read each partner's agency twice,
    the report and audit pages read each evidence file's uploader and checklist item, the history pages each
    version's members or groups: a joint KPI with every district office cost hundreds of queries."""
    url, budget = PAGES[name]
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True) if name in ACCOUNTS else office)
    grow(city, 2)
    small = count(client, url(city))
    grow(city, 4)
    large = count(client, url(city))
    assert large == small, f"{name}: {small} queries with 3 agencies, {large} with 7"
    assert small == budget


def test_the_admin_pages_still_show_every_row_they_read_at_once(client, office, city):
    grow(city, 3)
    client.force_login(office)
    indicator = client.get(admin_url("indicators_indicator_change", city["first"].pk)).content.decode()
    audit = client.get(admin_url("indicators_quarteraudit_change", city["audit"].pk)).content.decode()
    issue = client.get(admin_url("indicators_focusissue_change", city["issue"].pk)).content.decode()
    history = client.get(admin_url("agencies_missiongroup_history", city["group"].pk)).content.decode()

    partners = [p.agency for p in city["first"].participants.all()]
    for agency in partners:  # the autocomplete of each partner row shows its agency, selected
        assert f'<option value="{agency.pk}" selected>{agency}</option>' in indicator
    for item in city["audit"].checklist.all():  # each checklist row names its evidence item beside the id box
        assert f"<strong>{item.requirement.description}</strong>" in audit
    for basket in city["issue"].basket.all():
        assert f'<option value="{basket.lead_agency.pk}" selected>{basket.lead_agency}</option>' in issue
    assert f"[{city['main']}]" in history and f"{partners[0]}" in history  # members before → after


# admin export → (list filter, resource form prefix, queries)
EXPORTS = {
    "indicators_indicator": ("fiscal_year__id__exact", "indicatorresource", 15),
    "indicators_quarterlyreport": ("indicator__fiscal_year__id__exact", "quarterlyresultresource", 10),
    "indicators_compositionelement": ("fiscal_year__id__exact", "compositionelementresource", 8),
}


def export(client, city, name):
    from django.apps import apps
    from django.contrib import admin

    year_filter, prefix, _ = EXPORTS[name]
    resource = admin.site._registry[apps.get_model(*name.split("_", 1))].resource_classes[0]
    data = {"format": "1", "resource": "0", **{f"{prefix}_{field}": "on" for field in resource().get_export_order()}}
    url = admin_url(f"{name}_export") + f"?{year_filter}={city['year'].pk}"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 200, response.content[:300]
    return len(queries), list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_admin_export_has_a_fixed_query_budget(client, office, city, name):
    """The indicator export read each indicator's rubric five times and its baselines four; the results and
    elements exports read each row's agency (and parent element) one by one."""
    client.force_login(office)
    grow(city, 2)
    export(client, city, name)  # warm per-process caches
    small, small_rows = export(client, city, name)
    grow(city, 4)
    large, large_rows = export(client, city, name)
    assert len(large_rows) > len(small_rows) > 2
    assert large == small, f"{name}: {small} queries for {len(small_rows)} rows, {large} for {len(large_rows)}"
    assert small == EXPORTS[name][2]
