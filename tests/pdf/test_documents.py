"""Every document renders with the Thai title, agency, indicators, Thai-digit weights and rubric rows."""

import io
from decimal import Decimal

import pypdf
import pytest

from indicators import documents
from kpi_portal.lib.pdf import render_pdf
from kpi_portal.lib.thai import to_thai_digits
from scoring.documents import ranking_context, scorecard_context
from tests.factories import SEED_INDICATORS, UserFactory

from .conftest import SKJ_NAME, nfkc, pdf_fonts, pdf_info, pdf_text, squeeze

pytestmark = pytest.mark.django_db



def is_a4_landscape(pdf: bytes) -> bool:
    width, _, height = pdf_info(pdf)["Page size"].split()[:3]
    return abs(float(width) - 841.89) < 1 and abs(float(height) - 595.28) < 1


def render(template, context, **kwargs):
    return render_pdf(template_name=f"pdf/{template}.html", context=context, **kwargs)


def thai(text: str) -> str:
    return to_thai_digits(text)


def test_a_summary_over_several_pages_prints_its_total_once_at_the_end(skj):
    fiscal_year, agency, _ = skj
    context = documents.summary_form_context(fiscal_year=fiscal_year, agency=agency)
    for group in context["groups"]:
        group.rows = group.rows * 4  # a long package: the table runs over several pages

    pdf = render("summary_form", context)

    pages = [squeeze(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 1
    assert [squeeze("รวมน้ำหนักคะแนน") in page for page in pages] == [False] * (len(pages) - 1) + [True]


def test_summary_form_reads_like_the_official_form(skj):
    fiscal_year, agency, _ = skj
    pdf = render("summary_form", documents.summary_form_context(fiscal_year=fiscal_year, agency=agency))

    text = squeeze(pdf_text(pdf, mode="raw"))
    assert squeeze("แบบสรุปตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") in text
    assert squeeze(SKJ_NAME) in text
    for header in ("ที่", "ชื่อตัวชี้วัด", "ผลการดำเนินงานย้อนหลัง ๓ ปี", "เป้าหมาย", "น้ำหนักคะแนน"):
        assert squeeze(header) in text
    for _, name, _, _ in SEED_INDICATORS:
        assert squeeze(thai(name)) in text
    assert squeeze("องค์ประกอบที่ ๑ การประเมินประสิทธิผลการดำเนินงาน (Performance Base)") in text
    assert squeeze("๑.๒ ประสิทธิภาพของการขับเคลื่อนการบูรณาการการดำเนินงานร่วมกันระหว่างหน่วยงาน (Joint KPIs)") in text
    assert squeeze("พ.ศ. ๒๕๖๔ : ไม่มี") in text
    assert squeeze("ร้อยละ ๑๐๐ (๓๖๐ ห้อง)") in text
    assert squeeze("รวมน้ำหนักคะแนน ๗๐") in text
    assert is_a4_landscape(pdf)


def test_summary_rows_sit_under_their_sub_element_with_thai_weights(skj):
    fiscal_year, agency, _ = skj
    pdf = render("summary_form", documents.summary_form_context(fiscal_year=fiscal_year, agency=agency))

    lines = [line.split() for line in pdf_text(pdf).splitlines() if line.strip()]
    weights = {row[0]: row[-1] for row in lines if row[0] in {f"{thai(str(n))}." for n in range(1, 7)}}
    assert weights == {"๑.": "๑๐", "๒.": "๑๐", "๓.": "๑๐", "๔.": "๒๐", "๕.": "๑๐", "๖.": "๑๐"}
    text = squeeze(pdf_text(pdf, mode="raw"))
    joint, agenda = text.index(squeeze("(Joint KPIs)")), text.index(squeeze("(Agenda Base)"))
    fourth, fifth = (text.index(squeeze(thai(SEED_INDICATORS[n][1]))) for n in (3, 4))
    assert joint < fourth < agenda < fifth


def test_arabic_digits_on_request(skj):
    fiscal_year, agency, _ = skj
    context = documents.summary_form_context(fiscal_year=fiscal_year, agency=agency)
    text = squeeze(pdf_text(render("summary_form", context, thai_digits=False), mode="raw"))
    assert squeeze("ประจำปีงบประมาณ พ.ศ. 2567") in text
    assert squeeze("รวมน้ำหนักคะแนน 70") in text
    assert "๒๕๖๗" not in text


def test_only_the_shipped_font_is_embedded(skj):
    fiscal_year, agency, _ = skj
    pdf = render("negotiation_package", documents.negotiation_package_context(fiscal_year=fiscal_year, agency=agency))
    fonts = pdf_fonts(pdf)
    assert fonts and all(name.split("+")[-1].startswith("Sarabun") for name in fonts), fonts


def test_indicator_sheet_has_alignment_definition_rubric_outputs_and_conditions(skj):
    fiscal_year, agency, indicators = skj
    pdf = render("indicator_sheet", documents.indicator_sheet_context(indicator=indicators[3]))

    text = squeeze(pdf_text(pdf, mode="raw"))
    assert squeeze("ตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") in text
    assert squeeze("องค์ประกอบที่ ๑.๑ องค์ประกอบที่ ๑.๒ องค์ประกอบที่ ๑.๓") in text
    assert squeeze("ยุทธศาสตร์ที่ ๗ การสร้างความเป็นมืออาชีพในการบริหารจัดการมหานคร") in text
    assert squeeze("ยุทธศาสตร์ย่อยที่ ๗.๓ การบริหารทรัพยากรบุคคล") in text
    assert squeeze("วัตถุประสงค์หลัก (Objective) การพัฒนาระบบบริหารทรัพยากรบุคคลให้มีประสิทธิภาพ") in text
    assert squeeze("นิยามและวิธีคำนวณ") in text and squeeze("วิธีเก็บข้อมูล/หลักฐาน") in text
    assert squeeze("เกณฑ์การให้คะแนน") in text
    # Weight 20: the rubric gives 20/16/12/8/4 points for levels 5..1.
    for level, percent, points in ((5, 100, 20), (4, 80, 16), (3, 60, 12), (2, 40, 8), (1, 20, 4)):
        row = thai(f"{level} ร้อยละ {percent} ดำเนินการตามแผนฯ ร้อยละ {percent} {points}")
        assert squeeze(row) in text, row
    assert squeeze("ผลผลิต จำนวนครั้งในการพูดคุยเชิงลึกไม่น้อยกว่า ๕ ครั้ง") in text
    assert squeeze("การดำเนินการตามแผนฯ ได้ร้อยละ ๖๐ ดังนี้") in text
    assert is_a4_landscape(pdf)


def test_negotiation_package_is_summary_then_every_sheet_then_signatures(skj):
    fiscal_year, agency, _ = skj
    pdf = render("negotiation_package", documents.negotiation_package_context(fiscal_year=fiscal_year, agency=agency))

    text = squeeze(pdf_text(pdf, mode="raw"))
    summary = text.index(squeeze("แบบสรุปตัวชี้วัดเจรจาตกลง"))
    assert text.count(squeeze("ตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗")) >= 7
    assert text.count(squeeze("เกณฑ์การให้คะแนน")) == 6
    signatures = text.index(squeeze("ผู้รับการประเมิน"))
    rubric, committee = text.index(squeeze("เกณฑ์การให้คะแนน")), text.index(squeeze("ผู้ประเมิน"), signatures + 5)
    assert summary < rubric < signatures < committee
    assert squeeze(f"หัวหน้าหน่วยงาน {SKJ_NAME}") in text
    assert int(pdf_info(pdf)["Pages"]) >= 7


def test_quarterly_report_shows_self_report_audit_and_narrative(skj_results):
    fiscal_year, agency, _ = skj_results
    context = documents.quarterly_report_context(fiscal_year=fiscal_year, agency=agency, quarter=2)
    pdf = render("quarterly_report", context)

    text = squeeze(pdf_text(pdf, mode="raw"))
    assert squeeze("รายงานผลการดำเนินงานตามตัวชี้วัดเจรจาตกลง ไตรมาสที่ ๒ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") in text
    assert squeeze("ระยะเวลารายงาน ๑ มกราคม ๒๕๖๗ – ๓๑ มีนาคม ๒๕๖๗") in text
    assert squeeze("จัดทำแผนและดำเนินการครบถ้วน") in text and squeeze("อยู่ระหว่างดำเนินการตามแผน") in text
    assert squeeze("ยอมรับ") in text  # the audit status beside the self-assessment
    assert squeeze("ผลงานสะสม ร้อยละ") not in text  # an acceptance changes no figure: none printed twice
    assert text.count(squeeze("ยังไม่รายงาน")) == 4
    assert is_a4_landscape(pdf)


def test_scorecard_shows_levels_points_subtotals_total_and_sources(skj_results):
    fiscal_year, agency, _ = skj_results
    pdf = render("scorecard", scorecard_context(fiscal_year=fiscal_year, agency=agency))

    text = squeeze(pdf_text(pdf, mode="raw"))
    assert squeeze("ผลการประเมินตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") in text
    assert squeeze(SKJ_NAME) in text
    assert squeeze("ผลตรวจ สยป. ไตรมาสที่ ๒") in text  # indicator 1: audited level 5 = 10 points
    assert squeeze("รายงานของหน่วยงาน ไตรมาสที่ ๒") in text  # indicator 4: self-reported level 3 = 12 points
    assert squeeze(f"{thai(SEED_INDICATORS[0][1])} ๑๐ ๕ ๑๐") in text
    assert squeeze(f"{thai(SEED_INDICATORS[3][1])} ๒๐ ๓ ๑๒") in text
    assert squeeze("รวมคะแนน ๗๐") in text and squeeze("๒๒") in text
    assert squeeze("ร้อยละ ๓๑.๔๓") in text  # 22 of 70 = 31.4286 %, printed to two places as on screen
    assert squeeze("รวมองค์ประกอบ") in text


def test_a_scorecard_over_several_pages_prints_its_total_once_after_the_last_indicator(skj_results):
    fiscal_year, agency, _ = skj_results
    context = scorecard_context(fiscal_year=fiscal_year, agency=agency)
    for section in context["sections"]:
        section["lines"] = section["lines"] * 6  # a long scorecard: the table runs over several pages

    pdf = render("scorecard", context)

    pages = [squeeze(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 1
    assert [squeeze("รวมคะแนน") in page for page in pages] == [False] * (len(pages) - 1) + [True]


def test_ranking_report_has_overall_mission_group_and_district_group_sections(skj_results):
    from tests.factories import DistrictFactory, MissionGroupFactory, seed_like_indicators

    fiscal_year, agency, _ = skj_results
    MissionGroupFactory(fiscal_year=fiscal_year, name="แพทย์ บุคคล และตรวจสอบ", members=[agency])
    district = DistrictFactory(name_th="สำนักงานเขตวังทองหลาง", district_group__name="กรุงเทพกลาง")
    seed_like_indicators(agency=district, fiscal_year=fiscal_year)
    district.indicators.update(status="approved")
    pdf = render("ranking", ranking_context(fiscal_year=fiscal_year))

    text = squeeze(pdf_text(pdf, mode="raw"))
    assert squeeze("ผลการจัดอันดับการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗") in text
    assert squeeze("อันดับรวมทุกหน่วยงาน") in text
    assert squeeze("กลุ่มภารกิจ ๑. แพทย์ บุคคล และตรวจสอบ") in text or squeeze("แพทย์ บุคคล และตรวจสอบ") in text
    assert squeeze("กรุงเทพกลาง") in text
    assert squeeze(f"๑ {SKJ_NAME} ๒๒ ๗๐ ๓๑.๔๓") in text
    assert squeeze("สำนักงานเขตวังทองหลาง") in text


def test_percentages_print_to_two_places_half_up():
    from kpi_portal.lib.numbers import percent_text

    assert percent_text(Decimal("51.4286")) == "51.43"
    assert percent_text(Decimal("87.125")) == "87.13"  # half up, not to even
    assert percent_text(Decimal("50")) == "50.00"
    assert percent_text(None) == "-"


def test_weights_print_without_trailing_zeros():
    assert documents.fmt_number(Decimal("10.00")) == "10"
    assert documents.fmt_number(Decimal("12.50")) == "12.5"
    assert documents.fmt_number(Decimal("1390")) == "1,390"
    assert documents.fmt_number(None) == "-"


def test_quarterly_report_measured_value_stays_inside_its_column(skj):
    """"(ค่าที่วัดได้ ๑๘๐)" wraps inside the progress column instead of running over the level column."""
    import re
    import subprocess

    from indicators.models import QuarterlyReport, ReportStatus

    fiscal_year, agency, indicators = skj
    QuarterlyReport.objects.create(
        indicator=indicators[4], quarter=2, progress_percent=Decimal("50"), measured_value=Decimal("180"),
        narrative="ซ่อมแล้ว 180 ห้อง", status=ReportStatus.SUBMITTED,
    )
    context = documents.quarterly_report_context(fiscal_year=fiscal_year, agency=agency, quarter=2)
    pdf = render("quarterly_report", context)

    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    words = [
        (float(x_min), float(x_max), nfkc(text))
        for x_min, x_max, text in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)
    ]
    progress_header = min(x_min for x_min, _, text in words if text == "สะสม")  # ผลงาน สะสม (ร้อยละ)
    level_column_starts = min(x_min for x_min, _, text in words if text == "ระดับ" and x_min > progress_header)
    measured_ends = max(x_max for _, x_max, text in words if "วัดได้" in text or text in ("๑๘๐)", "ห้อง)"))
    assert measured_ends < level_column_starts


def test_quarterly_report_prints_the_level_a_measured_value_reaches(skj):
    """A numeric rubric scores the measured value; its level columns show that level, not "-", as the dashboard does."""
    from indicators.models import AuditStatus, QuarterAudit, QuarterlyReport, ReportStatus

    fiscal_year, agency, indicators = skj
    rooms = indicators[4]
    rooms.rubric_kind, rooms.target_unit = "numeric", "ห้อง"
    rooms.save(update_fields=["rubric_kind", "target_unit"])
    for level, threshold in {5: 360, 4: 300, 3: 240, 2: 180, 1: 120}.items():
        rooms.rubric_levels.filter(level=level).update(threshold=threshold)
    report = QuarterlyReport.objects.create(
        indicator=rooms, quarter=2, progress_percent=Decimal("67"), measured_value=Decimal("240"),
        narrative="ซ่อมแล้ว 240 ห้อง", status=ReportStatus.SUBMITTED,
    )  # fmt: skip
    QuarterAudit.objects.create(
        indicator=rooms, quarter=2, report=report, status=AuditStatus.ADJUSTED, verified_value=Decimal("180"),
        verified_progress_percent=Decimal("50"), auditor=UserFactory(),
    )  # fmt: skip

    context = documents.quarterly_report_context(fiscal_year=fiscal_year, agency=agency, quarter=2)

    row = next(row for row in context["rows"] if row["number"] == rooms.number)
    assert (row["level"], row["audit_level"]) == ("3", "2")
    unreported = next(row for row in context["rows"] if row["number"] == indicators[0].number)
    assert (unreported["level"], unreported["audit_level"]) == ("-", "-")
    text = squeeze(pdf_text(render("quarterly_report", context), mode="raw"))
    assert squeeze("(ค่าที่วัดได้ ๒๔๐ ห้อง) ๓ ๒ ปรับผล (ผลงานสะสม ร้อยละ ๕๐) (ค่าที่วัดได้ ๑๘๐ ห้อง)") in text


def test_quarterly_report_prints_the_measured_value_in_the_rubrics_unit(skj):
    """The disciplinary KPI aims at ร้อยละ ๑๐๐ but is measured in days: the PDF says days, not ร้อยละ."""
    from indicators.models import QuarterlyReport, ReportStatus

    fiscal_year, agency, indicators = skj
    discipline = indicators[3]
    discipline.value_unit = "วัน"
    discipline.save(update_fields=["value_unit"])
    QuarterlyReport.objects.create(
        indicator=discipline, quarter=2, progress_percent=Decimal("80"), measured_value=Decimal("75"),
        narrative="พิจารณาแล้วเสร็จเฉลี่ย 75 วัน", status=ReportStatus.SUBMITTED,
    )  # fmt: skip

    context = documents.quarterly_report_context(fiscal_year=fiscal_year, agency=agency, quarter=2)
    text = squeeze(pdf_text(render("quarterly_report", context), mode="raw"))

    assert squeeze("(ค่าที่วัดได้ ๗๕ วัน)") in text
    assert squeeze("ร้อยละ ๗๕") not in text


def test_indicator_sheet_states_a_threshold_its_text_leaves_out_with_its_comparison(skj):
    """Level 5 is "fewer than 80 days" (exclusive): a text that does not write it gets "(น้อยกว่า ๘๐ วัน)";
    one that already writes its threshold ("ภายใน ๙๐ วัน") is printed as typed, saying it once."""
    _, _, indicators = skj
    discipline = indicators[3]
    discipline.value_unit, discipline.rubric_kind, discipline.rubric_direction = "วัน", "mixed", "lower"
    discipline.save(update_fields=["value_unit", "rubric_kind", "rubric_direction"])
    discipline.rubric_levels.filter(level=5).update(
        criterion="พิจารณาแล้วเสร็จเร็วกว่าเกณฑ์", threshold=Decimal("80"), threshold_exclusive=True
    )
    discipline.rubric_levels.filter(level=4).update(criterion="พิจารณาแล้วเสร็จภายใน ๙๐ วัน", threshold=Decimal("90"))

    text = squeeze(pdf_text(render("indicator_sheet", documents.indicator_sheet_context(indicator=discipline)), mode="raw"))

    assert squeeze("พิจารณาแล้วเสร็จเร็วกว่าเกณฑ์ (น้อยกว่า ๘๐ วัน)") in text
    assert text.count(squeeze("๙๐ วัน")) == 1


def test_joint_kpi_lists_each_agency_once_before_its_duty(skj):
    """The seed: "ภารกิจของหน่วยงาน/ส่วนราชการฯ ที่เกี่ยวข้อง ๑. สำนักงานการเจ้าหน้าที่ … ดำเนินการทางวินัย …"."""
    from tests.factories import AgencyFactory, JointParticipantFactory

    fiscal_year, agency, indicators = skj
    partner = AgencyFactory(code="SKK", abbreviation="สกก.", name_th="สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร")
    JointParticipantFactory(indicator=indicators[3], agency=agency, duty=f"{SKJ_NAME} ดำเนินการทางวินัย")
    JointParticipantFactory(indicator=indicators[3], agency=partner, duty="รับผิดชอบในการตรวจพิจารณา")

    text = squeeze(pdf_text(render("indicator_sheet", documents.indicator_sheet_context(indicator=indicators[3])), mode="raw"))
    assert squeeze("ภารกิจของหน่วยงาน/ส่วนราชการฯ ที่เกี่ยวข้อง") in text
    assert squeeze(f"๑. {SKJ_NAME} ดำเนินการทางวินัย") in text
    assert text.count(squeeze(SKJ_NAME + SKJ_NAME)) == 0
    assert squeeze("๒. สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร รับผิดชอบในการตรวจพิจารณา") in text


def test_indicator_sheet_labels_the_key_result_as_the_form_does(skj):
    _, _, indicators = skj
    indicator = indicators[0]
    indicator.key_result = "ปรับปรุงระบบงานบริหารทรัพยากรบุคคลของหน่วยงาน"
    indicator.save(update_fields=["key_result"])
    text = squeeze(pdf_text(render("indicator_sheet", documents.indicator_sheet_context(indicator=indicator)), mode="raw"))
    assert squeeze("ตัววัดผลหลัก (Key Result : KR) ปรับปรุงระบบงานบริหารทรัพยากรบุคคลของหน่วยงาน") in text


@pytest.mark.parametrize("group_name", ["กลุ่มภารกิจด้านการระบายน้ำ การวางแผนและพัฒนาเมือง", "ด้านการระบายน้ำ การวางแผนและพัฒนาเมือง"])
def test_committee_signature_names_the_mission_group_once(skj, group_name):
    from tests.factories import MissionGroupFactory

    fiscal_year, agency, _ = skj
    MissionGroupFactory(fiscal_year=fiscal_year, name=group_name, members=[agency])
    pdf = render("negotiation_package", documents.negotiation_package_context(fiscal_year=fiscal_year, agency=agency))
    text = squeeze(pdf_text(pdf, mode="raw"))
    assert squeeze(
        "ประธานคณะกรรมการเจรจาตกลงการประเมินผลการปฏิบัติราชการ กลุ่มภารกิจด้านการระบายน้ำ การวางแผนและพัฒนาเมือง"
    ) in text
    assert squeeze("กลุ่มภารกิจกลุ่มภารกิจ") not in text
