"""Browser journeys: Playwright drives Debian's chromium against pytest-django's live_server."""

import os
import shutil
import tempfile

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# body itself are safe here (the live server answers in its own thread). Scoped to e2e tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: run `make system-deps`")
    profile = tempfile.mkdtemp(prefix="kpi-e2e-chromium-")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log a user in through the real login form."""

    def do_login(username: str, password: str = "test-password-123"):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")

    return do_login


# --- Quarterly reporting journey (issue 5) -------------------------------------------------------


@pytest.fixture
def reporting_indicator(db, agency, staff_user, strategy_user):
    """An approved indicator of `agency` in the fiscal year today falls in, with a step plan and evidence items."""
    from decimal import Decimal

    from django.utils import timezone

    from kpi_portal.lib.thai import fiscal_year_be
    from tests.factories import (
        ApprovedIndicatorFactory,
        EvidenceRequirementFactory,
        FiscalYearFactory,
        ProjectFactory,
        ProjectStepFactory,
    )

    import datetime as dt

    today = timezone.localdate()
    year = FiscalYearFactory(year_be=fiscal_year_be(today), is_current=True)
    # Q1 is due in 30 days whatever day the suite runs, so staff submit on time and Q1 is this quarter.
    year.quarters.filter(quarter=1).update(report_deadline=today + dt.timedelta(days=30))
    year.quarters.filter(quarter__gt=1).update(report_deadline=today + dt.timedelta(days=120))
    indicator = ApprovedIndicatorFactory(
        fiscal_year=year,
        agency=agency,
        number=1,
        name="ระดับความสำเร็จของการดำเนินโครงการต้นแบบ HR SMART ระดับหน่วยงาน",
        code="0402-0810",
        target_text="ระดับ ๕",
        definition="ต้นแบบ HR SMART ระดับหน่วยงาน หมายถึง ผู้ปฏิบัติงานด้านการบริหารงานบุคคลระดับหน่วยงาน",
    )
    project = ProjectFactory(indicator=indicator, name="โครงการต้นแบบ HR SMART")
    for order, (weight, start, end) in enumerate(
        [(10, 1, 2), (10, 3, 3), (40, 4, 8), (10, 9, 9), (20, 10, 10), (5, 11, 11), (5, 12, 12)], start=1
    ):
        ProjectStepFactory(project=project, order=order, weight=Decimal(weight), start_month=start, end_month=end)
    EvidenceRequirementFactory(indicator=indicator, order=1, description="โครงการที่ได้รับอนุมัติ")
    EvidenceRequirementFactory(indicator=indicator, order=2, description="รายงานการประชุมคณะทำงาน")
    return indicator


@pytest.fixture
def evidence_pdf(tmp_path):
    path = tmp_path / "คำสั่งแต่งตั้งคณะทำงาน.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return path
