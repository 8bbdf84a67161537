"""Staff report Q1 with evidence and submit; the strategy office audits with an adjustment; the indicator page shows both."""

from decimal import Decimal

import pytest

from indicators.models import EvidenceFile, QuarterAudit, QuarterlyReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_quarter_one_report_audit_and_indicator_page(page, login, reporting_indicator, evidence_pdf, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    indicator = reporting_indicator

    # Agency staff: home → agency dashboard → this quarter's report.
    login("alice")
    page.get_by_role("link", name=f"แดชบอร์ด {indicator.agency.name_th}").click()
    page.get_by_role("link", name=indicator.name).click()
    page.locator("table.quarters tbody tr").first.get_by_role("link", name="รายงานผล").click()
    assert "รายงานผลฯ ไตรมาสที่ 1" in page.locator("h1").inner_text()
    # Typed in Thai digits, as staff do; a browser's number box would have dropped them silently.
    page.fill("input[name=progress_percent]", "๓๐")
    page.fill("input[name=level_reached]", "๒")
    page.fill("textarea[name=narrative]", "ขั้นตอนที่ 1 จัดทำโครงการ ขั้นตอนที่ 2 จัดตั้งคณะทำงานดำเนินโครงการฯ")
    page.set_input_files("input[name=evidence]", str(evidence_pdf))
    page.fill("input[name=evidence_description]", "คำสั่งแต่งตั้งคณะทำงาน")
    page.get_by_role("button", name="ส่งรายงาน").click()
    page.wait_for_load_state("networkidle")
    assert "ส่งรายงานไตรมาสที่ 1 แล้ว" in page.content()
    assert "ส่งล่าช้า" not in page.content()
    assert page.get_by_role("link", name=evidence_pdf.name).count() == 1
    report = QuarterlyReport.objects.get(indicator=indicator, quarter=1)
    assert report.status == "submitted" and EvidenceFile.objects.filter(report=report).count() == 1
    assert (report.progress_percent, report.level_reached) == (Decimal("30"), Decimal("2"))

    # Strategy office: audit with an adjustment.
    page.context.clear_cookies()
    login("sam")
    page.goto(f"/indicators/{indicator.pk}/result/")
    page.get_by_role("link", name="ตรวจประเมิน", exact=True).click()  # not the menu's "รายงานรอตรวจประเมิน"
    assert "ขั้นตอนที่ 1 จัดทำโครงการ" in page.content()  # the agency's figures beside the form
    page.get_by_label("ปรับผล").check()
    page.fill("input[name=verified_progress_percent]", "๒๐")
    page.fill("textarea[name=comment]", "ยังไม่พบรายงานการประชุมคณะทำงาน จึงปรับผลเป็นร้อยละ 20")
    page.get_by_label("โครงการที่ได้รับอนุมัติ").check()
    page.get_by_role("button", name="บันทึกผลการตรวจ").click()
    page.wait_for_load_state("networkidle")
    assert QuarterAudit.objects.get(indicator=indicator, quarter=1).status == "adjusted"

    # The indicator page: the agency's 30 beside the audited 20, the audited one used, and the chart.
    assert page.url.endswith(f"/indicators/{indicator.pk}/result/")
    q1 = page.locator("table.quarters tbody tr").first
    cells = q1.locator("td")
    assert "30" in cells.nth(3).inner_text()  # ผลงานที่หน่วยงานรายงาน
    assert "20" in cells.nth(5).inner_text() and "ปรับผล" in cells.nth(5).inner_text()  # สยป. ตรวจประเมิน
    assert "20" in cells.nth(6).inner_text()  # ผลที่ใช้
    assert "ผล สยป. ตรวจแล้ว" in page.locator(".kpi-header").inner_text()
    chart = page.locator("svg.progress-chart")
    assert chart.count() == 1
    assert chart.locator("polyline.plan").count() == 1 and chart.locator("polyline.actual").count() == 1
    assert chart.locator("circle.actual-point").count() == 1
    assert page.get_by_role("link", name=evidence_pdf.name).count() == 1
    assert "ยังไม่พบรายงานการประชุมคณะทำงาน" in page.content()


def test_enter_in_a_figure_box_saves_a_draft(page, login, reporting_indicator):
    """Staff who type a figure and press Enter expect it kept: a draft is saved, nothing is sent."""
    login("alice")
    page.goto(f"/indicators/{reporting_indicator.pk}/report/1/")
    page.fill("input[name=progress_percent]", "๓๕")
    page.press("input[name=progress_percent]", "Enter")
    page.wait_for_load_state("networkidle")

    report = QuarterlyReport.objects.get(indicator=reporting_indicator, quarter=1)
    assert (report.status, report.progress_percent) == ("draft", Decimal("35"))
    assert page.get_by_role("button", name="บันทึกร่าง").count() == 1  # the off-screen twin is not announced
