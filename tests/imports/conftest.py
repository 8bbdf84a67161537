import io

import openpyxl
import pytest

from indicators.models import CompositionElement
from tests.factories import AgencyFactory, CompositionElementFactory, FiscalYearFactory


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A workbook built the way a user's Excel would save it: one sheet per title, first row headers."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


INDICATOR_HEADERS = [
    "รหัสหน่วยงาน", "ที่", "รหัสองค์ประกอบ", "ชื่อตัวชี้วัด", "เป้าหมาย", "ค่าเป้าหมาย", "น้ำหนักคะแนน",
    "ลักษณะเกณฑ์", "เกณฑ์ระดับ 5", "ค่าเกณฑ์ระดับ 5", "เกณฑ์ระดับ 4", "ค่าเกณฑ์ระดับ 4", "เกณฑ์ระดับ 3",
    "ค่าเกณฑ์ระดับ 3", "เกณฑ์ระดับ 2", "ค่าเกณฑ์ระดับ 2", "เกณฑ์ระดับ 1",
    "ข้อมูลพื้นฐาน 1 (ปี พ.ศ.)", "ข้อมูลพื้นฐาน 1 (ผล)",
]  # fmt: skip


def indicator_row(agency="OWN", number="๑", name="ร้อยละความสำเร็จของการจัดเก็บภาษี", weight="๑๐", **overrides):
    row = dict(zip(INDICATOR_HEADERS, [
        agency, number, "1.1", name, "ร้อยละ ๙๕", "ร้อยละ ๙๕", weight,
        "ค่าตัวเลข", "ร้อยละ ๙๕ ขึ้นไป", "๙๕", "ร้อยละ ๙๐", "๙๐", "ร้อยละ ๘๕", "๘๕", "ร้อยละ ๘๐", "๘๐", "ต่ำกว่าร้อยละ ๘๐",
        "๒๕๖๖", "1,390 ห้อง",
    ]))  # fmt: skip
    row.update(overrides)
    return row


def sheet(rows: list[dict], headers=None) -> list[list]:
    headers = headers or list(rows[0])
    return [headers] + [[row.get(h) for h in headers] for row in rows]


@pytest.fixture
def year_setup(db):
    fiscal_year = FiscalYearFactory(year_be=2567)
    CompositionElementFactory(fiscal_year=fiscal_year, code="1.1")
    AgencyFactory(code="OWN", name_th="สำนักงานของฉัน")
    AgencyFactory(code="OTHER", name_th="สำนักงานอื่น")
    assert CompositionElement.objects.count() == 1
    return fiscal_year
