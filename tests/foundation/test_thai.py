"""B.E. years and Thai digits: converted in one place, both ways."""

import datetime as dt

import pytest

from kpi_portal.lib import thai


def test_it_names_the_fiscal_year_by_the_be_year_it_ends_in():
    assert thai.fiscal_year_be(dt.date(2023, 10, 1)) == 2567
    assert thai.fiscal_year_be(dt.date(2024, 9, 30)) == 2567
    assert thai.fiscal_year_bounds(2567) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))


@pytest.mark.parametrize(
    "quarter,start,end",
    [
        (1, dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
        (2, dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        (3, dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        (4, dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
    ],
)
def test_it_knows_the_quarters_of_a_fiscal_year(quarter, start, end):
    assert thai.quarter_bounds(2567, quarter) == (start, end)


def test_it_formats_dates_in_be_with_thai_months():
    assert thai.format_thai_date(dt.date(2025, 3, 31)) == "31 มีนาคม 2568"
    assert thai.format_thai_date(dt.date(2025, 3, 31), thai_digits=True) == "๓๑ มีนาคม ๒๕๖๘"
    assert thai.format_thai_date(dt.date(2024, 10, 1), short=True) == "1 ต.ค. 2567"


def test_it_writes_dates_the_way_staff_type_them_and_reads_them_back():
    assert thai.format_be_date(dt.date(2024, 10, 1)) == "01/10/2567"
    assert thai.parse_be_date(thai.format_be_date(dt.date(2025, 9, 30))) == dt.date(2025, 9, 30)
    assert thai.format_be_date(None) == ""


def test_it_reads_be_dates_as_be_never_as_ce():
    assert thai.parse_be_date("31/03/2568") == dt.date(2025, 3, 31)
    assert thai.parse_be_date("๓๑/๐๓/๒๕๖๘") == dt.date(2025, 3, 31)


def test_it_refuses_a_ce_year_where_be_is_expected():
    with pytest.raises(ValueError, match="พุทธศักราช"):
        thai.parse_be_date("31/03/2025")


def test_it_names_a_day_the_calendar_does_not_have():
    with pytest.raises(ValueError, match="ไม่มีวันที่ “31/02/2568” ในปฏิทิน"):
        thai.parse_be_date("31/02/2568")
    assert thai.parse_be_date("29/02/2567") == dt.date(2024, 2, 29)  # 2024 is a leap year


def test_it_converts_digits_both_ways():
    assert thai.to_thai_digits("ร้อยละ 100") == "ร้อยละ ๑๐๐"
    assert thai.to_arabic_digits("๑,๓๙๐ ห้อง") == "1,390 ห้อง"


def test_next_year_is_the_same_day_and_29_february_falls_back_to_the_28th():
    assert thai.same_day_next_year(dt.date(2024, 10, 15)) == dt.date(2025, 10, 15)
    assert thai.same_day_next_year(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_a_calendar_text_moves_its_be_years_on_by_one_in_the_digits_it_used():
    text = "ชี้แจงการจัดทำตัวชี้วัด ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ (มีนาคม ๒๕๖๕) ภายใน 2565 จำนวน ๑๒๐๐ หน่วย 50 เขต"
    assert thai.next_year_text(text, 2566) == (
        "ชี้แจงการจัดทำตัวชี้วัด ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (มีนาคม ๒๕๖๖) ภายใน 2566 จำนวน ๑๒๐๐ หน่วย 50 เขต"
    )
    assert thai.next_year_text("", 2566) == ""


def test_it_writes_a_date_and_time_in_be():
    assert thai.format_thai_datetime(dt.datetime(2026, 3, 15, 9, 5)) == "15 มี.ค. 2569 09:05"
    assert thai.format_thai_datetime(dt.datetime(2026, 3, 15, 9, 5), short=False) == "15 มีนาคม 2569 09:05"
    assert thai.format_thai_datetime(None) == ""


def test_it_turns_the_ce_years_django_wrote_into_be_and_leaves_other_numbers():
    assert thai.ce_years_to_be("2026") == "2569"
    assert thai.ce_years_to_be("มีนาคม 2026") == "มีนาคม 2569"
    assert thai.ce_years_to_be("15 มีนาคม") == "15 มีนาคม"
    assert thai.ce_years_to_be("ปี 2569 มี 12345 รายการ") == "ปี 2569 มี 12345 รายการ"


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("ปีงบประมาณ 2567", "ปีงบประมาณ 2568"),
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
        ("ภายใน ต.ค. 67", "ภายใน ต.ค. 68"),
        ("ภายใน 15 ต.ค.67", "ภายใน 15 ต.ค.68"),
        ("มกราคม ๖๗ – มีนาคม ๖๗", "มกราคม ๖๘ – มีนาคม ๖๘"),
        ("ส่งภายใน 31/1/67", "ส่งภายใน 31/1/68"),
        ("ปีงบ 67 และ พ.ศ. 66", "ปีงบ 68 และ พ.ศ. 67"),
        ("ปีการศึกษา 2566/67", "ปีการศึกษา 2567/68"),
        ("๒๕๖๖/๖๗", "๒๕๖๗/๖๘"),
        ("ปีงบประมาณ 2566-2567", "ปีงบประมาณ 2567-2568"),
        ("ธ.ค. 2599/00", "ธ.ค. 2599/00"),  # far from the year: left alone
        # numbers that are not years stay as they are
        ("ร้อยละ 67 ของหน่วยงาน", "ร้อยละ 67 ของหน่วยงาน"),
        ("67 % ของ 50 เขต", "67 % ของ 50 เขต"),
        ("จำนวน 1200 หน่วย", "จำนวน 1200 หน่วย"),
        ("มีนาคม 10 ครั้ง", "มีนาคม 10 ครั้ง"),  # two digits after a month, but not near the year
        ("หนังสือที่ 2567/12", "หนังสือที่ 2568/12"),  # the year moves, the running number does not
        ("ตัวชี้วัด 3/4 ข้อ", "ตัวชี้วัด 3/4 ข้อ"),
        ("", ""),
    ],
)
def test_next_year_text_moves_years_in_every_shape_and_nothing_else(text, moved):
    assert thai.next_year_text(text, 2567) == moved


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("ประจำปี ๒๕๖๗", "ประจำปี ๒๕๖๘"),
        ("ตามแผนปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "ตามแผนปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
        ("ปีงบประมาณ พ.ศ.2567", "ปีงบประมาณ พ.ศ.2568"),
        ("ปีงบ 67", "ปีงบ 68"),
        ("ปีงบประมาณ 2566/67", "ปีงบประมาณ 2567/68"),
        ("ปีงบประมาณ 2566-2567", "ปีงบประมาณ 2567-2568"),
        # a year the note does not call the plan year is about something else: it stays as written
        ("ไม่ปรากฏในเอกสาร ปี ๒๕๖๗", "ไม่ปรากฏในเอกสาร ปี ๒๕๖๗"),
        ("องค์ประกอบอื่นของปี พ.ศ. ๒๕๖๗ ไม่ปรากฏในเอกสาร", "องค์ประกอบอื่นของปี พ.ศ. ๒๕๖๗ ไม่ปรากฏในเอกสาร"),
        ("มติครั้งที่ ๑/๒๕๖๖ ประจำปี ๒๕๖๗", "มติครั้งที่ ๑/๒๕๖๖ ประจำปี ๒๕๖๘"),
        ("ภายใน ต.ค. 67 ร้อยละ 67", "ภายใน ต.ค. 67 ร้อยละ 67"),
        ("ประจำปี 2599", "ประจำปี 2599"),  # far from the year
        ("", ""),
    ],
)
def test_next_plan_year_text_moves_only_the_years_a_text_calls_the_plan_year(text, moved):
    assert thai.next_plan_year_text(text, 2567) == moved


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        # a multi-year plan's period (seed texts) is fixed: it stays as written, in whichever digits
        ("ระยะ ๓ ปี (พ.ศ. ๒๕๖๗ - ๒๕๖๙) ที่ได้รับความ เห็นชอบ", "ระยะ ๓ ปี (พ.ศ. ๒๕๖๗ - ๒๕๖๙) ที่ได้รับความ เห็นชอบ"),
        ("ดำเนินการปรับปรุงซ่อมแซม ๔ ปี (พ.ศ. ๒๕๖๗ – ๒๕๗๐)", "ดำเนินการปรับปรุงซ่อมแซม ๔ ปี (พ.ศ. ๒๕๖๗ – ๒๕๗๐)"),
        ("แผนปฏิบัติราชการ พ.ศ. ๒๕๖๖–๒๕๗๐", "แผนปฏิบัติราชการ พ.ศ. ๒๕๖๖–๒๕๗๐"),
        ("แผนพัฒนาทรัพยากรบุคคล (พ.ศ. 2561 – 2565)", "แผนพัฒนาทรัพยากรบุคคล (พ.ศ. 2561 – 2565)"),
        ("ยุทธศาสตร์ชาติ 20 ปี (พ.ศ. 2561 – 2580)", "ยุทธศาสตร์ชาติ 20 ปี (พ.ศ. 2561 – 2580)"),
        ("แผน พ.ศ. 2566 – พ.ศ. 2570", "แผน พ.ศ. 2566 – พ.ศ. 2570"),
        ("แผน 2566-70", "แผน 2566-70"),
        # ... while a fiscal-year pair is the plan year written as two, and moves
        ("2566/67", "2567/68"),
        ("ปีงบประมาณ 2566/2567", "ปีงบประมาณ 2567/2568"),
        ("ปีงบประมาณ ๒๕๖๖ - ๒๕๖๗", "ปีงบประมาณ ๒๕๖๗ - ๒๕๖๘"),
        ("ปีงบประมาณ 2566 - 67", "ปีงบประมาณ 2567 - 68"),
        # the plan year next to a period still moves
        ("ระยะ ๓ ปี (พ.ศ. ๒๕๖๗ - ๒๕๖๙) ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "ระยะ ๓ ปี (พ.ศ. ๒๕๖๗ - ๒๕๖๙) ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
        ("หนังสือที่ 2567-12", "หนังสือที่ 2568-12"),  # not a later year: a running number, as with “/”
    ],
)
def test_a_period_of_several_years_stays_and_a_fiscal_year_pair_moves(text, moved):
    assert thai.next_year_text(text, 2567) == moved


def test_a_note_naming_a_plan_period_as_its_plan_keeps_the_period():
    assert thai.next_plan_year_text("ตามแผนปฏิบัติราชการ ประจำปี ๒๕๖๖–๒๕๗๐", 2567) == "ตามแผนปฏิบัติราชการ ประจำปี ๒๕๖๖–๒๕๗๐"
    assert thai.next_plan_year_text("ประจำปีงบประมาณ 2566-2567", 2567) == "ประจำปีงบประมาณ 2567-2568"
