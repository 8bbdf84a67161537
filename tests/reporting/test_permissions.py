"""Who may read and write reports and pages: agency staff write, committee in scope reads, others get 404."""

import pytest
from django.urls import reverse

from indicators.models import QuarterlyReport
from tests.factories import QuarterlyReportFactory


@pytest.fixture
def report(indicator):
    return QuarterlyReportFactory(indicator=indicator, quarter=1, narrative="รายงานลับของหน่วยงาน")


def pages(indicator):
    return [
        reverse("indicators:indicator_page", args=[indicator.pk]),
        reverse("indicators:report_edit", args=[indicator.pk, 1]),
    ]


def test_anonymous_users_are_sent_to_login(client, indicator, report):
    for url in pages(indicator):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_agency_gets_404_for_pages_and_posts(client, indicator, report, outsider):
    client.force_login(outsider)
    for url in pages(indicator):
        assert client.get(url).status_code == 404
    response = client.post(pages(indicator)[1], {"version": 1, "narrative": "แทรก", "save": "1"})
    assert response.status_code == 404
    assert QuarterlyReport.objects.get().narrative == "รายงานลับของหน่วยงาน"


def test_the_committee_in_scope_reads_but_cannot_write(client, indicator, report, committee_user):
    client.force_login(committee_user)
    page = client.get(pages(indicator)[1])
    assert page.status_code == 200
    assert "รายงานลับของหน่วยงาน" in page.content.decode()
    assert "บันทึกร่าง" not in page.content.decode()
    assert client.get(pages(indicator)[0]).status_code == 200
    response = client.post(pages(indicator)[1], {"version": report.version, "narrative": "แก้", "save": "1"})
    assert response.status_code == 403
    assert QuarterlyReport.objects.get().narrative == "รายงานลับของหน่วยงาน"


def test_a_committee_outside_the_scope_gets_404(client, indicator, report, other_agency, fiscal_year):
    from agencies.models import RoleKind
    from tests.factories import MissionGroupFactory, RoleFactory, UserFactory

    group = MissionGroupFactory(fiscal_year=fiscal_year, members=[other_agency])
    dave = RoleFactory(user=UserFactory(username="dave"), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group).user
    client.force_login(dave)
    for url in pages(indicator):
        assert client.get(url).status_code == 404


def test_the_strategy_office_reads_but_does_not_write_the_agencys_report(client, indicator, report, strategy_user):
    client.force_login(strategy_user)
    assert client.get(pages(indicator)[1]).status_code == 200
    assert client.post(pages(indicator)[1], {"version": report.version, "narrative": "x", "save": "1"}).status_code == 403


def test_a_quarter_outside_1_to_4_is_404(client, indicator, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("indicators:report_edit", args=[indicator.pk, 5])).status_code == 404


def test_dashboards_follow_the_permission_layer(client, agency, indicator, outsider, staff_user, committee_user, strategy_user):
    agency_url = reverse("indicators:dashboard_agency", args=[agency.code])
    client.force_login(outsider)
    assert client.get(agency_url).status_code == 404
    assert client.get(reverse("indicators:dashboard_city")).status_code == 403
    assert client.get(reverse("indicators:dashboard_committee")).status_code == 403
    client.force_login(staff_user)
    assert client.get(agency_url).status_code == 200
    client.force_login(committee_user)
    assert client.get(reverse("indicators:dashboard_committee")).status_code == 200
    client.force_login(strategy_user)
    assert client.get(reverse("indicators:dashboard_city")).status_code == 200


def test_a_refused_page_says_why_in_thai(client, indicator, report, staff_user):
    """Seen in the browser: agency staff, heads and committee members opening the audit page got a
    bare English "403 Forbidden"; the reason the view gives now shows on the site's Thai page."""
    client.force_login(staff_user)
    response = client.get(reverse("indicators:audit_edit", args=[indicator.pk, 1]))
    body = response.content.decode()
    assert response.status_code == 403
    assert "ท่านไม่มีสิทธิ์เข้าถึงหน้านี้" in body and "เฉพาะ สยป. เท่านั้นที่ตรวจประเมินผลได้" in body
    assert reverse("home") in body  # a way back
