"""Daily reminders: e-mail before each quarter's deadline and when a report is late; the same items on the home page."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from agencies.models import RoleKind
from tests.factories import QuarterlyReportFactory, RoleFactory, UserFactory

# FY 2567: Q1 deadline 15 Jan 2024, Q2 deadline 15 Apr 2024.


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
