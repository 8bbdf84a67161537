"""The strategy office's whole-workbook import in the browser: upload → dry run → confirm → import,
each run a background job (inline in tests) with its progress in huey's storage."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from agencies.models import Agency, RoleKind
from indicators.models import CompositionElement, ImportJob, ImportJobStatus, Indicator
from indicators.services.imports import import_spreadsheet
from indicators.tasks import expire_import_previews
from kpi_portal.lib.job_progress import ProgressWriter, read_progress
from tests.factories import MissionGroupFactory, RoleFactory, UserFactory
from tests.i18n.test_english_pages import stored_thai_texts, thai_ui_text

from .conftest import indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db

UPLOAD = reverse("indicators:import_workbook")
AGENCY_SHEET = [["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ประเภทหน่วยงาน"], ["NEW", "สำนักงานใหม่", "สำนัก"]]


def workbook(*indicator_rows):
    rows = indicator_rows or (indicator_row(number="1"), indicator_row(number="2", agency="OTHER"))
    return xlsx_bytes({"หน่วยงาน": AGENCY_SHEET, "ตัวชี้วัด": sheet(list(rows))})


def upload(client, data, capture, name="kpi-2567.xlsx", year=2567):
    with capture(execute=True):
        return client.post(UPLOAD, {"fiscal_year": year, "file": SimpleUploadedFile(name, data)})


def job_url(job, step=""):
    return reverse(f"indicators:import_job{'_' + step if step else ''}", kwargs={"pk": job.pk})


@pytest.fixture
def office(client, year_setup, strategy_user):
    client.force_login(strategy_user)
    return client


def test_anonymous_is_sent_to_login(client, year_setup):
    for url in (UPLOAD, reverse("indicators:import_job", kwargs={"pk": 1})):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", [RoleKind.AGENCY_STAFF, RoleKind.COMMITTEE_MEMBER])
def test_agency_staff_and_committee_get_404_and_nothing_is_queued(client, year_setup, strategy_user, role):
    job = ImportJob.objects.create(fiscal_year=year_setup, requested_by=strategy_user, filename="a.xlsx", data=b"x",
                                   status=ImportJobStatus.CHECKED)  # fmt: skip
    if role == RoleKind.AGENCY_STAFF:
        user = RoleFactory(kind=role, agency=Agency.objects.get(code="OWN")).user
    else:
        user = RoleFactory(kind=role, agency=None, mission_group=MissionGroupFactory(fiscal_year=year_setup)).user
    client.force_login(user)

    assert client.get(UPLOAD).status_code == 404
    assert client.post(UPLOAD, {"fiscal_year": 2567, "file": SimpleUploadedFile("a.xlsx", workbook())}).status_code == 404
    assert client.get(job_url(job)).status_code == 404
    assert client.post(job_url(job, "confirm")).status_code == 404
    assert ImportJob.objects.count() == 1 and ImportJob.objects.get().status == ImportJobStatus.CHECKED


def test_city_dashboard_links_the_import_for_the_office_only(client, year_setup, strategy_user):
    admin_role = RoleFactory(user=UserFactory(username="admin-role"), kind=RoleKind.ADMINISTRATOR, agency=None).user
    client.force_login(strategy_user)
    assert UPLOAD in client.get(reverse("indicators:dashboard_city")).content.decode()
    client.force_login(admin_role)
    assert UPLOAD not in client.get(reverse("indicators:dashboard_city")).content.decode()


def test_dry_run_shows_every_error_with_sheet_row_and_thai_message_and_saves_nothing(
    office, django_capture_on_commit_callbacks
):
    data = workbook(indicator_row(number="1"), indicator_row(number="2", weight="สิบคะแนน"))

    response = upload(office, data, django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == job_url(job)
    assert job.status == ImportJobStatus.REFUSED and job.data is None  # the file is not kept
    page = office.get(job_url(job)).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "พบข้อผิดพลาด 1 รายการ" in page
    assert "<td>ตัวชี้วัด</td><td>3</td><td>น้ำหนักคะแนน</td><td>“สิบคะแนน” ไม่ใช่ตัวเลข</td>" in page
    assert job_url(job, "confirm") not in page
    assert not Indicator.objects.exists() and not Agency.objects.filter(code="NEW").exists()


def test_an_english_reader_sees_the_outcome_in_english(office, django_capture_on_commit_callbacks):
    """The outcome is stored in Thai by the background job; the page words it in the reader's language."""
    upload(office, workbook(indicator_row(number="1", weight="สิบคะแนน")), django_capture_on_commit_callbacks)
    office.post(reverse("set_language"), {"language": "en", "next": UPLOAD})

    page = office.get(job_url(ImportJob.objects.get())).content.decode()

    assert "Errors found: 1. Nothing was saved" in page
    assert '<tr><td>Created</td><td class="num">1</td></tr>' in page  # the agency sheet's row
    assert '<tr><td>Updated</td><td class="num">0</td></tr>' in page
    assert '<tr><td>Unchanged</td><td class="num">0</td></tr>' in page


def test_clean_dry_run_previews_counts_then_confirm_imports(office, strategy_user, django_capture_on_commit_callbacks):
    upload(office, workbook(), django_capture_on_commit_callbacks)

    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.CHECKED and job.data  # kept until confirmed
    assert not Indicator.objects.exists() and not Agency.objects.filter(code="NEW").exists()
    page = office.get(job_url(job)).content.decode()
    assert '<tr><td>สร้างใหม่</td><td class="num">3</td></tr>' in page  # one agency and two indicators
    assert job_url(job, "confirm") in page

    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(job_url(job, "confirm"))

    assert response.status_code == 302 and response.url == job_url(job)
    job.refresh_from_db()
    assert (job.status, job.confirmed_by, job.data) == (ImportJobStatus.IMPORTED, strategy_user, None)
    assert Indicator.objects.count() == 2 and Agency.objects.filter(code="NEW").exists()
    page = office.get(job_url(job)).content.decode()
    assert "นำเข้าข้อมูลเรียบร้อยแล้ว" in page and '<tr><td>สร้างใหม่</td><td class="num">3</td></tr>' in page


def test_a_second_confirm_is_refused_and_imports_nothing_twice(office, django_capture_on_commit_callbacks):
    upload(office, workbook(), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(job_url(job, "confirm"))
    with django_capture_on_commit_callbacks(execute=True):
        page = office.post(job_url(job, "confirm"), follow=True).content.decode()

    assert "งานนำเข้านี้ยืนยันหรือยกเลิกไปแล้ว" in page
    assert Indicator.objects.count() == 2


def test_real_run_that_fails_after_the_data_changed_saves_nothing(office, django_capture_on_commit_callbacks):
    upload(office, workbook(), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportJobStatus.CHECKED
    CompositionElement.objects.filter(code="1.1").delete()  # someone changed the year's elements meanwhile

    with django_capture_on_commit_callbacks(execute=True):
        office.post(job_url(job, "confirm"))

    job.refresh_from_db()
    assert job.status == ImportJobStatus.FAILED and job.data is None
    assert not Indicator.objects.exists() and not Agency.objects.filter(code="NEW").exists()
    page = office.get(job_url(job)).content.decode()
    assert "นำเข้าไม่สำเร็จ" in page and "รหัสองค์ประกอบ" in page


def test_cancel_drops_the_file_and_a_new_upload_replaces_an_unconfirmed_preview(
    office, django_capture_on_commit_callbacks
):
    upload(office, workbook(), django_capture_on_commit_callbacks)
    upload(office, workbook(), django_capture_on_commit_callbacks)
    first, second = ImportJob.objects.order_by("pk")
    assert (first.status, first.data) == (ImportJobStatus.CANCELLED, None)

    office.post(job_url(second, "cancel"))

    second.refresh_from_db()
    assert (second.status, second.data) == (ImportJobStatus.CANCELLED, None)
    assert not Indicator.objects.exists()


def _previewed(year, user, days_ago):
    job = ImportJob.objects.create(fiscal_year=year, requested_by=user, filename="kpi.xlsx", data=b"x",
                                   status=ImportJobStatus.CHECKED, preview={"counts": [["สร้างใหม่", 3]]})  # fmt: skip
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return job


def test_a_preview_nobody_confirms_in_time_expires_its_file_and_its_page_says_so(
    office, year_setup, strategy_user, settings
):
    settings.IMPORT_PREVIEW_DAYS = 2
    overdue, fresh = _previewed(year_setup, strategy_user, 3), _previewed(year_setup, strategy_user, 1)

    expire_import_previews.call_local()  # the consumer's hourly task

    overdue.refresh_from_db(), fresh.refresh_from_db()
    assert (overdue.status, overdue.data) == (ImportJobStatus.EXPIRED, None)
    assert fresh.status == ImportJobStatus.CHECKED and fresh.data
    page = office.get(job_url(overdue)).content.decode()
    assert "ผลการทดลองนำเข้าหมดอายุ: ไม่มีผู้ยืนยันการนำเข้าภายใน 2 วันหลังอัปโหลด ไฟล์ถูกลบแล้ว" in page
    assert job_url(overdue, "confirm") not in page
    assert "ยืนยันได้ภายใน 2 วันหลังอัปโหลด" in office.get(job_url(fresh)).content.decode()
    assert "ผลการทดลองนำเข้าหมดอายุ ไม่ได้นำเข้า" in office.get(UPLOAD).content.decode()  # in the job list


def test_confirming_an_overdue_preview_before_the_hourly_task_is_refused_and_imports_nothing(
    office, django_capture_on_commit_callbacks
):
    upload(office, workbook(), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=8))  # default: 7 days

    with django_capture_on_commit_callbacks(execute=True):
        page = office.post(job_url(job, "confirm"), follow=True).content.decode()

    assert "ผลการทดลองนำเข้านี้หมดอายุแล้ว ไม่ได้นำเข้าไฟล์นี้" in page
    job.refresh_from_db()
    assert (job.status, job.data) == (ImportJobStatus.EXPIRED, None)
    assert not Indicator.objects.exists()


def test_an_upload_also_expires_anyones_overdue_previews(office, year_setup, django_capture_on_commit_callbacks):
    """Where no consumer runs the hourly task yet, the next upload still drops the forgotten files."""
    other = RoleFactory(user=UserFactory(username="other-office"), kind=RoleKind.STRATEGY_OFFICE, agency=None).user
    overdue = _previewed(year_setup, other, 8)

    upload(office, workbook(), django_capture_on_commit_callbacks)

    overdue.refresh_from_db()
    assert (overdue.status, overdue.data) == (ImportJobStatus.EXPIRED, None)


REFUSED_FILES = [
    ("kpi.xls", b"old excel"),
    ("kpi.pdf", b"%PDF"),
    ("kpi.xlsx", b"not a zip"),
    ("kpi.csv", b"x" * (5 * 1024 * 1024 + 1)),
]
REFUSALS = {
    "th": [
        "ไม่รับไฟล์ที่มีมาโครหรือไฟล์ Excel รุ่นเก่า",
        "รองรับเฉพาะไฟล์ .xlsx และ .csv",
        "ไฟล์ไม่ใช่ไฟล์ .xlsx ที่ถูกต้อง",
        "ไฟล์มีขนาดใหญ่เกินกำหนด",
    ],
    "en": [
        "Macro-enabled and old Excel files (.xlsm .xlsb .xls) are not accepted",
        "Only .xlsx and .csv files are accepted",
        "The file is not a valid .xlsx file",
        "The file is too large (at most 5 MB)",
    ],
}


@pytest.mark.parametrize(
    "language, name, data, message",
    [(language, *file, message) for language, messages in REFUSALS.items() for file, message in zip(REFUSED_FILES, messages)],
)
def test_format_and_size_are_refused_beside_the_file_field_in_the_readers_language(office, language, name, data, message):
    if language != "th":
        office.post(reverse("set_language"), {"language": language, "next": UPLOAD})
    response = office.post(UPLOAD, {"fiscal_year": 2567, "file": SimpleUploadedFile(name, data)})

    assert response.status_code == 400
    page = response.content.decode()
    assert f'<div id="id_file_error"><p class="error" role="alert">{message}' in page
    assert not ImportJob.objects.exists()


def test_upload_page_lists_recent_imports_and_offers_the_templates_the_user_may_import(
    office, strategy_user, django_capture_on_commit_callbacks
):
    # The admin import pages (and their templates) need the model's add and change permissions.
    strategy_user.user_permissions.add(*Permission.objects.filter(codename__in=["add_indicator", "change_indicator"]))
    upload(office, workbook(), django_capture_on_commit_callbacks)
    page = office.get(UPLOAD + "?year=2567").content.decode()
    assert "kpi-2567.xlsx" in page and "ตรวจสอบแล้ว รอยืนยันการนำเข้า" in page
    assert reverse("admin:agencies_agency_import_template", args=["xlsx"]) not in page
    assert '<option value="2567" selected>' in page
    template = reverse("admin:indicators_indicator_import_template", args=["xlsx"])
    assert f'<a href="{template}">ตัวชี้วัด (.xlsx)</a>' in page
    assert office.get(template)["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_import_pages_name_who_uploaded_and_confirmed_as_the_menu_does(
    office, strategy_user, django_capture_on_commit_callbacks
):
    strategy_user.first_name, strategy_user.last_name = "สมศรี", "ใจดี"
    strategy_user.save()
    upload(office, workbook(), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(job_url(job, "confirm"))

    assert "<td>สมศรี ใจดี</td>" in office.get(UPLOAD).content.decode()
    page = office.get(job_url(job)).content.decode()
    assert "อัปโหลดโดย สมศรี ใจดี" in page and "ยืนยันโดย สมศรี ใจดี" in page
    assert ">sam<" not in page and " sam " not in page


def test_running_job_page_shows_progress_from_huey_and_refreshes_itself(office, year_setup, strategy_user):
    job = ImportJob.objects.create(fiscal_year=year_setup, requested_by=strategy_user, filename="a.xlsx", data=b"x")
    page = office.get(job_url(job)).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page and "รอคิว" in page

    HUEY.put(job.progress_key, (20, 80))
    page = office.get(job_url(job)).content.decode()
    HUEY.delete(job.progress_key)

    assert '<meta http-equiv="refresh" content="3">' in page
    assert "25%" in page and "อ่านแล้ว 20 จาก 80 แถว" in page
    assert f'href="{job_url(job)}"' in page  # a refresh link for whoever turned meta refresh off


def test_progress_callback_reports_increasing_row_counts(year_setup):
    seen = []
    rows = [indicator_row(number=str(n)) for n in range(1, 6)]

    report = import_spreadsheet(
        data=workbook(*rows), filename="kpi.xlsx", year_be=2567, dry_run=True, on_progress=lambda *p: seen.append(p)
    )

    assert report.ok
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)  # one agency row and five indicator rows
    assert [done for done, _ in seen] == list(range(7))


def test_progress_is_written_to_huey_without_touching_the_database(year_setup, django_assert_num_queries):
    writer = ProgressWriter("import-job-test", steps=10)
    with django_assert_num_queries(0):
        for done in range(0, 101):
            writer(done, 100)
            if done == 55:
                assert read_progress("import-job-test") == (50, 100)  # written every tenth of the rows
    assert read_progress("import-job-test") == (100, 100)
    HUEY.delete("import-job-test")


def test_job_reports_progress_while_its_import_runs(office, monkeypatch, django_capture_on_commit_callbacks):
    """What a page would read mid-run: the worker's progress, from huey's storage, inside the transaction."""
    seen = []
    original = ProgressWriter.__call__

    def spy(self, done, total):
        original(self, done, total)
        seen.append(read_progress(self.key))

    monkeypatch.setattr(ProgressWriter, "__call__", spy)
    upload(office, workbook(), django_capture_on_commit_callbacks)

    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert read_progress(ImportJob.objects.get().progress_key) is None  # cleared when the run ends


def test_admin_import_page_points_to_the_workbook_import_and_lists_the_jobs(admin_client, year_setup, admin_user):
    ImportJob.objects.create(fiscal_year=year_setup, requested_by=admin_user, filename="kpi-2567.xlsx")
    assert UPLOAD in admin_client.get("/admin/indicators/indicator/import/").content.decode()
    assert "kpi-2567.xlsx" in admin_client.get("/admin/indicators/importjob/").content.decode()


def test_the_job_page_in_english_names_the_actions_in_english_and_the_summary_stays_thai(
    office, django_capture_on_commit_callbacks
):
    """An English reader's upload: the stored summary keeps the Thai action names (as the command line
    prints them); the page names them in English, and its only Thai is the file's own (file name)."""
    office.post(reverse("set_language"), {"language": "en", "next": "/"})
    upload(office, workbook(), django_capture_on_commit_callbacks, name="ตัวชี้วัด-2567.xlsx")

    job = ImportJob.objects.get()
    assert job.preview["counts"] == [["สร้างใหม่", 3], ["แก้ไข", 0], ["ไม่เปลี่ยนแปลง", 0]]
    page = office.get(job_url(job)).content.decode()
    assert '<tr><td>Created</td><td class="num">3</td></tr>' in page
    assert '<tr><td>Unchanged</td><td class="num">0</td></tr>' in page
    assert thai_ui_text(page, stored_thai_texts()) == []
