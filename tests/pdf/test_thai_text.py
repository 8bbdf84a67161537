"""Thai text in the PDF: copying it gives the source back (SARA AM), and lines wrap between words."""

import re

import pytest

from indicators import documents
from kpi_portal.lib import pdf as pdf_lib
from kpi_portal.lib.thai import to_thai_digits
from tests.factories import AgencyFactory, FiscalYearFactory, IndicatorFactory

from .conftest import nfkc, pdf_text, squeeze

pytestmark = pytest.mark.django_db

# Every ำ word the forms use, plus กว้างขวาง: after one น้ำ, an unfixed PDF copies its SARA AA as "้ำ".
SARA_AM_PARAGRAPH = (
    "น้ำหนักคะแนนกำหนดตามจำนวนคำรับรองที่ดำเนินการ น้ำ กำหนด ดำเนินการ ทำ คำ จำนวน "
    "กว้างขวาง สำนักงาน ประจำปี ชำรุด จำเป็น อำนาจ ตำแหน่ง ต่ำกว่า ซ้ำ ค่ำ นำเสนอ กำกับ "
    "ทำให้น้ำท่วมขังลดลง และสำรวจความพึงพอใจ"
)


def paragraph_pdf(text: str, *, fix: bool = True) -> bytes:
    html = f'<html lang="th"><body><p style="width: 240mm">{text}</p></body></html>'
    if fix:
        html = pdf_lib.prepare_text(html, thai_digits=True)
    return pdf_lib.html_to_pdf(html)


@pytest.mark.parametrize("mode", ["raw", "layout"])
def test_sara_am_words_copy_as_the_source(mode):
    text = pdf_text(paragraph_pdf(SARA_AM_PARAGRAPH), mode=mode)
    assert squeeze(text) == squeeze(SARA_AM_PARAGRAPH + " หน้า ๑/๑")


def test_without_the_fix_sara_am_copies_wrongly():
    """The control: the same paragraph handed to WeasyPrint as typed shows the bug the fix removes."""
    text = squeeze(pdf_text(paragraph_pdf(SARA_AM_PARAGRAPH, fix=False), mode="raw"))
    assert text != squeeze(SARA_AM_PARAGRAPH)
    assert nfkc("กว้้ำงขว้ำง") in text and nfkc("ก้ำหนด") in text


def test_sara_am_in_a_real_document_copies_as_the_source(db):
    fiscal_year = FiscalYearFactory(year_be=2567)
    indicator = IndicatorFactory(fiscal_year=fiscal_year, agency=AgencyFactory(), definition=SARA_AM_PARAGRAPH)
    pdf = pdf_lib.render_pdf(
        template_name="pdf/indicator_sheet.html", context=documents.indicator_sheet_context(indicator=indicator)
    )
    assert squeeze(SARA_AM_PARAGRAPH) in squeeze(pdf_text(pdf, mode="raw"))


# Dictionary words; libthai may break between any two of them (compounds are listed as their parts).
WORDS = (
    "การ ดำเนิน งาน ตาม แผน กำหนด ให้ มี การ จัด ทำ รายงาน ผล การ ดำเนิน งาน ประจำ ปี งบ ประมาณ และ นำ เสนอ "
    "คณะ กรรมการ เพื่อ พิจารณา น้ำ หนัก คะแนน ตาม จำนวน โครง การ ที่ ทำ สำเร็จ ภายใน ระยะ เวลา ที่ กำหนด "
    "โดย มี ผู้ รับผิดชอบ ติดตาม ผล การ ดำเนิน งาน อย่าง ต่อเนื่อง ทุก ไตรมาส"
).split()


def test_long_thai_cell_wraps_between_words(db):
    fiscal_year = FiscalYearFactory(year_be=2567)
    agency = AgencyFactory()
    name = "".join(WORDS)
    IndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=1, name=name)
    pdf = pdf_lib.render_pdf(
        template_name="pdf/summary_form.html",
        context=documents.summary_form_context(fiscal_year=fiscal_year, agency=agency),
    )

    # In content order the name cell's lines follow the row number "๑." (which shares the first line).
    lines = [line.strip() for line in pdf_text(pdf, mode="raw").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("๑. "))
    lines[start] = lines[start].removeprefix("๑. ")
    cell, read = [], ""
    for line in lines[start:]:
        cell.append(line)
        read += line
        if len(read) >= len(nfkc(name)):
            break
    assert read == nfkc(name)
    assert len(cell) >= 3, cell  # the cell really wrapped

    boundaries = {0}
    for word in WORDS:
        boundaries.add(max(boundaries) + len(nfkc(word)))
    offset = 0
    for line in cell[:-1]:
        offset += len(line)
        assert offset in boundaries, f"line break inside a word after {line!r}"


def test_thai_digits_never_touch_markup_or_entities():
    html = '<td class="level-5" data-x="10">ระดับ 5 &#x27;ok&#x27; 2567</td>'
    assert pdf_lib.prepare_text(html, thai_digits=True) == (
        '<td class="level-5" data-x="10">ระดับ ๕ &#x27;ok&#x27; ๒๕๖๗</td>'
    )
    assert pdf_lib.prepare_text(html, thai_digits=False) == html
    assert pdf_lib.prepare_text("<p>น้ำ</p>", thai_digits=True) == "<p>น้\u0e4d\u0e32</p>"
    assert to_thai_digits("10") == "๑๐"
    assert re.fullmatch(r"[๐-๙]+", to_thai_digits("2567"))
