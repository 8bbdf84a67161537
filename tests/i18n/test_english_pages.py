"""A reader who chose English sees no Thai UI text: the main pages of each role are rendered in English
and every Thai run left in them must be a data value (agency and indicator names, rubric texts...).

The data comes from the database itself (every Thai text stored in it), so a new Thai data field needs no
change here, while a Thai label, message, date or button added without {% translate %}/gettext fails.
"""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from agencies.models import RoleKind
from indicators.models import AuditStatus, IndicatorStatus, PackageStatus, ReportStatus, RubricLevel
from tests.factories import (
    AgencyFactory,
    AgencyPackageFactory,
    FiscalYearFactory,
    MissionGroupFactory,
    QuarterAuditFactory,
    QuarterlyReportFactory,
    RoleFactory,
    ScoredIndicatorFactory,
    UserFactory,
    fy2567_elements,
    seed_like_indicators,
)

THAI = re.compile(r"[\u0E00-\u0E7F]")
# Deliberately bilingual: the language switcher must be found by a reader of either language.
BILINGUAL = ("ภาษา / Language", "เปลี่ยน / Change", "ภาษาไทย")
# Attributes a reader sees or hears (tooltips, placeholders, button texts, screen-reader labels).
SHOWN_ATTRIBUTES = {"title", "placeholder", "value", "aria-label", "alt"}


class _ShownText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.chunks += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.chunks.append(data)


def stored_thai_texts() -> list[str]:
    """Every Thai text kept in the database (and each of its lines), longest first."""
    texts = set()
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        names = [
            f.name for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
        ]
        for row in model.objects.values_list(*names) if names else ():
            for value in row:
                if value and THAI.search(value):
                    texts.add(value.strip())
                    texts.update(line.strip() for line in value.splitlines() if line.strip())
    return sorted(texts, key=len, reverse=True)


def spreadsheet_columns() -> list[str]:
    """The import files' column headings, as the import page lists them: the spreadsheet format is Thai in either language (the import
    page lists them), so they count as data here."""
    from indicators.resources import IndicatorResource

    return [", ".join(field.column_name for field in IndicatorResource().get_user_visible_fields())]


def thai_ui_text(html: str, data: list[str]) -> list[str]:
    """The shown text runs that still hold Thai once the data values and the bilingual switcher are cut out."""
    parser = _ShownText()
    parser.feed(html)
    left = []
    for chunk in parser.chunks:
        rest = chunk
        for value in (*data, *BILINGUAL):
            if value in rest:
                rest = rest.replace(value, " ")
        if THAI.search(rest):
            left.append(" ".join(chunk.split())[:160])
    return left


def english_client(client, user):
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


@pytest.fixture
def world(db):
    """One year; OWN reports on approved indicators (one quarter submitted, one audited); DRAFT is still
    writing its package, which fails the submission checks; a committee negotiates with both."""
    year = FiscalYearFactory(year_be=2567, is_current=True)
    _, elements = fy2567_elements(year)
    own = AgencyFactory(code="OWN", name_th="สำนักงานของฉัน")
    draft = AgencyFactory(code="DRAFT", name_th="สำนักงานที่ยังร่างอยู่")
    AgencyPackageFactory(fiscal_year=year, agency=own, status=PackageStatus.APPROVED)
    AgencyPackageFactory(fiscal_year=year, agency=draft, status=PackageStatus.DRAFT)
    reported = ScoredIndicatorFactory(
        fiscal_year=year, agency=own, element=elements["1.1"], number=1, name="ร้อยละความสำเร็จของโครงการทดสอบ",
        rubric={5: 100, 4: 80, 3: 60, 2: 40},
    )
    audited = ScoredIndicatorFactory(
        fiscal_year=year, agency=own, element=elements["1.1"], number=2, name="ระดับความสำเร็จของการทดสอบ",
    )
    # A level's text naming another number than its threshold: the forms warn (and save all the same).
    RubricLevel.objects.filter(indicator=reported, level=5).update(criterion="ร้อยละ ๙๐ ขึ้นไป")
    QuarterlyReportFactory(indicator=reported, quarter=1, status=ReportStatus.SUBMITTED, progress_percent=Decimal("30"))
    QuarterlyReportFactory(indicator=audited, quarter=1, status=ReportStatus.SUBMITTED)
    QuarterAuditFactory(indicator=audited, quarter=1, status=AuditStatus.ACCEPTED, verified_progress_percent=Decimal("25"))
    drafts = seed_like_indicators(agency=draft, fiscal_year=year, count=2)
    assert all(i.status == IndicatorStatus.DRAFT for i in drafts)
    group = MissionGroupFactory(fiscal_year=year, members=[own, draft])
    users = {
        "staff": RoleFactory(user=UserFactory(username="alice"), kind=RoleKind.AGENCY_STAFF, agency=own).user,
        "head": RoleFactory(user=UserFactory(username="dana"), kind=RoleKind.AGENCY_HEAD, agency=draft).user,
        "committee": RoleFactory(
            user=UserFactory(username="carol"), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group
        ).user,
        "strategy": RoleFactory(
            user=UserFactory(username="sam", is_staff=True), kind=RoleKind.STRATEGY_OFFICE, agency=None
        ).user,
        "admin": UserFactory(username="root", is_staff=True, is_superuser=True),
    }
    return {"year": year, "reported": reported, "audited": audited, "draft": drafts[0], "users": users}


def pages(world):
    reported, audited, draft = world["reported"].pk, world["audited"].pk, world["draft"].pk
    return {
        "staff": [
            "/",
            reverse("indicators:dashboard_agency", args=["OWN"]),
            reverse("indicators:indicator_page", args=[reported]),
            reverse("indicators:indicator_page", args=[audited]),
            reverse("indicators:report_edit", args=[reported, 1]),
            reverse("indicators:report_edit", args=[reported, 2]),
            reverse("indicators:indicator", args=[reported]),
            reverse("indicators:package", args=[2567, "OWN"]),
            reverse("indicators:agency_documents", args=[2567, "OWN"]),
            reverse("indicators:indicator_edit", args=[reported]),  # refused: the package is approved
            reverse("scoring:scorecard", args=[2567, "OWN"]),
            reverse("scoring:ranking", args=[2567]),
            reverse("scoring:ranking", args=[2599]),  # a year that does not exist
            reverse("password_change"),
        ],
        "head": [
            reverse("indicators:package", args=[2567, "DRAFT"]),  # the submission checks fail
            reverse("indicators:indicator", args=[draft]),
            reverse("indicators:package_compare", args=[2567, "DRAFT"]),
        ],
        "committee": [
            reverse("indicators:dashboard_committee"),
            reverse("indicators:negotiation_index", args=[2567]),
            reverse("indicators:package", args=[2567, "DRAFT"]),
            reverse("indicators:package_send_back", args=[2567, "OWN"]),  # refused: the package is approved
            reverse("indicators:indicator_replace", args=[reported]),  # refused
            reverse("indicators:meetings", args=[2567]),
            reverse("indicators:meeting_create", args=[2567]),
        ],
        "strategy": [
            reverse("indicators:dashboard_city"),
            reverse("indicators:audit_queue"),
            reverse("indicators:audit_edit", args=[reported, 1]),
            reverse("indicators:audit_edit", args=[reported, 2]),  # not reported yet
            reverse("indicators:indicator_create", args=[2567, "OWN"]),  # an amendment form
            reverse("indicators:indicator_edit", args=[reported]),  # rubric texts that name other numbers: warnings
            reverse("indicators:city_documents", args=[2567]),
            reverse("indicators:import_workbook"),
            "/admin/",
        ],
        "admin": [
            "/admin/indicators/indicator/",
            f"/admin/indicators/indicator/{reported}/change/",
            f"/admin/indicators/indicator/{draft}/change/",
            "/admin/indicators/fiscalyear/",
            "/admin/agencies/agency/",
            "/admin/indicators/indicator/import/",
        ],
    }


def test_main_pages_have_no_thai_ui_text_in_english(client, world):
    data = sorted(stored_thai_texts() + spreadsheet_columns(), key=len, reverse=True)
    found = {}
    for role, urls in pages(world).items():
        english_client(client, world["users"][role])
        for url in urls:
            response = client.get(url)
            assert response.status_code in (200, 403, 404), (role, url, response.status_code)
            html = response.content.decode()
            assert '<html lang="en"' in html or url.startswith("/admin/"), (role, url)
            if left := thai_ui_text(html, data):
                found[f"{role} {url} ({response.status_code})"] = left
        client.logout()
    assert not found, "Thai UI text on English pages:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())


def test_dates_and_chart_months_are_english(client, world):
    english_client(client, world["users"]["staff"])
    html = client.get(reverse("indicators:indicator_page", args=[world["reported"].pk])).content.decode()
    assert "15 Jan B.E. 2567" in html  # Q1's report deadline (15 days after 31 December 2566)
    assert ">Oct<" in html and ">Sep<" in html  # the progress chart's month ticks
    assert "ม.ค." not in html and "ต.ค." not in html


def test_percentages_read_as_percent_signs_in_english_and_ร้อยละ_in_thai(client, world):
    english_client(client, world["users"]["staff"])
    page = reverse("indicators:indicator_page", args=[world["reported"].pk])
    assert "30%" in client.get(page).content.decode()  # the Q1 report's cumulative progress
    client.post(reverse("set_language"), {"language": "th", "next": page})
    assert "ร้อยละ 30" in client.get(page).content.decode()


def test_submission_checks_are_english_with_arabic_digits(client, world):
    english_client(client, world["users"]["head"])
    html = client.get(reverse("indicators:package", args=[2567, "DRAFT"])).content.decode()
    assert "Composition element 1: the weights add up to 20 but must equal 70 points" in html
    assert "Send the indicators to the committee" in html


def test_rubric_warning_is_english_with_arabic_digits(client, world):
    english_client(client, world["users"]["strategy"])
    html = client.get(reverse("indicators:indicator_edit", args=[world["reported"].pk])).content.decode()
    assert "Level 5: the criterion text says 90 but the criterion value is 100" in html


def test_refusal_and_error_messages_are_english(client, world):
    english_client(client, world["users"]["staff"])
    response = client.get(reverse("indicators:indicator_edit", args=[world["reported"].pk]))
    assert response.status_code == 403
    assert "The indicator is locked: the indicator set is" in response.content.decode()

    english_client(client, world["users"]["committee"])
    url = reverse("indicators:indicator_comment", args=[world["draft"].pk])
    html = client.post(url, {"body": ""}, follow=True).content.decode()
    assert "Enter a comment before saving" in html
    html = client.post(url, {"body": "โปรดปรับค่าเป้าหมาย"}, follow=True).content.decode()  # a draft: too early
    assert "Comments can be made only once the indicator set has been sent to the committee" in html
    assert not thai_ui_text(html, stored_thai_texts())

    for typed, message in (
        ("31/02/2567", "There is no such date as “31/02/2567”"),
        ("1/10/2023", "must be a Buddhist Era (B.E.) year, for example 2566"),
        ("next week", "The date “next week” is not valid. Use dd/mm/yyyy (B.E.)"),
    ):
        html = client.post(reverse("indicators:meeting_create", args=[2567]), {"held_on": typed}).content.decode()
        assert message in html
        assert not thai_ui_text(html, stored_thai_texts())

    english_client(client, world["users"]["strategy"])
    response = client.post(reverse("indicators:city_documents", args=[2567]), {"kind": "nonsense"})
    assert response.status_code == 400
    assert "Please choose a document" in response.content.decode()


def test_same_pages_stay_thai_by_default(client, world):
    """The catalogue entries added for English leave the Thai pages as they were."""
    client.force_login(world["users"]["head"])
    html = client.get(reverse("indicators:package", args=[2567, "DRAFT"])).content.decode()
    assert "องค์ประกอบที่ 1: น้ำหนักคะแนนรวม ๒๐ ต้องเท่ากับ ๗๐ คะแนนตามกรอบการประเมิน" in html
    assert "ส่งตัวชี้วัดให้คณะกรรมการ" in html
    client.force_login(world["users"]["committee"])
    html = client.post(reverse("indicators:meeting_create", args=[2567]), {"held_on": "31/02/2567"}).content.decode()
    assert "ไม่มีวันที่ “31/02/2567” ในปฏิทิน" in html
