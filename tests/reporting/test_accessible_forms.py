"""The report and audit forms as a screen reader meets them: every field named, its help and errors read with it."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from indicators.services.reporting import ReportInput, report_save
from tests.factories import EvidenceRequirementFactory
from tests.markup import dangling_references, parse, unlabelled

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2024, 1, 10, 12, tzinfo=ZoneInfo("Asia/Bangkok"))


@pytest.fixture
def submitted(indicator, staff_user):
    return report_save(
        indicator=indicator, quarter=1, user=staff_user, expected_version=0, submit=True, now=NOW,
        data=ReportInput(progress_percent=D("30"), level_reached=D("2"), narrative="ทำได้ร้อยละ 30"),
    )


def test_a_report_error_is_tied_to_its_field(client, indicator, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("indicators:report_edit", args=[indicator.pk, 2]), {"save": "1", "progress_percent": "abc", "version": 0}
    )
    html = response.content.decode()
    root = parse(html)
    (box,) = root.find_all("input", name="progress_percent")
    assert box.attrs.get("aria-invalid") == "true"
    described = " ".join(root.find_all(id=ref)[0].text() for ref in box.attrs["aria-describedby"].split())
    assert "กรุณากรอกตัวเลข" in described  # the error is read out with the field, not only shown in red below it
    assert "๐–๑๐๐" in described  # and so is its help text
    assert dangling_references(html) == []
    assert unlabelled(html) == []


def test_the_audit_radio_and_checkbox_groups_are_named_by_their_question(client, indicator, submitted, strategy_user):
    EvidenceRequirementFactory(indicator=indicator, description="รายงานการประชุมคณะทำงาน")
    client.force_login(strategy_user)
    response = client.post(reverse("indicators:audit_edit", args=[indicator.pk, 1]), {"version": 0, "status": ""})
    html = response.content.decode()
    root = parse(html)
    assert dangling_references(html) == []  # no <label for=""> naming nothing
    assert unlabelled(html) == []

    groups = {fs.find_all("legend")[0].text(): fs for fs in root.find_all("fieldset") if fs.find_all("input", type="radio", name="status") or fs.find_all("input", name="present")}
    status = next(fs for legend, fs in groups.items() if legend.startswith("ผลการตรวจ"))
    assert len(status.find_all("input", type="radio")) == 3
    error = root.find_all(id=status.attrs["aria-describedby"].split()[-1])[0]
    assert "ฟิลด์นี้จำเป็น" in error.text()
    assert any(legend.startswith("หลักฐานที่พบ") for legend in groups)


def test_a_required_field_says_so_in_words_not_only_with_a_star(client, indicator, submitted, strategy_user):
    """A screen reader read the star as "star"; the mark now says ต้องกรอก, the star itself stays for the eye."""
    client.force_login(strategy_user)
    root = parse(client.get(reverse("indicators:audit_edit", args=[indicator.pk, 1])).content.decode())

    legend = next(fs.find_all("legend")[0] for fs in root.find_all("fieldset") if fs.find_all("input", name="status"))
    (mark,) = legend.find_all("span", **{"class": "req"})
    assert "(ต้องกรอก)" in mark.text()
    (star,) = mark.find_all("span", **{"aria-hidden": "true"})
    assert star.text() == "*"


@pytest.mark.parametrize("typed", ["150", "-5"])
def test_a_percentage_out_of_range_is_refused_as_a_percentage(client, indicator, staff_user, submitted, strategy_user, typed):
    """Not Django's bare 'ค่านี้ต้องน้อยกว่าหรือเท่ากับ 100': the report's and the audit's boxes both say what a percentage may be."""
    client.force_login(staff_user)
    report = client.post(
        reverse("indicators:report_edit", args=[indicator.pk, 2]), {"save": "1", "progress_percent": typed, "version": 0}
    )
    assert report.context["form"].errors["progress_percent"] == ["ร้อยละต้องอยู่ระหว่าง 0 ถึง 100"]

    client.force_login(strategy_user)
    audit = client.post(
        reverse("indicators:audit_edit", args=[indicator.pk, 1]),
        {"version": 0, "status": "adjusted", "verified_progress_percent": typed, "comment": "ตรวจแล้ว"},
    )
    assert audit.context["form"].errors["verified_progress_percent"] == ["ร้อยละต้องอยู่ระหว่าง 0 ถึง 100"]
    assert f'value="{typed}"' in audit.content.decode()  # what was typed stays in the box
