"""The indicator sheet's optional columns "ไม่นับค่าที่เท่ากับค่าเกณฑ์ระดับ N": ใช่ makes a level's threshold exclusive
("มากกว่าร้อยละ ๙๕"); files without them import with every threshold inclusive, as before."""

import csv
import io

import pytest

from agencies.models import Agency
from indicators.models import Indicator
from indicators.services.imports import export_spreadsheet, import_spreadsheet
from tests.factories import ScoredIndicatorFactory

from .conftest import indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db

COLUMN = "ไม่นับค่าที่เท่ากับค่าเกณฑ์ระดับ 5"


def run(rows):
    return import_spreadsheet(data=xlsx_bytes({"ตัวชี้วัด": sheet(rows)}), filename="kpi.xlsx", year_be=2567)


def flags():
    return dict(Indicator.objects.get().rubric_levels.values_list("level", "threshold_exclusive"))


def test_a_file_with_the_column_makes_the_level_exclusive(year_setup):
    report = run([indicator_row(**{COLUMN: "ใช่"})])

    assert report.ok, [str(e) for e in report.errors]
    assert flags() == {5: True, 4: False, 3: False, 2: False, 1: False}


def test_an_older_file_without_the_columns_imports_every_threshold_inclusive(year_setup):
    row = indicator_row()
    assert COLUMN not in row

    assert run([row]).ok
    assert set(flags().values()) == {False}


def test_a_value_that_is_not_yes_or_no_is_refused_and_nothing_is_saved(year_setup):
    report = run([indicator_row(**{COLUMN: "บางที"})])

    assert not report.ok
    assert any("ต้องเป็น ใช่ หรือ ไม่ใช่" in str(error) for error in report.errors)
    assert not Indicator.objects.exists()


def test_the_export_says_which_thresholds_are_exclusive(year_setup):
    indicator = ScoredIndicatorFactory(
        fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=1, rubric_kind="mixed",
        rubric_direction="lower", rubric={5: 80, 4: 90},
    )  # fmt: skip
    indicator.rubric_levels.filter(level=5).update(threshold_exclusive=True)

    exported = export_spreadsheet(year_be=2567, fmt="csv", kind="indicators")["indicators"].decode("utf-8-sig")
    header, first = list(csv.reader(io.StringIO(exported)))[:2]

    assert first[header.index(COLUMN)] == "ใช่"
    assert first[header.index("ไม่นับค่าที่เท่ากับค่าเกณฑ์ระดับ 4")] == "ไม่ใช่"
    assert first[header.index("ไม่นับค่าที่เท่ากับค่าเกณฑ์ระดับ 3")] == ""  # a milestone level has no threshold
