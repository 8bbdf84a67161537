"""สยป. imports a whole workbook in the browser: upload → preview of the dry run → confirm → done."""

import pytest

from agencies.models import Agency
from indicators.models import Indicator
from tests.factories import AgencyFactory, CompositionElementFactory, FiscalYearFactory
from tests.imports.conftest import indicator_row, sheet, xlsx_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def year_2567(db):
    fiscal_year = FiscalYearFactory(year_be=2567)
    CompositionElementFactory(fiscal_year=fiscal_year, code="1.1")
    AgencyFactory(code="OWN", name_th="สำนักงานของฉัน")
    return fiscal_year


def test_strategy_office_previews_then_imports_a_workbook(page, login, strategy_user, year_2567):
    workbook = xlsx_bytes({
        "หน่วยงาน": [["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภทหน่วยงาน"], ["NEW", "สำนักงานใหม่", "สำนัก"]],
        "ตัวชี้วัด": sheet([indicator_row(number="1"), indicator_row(number="2", agency="NEW")]),
    })  # fmt: skip
    login("sam")
    page.goto("/indicators/dashboard/city/")
    page.get_by_role("link", name="นำเข้าไฟล์ข้อมูลทั้งไฟล์").click()

    page.get_by_label("ปีงบประมาณ").select_option("2567")
    page.get_by_label("ไฟล์ข้อมูล").set_input_files({"name": "kpi-2567.xlsx", "mimeType": XLSX, "buffer": workbook})
    page.get_by_role("button", name="ตรวจสอบไฟล์ (ทดลองนำเข้า)").click()

    assert "ตรวจสอบแล้ว รอยืนยันการนำเข้า" in page.locator(".job-status").inner_text()
    assert page.locator("table.import-counts tr", has_text="สร้างใหม่").locator("td").nth(1).inner_text() == "3"
    assert not Indicator.objects.exists()  # the preview saved nothing

    page.get_by_role("button", name="ยืนยันการนำเข้า").click()

    assert "นำเข้าแล้ว" in page.locator(".job-status").inner_text()
    assert "นำเข้าข้อมูลเรียบร้อยแล้ว" in page.content()
    assert Indicator.objects.count() == 2 and Agency.objects.filter(code="NEW").exists()
