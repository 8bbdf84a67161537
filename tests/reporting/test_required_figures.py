"""A report is sent for audit only with the figure its rubric scores; a draft may wait for it."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from indicators.figures import missing_figure_errors
from indicators.models import QuarterlyReport, ReportStatus, RubricKind
from indicators.services.reporting import ReportInput, report_save

NOW = dt.datetime(2024, 1, 10, 12, tzinfo=ZoneInfo("Asia/Bangkok"))
NEEDS_VALUE = "เกณฑ์ของตัวชี้วัดนี้เป็นแบบค่าตัวเลข ให้คะแนนจากค่าที่วัดได้ กรุณากรอกค่าที่วัดได้ก่อนส่งรายงาน"
NEEDS_LEVEL = (
    "เกณฑ์ของตัวชี้วัดนี้เป็นแบบขั้นตอนความสำเร็จ (Milestone) ให้คะแนนจากระดับที่ได้ กรุณากรอกระดับที่ได้ก่อนส่งรายงาน"
)
NEEDS_EITHER = (
    "เกณฑ์ของตัวชี้วัดนี้เป็นแบบผสม (ระดับต้นเป็นขั้นตอน ระดับสูงเป็นตัวเลข) "
    "กรุณากรอกค่าที่วัดได้หรือระดับที่ได้อย่างน้อยหนึ่งค่าก่อนส่งรายงาน"
)
NO_FIGURES = ReportInput(progress_percent=D("30"), narrative="ทำได้ร้อยละ 30")


@pytest.fixture(autouse=True)
def _thai():
    """The messages in the site's default language, whatever an earlier test's request left active."""
    with translation.override("th"):
        yield


def with_kind(indicator, kind):
    indicator.rubric_kind = kind
    indicator.save()
    return indicator


def send(indicator, user, data=NO_FIGURES, *, version=0, submit=True):
    return report_save(
        indicator=indicator, quarter=1, user=user, data=data, expected_version=version, submit=submit, now=NOW
    )


# --- The rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "level", "errors"),
    [
        (RubricKind.NUMERIC, None, None, {"v": NEEDS_VALUE}),
        (RubricKind.NUMERIC, D("0"), None, {}),  # zero is a figure
        (RubricKind.MILESTONE, None, None, {"l": NEEDS_LEVEL}),
        (RubricKind.MILESTONE, None, D("0"), {}),
        (RubricKind.MIXED, None, None, {"v": NEEDS_EITHER, "l": NEEDS_EITHER}),
        (RubricKind.MIXED, D("1390"), None, {}),
        (RubricKind.MIXED, None, D("2"), {}),
    ],
)
def test_the_figure_each_rubric_kind_needs(kind, value, level, errors):
    assert missing_figure_errors(kind, value=value, level=level, value_field="v", level_field="l") == errors


# --- The service -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (RubricKind.NUMERIC, {"measured_value": [NEEDS_VALUE]}),
        (RubricKind.MILESTONE, {"level_reached": [NEEDS_LEVEL]}),
        (RubricKind.MIXED, {"measured_value": [NEEDS_EITHER], "level_reached": [NEEDS_EITHER]}),
    ],
)
def test_sending_without_the_scored_figure_is_refused_and_the_draft_is_kept(indicator, staff_user, kind, expected):
    with_kind(indicator, kind)
    draft = send(indicator, staff_user, submit=False)  # a draft may wait for the figure
    assert draft.status == ReportStatus.DRAFT

    with pytest.raises(ValidationError) as caught:
        send(indicator, staff_user, ReportInput(progress_percent=D("45"), narrative="ส่ง"), version=draft.version)

    assert caught.value.message_dict == expected
    kept = QuarterlyReport.objects.get()
    assert (kept.status, kept.version, kept.progress_percent, kept.narrative) == (
        ReportStatus.DRAFT, draft.version, D("30"), "ทำได้ร้อยละ 30"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "figures"),
    [
        (RubricKind.NUMERIC, {"measured_value": D("1390")}),
        (RubricKind.MILESTONE, {"level_reached": D("3")}),
        (RubricKind.MIXED, {"measured_value": D("1390")}),
        (RubricKind.MIXED, {"level_reached": D("2")}),
    ],
)
def test_sending_with_the_scored_figure_goes_through(indicator, staff_user, kind, figures):
    with_kind(indicator, kind)
    data = ReportInput(progress_percent=D("30"), narrative="ทำได้ร้อยละ 30", **figures)
    assert send(indicator, staff_user, data).status == ReportStatus.SUBMITTED


# --- Through the page --------------------------------------------------------------------------


def test_the_page_says_beside_the_field_which_figure_is_missing_and_keeps_the_text(client, indicator, staff_user):
    client.force_login(staff_user)
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])

    response = client.post(url, {"version": 0, "progress_percent": "30", "narrative": "ข้อความที่พิมพ์ไว้", "submit": "1"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["level_reached"] == [NEEDS_LEVEL]
    body = response.content.decode()
    assert NEEDS_LEVEL in body and "ข้อความที่พิมพ์ไว้" in body
    assert not QuarterlyReport.objects.exists()


def test_the_page_still_saves_a_draft_without_figures(client, indicator, staff_user):
    client.force_login(staff_user)
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])

    client.post(url, {"version": 0, "progress_percent": "30", "narrative": "ร่าง", "save": "1"})

    assert QuarterlyReport.objects.get().status == ReportStatus.DRAFT
