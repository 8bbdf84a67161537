"""The fiscal year as the strategy office expects it on the home page and dashboards: whose agencies the
home page lists, a year without a reporting calendar, and what the quarter being reported is called."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import RoleKind
from indicators.selectors.reporting import due_quarter_label
from kpi_portal.lib.thai import fiscal_year_be
from tests.factories import (
    AgencyFactory,
    ApprovedIndicatorFactory,
    FiscalYearFactory,
    MissionGroupFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def heading(html):
    return re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()


@pytest.fixture
def groups(db):
    """This year's and last year's mission groups, the agency WORKS in both."""
    this = FiscalYearFactory(year_be=2567, is_current=True)
    last = FiscalYearFactory(year_be=2566)
    works = AgencyFactory(code="WORKS", name_th="สำนักการโยธา")
    return {
        "this": MissionGroupFactory(fiscal_year=this, number=3, name="โยธาและสิ่งแวดล้อม", members=[works]),
        "other": MissionGroupFactory(fiscal_year=this, number=5, name="การระบายน้ำ"),
        "last": MissionGroupFactory(fiscal_year=last, number=4, name="กลุ่มของปีที่แล้ว", members=[works]),
    }


def committee_member(*groups, agency=None):
    user = UserFactory()
    for group in groups:
        RoleFactory(user=user, kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group)
    if agency is not None:
        RoleFactory(user=user, kind=RoleKind.AGENCY_STAFF, agency=agency)
    return user


# --- Home page heading --------------------------------------------------------------------------


def test_the_strategy_office_and_the_steering_committee_see_all_agencies(client, groups, strategy_user):
    client.force_login(strategy_user)
    assert heading(client.get(reverse("home")).content.decode()) == "หน่วยงานทั้งหมด"

    client.force_login(RoleFactory(kind=RoleKind.STEERING_MEMBER, agency=None).user)
    assert heading(client.get(reverse("home")).content.decode()) == "หน่วยงานทั้งหมด"


def test_a_committee_member_sees_this_years_mission_groups_named(client, groups):
    client.force_login(committee_member(groups["this"], groups["other"], groups["last"]))

    html = client.get(reverse("home")).content.decode()

    assert heading(html) == "หน่วยงานในกลุ่มภารกิจ 3. โยธาและสิ่งแวดล้อม, 5. การระบายน้ำ"
    assert "สำนักการโยธา" in html


def test_a_committee_member_of_an_earlier_year_only_sees_that_years_groups_named(client, groups):
    client.force_login(committee_member(groups["last"]))
    assert heading(client.get(reverse("home")).content.decode()) == "หน่วยงานในกลุ่มภารกิจ 4. กลุ่มของปีที่แล้ว"


def test_agency_staff_on_a_committee_see_both_in_the_heading(client, groups):
    client.force_login(committee_member(groups["this"], agency=AgencyFactory(code="OWN")))
    assert heading(client.get(reverse("home")).content.decode()) == (
        "หน่วยงานของฉันและหน่วยงานในกลุ่มภารกิจ 3. โยธาและสิ่งแวดล้อม"
    )


def test_agency_staff_see_their_own_agencies(client, groups, staff_user):
    client.force_login(staff_user)
    assert heading(client.get(reverse("home")).content.decode()) == "หน่วยงานของฉัน"


# --- Home page year picker ----------------------------------------------------------------------


def test_a_year_picked_on_the_home_page_is_the_year_of_its_links(client, groups, agency, staff_user):
    client.force_login(staff_user)
    dashboard = reverse("indicators:dashboard_agency", args=[agency.code])

    current = client.get(reverse("home")).content.decode()
    picked = client.get(reverse("home"), {"year": "๒๕๖๖"}).content.decode()  # typed in Thai digits

    assert 'name="year"' in current and '<option value="2566">' in current
    assert f'href="{dashboard}"' in current
    assert reverse("indicators:package", args=[2567, agency.code]) in current
    assert '<option value="2566" selected>' in picked
    assert f'href="{dashboard}?year=2566"' in picked
    assert reverse("indicators:package", args=[2566, agency.code]) in picked
    assert reverse("indicators:package", args=[2567, agency.code]) not in picked


def test_a_committee_member_picking_last_year_sees_last_years_groups_named(client, groups):
    client.force_login(committee_member(groups["this"], groups["last"]))
    html = client.get(reverse("home"), {"year": "2566"}).content.decode()
    assert heading(html) == "หน่วยงานในกลุ่มภารกิจ 4. กลุ่มของปีที่แล้ว"
    assert f'href="{reverse("indicators:dashboard_committee")}?year=2566"' in html


def test_a_home_page_year_that_does_not_exist_is_a_404_offering_the_others(client, groups, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("home"), {"year": "2590"})
    assert response.status_code == 404
    assert '<option value="2567"' in response.content.decode()


def test_with_one_year_the_home_page_has_no_picker(client, uncalendared, staff_user):
    client.force_login(staff_user)
    assert 'name="year"' not in client.get(reverse("home")).content.decode()


# --- A year with no reporting calendar -----------------------------------------------------------


NO_CALENDAR = "ปีงบประมาณ พ.ศ. 2569 ยังไม่ได้กำหนดไตรมาสและกำหนดส่งรายงาน"


@pytest.fixture
def uncalendared(db, agency):
    year = FiscalYearFactory(year_be=2569, is_current=True, quarters=False)
    ApprovedIndicatorFactory(fiscal_year=year, agency=agency, name="ตัวชี้วัดปีใหม่")
    return year


def test_the_home_page_says_the_year_has_no_calendar(client, uncalendared, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("home")).content.decode()
    assert NO_CALENDAR in html and "จึงยังไม่มีรายงานรายไตรมาสที่ต้องส่ง" in html


@pytest.mark.parametrize("page", ["agency", "city"])
def test_a_dashboard_of_a_year_without_calendar_shows_a_notice_instead_of_quarter_columns(
    client, uncalendared, agency, staff_user, strategy_user, page
):
    FiscalYearFactory(year_be=2568)  # a year with its quarters, to compare
    ApprovedIndicatorFactory(fiscal_year__year_be=2568, agency=agency)
    if page == "agency":
        client.force_login(staff_user)
        url = reverse("indicators:dashboard_agency", args=[agency.code])
    else:
        client.force_login(strategy_user)
        url = reverse("indicators:dashboard_city")

    html = client.get(url, {"year": "2569"}).content.decode()
    assert NO_CALENDAR in html and "ตัวชี้วัดปีใหม่" in html
    assert "ไตรมาสที่ 1" not in html

    with_calendar = client.get(url, {"year": "2568"}).content.decode()
    assert "ยังไม่ได้กำหนดไตรมาส" not in with_calendar and "ไตรมาสที่ 1" in with_calendar


def test_no_notice_when_the_year_has_its_quarters(client, groups, strategy_user):
    client.force_login(strategy_user)
    assert "ยังไม่ได้กำหนดไตรมาส" not in client.get(reverse("home")).content.decode()


# --- What the due quarter is called ---------------------------------------------------------------

START, END = dt.date(2023, 10, 1), dt.date(2024, 9, 30)  # FY 2567


@pytest.mark.parametrize(
    ("today", "label"),
    [
        (dt.date(2023, 9, 30), "ไตรมาสแรกของปี"),
        (START, "ไตรมาสปัจจุบัน"),
        (dt.date(2024, 3, 1), "ไตรมาสปัจจุบัน"),
        (END, "ไตรมาสปัจจุบัน"),
        (dt.date(2024, 10, 1), "ไตรมาสล่าสุดของปี"),
        (dt.date(2030, 1, 1), "ไตรมาสล่าสุดของปี"),
    ],
)
def test_the_due_quarter_is_named_by_where_today_falls(today, label):
    assert due_quarter_label(start=START, end=END, today=today) == label


def due_link(html):
    """The link in the due quarter's cell: (quarter, its accessible name)."""
    found = re.search(r'<td class="due">.*?/report/(\d)/" aria-label="([^"]+)">', html, re.S)
    return (int(found.group(1)), found.group(2)) if found else None


def test_the_dashboard_names_the_due_quarter_for_past_current_and_future_years(client, agency, staff_user):
    now = fiscal_year_be(timezone.localdate())
    for year_be in (now - 1, now, now + 1):
        ApprovedIndicatorFactory(fiscal_year=FiscalYearFactory(year_be=year_be, is_current=year_be == now), agency=agency)
    client.force_login(staff_user)
    url = reverse("indicators:dashboard_agency", args=[agency.code])

    assert due_link(client.get(url, {"year": now - 1}).content.decode()) == (4, "รายงานไตรมาสล่าสุดของปี")
    assert due_link(client.get(url, {"year": now + 1}).content.decode()) == (1, "รายงานไตรมาสแรกของปี")
    assert due_link(client.get(url, {"year": now}).content.decode())[1] == "รายงานไตรมาสปัจจุบัน"


def test_the_due_quarter_is_named_once_in_its_header_and_each_rows_link_is_short(client, agency, staff_user):
    """The city table has hundreds of rows: a long link in every due cell made each row four lines tall."""
    now = fiscal_year_be(timezone.localdate())
    year = FiscalYearFactory(year_be=now - 1)
    for number in (1, 2):
        ApprovedIndicatorFactory(fiscal_year=year, agency=agency, number=number)
    client.force_login(staff_user)

    html = client.get(reverse("indicators:dashboard_agency", args=[agency.code]), {"year": now - 1}).content.decode()

    headers = re.findall(r"<th[^>]*>(ไตรมาสที่ \d.*?)</th>", html)
    assert headers[3] == 'ไตรมาสที่ 4 <span class="due-label">(ไตรมาสล่าสุดของปี)</span>'
    assert headers[:3] == ["ไตรมาสที่ 1", "ไตรมาสที่ 2", "ไตรมาสที่ 3"]
    links = re.findall(r'/report/4/" aria-label="รายงานไตรมาสล่าสุดของปี">([^<]+)</a>', html)
    assert links == ["รายงาน", "รายงาน"]
    assert html.count("ไตรมาสล่าสุดของปี") == 1 + 2  # the header, and each link's accessible name


def status_options(html):
    select = re.search(r'<select name="status"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]+)</option>", select)


def test_the_city_status_filter_names_the_due_quarter_of_the_year_shown(client, agency, strategy_user):
    now = fiscal_year_be(timezone.localdate())
    for year_be in (now - 1, now):
        ApprovedIndicatorFactory(fiscal_year=FiscalYearFactory(year_be=year_be, is_current=year_be == now), agency=agency)
    client.force_login(strategy_user)
    url = reverse("indicators:dashboard_city")

    past = status_options(client.get(url, {"year": now - 1}).content.decode())
    assert "ยังไม่ส่งไตรมาสล่าสุดของปี" in past
    assert "สยป. ตรวจไตรมาสล่าสุดของปีแล้ว" in past
    assert not any("ไตรมาสปัจจุบัน" in option for option in past)
    assert "ส่งไตรมาสปัจจุบันแล้ว" in status_options(client.get(url, {"year": now}).content.decode())
