"""A workbook checked in the browser answers in its uploader's language: an English reader reads every
refusal in English (naming the Thai file's own columns, sheets and values as the file writes them),
a Thai reader and the command line read the same refusals in Thai as before."""

import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency
from indicators.models import ImportJob, ImportJobStatus, Indicator, IndicatorStatus
from indicators.resources import IndicatorResource, QuarterlyResultResource
from tests.factories import IndicatorFactory

from .conftest import indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db

UPLOAD = reverse("indicators:import_workbook")
THAI = re.compile(r"[\u0E00-\u0E7F]")
QUOTED = re.compile(r"“[^”]*”")
RESULT_HEADERS = ["รหัสหน่วยงาน", "ที่", "ไตรมาส", "ส่งล่าช้า", "วันที่ส่ง", "ระดับที่ได้"]


def bad_workbook() -> bytes:
    """One good indicator row, then one row per kind of refusal, and a results sheet with bad cells."""
    indicators = sheet([
        indicator_row(number="1"),
        indicator_row(agency="NOPE", number="2"),                      # unknown agency (a widget's not-found)
        indicator_row(number="3", weight="สิบคะแนน"),                  # not a number
        indicator_row(number="4", **{"เกณฑ์ระดับ 3": ""}),             # a rubric level left out
        indicator_row(number="5", **{"ค่าเกณฑ์ระดับ 4": "๙๘"}),        # thresholds out of order
        indicator_row(number="6", **{"ลักษณะเกณฑ์": "แบบใหม่"}),       # not one of the choices
        indicator_row(number="7", **{"ข้อมูลพื้นฐาน 1 (ปี พ.ศ.)": "2023"}),  # a C.E. year
        indicator_row(number="๑", name="ซ้ำ"),                          # the same indicator twice
        indicator_row(number="8", name=""),                             # the model's own validation
        indicator_row(number="9", **{"รหัสองค์ประกอบ": "9.9"}),         # an element the year does not have
        indicator_row(number="10", weight="๐"),                         # weight must be above 0
    ])  # fmt: skip
    results = [
        RESULT_HEADERS,
        ["OWN", "๙๙", 1, None, None, None],                 # no such indicator
        ["OWN", 20, 2, "บางที", "31/13/2567", "ระดับ ๗"],   # yes/no, date, level out of range
    ]
    return xlsx_bytes({"ตัวชี้วัด": indicators, "ผลรายไตรมาส": results})


@pytest.fixture
def office(client, year_setup, strategy_user):
    IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=20,
                     status=IndicatorStatus.APPROVED, rubric_kind="milestone")  # fmt: skip
    client.force_login(strategy_user)
    return client


def upload_as(client, language, capture) -> ImportJob:
    client.post(reverse("set_language"), {"language": language, "next": UPLOAD})
    with capture(execute=True):
        client.post(UPLOAD, {"fiscal_year": 2567, "file": SimpleUploadedFile("kpi-2567.xlsx", bad_workbook())})
    return ImportJob.objects.latest("pk")


def refusals(job) -> dict[tuple, str]:
    return {(e["sheet"], e["row"], e["column"]): e["message"] for e in job.preview["errors"]}


def file_vocabulary() -> list[str]:
    """What the Thai file itself writes: its column headers and the choice labels typed into its cells."""
    words = set()
    for resource in (IndicatorResource(), QuarterlyResultResource()):
        for field in resource.get_import_fields():
            words.add(field.column_name)
            words.update(getattr(field.widget, "labels", {}).values())
    return sorted(words, key=len, reverse=True)


def english_wording(message: str) -> str:
    """The message without the file's own words (quoted values and names, column headers, choice labels)."""
    rest = QUOTED.sub("", message)
    for word in file_vocabulary():
        rest = rest.replace(word, "")
    return rest


# (sheet, row, column) → the message today's Thai reader gets, and the English reader's.
EXPECTED = {
    ("ตัวชี้วัด", 3, "รหัสหน่วยงาน"): ("ไม่พบรหัสหน่วยงาน “NOPE”", "Agency code “NOPE” not found"),
    ("ตัวชี้วัด", 4, "น้ำหนักคะแนน"): ("“สิบคะแนน” ไม่ใช่ตัวเลข", "“สิบคะแนน” is not a number"),
    ("ตัวชี้วัด", 5, "เกณฑ์ระดับ 3"): (
        "ต้องระบุเกณฑ์ของระดับ 3 (ครบทั้ง ๕ ระดับ)", "Give the criterion of level 3 (all 5 levels are needed)"
    ),
    ("ตัวชี้วัด", 6, "ค่าเกณฑ์ระดับ 4"): (
        "ค่าเกณฑ์ระดับ 4 ต้องน้อยกว่าระดับ 5 (ยิ่งมากยิ่งดี)",
        "The threshold of level 4 must be lower than that of level 5 (Higher is better)",
    ),
    ("ตัวชี้วัด", 8, "ข้อมูลพื้นฐาน 1 (ปี พ.ศ.)"): (
        "ปี “2023” ต้องเป็นปีพุทธศักราช (พ.ศ.) เช่น ๒๕๖๖", "The year “2023” must be a Buddhist Era (B.E.) year, e.g. 2566"
    ),
    ("ตัวชี้วัด", 9, "ที่"): ("ซ้ำกับแถวที่ 2 ในไฟล์เดียวกัน", "Repeats row 2 of the same file"),
    ("ตัวชี้วัด", 10, "ชื่อตัวชี้วัด"): ("ฟิลด์นี้เว้นว่างไม่ได้", "This field cannot be blank."),
    ("ตัวชี้วัด", 11, "รหัสองค์ประกอบ"): (
        "ไม่พบองค์ประกอบ “9.9” ในปีงบประมาณนี้", "Element “9.9” not found in this fiscal year"
    ),
    ("ตัวชี้วัด", 12, "น้ำหนักคะแนน"): ("น้ำหนักคะแนนต้องมากกว่า ๐", "The weight must be more than 0"),
    ("ผลรายไตรมาส", 2, "ที่"): (
        "ไม่พบตัวชี้วัดที่ ๙๙ ของหน่วยงาน “OWN” ในปีงบประมาณนี้",
        "No indicator number “๙๙” of agency “OWN” in this fiscal year",
    ),
    ("ผลรายไตรมาส", 3, "ส่งล่าช้า"): ("“บางที” ต้องเป็น ใช่ หรือ ไม่ใช่", "“บางที” must be “ใช่” (yes) or “ไม่ใช่” (no)"),
    ("ผลรายไตรมาส", 3, "วันที่ส่ง"): (
        "ไม่มีวันที่ “31/13/2567” ในปฏิทิน", "There is no such date as “31/13/2567”"
    ),
    ("ผลรายไตรมาส", 3, "ระดับที่ได้"): (
        "ระดับที่ได้ต้องอยู่ระหว่าง ๐ ถึง ๕ (ได้ 7)", "The level reached must be between 0 and 5 (got 7)"
    ),
}


def test_an_english_uploader_reads_every_refusal_in_english(office, django_capture_on_commit_callbacks):
    job = upload_as(office, "en", django_capture_on_commit_callbacks)

    assert job.status == ImportJobStatus.REFUSED and job.language == "en"
    found = refusals(job)
    for where, (_, english) in EXPECTED.items():
        assert found.get(where) == english, where
    choice = found[("ตัวชี้วัด", 7, "ลักษณะเกณฑ์")]
    assert choice.startswith("“แบบใหม่” is not an allowed value (write one of: ") and "ค่าตัวเลข" in choice
    assert len(found) >= len(EXPECTED) + 1
    thai_left = {where: message for where, message in found.items() if THAI.search(english_wording(message))}
    assert thai_left == {}
    assert not Indicator.objects.filter(number__lt=20).exists()

    page = office.get(reverse("indicators:import_job", kwargs={"pk": job.pk})).content.decode()
    assert "<td>Agency code “NOPE” not found</td>" in page
    assert "the language the file was uploaded in" not in page  # read in the language it was checked in


def test_a_thai_uploader_reads_the_same_refusals_in_thai(office, django_capture_on_commit_callbacks):
    job = upload_as(office, "th", django_capture_on_commit_callbacks)

    assert job.language == "th"
    found = refusals(job)
    for where, (thai, _) in EXPECTED.items():
        assert found.get(where) == thai, where
    assert found[("ตัวชี้วัด", 7, "ลักษณะเกณฑ์")].startswith("“แบบใหม่” ไม่ใช่ค่าที่ใช้ได้ (ใช้: ")
    english = upload_as(office, "en", django_capture_on_commit_callbacks)
    assert set(refusals(english)) == set(found)  # the same cells refused, only worded otherwise


def test_a_reader_of_the_other_language_is_told_which_language_the_messages_are_in(
    office, django_capture_on_commit_callbacks
):
    job = upload_as(office, "th", django_capture_on_commit_callbacks)
    office.post(reverse("set_language"), {"language": "en", "next": UPLOAD})

    page = office.get(reverse("indicators:import_job", kwargs={"pk": job.pk})).content.decode()

    assert "The error messages are in Thai, the language the file was uploaded in." in page
    assert "<td>ไม่พบรหัสหน่วยงาน “NOPE”</td>" in page


def test_the_command_line_answers_in_thai_whatever_language_is_active(office, tmp_path):
    path = tmp_path / "kpi-2567.xlsx"
    path.write_bytes(bad_workbook())
    err = StringIO()

    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_kpis", str(path), "--year", "2567", "--verbosity", "0", stderr=err)

    printed = err.getvalue()
    for (sheet_title, row, column), (thai, english) in EXPECTED.items():
        assert f"{sheet_title} แถวที่ {row} คอลัมน์ “{column}”: {thai}" in printed
        assert english not in printed
