"""What the pages look like in a real browser: a phone-width dashboard, a lone checkbox, one-line cells."""

import pytest
from django.utils import timezone

from tests.factories import FiscalYearFactory, QuarterlyReportFactory, seed_like_indicators

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 800}
LINES = "el => { const r = document.createRange(); r.selectNodeContents(el); return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"


def test_on_a_phone_the_dashboard_table_scrolls_in_its_box_not_the_whole_page(page, login, reporting_indicator):
    login("alice")
    page.set_viewport_size(PHONE)
    page.goto(f"/indicators/dashboard/agency/{reporting_indicator.agency.code}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = page.locator("table.progress-table")
    assert table.evaluate("t => getComputedStyle(t).overflowX") == "auto"  # the table itself can be swiped


@pytest.mark.parametrize("form", ["report", "audit"])
def test_on_a_phone_the_report_and_audit_forms_fit_the_screen(page, login, reporting_indicator, form):
    """The form and the rubric stack in one column; neither may push the page wider than the phone."""
    QuarterlyReportFactory(indicator=reporting_indicator, quarter=1, status="submitted", submitted_at=timezone.now())
    # A criterion as the seeds write them: long Thai words and figures with units.
    reporting_indicator.rubric_levels.update(
        criterion="- มีการปรับปรุงซ่อมแซมห้องพักอาศัยที่ชำรุดให้สามารถจัดข้าราชการและลูกจ้างประจำของกรุงเทพมหานคร"
        "เข้าพักอาศัยได้ไม่น้อยกว่า ๓๖๐ ห้อง (360 ห้อง)"
    )
    login("alice" if form == "report" else "sam")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/indicators/{reporting_indicator.pk}/{form}/{2 if form == 'report' else 1}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_audit_form_checkbox_sits_under_its_label_and_queue_cells_stay_on_one_line(page, login, reporting_indicator):
    QuarterlyReportFactory(indicator=reporting_indicator, quarter=1, status="submitted", submitted_at=timezone.now())
    login("sam")

    page.goto("/indicators/audit/")
    row = page.locator("table.data tbody tr").first
    line = row.locator("td.nowrap").first
    assert line.inner_text().strip() == "ไตรมาสที่ 1"
    assert line.evaluate(LINES) == 1  # not "ไตรมาสที่ / 1"
    assert row.get_by_role("link", name="ตรวจประเมิน").evaluate(LINES) == 1

    page.goto(f"/indicators/{reporting_indicator.pk}/audit/1/")
    box = page.locator("input[name=confirm_without_evidence]").bounding_box()
    label = page.locator("label[for=id_confirm_without_evidence]").bounding_box()
    assert abs(box["x"] - label["x"]) < 5  # at the start of the field, not centred across the form


def test_on_a_phone_the_indicator_page_gives_its_values_most_of_the_width(page, login, reporting_indicator):
    """The label column is 16rem on a desk; on a phone that left the definition a narrow strip."""
    login("alice")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/indicators/{reporting_indicator.pk}/")

    label = page.locator("table.detail th").first.bounding_box()
    value = page.locator("table.detail td").first.bounding_box()
    assert value["width"] > 1.5 * label["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_at_320px_the_report_form_with_its_evidence_box_fits(page, login, reporting_indicator):
    """WCAG reflow: 320 CSS px is a small phone, or a 1280px office screen zoomed to 400 %. A fieldset is
    min-content wide by default, so the file picker inside "หลักฐาน" pushed the page sideways."""
    login("alice")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/indicators/{reporting_indicator.pk}/report/1/")
    assert page.locator("input[type=file]").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 320



def test_on_a_phone_in_english_the_rubric_form_scrolls_in_its_box_not_the_whole_page(page, login, agency, staff_user):
    """The levels' last column ("The threshold itself does not reach the level") pushes the rubric table
    past a phone's width in English; its screen-reader labels must stay inside the table's scroll box."""
    draft = seed_like_indicators(agency=agency, fiscal_year=FiscalYearFactory(year_be=2567), count=1)[0]
    login("alice")
    page.select_option("#language-select", "en")
    page.locator("form.language-switcher button").click()
    page.set_viewport_size(PHONE)
    page.goto(f"/indicators/{draft.pk}/edit/")

    rubric = page.locator("table.data", has=page.locator("input[name$=threshold_exclusive]"))
    assert rubric.evaluate("t => t.scrollWidth > t.clientWidth")  # wider than the phone: it scrolls in its box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_desk_screen_in_english_the_committee_summary_fits_the_page(page, login, reporting_indicator):
    """Its English headers ("Audited by the strategy office: Last quarter of the year") were kept on one
    line like Thai "น้ำหนัก", and the table ran past a 1280px screen, its last column cut off (1024px: a
    laptop, or that screen zoomed to 125 %)."""
    from agencies.models import RoleKind
    from tests.factories import MissionGroupFactory, RoleFactory, UserFactory

    group = MissionGroupFactory(fiscal_year=reporting_indicator.fiscal_year, members=[reporting_indicator.agency])
    RoleFactory(user=UserFactory(username="carol"), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=group)
    login("carol")
    page.select_option("#language-select", "en")
    page.locator("form.language-switcher button").click()
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto("/indicators/dashboard/committee/")

    summary = page.locator("#agency-summary")
    assert summary.get_by_text("Audited by the strategy office").count() == 1
    box, card = summary.bounding_box(), page.locator("main").bounding_box()
    assert box["x"] + box["width"] <= card["x"] + card["width"]  # every column inside the page's card


def test_on_a_narrow_desk_screen_the_city_progress_table_scrolls_in_its_box(page, login, reporting_indicator, strategy_user):
    """Above phone width the table was laid out at full size and ran past the page's card (its points
    column cut off at 1024px with the demo data); it now scrolls inside its own box."""
    login("sam")
    page.set_viewport_size({"width": 820, "height": 800})
    page.goto("/indicators/dashboard/city/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 820
    table = page.locator("table.progress-table")
    assert table.evaluate("t => t.parentElement.scrollWidth > t.parentElement.clientWidth")  # it scrolls in its box
