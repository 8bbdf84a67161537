"""File safety (macros, XML bombs, size), formula neutralisation, templates, commands and the round trip."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import openpyxl.xml
import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency
from indicators.models import CompositionElement, Indicator, IndicatorBaseline, QuarterlyReport
from indicators.services import spreadsheets
from indicators.services.imports import blank_template, export_spreadsheet, import_spreadsheet
from tests.factories import AgencyFactory, IndicatorFactory, QuarterlyReportFactory

from .conftest import indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db


def refusal(data, filename="kpi.xlsx"):
    report = import_spreadsheet(data=data, filename=filename, year_be=2567)
    assert not report.ok
    return report.errors[0].message


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_xml_bomb_is_refused(year_setup):
    good = xlsx_bytes({"ตัวชี้วัด": sheet([indicator_row()])})
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    source, target = io.BytesIO(good), io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, bomb if item.filename == "xl/worksheets/sheet1.xml" else zin.read(item))

    assert refusal(target.getvalue()).startswith("อ่านไฟล์ .xlsx ไม่ได้หรือไฟล์มีโครงสร้างที่ไม่ปลอดภัย")
    assert Indicator.objects.count() == 0


def test_macro_enabled_files_are_refused(year_setup):
    good = xlsx_bytes({"ตัวชี้วัด": sheet([indicator_row()])})
    assert refusal(good, filename="kpi.xlsm").startswith("ไม่รับไฟล์ที่มีมาโคร")
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("xl/vbaProject.bin", b"\x00" * 64)
    assert refusal(target.getvalue()) == "ไม่รับไฟล์ที่มีมาโคร (VBA) กรุณาบันทึกเป็น .xlsx ที่ไม่มีมาโคร"


def test_oversized_and_fake_files_are_refused(year_setup, monkeypatch):
    assert refusal(b"not a zip at all") == "ไฟล์ไม่ใช่ไฟล์ .xlsx ที่ถูกต้อง"
    monkeypatch.setattr(spreadsheets, "MAX_UPLOAD_BYTES", 1024)
    assert "ใหญ่เกินกำหนด" in refusal(b"x" * 2048, filename="kpi.csv")


def test_csv_in_thai_windows_encoding_is_read(year_setup):
    rows = sheet([indicator_row()])
    text = "\n".join(",".join(str(v) for v in row) for row in rows)

    report = import_spreadsheet(data=text.encode("cp874"), filename="kpi.csv", year_be=2567)

    assert report.ok, [str(e) for e in report.errors]
    assert Indicator.objects.get().name == "ร้อยละความสำเร็จของการจัดเก็บภาษี"


def test_export_neutralises_formulas_but_keeps_numbers(year_setup):
    own = Agency.objects.get(code="OWN")
    IndicatorFactory(fiscal_year=year_setup, agency=own, number=1, name="=HYPERLINK(\"http://x\")", weight=Decimal("12.5"))
    IndicatorFactory(fiscal_year=year_setup, agency=own, number=2, name="+1+2", definition="@SUM(A1)")
    IndicatorFactory(fiscal_year=year_setup, agency=own, number=3, name="-ลบ", target_unit="ห้อง")

    workbook = openpyxl.load_workbook(io.BytesIO(export_spreadsheet(year_be=2567, kind="indicators")))
    rows = list(workbook["ตัวชี้วัด"].iter_rows())
    headers = [cell.value for cell in rows[0]]
    by_number = {row[headers.index("ที่")].value: dict(zip(headers, row)) for row in rows[1:]}

    # In an .xlsx the texts are text cells: read exactly as typed (no ' in front), and never formulas.
    assert by_number[1]["ชื่อตัวชี้วัด"].value == "=HYPERLINK(\"http://x\")"
    assert by_number[2]["ชื่อตัวชี้วัด"].value == "+1+2"
    assert by_number[2]["นิยาม"].value == "@SUM(A1)"
    assert by_number[3]["ชื่อตัวชี้วัด"].value == "-ลบ"
    texts = [by_number[1]["ชื่อตัวชี้วัด"], by_number[2]["ชื่อตัวชี้วัด"], by_number[2]["นิยาม"], by_number[3]["ชื่อตัวชี้วัด"]]
    assert {cell.data_type for cell in texts} == {"s"}
    assert by_number[1]["น้ำหนักคะแนน"].value == 12.5  # a number cell, not text
    assert isinstance(by_number[1]["ที่"].value, int)
    csv_text = export_spreadsheet(year_be=2567, fmt="csv", kind="indicators")["indicators"].decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+1+2" in csv_text and "\n=" not in csv_text


def test_round_trip_into_an_empty_database(year_setup, tmp_path):
    own, other = Agency.objects.get(code="OWN"), Agency.objects.get(code="OTHER")
    CompositionElement.objects.create(fiscal_year=year_setup, code="2", name="Agenda Base", weight=20, order=2)
    first = IndicatorFactory(
        fiscal_year=year_setup, agency=own, number=1, name="=สูตรอันตราย", status="approved", value_unit="วัน"
    )
    IndicatorBaseline.objects.create(indicator=first, year_be=2565, value_text="ร้อยละ ๘๐", value_number=80)
    IndicatorBaseline.objects.create(indicator=first, year_be=2566, value_text="ไม่มี")
    second = IndicatorFactory(
        fiscal_year=year_setup, agency=other, number=1, element=CompositionElement.objects.get(code="2"),
        rubric_kind="numeric", target_value=Decimal("1390"), target_unit="ห้อง", weight=Decimal("20"),
        status="approved",
    )  # fmt: skip
    for level in (5, 4, 3, 2):
        second.rubric_levels.filter(level=level).update(threshold=Decimal(1390 - (5 - level) * 60))
    second.rubric_levels.filter(level=5).update(threshold_exclusive=True)
    # Each report holds the figure its rubric scores: a level for the milestone, a value for the numeric one.
    QuarterlyReportFactory(
        indicator=first, quarter=1, progress_percent=Decimal("25.5"), level_reached=Decimal("3.5"), narrative="-ล่าช้า"
    )
    QuarterlyReportFactory(indicator=second, quarter=2, measured_value=Decimal("1200"))

    def snapshot():
        return {
            "agencies": sorted(Agency.objects.values_list("code", "name_th", "kind", "is_active")),
            "elements": sorted(CompositionElement.objects.values_list("code", "name", "weight", "order")),
            "indicators": sorted(
                Indicator.objects.values_list("agency__code", "number", "element__code", "name", "status", "weight",
                                              "target_value", "target_unit", "target_text", "value_unit",
                                              "rubric_kind")
            ),
            "rubrics": sorted(
                Indicator.objects.values_list("agency__code", "number", "rubric_levels__level",
                                              "rubric_levels__criterion", "rubric_levels__threshold",
                                              "rubric_levels__threshold_exclusive", "rubric_levels__success_percent")
            ),
            "baselines": sorted(IndicatorBaseline.objects.values_list("indicator__number", "year_be", "value_text")),
            "results": sorted(
                QuarterlyReport.objects.values_list("indicator__agency__code", "indicator__number", "quarter",
                                                    "progress_percent", "measured_value", "level_reached", "narrative",
                                                    "status")
            ),
        }  # fmt: skip

    before = snapshot()
    path = tmp_path / "kpi-2567.xlsx"
    call_command("export_kpis", "--year", "2567", "-o", str(path))

    QuarterlyReport.objects.all().delete()
    Indicator.objects.all().delete()
    CompositionElement.objects.all().delete()
    Agency.objects.all().delete()
    call_command("import_kpis", str(path), "--year", "2567")

    assert snapshot() == before
    assert Indicator.objects.get(number=1, agency__code="OWN").name == "=สูตรอันตราย"


def test_blank_templates_have_thai_headers_and_an_example_that_imports(year_setup):
    AgencyFactory(code="1001", name_th="สำนักงานเขตพระนคร")
    workbook = openpyxl.load_workbook(io.BytesIO(blank_template(kind="indicators")))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert workbook.active.title == "ตัวชี้วัด"
    assert rows[0][:4] == ("รหัสหน่วยงาน", "ที่", "รหัสองค์ประกอบ", "รหัสตัวชี้วัด")
    assert len(rows) == 2

    report = import_spreadsheet(data=blank_template(kind="indicators", fmt="csv"), filename="t.csv", year_be=2567)

    assert report.ok, [str(e) for e in report.errors]
    assert Indicator.objects.get().weight == 10


def test_import_command_dry_run_prints_plan_and_writes_nothing(year_setup, tmp_path, capsys):
    path = tmp_path / "kpi.xlsx"
    path.write_bytes(xlsx_bytes({"ตัวชี้วัด": sheet([indicator_row()])}))

    call_command("import_kpis", str(path), "--year", "2567", "--dry-run")

    out = capsys.readouterr().out
    assert "ตัวชี้วัด แถวที่ 2: สร้างใหม่ OWN ที่ 1" in out
    assert "ทดลองนำเข้า (ไม่ได้บันทึก): สร้างใหม่ 1" in out
    assert Indicator.objects.count() == 0


def test_import_command_fails_loudly_on_errors(year_setup, tmp_path, capsys):
    path = tmp_path / "kpi.xlsx"
    path.write_bytes(xlsx_bytes({"ตัวชี้วัด": sheet([indicator_row(weight="abc")])}))

    with pytest.raises(CommandError, match="ไม่ได้บันทึกข้อมูลใดเลย"):
        call_command("import_kpis", str(path), "--year", "2567")

    assert "แถวที่ 2 คอลัมน์ “น้ำหนักคะแนน”: “abc” ไม่ใช่ตัวเลข" in capsys.readouterr().err


def test_unchanged_export_of_web_typed_text_reimports_without_changes(year_setup):
    """A browser's textarea sends CRLF line ends; an .xlsx stores them as LF. Re-importing an unchanged
    export must not see those texts as edits (which an approved indicator refuses)."""
    own = Agency.objects.get(code="OWN")
    approved = IndicatorFactory(
        fiscal_year=year_setup, agency=own, number=1, status="approved", definition="บรรทัดแรก\r\nบรรทัดที่สอง"
    )
    approved.rubric_levels.filter(level=5).update(criterion="- ขั้นที่ ๑\r\n- ขั้นที่ ๒")
    draft = IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OTHER"), number=1,
                             outputs="ผลผลิต ๑\r\nผลผลิต ๒")

    report = import_spreadsheet(data=export_spreadsheet(year_be=2567, kind="indicators"), filename="kpi.xlsx",
                                year_be=2567)

    assert report.ok, [str(e) for e in report.errors]
    assert [row.action for row in report.rows] == ["ไม่เปลี่ยนแปลง", "ไม่เปลี่ยนแปลง"], [str(r) for r in report.rows]
    draft.refresh_from_db()
    assert draft.version == 1
