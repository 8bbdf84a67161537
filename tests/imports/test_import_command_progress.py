"""`import_kpis` tells the person waiting how far it has read: a line every tenth in a log, one line
rewritten in place on a terminal, nothing at --verbosity 0."""

import io

import pytest
from django.core.management import CommandError, call_command

from indicators.management.commands import import_kpis
from indicators.models import Indicator
from indicators.services.imports import CellError, ImportReport

from .conftest import indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def twenty_rows(year_setup, tmp_path):
    path = tmp_path / "kpi.xlsx"
    path.write_bytes(xlsx_bytes({"ตัวชี้วัด": sheet([indicator_row(number=str(n)) for n in range(1, 21)])}))
    return str(path)


def test_a_log_gets_a_progress_line_every_tenth(twenty_rows):
    err = io.StringIO()

    call_command("import_kpis", twenty_rows, "--year", "2567", stderr=err)

    lines = err.getvalue().splitlines()
    assert lines[0] == "อ่านแล้ว 0 จาก 20 แถว (0%)"
    assert lines[1] == "อ่านแล้ว 2 จาก 20 แถว (10%)"
    assert lines[-1] == "อ่านแล้ว 20 จาก 20 แถว (100%)"
    assert len(lines) == 11 and "\r" not in err.getvalue()
    assert Indicator.objects.count() == 20


def test_a_terminal_gets_one_line_rewritten_in_place(twenty_rows):
    err = Terminal()

    call_command("import_kpis", twenty_rows, "--year", "2567", "--dry-run", stderr=err)

    shown = err.getvalue()
    assert shown.startswith("\rอ่านแล้ว 0 จาก 20 แถว (0%)\rอ่านแล้ว 1 จาก 20 แถว (5%)")
    assert shown.endswith("\rอ่านแล้ว 20 จาก 20 แถว (100%)\n") and shown.count("\n") == 1
    assert shown.count("\r") == 21 and "\x1b[" not in shown  # not coloured as an error


def test_an_import_that_stops_part_way_leaves_no_progress_line_open(year_setup, tmp_path, monkeypatch):
    def stops_at_three_of_ten(*, on_progress, **kwargs):
        on_progress(0, 10), on_progress(3, 10)
        report = ImportReport(dry_run=False)
        report.errors.append(CellError("ตัวชี้วัด", 5, None, "ข้อมูลผิดรูปแบบ"))
        return report

    monkeypatch.setattr(import_kpis, "import_spreadsheet", stops_at_three_of_ten)
    path = tmp_path / "kpi.xlsx"
    path.write_bytes(b"read by the fake")
    err = Terminal()

    with pytest.raises(CommandError):
        call_command("import_kpis", str(path), "--year", "2567", stderr=err)

    assert err.getvalue().endswith("\rอ่านแล้ว 3 จาก 10 แถว (30%)\nตัวชี้วัด แถวที่ 5: ข้อมูลผิดรูปแบบ\n")


def test_verbosity_zero_prints_no_progress(twenty_rows):
    err = io.StringIO()

    call_command("import_kpis", twenty_rows, "--year", "2567", "--verbosity", "0", stderr=err)

    assert err.getvalue() == "" and Indicator.objects.count() == 20
