"""Each kind of bad input is reported in Thai against its row and column, and nothing at all is written."""

import pytest

from agencies.models import Agency
from indicators.models import AgencyPackage, Indicator, PackageStatus, QuarterlyReport, RubricLevel
from indicators.services.imports import import_spreadsheet
from tests.factories import IndicatorFactory

from .conftest import INDICATOR_HEADERS, indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_for_own(year_setup):
    from agencies.models import RoleKind
    from tests.factories import RoleFactory

    return RoleFactory(kind=RoleKind.AGENCY_STAFF, agency=Agency.objects.get(code="OWN")).user


def run(sheets, dry_run=False, filename="kpi.xlsx"):
    return import_spreadsheet(data=xlsx_bytes(sheets), filename=filename, year_be=2567, dry_run=dry_run)


def errors_at(report, column):
    return [(e.row, e.message) for e in report.errors if e.column == column]


def assert_nothing_written():
    assert Indicator.objects.count() == 0
    assert RubricLevel.objects.count() == 0


def test_thai_digits_units_and_separators_are_read_as_numbers(year_setup):
    report = run({"ตัวชี้วัด": sheet([indicator_row(number="๑", weight="๑๐")])})

    assert report.ok, [str(e) for e in report.errors]
    indicator = Indicator.objects.get()
    assert (indicator.number, indicator.weight, indicator.target_value) == (1, 10, 95)
    assert indicator.target_text == "ร้อยละ ๙๕"
    assert [r.threshold for r in indicator.rubric_levels.order_by("-level")][:4] == [95, 90, 85, 80]
    baseline = indicator.baselines.get()
    assert (baseline.year_be, baseline.value_text, baseline.value_number) == (2566, "1,390 ห้อง", 1390)


def test_missing_column_is_named_and_nothing_is_written(year_setup):
    rows = sheet([indicator_row()], headers=[h for h in INDICATOR_HEADERS if h != "น้ำหนักคะแนน"])

    report = run({"ตัวชี้วัด": rows})

    assert errors_at(report, "น้ำหนักคะแนน") == [(1, "ไม่พบคอลัมน์ที่ต้องมี")]
    assert_nothing_written()


def test_weight_that_is_not_a_number_fails_the_whole_file(year_setup):
    report = run({"ตัวชี้วัด": sheet([indicator_row(number="1"), indicator_row(number="2", weight="สิบคะแนน")])})

    assert errors_at(report, "น้ำหนักคะแนน") == [(3, "“สิบคะแนน” ไม่ใช่ตัวเลข")]
    assert_nothing_written()


def test_unknown_agency_code(year_setup):
    report = run({"ตัวชี้วัด": sheet([indicator_row(number="1"), indicator_row(agency="ไม่มี", number="2")])})

    assert errors_at(report, "รหัสหน่วยงาน") == [(3, "ไม่พบรหัสหน่วยงาน “ไม่มี”")]
    assert_nothing_written()


def test_duplicate_indicator_in_one_file(year_setup):
    report = run({"ตัวชี้วัด": sheet([indicator_row(number="1"), indicator_row(number="๑", name="ซ้ำ")])})

    assert errors_at(report, "ที่") == [(3, "ซ้ำกับแถวที่ 2 ในไฟล์เดียวกัน")]
    assert_nothing_written()


def test_rubric_missing_a_level(year_setup):
    report = run({"ตัวชี้วัด": sheet([indicator_row(number="1"), indicator_row(number="2", **{"เกณฑ์ระดับ 3": ""})])})

    assert errors_at(report, "เกณฑ์ระดับ 3") == [(3, "ต้องระบุเกณฑ์ของระดับ 3 (ครบทั้ง ๕ ระดับ)")]
    assert_nothing_written()


def test_numeric_rubric_thresholds_out_of_order(year_setup):
    report = run({"ตัวชี้วัด": sheet([indicator_row(number="1", **{"ค่าเกณฑ์ระดับ 4": "๙๘"})])})

    assert errors_at(report, "ค่าเกณฑ์ระดับ 4") == [(2, "ค่าเกณฑ์ระดับ 4 ต้องน้อยกว่าระดับ 5 (ยิ่งมากยิ่งดี)")]
    assert_nothing_written()


def test_reported_level_outside_zero_to_five(year_setup):
    IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=1, status="approved")
    headers = ["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ระดับที่ได้"]

    report = run({"ผลรายไตรมาส": [headers, ["OWN", 1, 1, "๓"], ["OWN", 1, 2, "ระดับ ๗"]]})

    assert errors_at(report, "ระดับที่ได้") == [(3, "ระดับที่ได้ต้องอยู่ระหว่าง ๐ ถึง ๕ (ได้ 7)")]
    assert QuarterlyReport.objects.count() == 0


def test_a_figure_the_rubric_does_not_score_is_refused_in_its_column(year_setup):
    own = Agency.objects.get(code="OWN")
    IndicatorFactory(fiscal_year=year_setup, agency=own, number=1, status="approved", rubric_kind="numeric")
    IndicatorFactory(fiscal_year=year_setup, agency=own, number=2, status="approved", rubric_kind="milestone")
    headers = ["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ค่าที่วัดได้", "ระดับที่ได้"]

    report = run({"ผลรายไตรมาส": [headers, ["OWN", 1, 1, "1,390", None], ["OWN", 1, 2, "1,400", "๓"],
                                  ["OWN", 2, 1, "๑๒", "๒"]]})  # fmt: skip

    assert errors_at(report, "ระดับที่ได้") == [
        (3, "เกณฑ์ของตัวชี้วัดนี้เป็นแบบค่าตัวเลข ไม่ใช้ระดับที่ได้ กรุณาเว้นว่างไว้")
    ]
    assert errors_at(report, "ค่าที่วัดได้") == [
        (4, "เกณฑ์ของตัวชี้วัดนี้เป็นแบบขั้นตอนความสำเร็จ (Milestone) ไม่ใช้ค่าที่วัดได้ กรุณาเว้นว่างไว้")
    ]
    assert QuarterlyReport.objects.count() == 0


def test_a_failing_sheet_rolls_back_earlier_sheets(year_setup):
    agencies = [["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภทหน่วยงาน"], ["NEW", "สำนักใหม่", "สำนัก"]]
    indicators = sheet([indicator_row(agency="NEW", number="1", weight="ไม่ระบุ")])

    report = run({"หน่วยงาน": agencies, "ตัวชี้วัด": indicators})

    assert not report.ok
    assert not Agency.objects.filter(code="NEW").exists()
    assert_nothing_written()


def test_dry_run_reports_creations_and_changes_without_writing(year_setup):
    run({"ตัวชี้วัด": sheet([indicator_row(number="1")])})
    rows = [indicator_row(number="1", name="ชื่อใหม่", weight="๒๐"), indicator_row(number="2")]

    report = run({"ตัวชี้วัด": sheet(rows)}, dry_run=True)

    assert report.ok and not report.committed
    changed = report.rows[0]
    assert (changed.row, changed.action, changed.changed) == (2, "แก้ไข", ["ชื่อตัวชี้วัด", "น้ำหนักคะแนน"])
    assert (report.rows[1].action, report.rows[1].label) == ("สร้างใหม่", "OWN ที่ 2 ร้อยละความสำเร็จของการจัดเก็บภาษี")
    assert list(Indicator.objects.values_list("number", "name", "weight")) == [
        (1, "ร้อยละความสำเร็จของการจัดเก็บภาษี", 10)
    ]


def test_approved_indicator_cannot_be_changed_by_import(year_setup):
    run({"ตัวชี้วัด": sheet([indicator_row(number="1")])})
    Indicator.objects.update(status="approved")
    unchanged = run({"ตัวชี้วัด": sheet([indicator_row(number="1", **{"สถานะ": "อนุมัติ (ถือเป็นข้อยุติ)"})])})
    assert unchanged.ok and unchanged.rows[0].action == "ไม่เปลี่ยนแปลง"

    report = run({"ตัวชี้วัด": sheet([indicator_row(number="1", name="แก้หลังอนุมัติ", **{"สถานะ": "อนุมัติ (ถือเป็นข้อยุติ)"})])})

    assert [e.message for e in report.errors] == ["ตัวชี้วัดที่อนุมัติแล้ว (ถือเป็นข้อยุติ) แก้ไขผ่านการนำเข้าไม่ได้"]
    assert Indicator.objects.get().name == "ร้อยละความสำเร็จของการจัดเก็บภาษี"


def test_buddhist_era_dates_are_read_as_buddhist_era(year_setup):
    IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=1, status="approved")
    headers = ["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ผลงานสะสม (ร้อยละ)", "ระดับที่ได้", "สถานะ", "วันที่ส่ง"]

    report = run({"ผลรายไตรมาส": [headers, ["OWN", "๑", "๒", "ร้อยละ ๔๐", "๒", "ส่งแล้ว", "๓๑/๐๓/๒๕๖๘"]]})

    assert report.ok, [str(e) for e in report.errors]
    result = QuarterlyReport.objects.get()
    assert result.progress_percent == 40
    assert result.submitted_at.astimezone().date().isoformat() == "2025-03-31"


def test_christian_era_baseline_year_is_refused(year_setup):
    report = run({"ตัวชี้วัด": sheet([indicator_row(**{"ข้อมูลพื้นฐาน 1 (ปี พ.ศ.)": "2023"})])})

    assert errors_at(report, "ข้อมูลพื้นฐาน 1 (ปี พ.ศ.)") == [(2, "ปี “2023” ต้องเป็นปีพุทธศักราช (พ.ศ.) เช่น ๒๕๖๖")]
    assert_nothing_written()


def test_unknown_fiscal_year(year_setup):
    report = import_spreadsheet(
        data=xlsx_bytes({"ตัวชี้วัด": sheet([indicator_row()])}), filename="k.xlsx", year_be=2599
    )
    assert [e.message for e in report.errors] == ["ไม่พบปีงบประมาณ พ.ศ. 2599 (สร้างปีงบประมาณก่อนนำเข้า)"]


def test_results_only_for_approved_indicators(year_setup):
    IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=1)

    report = run({"ผลรายไตรมาส": [["รหัสหน่วยงาน", "ที่", "ไตรมาส"], ["OWN", 1, 1]]})

    assert errors_at(report, "ที่") == [(2, "รายงานผลได้เฉพาะตัวชี้วัดที่อนุมัติแล้ว (ถือเป็นข้อยุติ)")]
    assert QuarterlyReport.objects.count() == 0


def test_a_report_imported_as_sent_needs_the_figure_its_rubric_scores(year_setup):
    IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=1, status="approved")
    headers = ["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ผลงานสะสม (ร้อยละ)", "สถานะ"]

    report = run({"ผลรายไตรมาส": [headers, ["OWN", 1, 1, "๔๐", "ส่งแล้ว"], ["OWN", 1, 2, "๕๐", "ร่าง"]]})

    assert errors_at(report, "ระดับที่ได้") == [
        (2, "เกณฑ์ของตัวชี้วัดนี้เป็นแบบขั้นตอนความสำเร็จ (Milestone) ให้คะแนนจากระดับที่ได้ กรุณากรอกระดับที่ได้ก่อนส่งรายงาน")
    ]
    assert QuarterlyReport.objects.count() == 0


def test_a_submitted_report_is_not_changed_by_import(year_setup):
    indicator = IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=1, status="approved")
    QuarterlyReport.objects.create(
        indicator=indicator, quarter=1, progress_percent=50, narrative="ส่งแล้ว", status="submitted"
    )
    headers = ["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ผลงานสะสม (ร้อยละ)", "สถานะ"]

    report = run({"ผลรายไตรมาส": [headers, ["OWN", 1, 1, "๙๐", "ร่าง"]]})

    assert [e.message for e in report.errors] == [
        "รายงานที่ส่งแล้วแก้ไขผ่านการนำเข้าไม่ได้ (สยป. เปิดให้แก้ไขได้ที่หน้ารายงานผล)"
    ]
    saved = QuarterlyReport.objects.get()
    assert (saved.status, saved.progress_percent) == ("submitted", 50)


def test_an_import_update_makes_forms_opened_before_it_stale(year_setup, staff_for_own):
    from decimal import Decimal

    from indicators.services.reporting import ReportInput, StaleReportError, report_save

    indicator = IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=1, status="approved")
    draft = QuarterlyReport.objects.create(indicator=indicator, quarter=1, progress_percent=10, narrative="ร่าง")
    opened_with = draft.version  # a staff member has the report form open
    headers = ["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ผลงานสะสม (ร้อยละ)", "รายงานผลการดำเนินงาน"]

    assert run({"ผลรายไตรมาส": [headers, ["OWN", 1, 1, "๔๐", "จากระบบเดิม"]]}).ok

    with pytest.raises(StaleReportError):
        report_save(indicator=indicator, quarter=1, user=staff_for_own, data=ReportInput(progress_percent=Decimal("15")),
                    expected_version=opened_with)  # fmt: skip
    assert QuarterlyReport.objects.get().progress_percent == 40


def test_an_indicator_import_update_makes_forms_opened_before_it_stale(year_setup, staff_for_own):
    from indicators.services.drafting import IndicatorChildren, StaleVersion, indicator_update

    assert run({"ตัวชี้วัด": sheet([indicator_row(number="1")])}).ok
    indicator = Indicator.objects.get()
    opened_with = indicator.version

    assert run({"ตัวชี้วัด": sheet([indicator_row(number="1", name="ชื่อจากไฟล์")])}).ok

    with pytest.raises(StaleVersion):
        indicator_update(actor=staff_for_own, indicator=Indicator.objects.get(), expected_version=opened_with,
                         data={"name": "ชื่อในแบบฟอร์ม"}, children=IndicatorChildren())  # fmt: skip
    assert Indicator.objects.get().name == "ชื่อจากไฟล์"


def test_a_locked_package_is_not_changed_by_import(year_setup):
    AgencyPackage.objects.create(agency=Agency.objects.get(code="OWN"), fiscal_year=year_setup, status=PackageStatus.SUBMITTED)

    report = run({"ตัวชี้วัด": sheet([indicator_row(number="1")])})

    assert [e.message for e in report.errors] == [
        "ชุดตัวชี้วัดของหน่วยงานอยู่ในสถานะ “ส่งแล้ว” เพิ่มหรือแก้ไขตัวชี้วัดผ่านการนำเข้าไม่ได้"
    ]
    assert_nothing_written()


def test_loading_a_year_opens_each_agencys_package_in_its_indicators_state(year_setup):
    approved = {"สถานะ": "อนุมัติ (ถือเป็นข้อยุติ)"}
    mixed = run({"ตัวชี้วัด": sheet([indicator_row(number="1", **approved), indicator_row(number="2")])})
    assert errors_at(mixed, "สถานะ") == [
        (3, "ตัวชี้วัดของหน่วยงานเดียวกันต้องมีสถานะเดียวกับชุดตัวชี้วัด (“อนุมัติ (ถือเป็นข้อยุติ)”)")
    ]
    assert not AgencyPackage.objects.exists()

    report = run({"ตัวชี้วัด": sheet([indicator_row(number="1", **approved), indicator_row(number="2", **approved)])})

    assert report.ok
    assert AgencyPackage.objects.get(agency__code="OWN").status == PackageStatus.APPROVED


def test_zero_weight_and_progress_over_100_are_refused_in_thai(year_setup):
    IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=9, status="approved")

    weights = run({"ตัวชี้วัด": sheet([indicator_row(number="1", weight="๐")])})
    progress = run({"ผลรายไตรมาส": [["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ผลงานสะสม (ร้อยละ)"], ["OWN", 9, 1, "ร้อยละ ๑๕๐"]]})

    assert errors_at(weights, "น้ำหนักคะแนน") == [(2, "น้ำหนักคะแนนต้องมากกว่า ๐")]
    assert [(row, "100" in message) for row, message in errors_at(progress, "ผลงานสะสม (ร้อยละ)")] == [(2, True)]
    assert Indicator.objects.count() == 1 and QuarterlyReport.objects.count() == 0


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("ค่าเกณฑ์ระดับ 5", 1e20, "ตัวเลขยาวเกินไป: รวมกันได้ไม่เกิน 14 หลัก"),
        ("ข้อมูลพื้นฐาน 1 (ผล)", "0.0000001", "ทศนิยมได้ไม่เกิน 4 ตำแหน่ง"),
        ("ข้อมูลพื้นฐาน 1 (ปี พ.ศ.)", "99999", "ปี “99999” ต้องเป็นปีพุทธศักราช (พ.ศ.) เช่น ๒๕๖๖"),  # SQLite kept it
    ],
)
def test_a_number_too_long_for_its_table_is_named_by_the_files_column(year_setup, column, cell, message):
    """The rubric and baseline rows were checked only when saved: the error named the model's field
    ("threshold", "value_number", "year_be"), a column the file does not have (or, on SQLite, the year was kept)."""
    report = run({"ตัวชี้วัด": sheet([indicator_row(**{column: cell})], headers=INDICATOR_HEADERS)})

    assert not report.ok
    assert [(e.column, e.message) for e in report.errors] == [(column, message)]
    assert_nothing_written()


def test_a_blank_weight_is_refused_in_correctly_spelt_thai(year_setup):
    """Django's Thai catalogue spells "This field cannot be null." as “ไม่สารถ”."""
    report = run({"ตัวชี้วัด": sheet([indicator_row(weight="")], headers=INDICATOR_HEADERS)})

    assert errors_at(report, "น้ำหนักคะแนน") == [(2, "ฟิลด์นี้เว้นว่างไม่ได้")]
    assert_nothing_written()


@pytest.mark.parametrize("number", ["0", "๐"])
def test_number_zero_is_refused(year_setup, number):
    """The form and the API number indicators from 1; the import saved an indicator numbered 0."""
    report = run({"ตัวชี้วัด": sheet([indicator_row(number=number)], headers=INDICATOR_HEADERS)})

    assert errors_at(report, "ที่") == [(2, "ลำดับที่ต้องเป็น 1 ขึ้นไป")]
    assert_nothing_written()
