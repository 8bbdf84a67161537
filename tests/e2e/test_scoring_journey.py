"""The strategy office reads the year's ranking and an agency's scorecard in a browser without JavaScript."""

from decimal import Decimal as D

import pytest

from tests.factories import QuarterAuditFactory, ScoredIndicatorFactory, SubmittedReportFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="th-TH", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_strategy_office_goes_from_ranking_to_scorecard_and_a_quarter(no_js_page, strategy_user, fiscal_year, agency):
    page = no_js_page
    indicator = ScoredIndicatorFactory(fiscal_year=fiscal_year, agency=agency, name="ห้องพักที่ซ่อมแล้ว", weight=D(10))
    SubmittedReportFactory(indicator=indicator, quarter=1, level_reached=D(2))
    QuarterAuditFactory(indicator=indicator, quarter=3, verified_level=D(4))
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "sam")
    page.fill("input[name=password]", "test-password-123")
    page.click("button[type=submit]")
    page.goto("/scoring/2567/")
    assert "ผลการจัดอันดับหน่วยงาน ปีงบประมาณ พ.ศ. 2567" in page.locator("h1").inner_text()
    page.click(f"text={agency.name_th}")
    assert page.locator("td.explanation").first.inner_text().endswith("ระดับ 4 = 8 คะแนน")
    assert "ผลตรวจ สยป." in page.content()
    page.select_option("select[name=quarter]", "1")
    page.click("text=แสดงผล")
    assert "quarter=1" in page.url
    assert "ระดับ 2 = 4 คะแนน" in page.locator("td.explanation").first.inner_text()
    assert "รายงานของหน่วยงาน" in page.content()
