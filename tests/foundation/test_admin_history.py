"""The admin's history in Thai and in B.E.: each object's history page, the history lists, date columns."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from indicators.models import Indicator, Project, QuarterAudit
from tests.factories import IndicatorFactory, ProjectFactory, QuarterAuditFactory

pytestmark = pytest.mark.django_db

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
# 15 March 2026, 10:30 in Bangkok (03:30 UTC): B.E. 2569.
CHANGED_AT = dt.datetime(2026, 3, 15, 10, 30, tzinfo=BANGKOK)


@pytest.fixture
def indicator(fiscal_year):
    indicator = IndicatorFactory(fiscal_year=fiscal_year, number=1, name="ตัวชี้วัดที่มีประวัติ")
    indicator.history.update(history_date=CHANGED_AT)
    return indicator


def cells(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_an_objects_history_page_shows_the_be_date_and_thai_headings(admin_client, indicator):
    page = admin_client.get(reverse("admin:indicators_indicator_history", args=[indicator.pk]))
    assert page.status_code == 200
    text = cells(page.content.decode())
    assert "15 มี.ค. 2569 10:30" in text
    assert "2026" not in text
    for heading in ("วันที่/เวลา", "การดำเนินการ", "ผู้แก้ไข", "เหตุผลที่เปลี่ยน", "สิ่งที่เปลี่ยน"):
        assert heading in text
    assert "สร้าง" in text and "Created" not in text
    assert "1 รายการ" in text and "entry" not in text
    assert "ประวัติการแก้ไข: 1. ตัวชี้วัดที่มีประวัติ" in text
    assert "None" not in text  # no change reason is "-"


def test_a_plain_admin_history_page_shows_the_be_date(admin_client, fiscal_year, admin_user):
    project = ProjectFactory(indicator__fiscal_year=fiscal_year)
    entry = LogEntry.objects.log_actions(
        admin_user.pk, [project], CHANGE, change_message="แก้ไขชื่อโครงการ", single_object=True
    )
    LogEntry.objects.filter(pk=entry.pk).update(action_time=CHANGED_AT)
    assert ContentType.objects.get_for_model(Project) == entry.content_type

    text = cells(admin_client.get(reverse("admin:indicators_project_history", args=[project.pk])).content.decode())
    assert "15 มี.ค. 2569 10:30" in text and "แก้ไขชื่อโครงการ" in text
    assert "2026" not in text


def test_a_history_list_shows_be_dates_and_thai_labels(admin_client, indicator):
    url = reverse("admin:indicators_historicalindicator_changelist")
    text = cells(admin_client.get(url).content.decode())
    assert "15 มี.ค. 2569 10:30" in text
    for label in ("วันเวลาที่เปลี่ยน", "ผู้แก้ไข", "การดำเนินการ", "เหตุผลที่เปลี่ยน"):
        assert label in text
    assert "history user" not in text and "history type" not in text
    assert "2569" in text and "2026" not in text  # the date drill-down names the year in B.E. too

    row = indicator.history.get()
    record = cells(admin_client.get(reverse("admin:indicators_historicalindicator_change", args=[row.pk])).content.decode())
    assert "15 มี.ค. 2569 10:30" in record and "เลขที่ประวัติ" in record


def test_history_models_are_named_in_thai_and_kept_off_the_admin_index(admin_client, indicator):
    history = Indicator.history.model
    assert str(history._meta.verbose_name) == "ประวัติ ตัวชี้วัด"
    with translation.override("en"):
        assert str(history._meta.verbose_name) == "Indicator history"

    index = admin_client.get(reverse("admin:index")).content.decode()
    app_index = admin_client.get(reverse("admin:app_list", args=["indicators"])).content.decode()
    changelist = reverse("admin:indicators_historicalindicator_changelist")
    for page in (index, app_index):
        assert "ประวัติ ตัวชี้วัด" not in page and changelist not in page
        assert reverse("admin:indicators_indicator_changelist") in page
    assert admin_client.get(changelist).status_code == 200  # still there, for the history pages' links


def test_audit_and_report_lists_show_their_times_in_be(admin_client, fiscal_year):
    audit = QuarterAuditFactory(indicator__fiscal_year=fiscal_year)
    QuarterAudit.objects.filter(pk=audit.pk).update(audited_at=CHANGED_AT)
    text = cells(admin_client.get(reverse("admin:indicators_quarteraudit_changelist")).content.decode())
    assert "15 มี.ค. 2569 10:30" in text and "2026" not in text
    assert "ตรวจเมื่อ" in text


def test_login_throttling_and_api_token_records_are_named_in_thai_on_the_admin_index(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    for thai in ("การเข้าสู่ระบบและการล็อกบัญชี", "การพยายามเข้าสู่ระบบ", "การเข้าสู่ระบบไม่สำเร็จ", "บันทึกการเข้าสู่ระบบ",
                 "โทเค็น API"):
        assert thai in index
    for english in ("Access attempts", "Access failures", "Access logs", "Auth Token"):
        assert english not in index
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="staff", ip_address="10.0.0.1", user_agent="Firefox", http_accept="*/*", path_info="/accounts/login/",
        get_data="", post_data="", failures_since_start=3,
    )
    attempts = admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "หมายเลข IP" in attempts and "IP Address" not in attempts
