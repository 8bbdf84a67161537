"""The planned curve from step plans or milestone conditions, and the early-warning rule."""

import datetime as dt
from decimal import Decimal as D

import pytest

from indicators import plan
from indicators.selectors.reporting import indicator_progress
from tests.factories import MilestoneConditionFactory, ProjectFactory, ProjectStepFactory, QuarterlyReportFactory

# Seed action-plan-2563, indicator 1, project 1 (โครงการพัฒนาระบบงานและโครงสร้างสำนักงานเขต):
# step weights 10/10/40/10/20/5/5, read as one step after another across the fiscal year.
SEED_STEPS = [
    # (weight, start month, end month); 1 = ต.ค. … 12 = ก.ย.
    (D("10"), 1, 2),  # ศึกษา วิเคราะห์ รวบรวมข้อมูล            → พ.ย.
    (D("10"), 3, 3),  # เปรียบเทียบข้อมูล จัดประชุม             → ธ.ค.
    (D("40"), 4, 8),  # วิเคราะห์และกำหนดแนวทาง (ที่ปรึกษา)      → พ.ค.
    (D("10"), 9, 9),  # ทำข้อเสนอ ร่างระเบียบ                  → มิ.ย.
    (D("20"), 10, 10),  # ประชุมคณะกรรมการพิจารณา              → ก.ค.
    (D("5"), 11, 11),  # เสนอผู้บริหารเห็นชอบ                   → ส.ค.
    (D("5"), 12, 12),  # ติดตามประเมินผล รายงานผู้บริหาร         → ก.ย.
]


def test_the_seed_steps_add_up_to_the_plans_cumulative_column():
    steps = [plan.PlanStep(*s) for s in SEED_STEPS]
    assert plan.step_cumulative(steps) == [D(v) for v in (10, 20, 60, 70, 90, 95, 100)]


def test_a_step_counts_in_the_month_its_schedule_ends():
    curve = plan.project_curve([plan.PlanStep(*s) for s in SEED_STEPS])
    #                  ต.ค. พ.ย. ธ.ค. ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย.
    assert curve == [D(v) for v in (0, 10, 20, 20, 20, 20, 20, 60, 70, 90, 95, 100)]


def test_the_indicator_curve_built_from_factory_step_plans(indicator):
    project = ProjectFactory(indicator=indicator, name="โครงการพัฒนาระบบงานและโครงสร้างสำนักงานเขต")
    for order, (weight, start, end) in enumerate(SEED_STEPS, start=1):
        ProjectStepFactory(project=project, order=order, weight=weight, start_month=start, end_month=end)

    progress = indicator_progress(indicator, today=dt.date(2024, 2, 1))

    assert progress.curve == [D(v) for v in (0, 10, 20, 20, 20, 20, 20, 60, 70, 90, 95, 100)]
    assert [row.planned for row in progress.quarters] == [D("20"), D("20"), D("70"), D("100")]
    assert progress.plan_source == "steps"


def test_two_projects_weigh_equally(indicator):
    first = ProjectFactory(indicator=indicator)
    ProjectStepFactory(project=first, order=1, weight=D("100"), start_month=1, end_month=3)
    second = ProjectFactory(indicator=indicator)
    ProjectStepFactory(project=second, order=1, weight=D("50"), start_month=1, end_month=6)
    ProjectStepFactory(project=second, order=2, weight=D("50"), start_month=7, end_month=12)

    progress = indicator_progress(indicator, today=dt.date(2024, 2, 1))

    assert [row.planned for row in progress.quarters] == [D("50"), D("75"), D("75"), D("100")]


def test_milestone_conditions_give_the_plan_when_there_is_no_step_plan(indicator):
    for percent in (20, 40, 60, 80, 100):
        MilestoneConditionFactory(indicator=indicator, percent=D(percent))

    progress = indicator_progress(indicator, today=dt.date(2024, 2, 1))

    assert [row.planned for row in progress.quarters] == [D("20"), D("40"), D("60"), D("100")]
    assert progress.plan_source == "conditions"


def test_the_plan_is_whole_at_the_year_end_when_the_conditions_stop_below_100(indicator, staff_user):
    """Seed summary-form-fy2567, HR ๑:๑ Coaching & Mentor: the conditions are written for 40, 60 and
    80 % of the plan; 100 % is the rubric's level 5. The year-end plan is the whole plan, so an
    agency that reports 80 % at Q4 is behind it (it was shown as on plan, with no warning)."""
    for percent in (40, 60, 80):
        MilestoneConditionFactory(indicator=indicator, percent=D(percent))
    QuarterlyReportFactory(indicator=indicator, quarter=4, progress_percent=D("80"), status="submitted",
                           submitted_at=dt.datetime(2024, 10, 5, tzinfo=dt.timezone.utc))  # fmt: skip

    progress = indicator_progress(indicator, today=dt.date(2024, 10, 10))

    assert [row.planned for row in progress.quarters] == [D("0"), D("40"), D("60"), D("100")]
    assert progress.risk.behind_plan is True and progress.risk.gap == D("20")


def test_without_steps_or_conditions_there_is_no_plan_and_no_plan_warning(indicator):
    QuarterlyReportFactory(indicator=indicator, quarter=1, progress_percent=D("0"), status="submitted",
                           submitted_at=dt.datetime(2024, 1, 5, tzinfo=dt.timezone.utc))
    progress = indicator_progress(indicator, today=dt.date(2024, 2, 1))
    assert progress.curve is None
    assert progress.risk.behind_plan is False


@pytest.mark.parametrize(
    ("planned", "actual", "margin", "late", "at_risk"),
    [
        (D("60"), D("50"), D("10"), False, False),  # exactly at the margin: not yet at risk
        (D("60"), D("49.99"), D("10"), False, True),  # more than the margin behind
        (D("60"), D("70"), D("10"), False, False),  # ahead of plan
        (D("60"), D("60"), D("0"), True, True),  # on plan but a quarter is late
        (None, D("0"), D("10"), False, False),  # no plan to trail
        (D("60"), None, D("10"), False, False),  # nothing reported yet and nothing due
        (D("60"), D("55"), D("0"), False, True),  # a zero margin flags any shortfall
    ],
)
def test_the_at_risk_rule(planned, actual, margin, late, at_risk):
    assert plan.assess_risk(planned=planned, actual=actual, margin=margin, late=late).at_risk is at_risk


def test_the_margin_comes_from_the_fiscal_year(indicator):
    project = ProjectFactory(indicator=indicator)
    ProjectStepFactory(project=project, order=1, weight=D("40"), start_month=1, end_month=3)
    ProjectStepFactory(project=project, order=2, weight=D("60"), start_month=4, end_month=12)
    QuarterlyReportFactory(indicator=indicator, quarter=1, progress_percent=D("25"), status="submitted",
                           submitted_at=dt.datetime(2024, 1, 5, tzinfo=dt.timezone.utc))
    today = dt.date(2024, 2, 1)

    indicator.fiscal_year.at_risk_margin = D("20")
    indicator.fiscal_year.save()
    assert indicator_progress(indicator, today=today).risk.at_risk is False  # 15 behind, margin 20

    indicator.fiscal_year.at_risk_margin = D("10")
    indicator.fiscal_year.save()
    risk = indicator_progress(indicator, today=today).risk
    assert risk.at_risk is True and risk.behind_plan is True and risk.gap == D("15")


def test_an_unsubmitted_quarter_past_its_deadline_is_late(indicator):
    # FY 2567: Q1 deadline is 15 Jan 2024.
    assert indicator_progress(indicator, today=dt.date(2024, 1, 15)).risk.late is False
    progress = indicator_progress(indicator, today=dt.date(2024, 1, 16))
    assert progress.risk.late is True and progress.quarters[0].overdue is True
