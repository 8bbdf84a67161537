"""Every document renders from the shipped reference data (fixtures/): สำนักงานการเจ้าหน้าที่ (SKJ), FY2567."""

import pytest
from django.core.management import call_command

from agencies.models import Agency
from indicators import documents
from indicators.models import FiscalYear
from kpi_portal.lib.pdf import render_pdf
from scoring.documents import ranking_context, scorecard_context

from .conftest import pdf_info, pdf_text, squeeze

pytestmark = pytest.mark.django_db

SEED_NAMES = (
    "ร้อยละความสำเร็จในการดำเนินการโครงการ HR ๑:๑ Coaching & Mentor",
    "ร้อยละความสำเร็จของประสิทธิภาพการดำเนินการทางวินัยที่เกี่ยวข้องกับการทุจริตคอร์รัปชันของข้าราชการกรุงเทพมหานคร",
    "ระดับความสำเร็จของการจัดทำโครงการเสริมสร้างความรู้ ความเข้าใจในด้านการป้องกันและปราบปรามการทุจริต",
)


@pytest.fixture
def reference(db):
    call_command("load_reference_data", verbosity=0)
    return FiscalYear.objects.get(year_be=2567), Agency.objects.get(code="SKJ")


def text_of(pdf: bytes) -> str:
    return squeeze(pdf_text(pdf, mode="raw"))


def test_summary_form_and_package_from_reference_data(reference):
    fiscal_year, agency = reference
    summary = render_pdf(
        template_name="pdf/summary_form.html",
        context=documents.summary_form_context(fiscal_year=fiscal_year, agency=agency),
    )
    text = text_of(summary)
    assert squeeze("แบบสรุปตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") in text
    assert squeeze(agency.name_th) in text
    for name in SEED_NAMES:
        assert squeeze(name) in text
    assert squeeze("รวมน้ำหนักคะแนน ๗๐") in text
    rows = [line.split() for line in pdf_text(summary).splitlines() if line.strip()]
    weights = [row[-1] for row in rows if row[0] in {"๑.", "๒.", "๓.", "๔.", "๕.", "๖."}]
    assert sorted(weights) == sorted(["๑๐", "๑๐", "๑๐", "๒๐", "๑๐", "๑๐"])

    package = render_pdf(
        template_name="pdf/negotiation_package.html",
        context=documents.negotiation_package_context(fiscal_year=fiscal_year, agency=agency),
    )
    text = text_of(package)
    assert text.count(squeeze("เกณฑ์การให้คะแนน")) == 6
    assert squeeze("๕ ร้อยละ ๑๐๐") in text and squeeze("๑ ร้อยละ ๒๐") in text
    assert squeeze("ผู้รับการประเมิน") in text and squeeze("ผู้ประเมิน") in text
    assert int(pdf_info(package)["Pages"]) > 6


def test_every_indicator_sheet_quarterly_scorecard_and_ranking_from_reference_data(reference):
    fiscal_year, agency = reference
    for indicator in agency.indicators.filter(fiscal_year=fiscal_year):
        sheet = text_of(
            render_pdf(
                template_name="pdf/indicator_sheet.html",
                context=documents.indicator_sheet_context(indicator=indicator),
            )
        )
        assert squeeze(indicator.name) in sheet and squeeze("เกณฑ์การให้คะแนน") in sheet
    quarterly = text_of(
        render_pdf(
            template_name="pdf/quarterly_report.html",
            context=documents.quarterly_report_context(fiscal_year=fiscal_year, agency=agency, quarter=1),
        )
    )
    assert squeeze("ไตรมาสที่ ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") in quarterly and squeeze(SEED_NAMES[0]) in quarterly
    scorecard = text_of(
        render_pdf(
            template_name="pdf/scorecard.html", context=scorecard_context(fiscal_year=fiscal_year, agency=agency)
        )
    )
    assert squeeze(agency.name_th) in scorecard and squeeze("รวมคะแนน ๗๐") in scorecard
    ranking = text_of(render_pdf(template_name="pdf/ranking.html", context=ranking_context(fiscal_year=fiscal_year)))
    assert squeeze("อันดับรวมทุกหน่วยงาน") in ranking
