import re
import subprocess
import unicodedata
from decimal import Decimal

import pytest

from agencies.models import RoleKind
from indicators.models import AuditStatus, IndicatorStatus, QuarterAudit, QuarterlyReport, ReportStatus
from tests.factories import AgencyFactory, FiscalYearFactory, RoleFactory, UserFactory, seed_like_indicators

SKJ_NAME = "สำนักงานการเจ้าหน้าที่ สำนักปลัดกรุงเทพมหานคร"


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def pdf_text(pdf: bytes, *, mode: str = "layout") -> str:
    """The PDF's text as pdftotext extracts it (-layout or -raw), NFKC-normalised so ำ and ํา compare equal."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", f"-{mode}", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return nfkc(out)


def page_texts(pdf: bytes, *, mode: str = "layout") -> list[str]:
    return pdf_text(pdf, mode=mode).split("\f")[:-1]


def squeeze(text: str) -> str:
    """Text without whitespace: Thai has no spaces between words, so a wrapped cell reads whole again."""
    return re.sub(r"\s+", "", nfkc(text))


def pdf_info(pdf: bytes) -> dict:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_fonts(pdf: bytes) -> list[str]:
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return [line.split()[0] for line in out.splitlines()[2:] if line.strip()]


@pytest.fixture
def skj(db):
    """Fiscal year 2567 and an agency shaped like the seed's สำนักงานการเจ้าหน้าที่ with six approved indicators."""
    fiscal_year = FiscalYearFactory(year_be=2567)
    agency = AgencyFactory(code="SKJ", name_th=SKJ_NAME)
    indicators = seed_like_indicators(agency=agency, fiscal_year=fiscal_year)
    for indicator in indicators:
        indicator.status = IndicatorStatus.APPROVED
        indicator.save(update_fields=["status"])
    return fiscal_year, agency, indicators


@pytest.fixture
def skj_results(skj):
    """Quarter 2: indicator 1 audited at level 5; indicator 4 self-reported at level 3 (not audited)."""
    fiscal_year, agency, indicators = skj
    auditor = UserFactory(username="auditor")
    report = QuarterlyReport.objects.create(
        indicator=indicators[0], quarter=2, progress_percent=Decimal("100"), level_reached=Decimal("5"),
        narrative="จัดทำแผนและดำเนินการครบถ้วน", status=ReportStatus.SUBMITTED,
    )
    QuarterAudit.objects.create(
        indicator=indicators[0], quarter=2, report=report, verified_level=Decimal("5"),
        verified_progress_percent=Decimal("100"), status=AuditStatus.ACCEPTED, auditor=auditor,
    )
    QuarterlyReport.objects.create(
        indicator=indicators[3], quarter=2, progress_percent=Decimal("60"), level_reached=Decimal("3"),
        narrative="อยู่ระหว่างดำเนินการตามแผน", status=ReportStatus.SUBMITTED,
    )
    return skj


@pytest.fixture
def skj_staff(skj):
    _, agency, _ = skj
    return RoleFactory(user=UserFactory(username="somchai"), kind=RoleKind.AGENCY_STAFF, agency=agency).user
