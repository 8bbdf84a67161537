import subprocess
import unicodedata

import pytest

from tests.factories import AgencyFactory, FiscalYearFactory, seed_like_indicators


def pdf_text(pdf: bytes, *, layout: bool = True) -> str:
    """The PDF's text as pdftotext extracts it, NFKC-normalised (ำ and ํา compare equal)."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + ["-", "-"]
    out = subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()
    return unicodedata.normalize("NFKC", out)


def page_texts(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def pdf_info(pdf: bytes) -> dict:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.fixture
def skj(db):
    """A fiscal year 2567 agency shaped like the seed's สำนักงานการเจ้าหน้าที่ with six indicators."""
    fiscal_year = FiscalYearFactory(year_be=2567)
    agency = AgencyFactory(code="SKJ", name_th="สำนักงานการเจ้าหน้าที่ สำนักปลัดกรุงเทพมหานคร")
    indicators = seed_like_indicators(agency=agency, fiscal_year=fiscal_year)
    return fiscal_year, agency, indicators
