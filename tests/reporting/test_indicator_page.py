"""The indicator page: everything the existing system's page shows, plus audit beside self-report and the plan chart."""

import pytest
import datetime as dt
from decimal import Decimal as D

from django.urls import reverse

from indicators.charts import progress_chart
from tests.factories import (
    EvidenceRequirementFactory,
    MilestoneConditionFactory,
    ProjectFactory,
    ProjectStepFactory,
    QuarterAuditFactory,
    QuarterlyReportFactory,
)


def test_the_page_shows_header_quarters_narratives_definition_rubric_projects_and_chart(client, indicator, staff_user):
    indicator.code = "0402-0810"
    indicator.definition = "ต้นแบบ HR SMART ระดับหน่วยงาน หมายถึง ผู้ปฏิบัติงานด้านการบริหารงานบุคคล"
    indicator.calculation_method = "พิจารณาจากผลการดำเนินการที่กำหนดไว้ตามขั้นตอน"
    indicator.data_collection = "1. โครงการที่ได้รับอนุมัติ 2. รายงานการประชุมคณะทำงาน"
    indicator.strategy_text = "ด้านที่ ๗ การบริหารจัดการเมืองมหานคร"
    indicator.save()
    project = ProjectFactory(indicator=indicator, name="โครงการต้นแบบ HR SMART")
    ProjectStepFactory(project=project, order=1, description="จัดทำโครงการ", weight=D("10"), start_month=1, end_month=2)
    ProjectStepFactory(project=project, order=2, description="จัดตั้งคณะทำงาน", weight=D("90"), start_month=3, end_month=12)
    MilestoneConditionFactory(indicator=indicator, percent=D("100"), description="ดำเนินการครบทุกขั้นตอน")
    EvidenceRequirementFactory(indicator=indicator, description="รายงานการประชุมคณะทำงาน")
    submitted = {"status": "submitted", "submitted_at": dt.datetime(2024, 1, 5, tzinfo=dt.timezone.utc)}
    report = QuarterlyReportFactory(indicator=indicator, quarter=1, progress_percent=D("12.5"),
                                    narrative="ขั้นตอนที่ 1 จัดทำโครงการ/กิจกรรม", **submitted)
    QuarterAuditFactory(indicator=indicator, quarter=1, report=report, status="adjusted",
                        verified_progress_percent=D("10"), comment="ปรับตามหลักฐาน")
    client.force_login(staff_user)

    response = client.get(reverse("indicators:indicator_page", args=[indicator.pk]))

    body = response.content.decode()
    for text in (
        "0402-0810", "ร้อยละ ๑๐๐", "น้ำหนักคะแนน",  # header: code, target, weight
        "ร้อยละ 12.5", "ร้อยละ 10", "ปรับผล", "ปรับตามหลักฐาน",  # self-report beside the audit
        "ขั้นตอนที่ 1 จัดทำโครงการ/กิจกรรม",  # the quarter's narrative
        "ต้นแบบ HR SMART ระดับหน่วยงาน หมายถึง", "พิจารณาจากผลการดำเนินการ", "รายงานการประชุมคณะทำงาน",
        "เกณฑ์การให้คะแนน", "ดำเนินการตามแผนฯ ร้อยละ 100", "ดำเนินการครบทุกขั้นตอน",
        "ด้านที่ ๗ การบริหารจัดการเมืองมหานคร", "โครงการต้นแบบ HR SMART", "จัดตั้งคณะทำงาน",
    ):
        assert text in body, text
    assert '<svg class="progress-chart"' in body
    assert 'class="plan"' in body and 'class="actual"' in body
    header = response.context["progress"]
    assert header.latest.used.progress_percent == D("10")  # the audited figure is the result used


def test_the_step_plan_is_headed_and_totalled_as_in_the_action_plan(client, indicator, staff_user):
    """The action plan's step tables: its column names, the months under their B.E. years, a total row."""
    project = ProjectFactory(indicator=indicator, name="โครงการพัฒนาระบบงาน")
    ProjectStepFactory(project=project, order=1, description="ศึกษา วิเคราะห์", weight=D("10"), start_month=2, end_month=2)
    ProjectStepFactory(project=project, order=2, description="ติดตามประเมินผล", weight=D("90"), start_month=3, end_month=12)
    client.force_login(staff_user)

    body = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()

    table = body[body.index('<table class="data steps">'):]
    table = table[: table.index("</table>")]
    year = indicator.fiscal_year.year_be
    for text in ("เนื้องานรายขั้นตอน (ร้อยละ)", "คิดความก้าวหน้าโครงการ (ร้อยละ)", "ระยะเวลาดำเนินการ",
                 f"พ.ศ. {year - 1}</th>", f"พ.ศ. {year}</th>", "รวม 2 ขั้นตอน คิดเป็นร้อยละ"):
        assert text in table, text
    assert table.index(f"พ.ศ. {year - 1}") < table.index("ต.ค.") < table.index("ม.ค.")
    total = table[table.index("<tfoot>"):]
    assert total.count(">100</td>") == 2  # the steps' shares add up to the project's 100


def test_the_chart_geometry_puts_the_plan_and_actual_points_where_they_belong():
    chart = progress_chart([D(v) for v in (0, 10, 20, 20, 20, 20, 20, 60, 70, 90, 95, 100)], {1: D("20"), 2: D("40")})
    assert len(chart.plan) == 13 and len(chart.actual) == 3  # the origin plus each point
    december, march = chart.actual[1], chart.actual[2]
    assert december.x == chart.plan[3].x and december.y == chart.plan[3].y  # Q1 actual 20 sits on the plan's 20 in ธ.ค.
    assert march.y < december.y  # higher percent, higher on the page
    assert chart.plan[-1].y == chart.plot_top and chart.plan[0].y == chart.plot_bottom


def test_an_indicator_without_a_plan_says_so(client, indicator, staff_user):
    client.force_login(staff_user)
    body = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()
    assert "ยังไม่มีแผน" in body and '<svg class="progress-chart"' in body


def test_submission_times_show_the_bangkok_day():
    from django.template import Context, Template

    late_evening_utc = dt.datetime(2024, 1, 15, 18, 0, tzinfo=dt.timezone.utc)  # 16 Jan 01:00 in Bangkok
    assert Template("{{ t|be_date }}").render(Context({"t": late_evening_utc})) == "16 มกราคม 2567"


def test_figures_show_without_padding_zeros_in_their_unit_and_the_scored_level_is_named(client, indicator, staff_user):
    indicator.target_unit = "ห้อง"
    indicator.save()
    submitted = {"status": "submitted", "submitted_at": dt.datetime(2024, 1, 5, tzinfo=dt.timezone.utc)}
    QuarterlyReportFactory(indicator=indicator, quarter=1, progress_percent=D("82.50"), measured_value=D("1390.2000"),
                           level_reached=D("2"), narrative="ดำเนินการตามแผน", **submitted)
    client.force_login(staff_user)
    body = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()
    assert "ค่า 1,390.2 ห้อง" in body and "1390.2000" not in body
    assert "ร้อยละ 82.5" in body and "82.50" not in body
    assert "คิดเป็นระดับ" in body


def test_an_indicator_without_a_type_shows_its_result_level_without_a_stray_dash(client, indicator, staff_user):
    indicator.indicator_type = ""
    indicator.save()
    client.force_login(staff_user)

    body = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()

    assert f"ประเภทตัวชี้วัด: ตัวชี้วัดระดับ{indicator.get_result_type_display()}" in body


def test_the_strategy_lines_name_each_level_once_like_the_existing_page(client, indicator, staff_user):
    """The seed lists ด้าน → ๗.๓ → ๗.๓.๑ → ๗.๓.๑.๑ once each; a typed goal/tactic repeating the chain's node printed twice."""
    from indicators.models import Strategy

    strategy = Strategy.objects.create(level=Strategy.Level.STRATEGY, code="7", name="การบริหารจัดการเมืองมหานคร")
    sub = Strategy.objects.create(level=Strategy.Level.SUB_STRATEGY, code="7.3", name="การบริหารทรัพยากรบุคคล", parent=strategy)
    goal = Strategy.objects.create(level=Strategy.Level.GOAL, code="7.3.1", name="บุคลากรเป็นมืออาชีพ", parent=sub)
    tactic = Strategy.objects.create(level=Strategy.Level.TACTIC, code="7.3.1.1", name="พัฒนาบุคลากร", parent=goal)
    indicator.strategy = tactic
    indicator.goal = "๗.๓.๑ บุคลากรเป็นมืออาชีพ"
    indicator.tactic = "๗.๓.๑.๑ พัฒนาบุคลากร"
    indicator.save()
    client.force_login(staff_user)

    body = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()

    assert body.count("บุคลากรเป็นมืออาชีพ") == 1
    assert body.count("พัฒนาบุคลากร</li>") == 1
    assert "ยุทธศาสตร์ย่อยที่ 7.3 การบริหารทรัพยากรบุคคล" in body


def test_the_typed_goal_shows_when_no_strategy_node_is_chosen(client, indicator, staff_user):
    indicator.strategy = None
    indicator.goal = "๗.๓.๑ บุคลากรเป็นมืออาชีพ"
    indicator.save()
    client.force_login(staff_user)

    body = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()

    assert "เป้าประสงค์: ๗.๓.๑ บุคลากรเป็นมืออาชีพ" in body


def test_data_sources_without_a_collection_method_show_no_stray_dash(client, indicator, staff_user):
    """The existing page's วิธีการการเก็บข้อมูล/แหล่งข้อมูล shows the sources, not "-" above them."""
    indicator.data_collection = ""
    indicator.data_sources = "1. โครงการที่ได้รับอนุมัติ 2. รายงานการประชุมคณะทำงาน"
    indicator.save()
    client.force_login(staff_user)

    body = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()

    section = body.split("วิธีการเก็บข้อมูล/แหล่งข้อมูล</h2>", 1)[1].split("<h", 1)[0]
    assert "1. โครงการที่ได้รับอนุมัติ" in section
    assert "<p>-</p>" not in section


@pytest.mark.parametrize(("language", "text"), [("th", "ตัวชี้วัดระดับผลผลิต"), ("en", "Output-level indicator")])
def test_the_indicator_type_reads_as_one_phrase_in_either_language(client, indicator, staff_user, language, text):
    """Seen in the English UI: "Indicator type: Indicator levelOutput" (two words glued together)."""
    indicator.result_type, indicator.indicator_type = "output", ""
    indicator.save()
    client.force_login(staff_user)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert text in client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()
