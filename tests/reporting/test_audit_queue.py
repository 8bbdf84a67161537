"""The strategy office's audit queue: what waits for สยป., filters, who may see it, and its query count."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import RubricKind
from indicators.services.auditing import AuditInput, audit_save, report_reopen
from indicators.services.reporting import ReportInput, report_save
from tests.factories import (
    AgencyFactory,
    ApprovedIndicatorFactory,
    MissionGroupFactory,
    QuarterlyReportFactory,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
QUEUE = reverse("indicators:audit_queue")


def submitted(indicator, quarter=1, *, day=10, progress="40", **fields):
    """A report the agency sent on `day` January 2024 (B.E. 2567)."""
    return QuarterlyReportFactory(
        indicator=indicator,
        quarter=quarter,
        progress_percent=D(progress),
        status="submitted",
        submitted_at=dt.datetime(2024, 1, day, 9, tzinfo=BANGKOK),
        **fields,
    )


def audit(indicator, user, quarter=1, **fields):
    fields.setdefault("status", "accepted")
    fields.setdefault("confirm_without_evidence", True)  # these reports have no evidence files
    return audit_save(indicator=indicator, quarter=quarter, user=user, data=AuditInput(**fields), expected_version=0)


def queue(client, **params):
    response = client.get(QUEUE, {"year": 2567, **params})
    assert response.status_code == 200
    return response


def listed(response):
    return [(row.indicator.name, row.report.quarter) for row in response.context["rows"]]


@pytest.fixture
def auditor(client, strategy_user):
    client.force_login(strategy_user)
    return strategy_user


def test_a_submitted_report_waits_and_leaves_the_list_once_audited(client, auditor, indicator):
    submitted(indicator, quarter=2)

    page = queue(client)
    body = page.content.decode()
    assert listed(page) == [(indicator.name, 2)]
    assert "สำนักงานของฉัน" in body and "ไตรมาสที่ 2" in body
    # the agency's name opens its dashboard for the same year
    assert f'{reverse("indicators:dashboard_agency", args=[indicator.agency.code])}?year=2567">สำนักงานของฉัน</a>' in body
    assert "10 ม.ค. 2567" in body  # submitted date in B.E.
    assert "ร้อยละ 40" in body  # the agency's own figure
    assert reverse("indicators:audit_edit", args=[indicator.pk, 2]) in body

    audit(indicator, auditor, quarter=2)

    assert listed(queue(client)) == []
    assert listed(queue(client, state="audited")) == [(indicator.name, 2)]


def test_a_draft_never_appears(client, auditor, indicator):
    QuarterlyReportFactory(indicator=indicator, quarter=1, status="draft")
    for state in ("waiting", "audited", "returned"):
        assert listed(queue(client, state=state)) == []


def test_oldest_waiting_first_with_counts_per_quarter(client, auditor, fiscal_year, agency):
    late, early, q3 = (ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency) for _ in range(3))
    submitted(late, day=20)
    submitted(early, day=5)
    submitted(q3, quarter=3, day=1)

    page = queue(client)

    assert listed(page) == [(q3.name, 3), (early.name, 1), (late.name, 1)]
    assert page.context["counts"] == [(1, 2), (2, 0), (3, 1), (4, 0)]


def test_a_report_sent_back_leaves_the_waiting_list_and_returns_when_resubmitted(client, auditor, indicator, staff_user):
    report = report_save(
        indicator=indicator, quarter=1, user=staff_user, expected_version=0, submit=True,
        data=ReportInput(progress_percent=D("30"), level_reached=D("2"), narrative="ทำได้ร้อยละ 30"),
        now=dt.datetime(2024, 1, 10, tzinfo=BANGKOK),
    )  # fmt: skip
    audit(indicator, auditor, status="returned", comment="กรุณาแนบรายงานการประชุม")

    assert listed(queue(client)) == []
    sent_back = queue(client, state="returned")
    assert listed(sent_back) == [(indicator.name, 1)]
    # Nothing to audit until the agency sends it again: the row opens the report instead.
    assert reverse("indicators:report_edit", args=[indicator.pk, 1]) in sent_back.content.decode()
    assert reverse("indicators:audit_edit", args=[indicator.pk, 1]) not in sent_back.content.decode()

    report.refresh_from_db()
    report_save(
        indicator=indicator, quarter=1, user=staff_user, expected_version=report.version, submit=True,
        data=ReportInput(progress_percent=D("35"), level_reached=D("2"), narrative="แนบรายงานการประชุมแล้ว"),
    )  # fmt: skip
    assert listed(queue(client)) == [(indicator.name, 1)]
    assert listed(queue(client, state="returned")) == []


def test_a_report_reopened_after_an_audit_waits_again_when_sent_again(client, auditor, indicator, staff_user):
    report = submitted(indicator, narrative="ดำเนินการแล้ว")
    audit(indicator, auditor)
    reopened = report_reopen(report=report, user=auditor, reason="ตัวเลขไม่ตรงกับหลักฐาน")
    report_save(
        indicator=indicator, quarter=1, user=staff_user, expected_version=reopened.version, submit=True,
        data=ReportInput(progress_percent=D("38"), level_reached=D("2"), narrative="แก้ตัวเลขแล้ว"),
    )  # fmt: skip

    assert listed(queue(client)) == [(indicator.name, 1)]
    assert listed(queue(client, state="audited")) == []


def test_filters_narrow_by_quarter_mission_group_and_agency(client, auditor, fiscal_year, agency, other_agency):
    group = MissionGroupFactory(fiscal_year=fiscal_year, members=[agency])
    ours = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    theirs = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=other_agency)
    submitted(ours, quarter=1)
    submitted(ours, quarter=2)
    submitted(theirs, quarter=2)

    assert len(listed(queue(client))) == 3
    assert listed(queue(client, quarter=2)) == [(ours.name, 2), (theirs.name, 2)]
    assert sorted(listed(queue(client, mission_group=group.pk))) == [(ours.name, 1), (ours.name, 2)]
    assert listed(queue(client, agency=other_agency.code)) == [(theirs.name, 2)]
    assert listed(queue(client, agency=agency.code, quarter=2)) == [(ours.name, 2)]
    # The counts follow the other filters, so each quarter link says what it will show.
    assert queue(client, agency=other_agency.code).context["counts"] == [(1, 0), (2, 1), (3, 0), (4, 0)]


def test_a_bad_filter_is_named_beside_its_field(client, auditor, indicator):
    submitted(indicator)
    page = queue(client, quarter=9)
    assert "เลือกไตรมาสที่ 1-4 หรือทุกไตรมาส" in page.content.decode()
    assert listed(page) == [(indicator.name, 1)]


def test_pagination_links_keep_the_filters(client, auditor, fiscal_year, agency, monkeypatch):
    monkeypatch.setattr("indicators.views.audit_queue.PAGE_SIZE", 2)
    indicators = [ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency) for _ in range(3)]
    for n, item in enumerate(indicators):
        submitted(item, quarter=2, day=n + 1)

    first = queue(client, quarter=2, agency=agency.code)
    second = queue(client, quarter=2, agency=agency.code, page=2)

    assert f"?year=2567&amp;quarter=2&amp;agency={agency.code}&amp;page=2" in first.content.decode()
    assert listed(second) == [(indicators[2].name, 2)]


def test_after_saving_an_audit_from_the_queue_the_auditor_is_back_on_it(client, auditor, fiscal_year, agency):
    first, second = (ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency) for _ in range(2))
    report = submitted(first, day=1)
    submitted(second, day=2)
    page = queue(client, quarter=1, agency=agency.code).content.decode()
    form_url = reverse("indicators:audit_edit", args=[first.pk, 1]) + "?queue=year%3D2567%26quarter%3D1%26agency%3DOWN"
    assert form_url.replace("&", "&amp;") in page

    form = client.get(form_url).content.decode()
    back = f"{QUEUE}?year=2567&amp;quarter=1&amp;agency=OWN"
    assert f'href="{back}"' in form

    response = client.post(form_url, {"version": 0, "status": "accepted", "verified_progress_percent": "40",
                                     "confirm_without_evidence": "on"})

    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?year=2567&quarter=1&agency=OWN"
    assert listed(client.get(response["Location"])) == [(second.name, 1)]
    assert report.audits.get().status == "accepted"


def test_the_return_link_carries_only_the_queues_own_filters(client, auditor, indicator):
    submitted(indicator)
    form_url = reverse("indicators:audit_edit", args=[indicator.pk, 1])

    response = client.post(f"{form_url}?queue=next%3Dhttps%3A%2F%2Fevil.example%26quarter%3D1", {"version": 0, "status": "accepted", "confirm_without_evidence": "on"})

    assert response["Location"] == f"{QUEUE}?quarter=1"


def test_the_figure_shown_is_the_one_the_rubric_scores(client, auditor, fiscal_year, agency):
    numeric = ApprovedIndicatorFactory(
        fiscal_year=fiscal_year, agency=agency, rubric_kind=RubricKind.NUMERIC, target_unit="เรื่อง"
    )
    submitted(numeric, measured_value=D("312"))
    body = queue(client).content.decode()
    assert "ค่า 312 เรื่อง" in body


@pytest.mark.parametrize("who", ["staff", "committee"])
def test_other_roles_are_refused_and_see_nothing(client, indicator, staff_user, committee_user, who):
    submitted(indicator)
    client.force_login({"staff": staff_user, "committee": committee_user}[who])

    response = client.get(QUEUE, {"year": 2567})

    assert response.status_code == 403
    assert indicator.name not in response.content.decode()
    assert 'href="%s"' % QUEUE not in client.get(reverse("home")).content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client, indicator):
    submitted(indicator)
    response = client.get(QUEUE)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_city_wide_users_find_it_in_the_menu_and_on_the_city_dashboard(client, auditor, fiscal_year):
    home = client.get(reverse("home")).content.decode()
    city = client.get(reverse("indicators:dashboard_city"), {"year": 2567}).content.decode()
    assert f'href="{QUEUE}"' in home
    assert f'href="{QUEUE}?year=2567"' in city


def grow(group, auditor, n):
    """n more agencies in the group, each with a report waiting, one audited and one sent back."""
    for _ in range(n):
        agency = AgencyFactory()
        group.members.add(agency)
        indicator = ApprovedIndicatorFactory(fiscal_year=group.fiscal_year, agency=agency)
        for quarter in (1, 2, 3):
            submitted(indicator, quarter=quarter)
        audit(indicator, auditor, quarter=2, status="adjusted", verified_progress_percent=D("30"), comment="ปรับ")
        audit(indicator, auditor, quarter=3, status="returned", comment="แก้ไข")


# Session, user, roles, year, the filters' choices (the chosen mission group read once more to narrow
# the agencies), counts per quarter, page count, rows, audits on the page, and the rubrics and own
# weights that score the reported level (two, however many rows).
QUERIES = {"waiting": 13, "audited": 14, "returned": 14}


@pytest.mark.parametrize("state", sorted(QUERIES))
def test_the_query_count_does_not_grow_with_rows(client, auditor, fiscal_year, state):
    group = MissionGroupFactory(fiscal_year=fiscal_year)

    def count():
        queue(client, state=state, mission_group=group.pk)  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = queue(client, state=state, mission_group=group.pk)
        assert response.context["rows"]
        return len(queries)

    grow(group, auditor, 2)
    small = count()
    grow(group, auditor, 6)

    assert count() == small == QUERIES[state]


def test_the_year_picker_switches_the_queue_and_drops_that_years_filters(client, auditor, indicator):
    submitted(indicator)
    group = MissionGroupFactory(fiscal_year=indicator.fiscal_year)
    html = queue(client, mission_group=group.pk, state="audited").content.decode()
    assert '<option value="2567" selected>' in html
    # Switching the year keeps the list chosen, not this year's mission group.
    assert '<input type="hidden" name="state" value="audited">' in html
    assert '<input type="hidden" name="mission_group"' not in html


def agency_choices(response):
    return [code for code, _ in response.context["form"].fields["agency"].choices if code]


def test_choosing_a_mission_group_lists_only_its_agencies_in_the_agency_filter(
    client, auditor, fiscal_year, agency, other_agency
):
    group = MissionGroupFactory(fiscal_year=fiscal_year, members=[agency])
    for owner in (agency, other_agency):
        submitted(ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=owner))

    assert sorted(str(c) for c in agency_choices(queue(client))) == ["OTHER", "OWN"]
    narrowed = queue(client, mission_group=group.pk)
    assert [str(c) for c in agency_choices(narrowed)] == ["OWN"]
    html = narrowed.content.decode()
    assert '<option value="OWN">' in html and '<option value="OTHER">' not in html


def test_an_agency_outside_the_chosen_group_is_named_beside_the_field(client, auditor, fiscal_year, agency, other_agency):
    group = MissionGroupFactory(fiscal_year=fiscal_year, members=[agency])
    ours = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    submitted(ours)
    submitted(ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=other_agency))

    page = queue(client, mission_group=group.pk, agency=other_agency.code)

    assert "หน่วยงานนี้ไม่อยู่ในกลุ่มภารกิจที่เลือก" in page.content.decode()
    assert listed(page) == [(ours.name, 1)]  # the group still narrows the list


def test_a_district_office_belongs_to_the_group_of_its_district_group(client, auditor, fiscal_year, agency):
    from tests.factories import DistrictFactory, DistrictGroupFactory

    districts = DistrictGroupFactory()
    group = MissionGroupFactory(fiscal_year=fiscal_year)
    group.district_groups.add(districts)
    district = DistrictFactory(district_group=districts)
    submitted(ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=district))
    submitted(ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency))

    assert [str(c) for c in agency_choices(queue(client, mission_group=group.pk))] == [district.code]
