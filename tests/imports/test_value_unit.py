"""The indicator sheet's optional column "หน่วยของค่าที่วัดได้": files with it set the unit, older files without it
still import (the measured value is then in the target's unit)."""

import csv
import io

import openpyxl
import pytest

from agencies.models import Agency
from indicators.models import Indicator
from indicators.services.imports import blank_template, export_spreadsheet, import_spreadsheet
from tests.factories import IndicatorFactory

from .conftest import indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db

COLUMN = "หน่วยของค่าที่วัดได้"


def imported(rows):
    report = import_spreadsheet(data=xlsx_bytes({"ตัวชี้วัด": sheet(rows)}), filename="kpi.xlsx", year_be=2567)
    assert report.ok, [str(e) for e in report.errors]
    return Indicator.objects.get()


def test_a_file_with_the_column_sets_the_unit(year_setup):
    indicator = imported([indicator_row(**{"หน่วยนับ": "ร้อยละ", COLUMN: "วัน"})])

    assert (indicator.target_unit, indicator.value_unit, indicator.measured_unit) == ("ร้อยละ", "วัน", "วัน")


def test_an_older_file_without_the_column_still_imports_and_leaves_it_blank(year_setup):
    row = indicator_row(**{"หน่วยนับ": "ร้อยละ"})
    assert COLUMN not in row

    indicator = imported([row])

    assert (indicator.value_unit, indicator.measured_unit) == ("", "ร้อยละ")


def test_the_export_and_the_blank_template_have_the_column(year_setup):
    own = Agency.objects.get(code="OWN")
    IndicatorFactory(fiscal_year=year_setup, agency=own, number=1, target_unit="ร้อยละ", value_unit="วัน")

    exported = export_spreadsheet(year_be=2567, fmt="csv", kind="indicators")["indicators"].decode("utf-8-sig")
    header, first = list(csv.reader(io.StringIO(exported)))[:2]
    template = openpyxl.load_workbook(io.BytesIO(blank_template(kind="indicators")))

    assert first[header.index(COLUMN)] == "วัน"
    assert COLUMN in [cell.value for cell in next(template.worksheets[0].iter_rows(max_row=1))]
