"""A rubric may measure in another unit than the target: the seed's disciplinary KPI aims at ร้อยละ ๑๐๐ but
scores levels 5 and 4 on days. Forms, pages and the audit say days wherever the measured value is shown."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.models import ReportStatus
from tests.factories import QuarterlyReportFactory, ScoredIndicatorFactory


@pytest.fixture
def discipline(fiscal_year, agency):
    """Like the seed's indicator 4: target ร้อยละ ๑๐๐, mixed rubric, lower is better, < 80 days → 5, 90 days → 4."""
    indicator = ScoredIndicatorFactory(
        fiscal_year=fiscal_year, agency=agency, weight=D("20"), rubric={5: 80, 4: 90},
        rubric_kind="mixed", rubric_direction="lower", target_unit="ร้อยละ", target_text="ร้อยละ ๑๐๐", value_unit="วัน",
    )  # fmt: skip
    indicator.rubric_levels.filter(level=5).update(threshold_exclusive=True)
    return indicator


def test_the_report_form_asks_for_days_and_shows_the_thresholds_in_days(client, discipline, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("indicators:report_edit", args=[discipline.pk, 1]))

    assert str(response.context["form"].fields["measured_value"].label) == "ค่าที่วัดได้ (วัน)"
    body = response.content.decode()
    assert '<span class="threshold">น้อยกว่า 80 วัน</span>' in body
    assert '<span class="threshold">ไม่เกิน 90 วัน</span>' in body
    assert "ร้อยละ 80" not in body and "ร้อยละ 90" not in body
    assert "หน่วยของค่าที่วัดได้: วัน" in body  # beside the target's หน่วยนับ ร้อยละ


def test_without_a_value_unit_the_measured_value_is_in_the_targets_unit(client, discipline, staff_user):
    discipline.value_unit = ""
    discipline.save(update_fields=["value_unit"])
    client.force_login(staff_user)

    response = client.get(reverse("indicators:report_edit", args=[discipline.pk, 1]))

    assert str(response.context["form"].fields["measured_value"].label) == "ค่าที่วัดได้ (ร้อยละ)"
    assert '<span class="threshold">น้อยกว่า ร้อยละ 80</span>' in response.content.decode()


def test_the_audit_form_and_the_indicator_page_say_days(client, discipline, strategy_user):
    QuarterlyReportFactory(indicator=discipline, quarter=1, measured_value=D("75"), status=ReportStatus.SUBMITTED)
    client.force_login(strategy_user)

    audit = client.get(reverse("indicators:audit_edit", args=[discipline.pk, 1]))
    page = client.get(reverse("indicators:indicator_page", args=[discipline.pk])).content.decode()

    assert str(audit.context["form"].fields["verified_value"].label) == "ค่าที่ตรวจแล้ว (วัน)"
    assert "ค่าที่วัดได้ (วัน)" in audit.content.decode()
    assert "75 วัน" in page and "ร้อยละ 75" not in page
    assert '<span class="threshold">น้อยกว่า 80 วัน</span>' in page


def test_the_indicator_detail_prints_thresholds_in_days(client, discipline, staff_user):
    client.force_login(staff_user)

    body = client.get(reverse("indicators:indicator", args=[discipline.pk])).content.decode()

    assert "<td>น้อยกว่า 80 วัน</td>" in body and "<td>ไม่เกิน 90 วัน</td>" in body
