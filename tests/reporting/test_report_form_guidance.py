"""The report form shows staff what they are entering: the unit, the rubric, and the level their figures give."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from indicators.models import QuarterlyReport, ReportConflict
from indicators.services.reporting import ReportInput, report_save
from tests.factories import QuarterlyReportFactory, ScoredIndicatorFactory

BANGKOK = ZoneInfo("Asia/Bangkok")
ROOMS = {5: 360, 4: 300, 3: 240, 2: 180, 1: 120}


@pytest.fixture
def rooms(fiscal_year, agency):
    """Numeric, counted in rooms, weight 20: 300 rooms is level 4 (16 points), 240 is level 3."""
    return ScoredIndicatorFactory(
        fiscal_year=fiscal_year, agency=agency, weight=D("20"), rubric=ROOMS, rubric_kind="numeric", target_unit="ห้อง"
    )


def form_url(indicator):
    return reverse("indicators:report_edit", args=[indicator.pk, 1])


def test_the_value_is_labelled_with_the_unit_and_the_rubric_is_beside_the_form(client, rooms, staff_user):
    client.force_login(staff_user)

    response = client.get(form_url(rooms))

    assert str(response.context["form"].fields["measured_value"].label) == "ค่าที่วัดได้ (ห้อง)"
    body = response.content.decode()
    assert "ค่าที่วัดได้ (ห้อง)" in body
    assert "เกณฑ์การให้คะแนน" in body
    assert '<span class="threshold">ไม่น้อยกว่า 300 ห้อง</span>' in body  # each level's threshold, in the unit
    assert 'name="preview"' in body and "ตรวจดูระดับ" in body


def test_a_percentage_is_written_as_thai_forms_write_it(client, indicator, staff_user):
    indicator.rubric_kind = "numeric"
    indicator.save()
    indicator.rubric_levels.filter(level=4).update(threshold=D("80"))
    client.force_login(staff_user)

    body = client.get(form_url(indicator)).content.decode()

    assert "ค่าที่วัดได้ (ร้อยละ)" in body
    assert '<span class="threshold">ไม่น้อยกว่า ร้อยละ 80</span>' in body


def test_checking_the_level_shows_level_and_points_and_saves_nothing(client, rooms, staff_user):
    client.force_login(staff_user)

    response = client.post(
        form_url(rooms), {"version": 0, "progress_percent": "40", "measured_value": "๓๐๐", "narrative": "นับห้องแล้ว", "preview": "1"}
    )

    assert response.status_code == 200
    score = response.context["preview"]["score"]
    assert (score.level, score.points) == (D("4"), D("16"))  # 20 × 4 ÷ 5, as the audit form scores it
    body = response.content.decode()
    assert '<strong class="level">4</strong>' in body and '<strong class="points">16</strong>' in body
    assert "ยังไม่ได้บันทึก" in body and "นับห้องแล้ว" in body  # what they typed is still in the form
    assert not QuarterlyReport.objects.exists()


def test_checking_the_level_leaves_a_saved_draft_as_it_was(client, rooms, staff_user):
    draft = QuarterlyReportFactory(indicator=rooms, quarter=1, measured_value=D("240"), version=3, updated_by=staff_user)
    client.force_login(staff_user)

    response = client.post(form_url(rooms), {"version": 3, "measured_value": "360", "narrative": "x", "preview": "1"})

    assert response.context["preview"]["score"].level == D("5")
    draft.refresh_from_db()
    assert (draft.measured_value, draft.version) == (D("240"), 3)


def test_checking_without_a_figure_says_it_cannot_be_scored_yet(client, rooms, staff_user):
    client.force_login(staff_user)

    response = client.post(form_url(rooms), {"version": 0, "narrative": "", "preview": "1"})

    assert response.context["preview"]["score"] is None
    assert "ยังคำนวณไม่ได้" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "typed"),
    [("level_reached", "7"), ("level_reached", "สาม"), ("progress_percent", "150")],
)
def test_invalid_figures_get_the_same_message_when_checked_as_when_saved(client, indicator, staff_user, field, typed):
    client.force_login(staff_user)
    data = {"version": 0, "progress_percent": "10", "level_reached": "1", "narrative": "x", field: typed}

    checked = client.post(form_url(indicator), {**data, "preview": "1"})
    saved = client.post(form_url(indicator), {**data, "save": "1"})

    assert checked.context["preview"] is None
    assert checked.context["form"].errors[field] == saved.context["form"].errors[field]
    assert not QuarterlyReport.objects.exists()


def test_the_audit_form_names_the_unit(client, rooms, staff_user, strategy_user):
    report_save(
        indicator=rooms, quarter=1, user=staff_user, expected_version=0, submit=True,
        data=ReportInput(progress_percent=D("40"), measured_value=D("300"), narrative="นับห้องแล้ว"),
        now=dt.datetime(2024, 1, 10, 12, tzinfo=BANGKOK),
    )  # fmt: skip
    client.force_login(strategy_user)

    response = client.get(reverse("indicators:audit_edit", args=[rooms.pk, 1]))

    assert str(response.context["form"].fields["verified_value"].label) == "ค่าที่ตรวจแล้ว (ห้อง)"
    body = response.content.decode()
    assert "ค่าที่ตรวจแล้ว (ห้อง)" in body and "ค่าที่วัดได้ (ห้อง)" in body


def test_the_conflict_panels_name_the_unit(client, rooms, staff_user, second_staff):
    report = QuarterlyReportFactory(indicator=rooms, quarter=1, measured_value=D("240"), version=2, updated_by=second_staff)
    ReportConflict.objects.create(report=report, author=staff_user, based_on_version=1, measured_value=D("300"), narrative="ของฉัน")
    client.force_login(staff_user)

    kept = client.get(form_url(rooms)).content.decode()  # the text kept from an earlier refused save
    refused = client.post(form_url(rooms), {"version": 1, "measured_value": "310", "narrative": "ใหม่", "save": "1"})

    assert kept.count("ค่าที่วัดได้ (ห้อง)") == 2  # the kept text and the form's own field
    assert refused.context["conflict_saved"] == report
    assert refused.content.decode().count("ค่าที่วัดได้ (ห้อง)") == 2  # the latest saved version and the field


def test_a_sent_report_is_read_beside_the_rubric_too(client, rooms, staff_user):
    QuarterlyReportFactory(indicator=rooms, quarter=1, measured_value=D("300"), status="submitted")
    client.force_login(staff_user)

    body = client.get(form_url(rooms)).content.decode()

    assert 'name="preview"' not in body  # read-only: nothing to check
    assert "ค่าที่วัดได้ (ห้อง)" in body and '<span class="threshold">ไม่น้อยกว่า 360 ห้อง</span>' in body


@pytest.mark.parametrize(("limit", "shown"), [(20 * 1024 * 1024, "20 MB"), (int(1.5 * 1024 * 1024), "1.5 MB")])
def test_the_upload_limit_is_written_without_a_padding_zero(client, indicator, staff_user, settings, limit, shown):
    settings.EVIDENCE_MAX_BYTES = limit
    client.force_login(staff_user)

    body = client.get(form_url(indicator)).content.decode()

    assert f"ขนาดไม่เกิน {shown} ต่อไฟล์" in body
    assert ".0 MB" not in body


@pytest.mark.parametrize(
    ("kind", "hint"),
    [("milestone", "กรอกระดับที่ได้แล้วกดตรวจดูระดับอีกครั้ง"), ("numeric", "กรอกค่าที่วัดได้แล้วกดตรวจดูระดับอีกครั้ง")],
)
def test_checking_with_only_the_progress_percent_says_which_figure_the_rubric_scores(client, indicator, staff_user, kind, hint):
    indicator.rubric_kind = kind
    indicator.save()
    client.force_login(staff_user)

    response = client.post(form_url(indicator), {"version": 0, "progress_percent": "55", "narrative": "", "preview": "1"})

    body = response.content.decode()
    assert "ยังคำนวณไม่ได้" in body
    assert hint in body and "ผลงานสะสมร้อยละไม่ใช้คิดระดับ" in body
    assert not QuarterlyReport.objects.exists()


def badge(body):
    return body.split('<span class="badge">', 1)[1].split("</span>", 1)[0]


def test_the_status_reads_as_the_dashboards_say_it(client, rooms, staff_user):
    """Q1 of FY2567 was due on 15 Jan 2024: unreported it is overdue here as on the result page."""
    client.force_login(staff_user)
    assert badge(client.get(form_url(rooms)).content.decode()) == "ค้างส่ง"
    assert "ค้างส่ง" in client.get(reverse("indicators:indicator_page", args=[rooms.pk])).content.decode()

    sent = dt.datetime(2024, 1, 10, tzinfo=BANGKOK)
    QuarterlyReportFactory(indicator=rooms, quarter=1, measured_value=D("300"), status="submitted", submitted_at=sent)
    assert badge(client.get(form_url(rooms)).content.decode()) == "ส่งแล้ว"
