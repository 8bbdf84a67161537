"""Import/export in the admin uses the same resources and rules; blank templates download from a URL."""

import io
from urllib.parse import quote

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency
from indicators.models import Indicator
from tests.factories import IndicatorFactory

from .conftest import indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-123456")
    client.force_login(user)
    return client


def upload(admin_client, rows, fiscal_year):
    data = xlsx_bytes({"ตัวชี้วัด": sheet(rows)})
    return admin_client.post(
        "/admin/indicators/indicator/import/",
        {"import_file": io.BytesIO(data), "format": "0", "fiscal_year": fiscal_year.pk, "resource": "0"},
        format="multipart",
    )


def test_admin_import_page_offers_thai_templates(admin_client, year_setup):
    html = admin_client.get("/admin/indicators/indicator/import/").content.decode()

    assert "/admin/indicators/indicator/import/template.xlsx" in html
    assert "/admin/indicators/indicator/import/template.csv" in html
    assert "ชื่อตัวชี้วัด" in html and "ปีงบประมาณ" in html
    # The import page's own words are Thai too (django-import-export has no Thai catalogue).
    assert "ไฟล์ที่จะนำเข้า" in html and "ไฟล์ต้องมีคอลัมน์ต่อไปนี้" in html
    assert "File to import" not in html and "This importer will import" not in html


def test_admin_sections_are_named_in_thai(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "ตัวชี้วัดและผลการดำเนินงาน" in html and "หน่วยงานและกลุ่มภารกิจ" in html


def test_admin_dry_run_then_confirm(admin_client, year_setup):
    preview = upload(admin_client, [indicator_row()], year_setup)
    assert preview.status_code == 200
    assert Indicator.objects.count() == 0
    confirm = preview.context["confirm_form"]

    response = admin_client.post("/admin/indicators/indicator/process_import/", confirm.initial)

    assert response.status_code == 302
    assert Indicator.objects.get().weight == 10


def test_admin_import_with_a_bad_row_writes_nothing_and_offers_no_confirm(admin_client, year_setup):
    response = upload(admin_client, [indicator_row(number="1"), indicator_row(number="2", weight="สิบ")], year_setup)

    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert "“สิบ” ไม่ใช่ตัวเลข" in response.content.decode()
    assert "มีแถวที่ข้อมูลไม่ถูกต้อง จึงยังไม่บันทึกข้อมูลใดเลย" in response.content.decode()
    assert Indicator.objects.count() == 0


def test_admin_import_errors_name_the_thai_column_and_file_row(admin_client, year_setup):
    response = upload(admin_client, [indicator_row(number="1"), indicator_row(number="2", weight="สิบ")], year_setup)
    html = response.content.decode()

    # Row 3 of the file (header, then two rows), under the header the person typed into.
    assert "<td>3</td><td>น้ำหนักคะแนน</td><td>“สิบ” ไม่ใช่ตัวเลข" in html
    assert ">weight<" not in html
    # Only the errors, not every cell of the bad row again (the library's table is too wide to read).
    assert "ร้อยละความสำเร็จของการจัดเก็บภาษี" not in html.split("จึงยังไม่บันทึกข้อมูลใดเลย</h2>")[1]


def test_admin_export_neutralises_formulas(admin_client, year_setup):
    IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), name="=1+1", number=1)

    response = admin_client.post(
        "/admin/indicators/indicator/export/", {"format": "0", "resource": "0", **{f"indicatorresource_{f}": "on" for f in ("name", "number", "weight")}}
    )

    assert response.status_code == 200, response.content[:500]
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows())
    name = next(cell for cell in rows[1] if cell.value == "=1+1")
    assert name.data_type == "s"  # text, not a formula
    assert 10 in [cell.value for cell in rows[1]]


# --- Blank templates: next to the admin import page they belong to, for those who may import ---------

RESULTS_TEMPLATE = "/admin/indicators/quarterlyreport/import/template.csv"


def strategy_office_user():
    """สยป. as the admin knows it: staff, in a group holding the models' permissions (demo_accounts)."""
    from django.contrib.auth.models import Group, Permission

    from agencies.models import RoleKind
    from tests.factories import RoleFactory, UserFactory

    group = Group.objects.create(name="สยป.")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["agencies", "indicators"]))
    user = UserFactory(username="office", is_staff=True)
    user.groups.add(group)
    RoleFactory(user=user, kind=RoleKind.STRATEGY_OFFICE, agency=None)
    return user


def test_the_strategy_office_downloads_a_blank_template_from_the_import_page(client, year_setup):
    client.force_login(strategy_office_user())

    response = client.get(RESULTS_TEMPLATE)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kpi-template-results.csv"'
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("รหัสหน่วยงาน,ที่,ไตรมาส")
    assert "31/03/2568" in text
    workbook = client.get("/admin/indicators/indicator/import/template.xlsx")
    assert openpyxl.load_workbook(io.BytesIO(workbook.content)).active["A1"].value
    assert client.get("/admin/indicators/indicator/import/template.pdf").status_code == 404


def test_anonymous_and_agency_users_are_sent_to_sign_in_to_the_admin(client, year_setup):
    from agencies.models import RoleKind
    from tests.factories import RoleFactory, UserFactory

    staff_user = RoleFactory(user=UserFactory(username="alice"), kind=RoleKind.AGENCY_STAFF,
                             agency=Agency.objects.get(code="OWN")).user  # fmt: skip
    anonymous = client.get(RESULTS_TEMPLATE)
    assert anonymous.status_code == 302 and anonymous.url.startswith("/admin/login/")

    client.force_login(staff_user)  # agency KPI staff: not an admin user
    agency = client.get(RESULTS_TEMPLATE)
    assert agency.status_code == 302 and agency.url.startswith("/admin/login/")


def test_an_admin_user_who_may_not_import_gets_neither_the_template_nor_the_import_page(client, year_setup):
    from agencies.models import RoleKind
    from tests.factories import RoleFactory, UserFactory

    steering = RoleFactory(user=UserFactory(username="clerk", is_staff=True), kind=RoleKind.STEERING_MEMBER, agency=None).user
    client.force_login(steering)

    assert client.get(RESULTS_TEMPLATE).status_code == 403
    assert client.get("/admin/indicators/quarterlyreport/import/").status_code == 403


def test_the_templates_are_no_longer_under_the_api(client, year_setup):
    """The API has no import: its callers (token or session) get a 404, not the login page."""
    from rest_framework.authtoken.models import Token

    office = strategy_office_user()
    token = Token.objects.create(user=office)
    assert client.get("/api/templates/results.csv", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 404
    client.force_login(office)
    assert client.get("/api/templates/results.csv").status_code == 404
    assert "templates" not in client.get("/api/schema/").content.decode().split("paths:")[1].split("components:")[0]


def test_admin_export_file_is_named_in_thai_with_a_be_date(admin_client, year_setup):
    IndicatorFactory(fiscal_year=year_setup, agency=Agency.objects.get(code="OWN"), number=1)

    response = admin_client.post(
        "/admin/indicators/indicator/export/", {"format": "0", "resource": "0", "indicatorresource_name": "on"}
    )

    today = timezone.localdate()
    name = f"ตัวชี้วัด-{today.year + 543}-{today.month:02d}-{today.day:02d}.xlsx"  # not "Indicator-2026-11-22.xlsx"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote(name)


def test_admin_export_page_names_the_columns_as_the_file_heads_them(admin_client, year_setup):
    html = admin_client.get(f"/admin/indicators/indicator/export/?fiscal_year__id__exact={year_setup.pk}").content.decode()
    assert ">รหัสหน่วยงาน</label>" in html and ">ชื่อตัวชี้วัด</label>" in html
    assert "Agency (" not in html and "Name (" not in html


def test_element_admin_names_the_fiscal_year_in_thai(admin_client, year_setup):
    html = admin_client.get("/admin/indicators/compositionelement/").content.decode()
    add = admin_client.get("/admin/indicators/compositionelement/add/").content.decode()

    assert "ปีงบประมาณ" in html and "ปีงบประมาณ" in add
    assert "fiscal year" not in html.lower() and "fiscal year" not in add.lower()


def test_admin_import_of_a_file_that_is_not_a_spreadsheet_says_why_in_thai(admin_client, year_setup):
    response = admin_client.post(
        "/admin/indicators/indicator/import/",
        {"import_file": io.BytesIO(b"not a spreadsheet\x00\x01"), "format": "0", "fiscal_year": year_setup.pk},
        format="multipart",
    )
    html = response.content.decode()

    # The safe reader's own reason, not the library's "'SpreadsheetRefused' encountered while trying to read file".
    assert "ไฟล์ไม่ใช่ไฟล์ .xlsx ที่ถูกต้อง" in html
    assert "encountered while trying to read file" not in html and "SpreadsheetRefused" not in html


def test_admin_import_without_a_year_or_with_missing_columns_shows_the_reason_not_a_traceback(
    admin_client, year_setup
):
    no_year = admin_client.post(
        "/admin/indicators/indicator/import/",
        {"import_file": io.BytesIO(xlsx_bytes({"ตัวชี้วัด": sheet([indicator_row()])})), "format": "0"},
        format="multipart",
    ).content.decode()
    wrong_columns = admin_client.post(
        "/admin/indicators/indicator/import/",
        {"import_file": io.BytesIO(b"a,b\n1,2\n"), "format": "1", "fiscal_year": year_setup.pk},
        format="multipart",
    ).content.decode()

    assert "กรุณาเลือกปีงบประมาณของข้อมูลที่นำเข้า" in no_year
    assert "ไม่พบคอลัมน์ที่ต้องมี" in wrong_columns
    for html in (no_year, wrong_columns):
        assert "Traceback" not in html and "site-packages" not in html
        assert "[&#x27;" not in html  # the message itself, not the repr of a list of messages


def test_admin_export_asks_for_one_fiscal_year(admin_client, year_setup):
    """The file has no year column and imports into the one year chosen: rows of two years would
    collide on (agency, number). The export asks for a year filter instead of mixing them."""
    from tests.factories import FiscalYearFactory

    own = Agency.objects.get(code="OWN")
    IndicatorFactory(fiscal_year=year_setup, agency=own, number=1)
    next_year = FiscalYearFactory(year_be=2568)
    IndicatorFactory(fiscal_year=next_year, agency=own, number=1)
    form = {"format": "0", "resource": "0", "indicatorresource_name": "on"}

    refused = admin_client.post("/admin/indicators/indicator/export/", form, follow=True)

    assert refused.redirect_chain[-1][0] == "/admin/indicators/indicator/?"
    assert "เลือกปีงบประมาณจากตัวกรองก่อนส่งออก" in refused.content.decode()
    one_year = admin_client.post(f"/admin/indicators/indicator/export/?fiscal_year__id__exact={next_year.pk}", form)
    rows = list(openpyxl.load_workbook(io.BytesIO(one_year.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
