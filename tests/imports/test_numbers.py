"""Numbers as officials write them: Thai or Arabic digits, thousands separators and units."""

from decimal import Decimal

import pytest

from kpi_portal.lib.numbers import parse_number, parse_quantity, quantity_text
from kpi_portal.lib.spreadsheet_widgets import BEDateTimeWidget, BEYearWidget


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("ร้อยละ ๙๕", Decimal("95"), "ร้อยละ"),
        ("๑๒ โครงการ", Decimal("12"), "โครงการ"),
        ("1,390 ห้อง", Decimal("1390"), "ห้อง"),
        ("๑,๓๙๐.๕ ห้อง", Decimal("1390.5"), "ห้อง"),
        ("95%", Decimal("95"), "ร้อยละ"),
        ("ระดับ ๕", Decimal("5"), "ระดับ"),
        ("-2.5", Decimal("-2.5"), ""),
        (12.5, Decimal("12.5"), ""),
        (7, Decimal("7"), ""),
    ],
)
def test_numbers_with_units(text, value, unit):
    assert parse_quantity(text) == (value, unit)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("สิบ", "“สิบ” ไม่ใช่ตัวเลข"),
        ("1,39", "“1,39” ไม่ใช่ตัวเลขที่ถูกต้อง"),
        ("ร้อยละ ๑๐๐ (๓๖๐ ห้อง)", "“ร้อยละ ๑๐๐ (๓๖๐ ห้อง)” มีตัวเลขมากกว่าหนึ่งค่า"),
        ("", "ไม่มีค่าตัวเลข"),
    ],
)
def test_text_that_is_not_one_number_is_refused(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_number(text)


def test_buddhist_era_dates_and_years():
    widget = BEDateTimeWidget()
    assert widget.clean("31/03/2568").date().isoformat() == "2025-03-31"
    assert widget.clean("๓๑/๐๓/๒๕๖๘ ๑๔:๐๕").strftime("%Y-%m-%d %H:%M") == "2025-03-31 14:05"
    assert widget.render(widget.clean("31/03/2568 14:05")) == "31/03/2568 14:05"
    with pytest.raises(ValueError, match="พุทธศักราช"):
        widget.clean("31/03/2025")
    assert BEYearWidget().clean("๒๕๖๖") == 2566
    with pytest.raises(ValueError, match="พุทธศักราช"):
        BEYearWidget().clean("2023")


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("80.0000"), "ร้อยละ", "ร้อยละ 80"),
        (Decimal("5"), "ระดับ", "ระดับ 5"),
        (Decimal("1390"), "ห้อง", "1,390 ห้อง"),
        (Decimal("12.5"), "", "12.5"),
        (None, "ร้อยละ", ""),
    ],
)
def test_a_figure_is_written_with_its_unit_where_thai_puts_it(value, unit, text):
    assert quantity_text(value, unit) == text
    if value is not None:
        assert parse_quantity(text) == (value, unit)  # and reads back the same


def test_a_choice_column_reads_the_files_thai_labels_whatever_language_built_it():
    """The widgets are built when the resources' module loads; in an English request that must not make
    the file's “ผลลัพธ์” unknown."""
    from django.utils import translation

    from indicators.models import ResultType
    from kpi_portal.lib.spreadsheet_widgets import ChoiceLabelWidget

    with translation.override("en"):
        widget = ChoiceLabelWidget(ResultType.choices)
        assert widget.clean("ผลลัพธ์") == ResultType.OUTCOME
        assert widget.render(ResultType.OUTCOME) == "ผลลัพธ์"
