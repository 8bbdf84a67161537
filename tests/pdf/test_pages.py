"""Pagination: header rows repeat, rows never split, pages are numbered "หน้า x/y"."""

import re

import pytest

from indicators import documents
from kpi_portal.lib.pdf import render_pdf
from tests.factories import AgencyFactory, FiscalYearFactory, seed_like_indicators

from .conftest import page_texts, pdf_info, squeeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_summary(db):
    """A summary table of 30 indicators: several landscape pages."""
    fiscal_year = FiscalYearFactory(year_be=2567)
    agency = AgencyFactory(name_th="สำนักงานเขตทดสอบหลายหน้า")
    seed_like_indicators(agency=agency, fiscal_year=fiscal_year, count=30)
    return render_pdf(
        template_name="pdf/summary_form.html",
        context=documents.summary_form_context(fiscal_year=fiscal_year, agency=agency),
    )


def test_table_header_repeats_on_every_page(long_summary):
    pages = page_texts(long_summary, mode="raw")
    assert len(pages) >= 3
    header = squeeze("ที่ ชื่อตัวชี้วัด ผลการดำเนินงานย้อนหลัง ๓ ปี เป้าหมาย น้ำหนักคะแนน")
    assert all(header in squeeze(page) for page in pages)


def test_a_row_never_splits_between_pages(long_summary):
    seen = []
    for page in page_texts(long_summary, mode="raw"):
        text = squeeze(page)
        numbers = re.findall(r"(?:^|\n)([๐-๙]+)\. ", page)
        seen += numbers
        # Each row carries three baseline lines; all three stay with the row on its page.
        assert text.count(squeeze("พ.ศ. ๒๕๖๔ : ไม่มี")) == text.count(squeeze("พ.ศ. ๒๕๖๖ : ไม่มี")) == len(numbers)
    assert len(seen) == 30


def test_pages_are_numbered_this_of_total(long_summary):
    pages = page_texts(long_summary, mode="raw")
    total = int(pdf_info(long_summary)["Pages"])
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    for number, page in enumerate(pages, start=1):
        assert squeeze(f"หน้า {number}/{total}".translate(thai)) in squeeze(page)
    assert squeeze("พิมพ์เมื่อ") in squeeze(pages[-1])
