import datetime as dt
import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.models import RoleKind
from indicators.services.reporting import ReportInput, report_save
from kpi_portal.lib.thai import fiscal_year_be
from tests.factories import (
    ApprovedIndicatorFactory,
    FiscalYearFactory,
    MissionGroupFactory,
    RoleFactory,
    UserFactory,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

_MAIN = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "xlsm": ("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
}


def ooxml_bytes(kind: str, *, with_vba: bool = False) -> bytes:
    """A minimal Office Open XML package: [Content_Types].xml naming its main part."""
    part, content_type = _MAIN[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr(part, "<x/>")
        if with_vba:
            archive.writestr("xl/vbaProject.bin", b"\x00" * 10)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def current_year(db):
    """The fiscal year today falls in, with Q1 due in 30 days whatever today is, so page submissions are on time."""
    import datetime as dt

    year = FiscalYearFactory(year_be=fiscal_year_be(timezone.localdate()), is_current=True)
    year.quarters.filter(quarter=1).update(report_deadline=timezone.localdate() + dt.timedelta(days=30))
    return year


@pytest.fixture
def indicator(fiscal_year, agency):
    return ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency, name="ร้อยละความสำเร็จของโครงการ HR SMART")


@pytest.fixture
def second_staff(agency):
    """bob: another KPI staff member of the same agency."""
    return RoleFactory(user=UserFactory(username="bob"), kind=RoleKind.AGENCY_STAFF, agency=agency).user


@pytest.fixture
def committee_user(fiscal_year, agency):
    """carol: sits on the mission-group committee that negotiates with `agency`."""
    group = MissionGroupFactory(fiscal_year=fiscal_year, members=[agency])
    return RoleFactory(
        user=UserFactory(username="carol"), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group
    ).user


@pytest.fixture
def media_files(settings, tmp_path):
    """Point storage at an empty directory and return a function listing every stored file."""
    settings.MEDIA_ROOT = str(tmp_path / "media")

    def stored():
        root = tmp_path / "media"
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []

    return stored


@pytest.fixture
def sent(indicator, staff_user):
    """The indicator's quarter-1 report, sent by the agency on 10 Jan 2024 (30 %, level 2)."""
    return report_save(
        indicator=indicator, quarter=1, user=staff_user,
        data=ReportInput(progress_percent=Decimal("30"), level_reached=Decimal("2"), narrative="ทำได้ร้อยละ 30"),
        expected_version=0, submit=True, now=dt.datetime(2024, 1, 10, 12, tzinfo=ZoneInfo("Asia/Bangkok")),
    )  # fmt: skip
