"""The strategy office sets up a fiscal year in the admin, typing and reading dates in B.E."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import FiscalYear, Meeting, NegotiationStage, ReportingQuarter
from kpi_portal.lib.thai import format_thai_date, parse_be_date
from tests.factories import FiscalYearFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:indicators_fiscalyear_add")

QUARTERS_BE = [  # FY 2568, as staff type it
    ("01/10/2567", "31/12/2567", "15/01/2568"),
    ("01/01/2568", "31/03/2568", "15/04/2568"),
    ("01/04/2568", "30/06/2568", "15/07/2568"),
    ("01/07/2568", "30/09/2568", "15/10/2568"),
]


def year_form(year_be="2568", start="01/10/2567", end="30/09/2568", quarters=QUARTERS_BE, stages=()):
    data = {
        "year_be": year_be, "start_date": start, "end_date": end,
        "rounding_places": "4", "rounding_mode": "ROUND_HALF_UP", "below_level_one": "zero", "at_risk_margin": "10",
        "quarters-TOTAL_FORMS": str(len(quarters)), "quarters-INITIAL_FORMS": "0",
        "stages-TOTAL_FORMS": str(len(stages)), "stages-INITIAL_FORMS": "0",
    }
    for n, (q_start, q_end, deadline) in enumerate(quarters):
        data |= {f"quarters-{n}-quarter": str(n + 1), f"quarters-{n}-start_date": q_start,
                 f"quarters-{n}-end_date": q_end, f"quarters-{n}-report_deadline": deadline}
    for n, (name, deadline) in enumerate(stages):
        data |= {f"stages-{n}-order": str(n + 1), f"stages-{n}-name": name, f"stages-{n}-deadline": deadline}
    return data


def field_errors(response, field, inline=None, row=0):
    if inline is None:
        return list(response.context["adminform"].form.errors.get(field, []))
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == inline)
    return list(formset.forms[row].errors.get(field, []))


def test_dates_typed_in_be_are_saved_as_the_days_meant(admin_client):
    response = admin_client.post(ADD, year_form(stages=[("หน่วยงานส่งร่างตัวชี้วัด", "๓๑/๐๑/๒๕๖๘")]))

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    year = FiscalYear.objects.get(year_be=2568)
    assert (year.start_date, year.end_date) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    q1 = ReportingQuarter.objects.get(fiscal_year=year, quarter=1)
    assert (q1.start_date, q1.end_date, q1.report_deadline) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31),
                                                                 dt.date(2025, 1, 15))
    assert NegotiationStage.objects.get(fiscal_year=year).deadline == dt.date(2025, 1, 31)


def test_a_ce_year_is_refused_beside_the_field_not_saved_543_years_off(admin_client):
    response = admin_client.post(ADD, year_form(start="01/10/2024", quarters=[("01/10/2567", "31/12/2567", "15/01/2025")]))

    assert response.status_code == 200
    assert not FiscalYear.objects.exists()
    assert field_errors(response, "start_date") == ["ปีของวันที่ “01/10/2024” ต้องเป็นปีพุทธศักราช (พ.ศ.) เช่น 2567"]
    assert "ต้องเป็นปีพุทธศักราช" in field_errors(response, "report_deadline", inline="quarters")[0]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("99999999999", "กรุณาใส่ปี พ.ศ. 4 หลัก ระหว่าง 2500 ถึง 2700 เช่น 2566"),  # was a 500 (no such date)
        ("2024", "2024 เป็นปี ค.ศ. กรุณาใส่ปี พ.ศ. (2567)"),
    ],
)
def test_a_year_that_is_no_be_year_is_refused_beside_the_field(admin_client, typed, message):
    response = admin_client.post(ADD, year_form(year_be=typed))

    assert response.status_code == 200
    assert not FiscalYear.objects.exists()
    assert field_errors(response, "year_be") == [message]


def test_a_start_or_end_outside_the_be_year_is_refused_with_the_right_day(admin_client):
    response = admin_client.post(ADD, year_form(start="01/10/2568", end="30/09/2569"))

    assert response.status_code == 200
    assert not FiscalYear.objects.exists()
    assert field_errors(response, "start_date") == ["ปีงบประมาณ พ.ศ. 2568 ต้องเริ่มวันที่ 01/10/2567 (1 ตุลาคม 2567)"]
    assert field_errors(response, "end_date") == ["ปีงบประมาณ พ.ศ. 2568 ต้องสิ้นสุดวันที่ 30/09/2568 (30 กันยายน 2568)"]
    page = response.content.decode()
    assert "กรุณาแก้ไขข้อผิดพลาดด้านล่าง" in page and "Please correct" not in page  # the note over the form


def test_a_quarter_outside_its_months_of_the_year_is_refused_on_its_row(admin_client):
    quarters = list(QUARTERS_BE)
    quarters[1] = ("01/01/2569", "31/03/2569", "15/04/2569")  # a year late
    response = admin_client.post(ADD, year_form(quarters=quarters))

    assert response.status_code == 200
    assert not FiscalYear.objects.exists()
    assert field_errors(response, "start_date", inline="quarters", row=1) == [
        "ไตรมาสที่ 2 ของปีงบประมาณ พ.ศ. 2568 ต้องเริ่มวันที่ 01/01/2568 (1 มกราคม 2568)"
    ]
    assert field_errors(response, "start_date", inline="quarters", row=0) == []


def test_an_existing_year_shows_its_dates_in_be(admin_client):
    year = FiscalYearFactory(year_be=2568)

    html = admin_client.get(reverse("admin:indicators_fiscalyear_change", args=[year.pk])).content.decode()
    assert 'value="01/10/2567"' in html and 'value="30/09/2568"' in html
    assert 'value="15/01/2568"' in html  # Q1's report deadline
    assert "01/10/2024" not in html and "2024-10-01" not in html
    assert "vDateField" not in html  # no C.E. calendar picker

    listing = admin_client.get(reverse("admin:indicators_fiscalyear_changelist")).content.decode()
    assert "1 ตุลาคม 2567" in listing and "30 กันยายน 2568" in listing


def saved_year_form(year) -> dict:
    """The change form of a saved year as the admin posts it back, its four quarters as they are."""
    data = year_form(quarters=[]) | {"quarters-TOTAL_FORMS": "4", "quarters-INITIAL_FORMS": "4"}
    for n, quarter in enumerate(year.quarters.order_by("quarter")):
        data |= {f"quarters-{n}-id": str(quarter.pk), f"quarters-{n}-fiscal_year": str(year.pk),
                 f"quarters-{n}-quarter": str(quarter.quarter), f"quarters-{n}-start_date": QUARTERS_BE[n][0],
                 f"quarters-{n}-end_date": QUARTERS_BE[n][1], f"quarters-{n}-report_deadline": QUARTERS_BE[n][2]}
    return data


def test_saving_an_existing_year_unchanged_keeps_its_dates(admin_client):
    year = FiscalYearFactory(year_be=2568)
    change = reverse("admin:indicators_fiscalyear_change", args=[year.pk])
    form = admin_client.get(change).context["adminform"].form
    data = saved_year_form(year)
    assert form.initial["start_date"] == dt.date(2024, 10, 1)

    response = admin_client.post(change, data)

    assert response.status_code == 302
    year.refresh_from_db()
    assert year.start_date == dt.date(2024, 10, 1)
    assert year.quarters.get(quarter=4).report_deadline == dt.date(2025, 10, 15)


def test_meeting_dates_in_the_admin_are_be_too(admin_client, fiscal_year):
    meeting = Meeting.objects.create(fiscal_year=fiscal_year, title="ประชุมคณะกรรมการ", held_on=dt.date(2024, 4, 25),
                                     recorded_by=UserFactory())

    html = admin_client.get(reverse("admin:indicators_meeting_change", args=[meeting.pk])).content.decode()
    assert 'value="25/04/2567"' in html
    listing = admin_client.get(reverse("admin:indicators_meeting_changelist")).content.decode()
    assert "25 เมษายน 2567" in listing


@pytest.mark.parametrize(
    "deadline, typed_as",
    [
        ("15/01/2567", "15/01/2567 (15 มกราคม 2567)"),  # the year before: the quarter has not even begun
        ("15/12/2567", "15/12/2567 (15 ธันวาคม 2567)"),  # before the quarter's last day
        ("15/01/2658", "15/01/2658 (15 มกราคม 2658)"),  # a slip of the keyboard, ninety years on
    ],
)
def test_a_report_deadline_outside_its_quarters_reporting_window_is_refused_on_its_row(admin_client, deadline, typed_as):
    quarters = list(QUARTERS_BE)
    quarters[0] = ("01/10/2567", "31/12/2567", deadline)
    response = admin_client.post(ADD, year_form(quarters=quarters))

    assert response.status_code == 200
    assert not FiscalYear.objects.exists()
    assert field_errors(response, "report_deadline", inline="quarters", row=0) == [
        "กำหนดส่งรายงานไตรมาสที่ 1 ของปีงบประมาณ พ.ศ. 2568 ต้องอยู่ระหว่างวันที่ 31/12/2567 ถึง 31/03/2568 "
        f"(วันสิ้นไตรมาสถึงวันสิ้นไตรมาสถัดไป) แต่ที่กรอกคือ {typed_as}"
    ]
    assert field_errors(response, "report_deadline", inline="quarters", row=1) == []


def test_a_fourth_quarter_report_may_fall_due_after_the_year_ends(admin_client):
    quarters = list(QUARTERS_BE)
    quarters[3] = ("01/07/2568", "30/09/2568", "31/12/2568")  # the last day it may: the end of next year's Q1
    response = admin_client.post(ADD, year_form(quarters=quarters))

    assert response.status_code == 302
    assert ReportingQuarter.objects.get(quarter=4).report_deadline == dt.date(2025, 12, 31)


def test_editing_a_prepared_years_deadline_to_the_year_before_is_refused(admin_client):
    year = FiscalYearFactory(year_be=2568)
    q1 = year.quarters.get(quarter=1)
    change = reverse("admin:indicators_fiscalyear_change", args=[year.pk])
    data = saved_year_form(year)
    data["quarters-0-report_deadline"] = "15/01/2567"

    response = admin_client.post(change, data)

    assert response.status_code == 200
    assert "ต้องอยู่ระหว่างวันที่ 31/12/2567 ถึง 31/03/2568" in field_errors(response, "report_deadline", inline="quarters")[0]
    q1.refresh_from_db()
    assert q1.report_deadline == dt.date(2025, 1, 15)  # what was saved is kept


def test_the_years_history_names_who_moved_a_report_deadline_and_from_what_to_what(admin_client, admin_user):
    year = FiscalYearFactory(year_be=2568)
    change = reverse("admin:indicators_fiscalyear_change", args=[year.pk])
    data = saved_year_form(year)
    data["quarters-0-report_deadline"] = "20/01/2568"
    assert admin_client.post(change, data).status_code == 302

    page = admin_client.get(reverse("admin:indicators_fiscalyear_history", args=[year.pk]))
    rows = [
        [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", page.content.decode().split('id="calendar-history"')[1], re.S)
    ]

    changed = [row for row in rows if row[2:] == ["ไตรมาสและกำหนดส่งรายงาน", "ไตรมาสที่ 1 · กำหนดส่งรายงาน",
                                                  "15/01/2568", "20/01/2568"]]
    assert len(changed) == 1 and changed[0][1] == admin_user.username
    assert str(timezone.localdate().year + 543) in changed[0][0]  # when, in B.E.


@pytest.mark.parametrize("deadline", ["30/04/2658", "30/09/2565"])  # a slip of the keyboard; three years early
def test_a_calendar_step_due_outside_the_negotiation_window_is_refused_on_its_row(admin_client, deadline):
    response = admin_client.post(ADD, year_form(stages=[("ชี้แจงหน่วยงาน", deadline)]))

    assert response.status_code == 200
    assert not FiscalYear.objects.exists()
    assert field_errors(response, "deadline", inline="stages") == [
        "กำหนดแล้วเสร็จของปฏิทินปีงบประมาณ พ.ศ. 2568 ต้องอยู่ระหว่างวันที่ 01/10/2566 ถึง 30/09/2568 "
        f"(ต้นปีงบประมาณก่อนหน้าถึงสิ้นปีงบประมาณนี้) แต่ที่กรอกคือ {deadline} "
        f"({format_thai_date(parse_be_date(deadline))})"
    ]


def test_a_calendar_running_in_the_year_before_as_the_guideline_has_it_is_kept(admin_client):
    stages = [("จัดทำร่างประเด็นมุ่งเน้น", "31/01/2567"), ("เวียนแจ้งหน่วยงาน", "30/09/2567")]
    response = admin_client.post(ADD, year_form(stages=stages))

    assert response.status_code == 302
    assert list(NegotiationStage.objects.values_list("deadline", flat=True)) == [dt.date(2024, 1, 31), dt.date(2024, 9, 30)]
