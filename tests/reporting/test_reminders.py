"""Daily reminders: e-mail before each quarter's deadline and when a report is late; the same items on the home page."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import RoleKind
from indicators import reminders as rules
from tests.factories import (
    AgencyFactory,
    ApprovedIndicatorFactory,
    QuarterlyReportFactory,
    RoleFactory,
    UserFactory,
)

# FY 2567: Q1 deadline 15 Jan 2024, Q2 deadline 15 Apr 2024.


DEADLINE = dt.date(2024, 1, 15)


def reminder_on(today: dt.date) -> rules.Reminder:
    return rules.Reminder(indicator=None, quarter=1, deadline=DEADLINE, days_left=rules.days_left(DEADLINE, today))


def mailed_days(first: dt.date, last: dt.date, window: int = 7) -> list[int]:
    """The days of January 2024 (between first and last) on which a mail about the Q1 report goes out."""
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [day.day for day in days if rules.send_today(reminder_on(day), window)]


def test_due_soon_is_mailed_the_window_before_and_the_day_before():
    assert mailed_days(dt.date(2024, 1, 1), DEADLINE) == [8, 14]
    assert mailed_days(dt.date(2024, 1, 1), DEADLINE, window=3) == [12, 14]


def test_late_is_mailed_the_day_after_and_every_seven_days():
    assert mailed_days(DEADLINE, dt.date(2024, 1, 31)) == [16, 23, 30]


@pytest.mark.parametrize(
    "today, submitted, year_started, expected",
    [
        (dt.date(2024, 1, 7), False, True, False),  # eight days before: not yet within the window
        (dt.date(2024, 1, 8), False, True, True),
        (dt.date(2024, 3, 1), False, True, True),  # late, however long
        (dt.date(2024, 1, 8), True, True, False),
        (dt.date(2024, 1, 8), False, False, False),
    ],
)
def test_which_reports_are_open_for_reminding(today, submitted, year_started, expected):
    assert rules.is_open(deadline=DEADLINE, submitted=submitted, year_started=year_started, today=today,
                         window=7) is expected
    assert rules.is_open(deadline=None, submitted=False, year_started=True, today=today, window=7) is False


def test_the_responsible_users_are_told_else_the_agency_staff():
    assert rules.pick_recipients(["owner"], ["alice", "bob"]) == ["owner"]
    assert rules.pick_recipients([], ["alice", "bob"]) == ["alice", "bob"]


def run(today):
    call_command("send_reminders", "--today", today, "--days", "7")


@pytest.fixture
def staff_with_email(staff_user):
    staff_user.email = "alice@bma.go.th"
    staff_user.save()
    return staff_user


def test_staff_are_reminded_seven_days_before_and_the_day_before(indicator, staff_with_email):
    run("2024-01-08")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@bma.go.th"]
    assert "ใกล้กำหนดส่ง" in message.subject
    assert indicator.name in message.body and "ไตรมาสที่ 1" in message.body and "15 มกราคม 2567" in message.body

    run("2024-01-10")  # nothing new to say between the two reminders
    assert len(mail.outbox) == 1
    run("2024-01-14")
    assert len(mail.outbox) == 2


def test_a_late_report_gets_a_notice_the_day_after_and_weekly(indicator, staff_with_email):
    run("2024-01-16")
    assert len(mail.outbox) == 1 and "เลยกำหนดส่ง" in mail.outbox[0].subject
    run("2024-01-17")
    assert len(mail.outbox) == 1
    run("2024-01-23")
    assert len(mail.outbox) == 2


def test_submitted_reports_are_not_reminded(indicator, staff_with_email):
    QuarterlyReportFactory(indicator=indicator, quarter=1, status="submitted",
                           submitted_at=dt.datetime(2024, 1, 5, tzinfo=dt.timezone.utc), progress_percent=D("10"))
    run("2024-01-08")
    run("2024-01-16")
    assert mail.outbox == []


def test_the_responsible_users_are_preferred_over_all_agency_staff(indicator, staff_with_email):
    owner = UserFactory(username="owner", email="owner@bma.go.th")
    RoleFactory(user=owner, kind=RoleKind.AGENCY_STAFF, agency=indicator.agency)
    indicator.responsible_users.add(owner)
    run("2024-01-08")
    assert [m.to for m in mail.outbox] == [["owner@bma.go.th"]]


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError):
        call_command("send_reminders", "--today", "15/01/2567")


def test_the_home_page_lists_the_same_items(client, current_year, agency, staff_user):
    from tests.factories import ApprovedIndicatorFactory

    indicator = ApprovedIndicatorFactory(fiscal_year=current_year, agency=agency, name="ตัวชี้วัดที่ต้องรายงาน")
    q1 = current_year.quarters.get(quarter=1)
    from django.utils import timezone

    q1.report_deadline = timezone.localdate() + dt.timedelta(days=3)
    q1.save()
    client.force_login(staff_user)
    body = client.get(reverse("home")).content.decode()
    assert "รายงานที่ต้องส่ง" in body
    assert "ตัวชี้วัดที่ต้องรายงาน" in body and "อีก 3 วัน" in body
    assert reverse("indicators:report_edit", args=[indicator.pk, 1]) in body


def test_each_person_gets_one_mail_about_the_indicators_they_answer_for(fiscal_year, agency, other_agency,
                                                                         staff_with_email):
    owned = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency, name="ตัวชี้วัดที่มีผู้รับผิดชอบ")
    owner = UserFactory(username="owner", email="owner@bma.go.th")
    gone = UserFactory(username="gone", email="gone@bma.go.th", is_active=False)
    no_mail = UserFactory(username="nomail", email="")
    owned.responsible_users.add(owner, gone, no_mail)
    shared = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency, name="ตัวชี้วัดของทุกคนในหน่วยงาน")
    RoleFactory(user=UserFactory(username="head", email="head@bma.go.th"), kind=RoleKind.AGENCY_HEAD, agency=agency)
    RoleFactory(user=gone, kind=RoleKind.AGENCY_STAFF, agency=agency)
    elsewhere = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=other_agency, name="ตัวชี้วัดของหน่วยงานอื่น")
    RoleFactory(user=UserFactory(username="dave", email="dave@bma.go.th"), kind=RoleKind.AGENCY_STAFF,
                agency=other_agency)
    RoleFactory(user=staff_with_email, kind=RoleKind.AGENCY_STAFF, agency=other_agency)

    out = io.StringIO()
    call_command("send_reminders", "--today", "2024-01-08", "--days", "7", stdout=out)

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert sorted(bodies) == ["alice@bma.go.th", "dave@bma.go.th", "owner@bma.go.th"]
    assert owned.name in bodies["owner@bma.go.th"] and shared.name not in bodies["owner@bma.go.th"]
    assert shared.name in bodies["alice@bma.go.th"] and elsewhere.name in bodies["alice@bma.go.th"]
    assert owned.name not in bodies["alice@bma.go.th"]
    assert elsewhere.name in bodies["dave@bma.go.th"] and shared.name not in bodies["dave@bma.go.th"]
    assert bodies["dave@bma.go.th"].startswith("เรียน ")
    assert out.getvalue().strip() == "ส่งอีเมลเตือน 3 ฉบับ (3 รายการ) ณ วันที่ 8 มกราคม 2567"


def _agencies_with_late_reports(fiscal_year, count):
    """`count` agencies, each with two indicators due: one with a responsible user, one for all its staff."""
    for _ in range(count):
        agency = AgencyFactory()
        for n in range(2):
            RoleFactory(user=UserFactory(email=f"staff{n}@bma.go.th"), kind=RoleKind.AGENCY_STAFF, agency=agency)
        owned = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
        owned.responsible_users.add(UserFactory(email="owner@bma.go.th"))
        ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)


def _queries_of_a_run(today) -> int:
    with CaptureQueriesContext(connection) as queries:
        run(today)
    return len(queries)


def test_the_daily_run_costs_the_same_queries_for_2_or_6_agencies(fiscal_year, django_assert_num_queries):
    _agencies_with_late_reports(fiscal_year, 2)
    few = _queries_of_a_run("2024-01-16")
    assert len(mail.outbox) == 2 * 3

    _agencies_with_late_reports(fiscal_year, 4)
    mail.outbox.clear()
    with django_assert_num_queries(few):
        run("2024-01-16")
    assert len(mail.outbox) == 6 * 3


def test_on_the_home_page_the_title_comes_before_the_reminders(client, current_year, agency, staff_user):
    """Heading order for screen-reader users, who jump from heading to heading: the reminders' h2 came
    before the page's h1, so "รายงานที่ต้องส่ง" was read as if it stood above the page's own title."""
    from django.utils import timezone

    from tests.markup import parse

    ApprovedIndicatorFactory(fiscal_year=current_year, agency=agency, name="ตัวชี้วัดที่ต้องรายงาน")
    current_year.quarters.filter(quarter=1).update(report_deadline=timezone.localdate() + dt.timedelta(days=3))
    client.force_login(staff_user)
    (main,) = parse(client.get(reverse("home")).content.decode()).find_all("main")
    headings = [(int(node.tag[1]), node.text()) for node in main.iter() if node.tag in {"h1", "h2", "h3", "h4"}]

    assert headings[0] == (1, "หน่วยงานของฉัน")
    assert (2, "รายงานที่ต้องส่ง") in headings
    assert [level for level, _ in headings].count(1) == 1
    assert all(level <= before + 1 for (before, _), (level, _) in zip(headings, headings[1:]))  # no level skipped
