"""The strategy office prepares next fiscal year from this one: groups, members, committee roles,
elements, quarters and calendar copied one B.E. year on, all or nothing, with who did it in the history."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from agencies.models import MissionGroup, Role, RoleKind
from indicators.models import CompositionElement, FiscalYear, NegotiationStage, ReportingQuarter
from indicators.services import year_setup
from indicators.services.year_setup import YearSetupRefused, prepare_next_fiscal_year
from tests.factories import (
    AgencyFactory,
    CompositionElementFactory,
    DistrictFactory,
    FiscalYearFactory,
    MissionGroupFactory,
    RoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2567(db):
    """FY 2567 as the strategy office set it up by hand: policy, elements, two groups, committee, calendar."""
    year = FiscalYearFactory(year_be=2567, is_current=True, interpolate=True, rounding_places=2)
    main = CompositionElementFactory(fiscal_year=year, code="1", name="Performance Base", weight=70)
    CompositionElementFactory(fiscal_year=year, code="1.1", parent=main, weight=30)
    district = DistrictFactory(code="1001")
    works = MissionGroupFactory(fiscal_year=year, number=1, name="โยธาและสิ่งแวดล้อม", members=[AgencyFactory(code="PWD"), AgencyFactory(code="ENV")])
    works.district_groups.add(district.district_group)
    MissionGroupFactory(fiscal_year=year, number=2, name="งบประมาณและการคลัง", members=[AgencyFactory(code="BUD")])
    RoleFactory(user=UserFactory(username="chair"), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=works)
    RoleFactory(user=UserFactory(username="secretary"), kind=RoleKind.COMMITTEE_SECRETARY, agency=None, mission_group=works)
    RoleFactory(user=UserFactory(username="retired", is_active=False), kind=RoleKind.COMMITTEE_MEMBER, agency=None, mission_group=works)
    NegotiationStage.objects.create(
        fiscal_year=year, order=1, name="จัดทำร่างประเด็นมุ่งเน้น ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        period_text="มกราคม ๒๕๖๖", deadline=dt.date(2023, 1, 31),
    )
    NegotiationStage.objects.create(fiscal_year=year, order=2, name="ประชุมเจรจาตกลงตามกลุ่มภารกิจ", deadline=dt.date(2023, 5, 15))
    return year


@pytest.fixture
def office(db):
    return RoleFactory(user=UserFactory(username="office", is_staff=True), kind=RoleKind.STRATEGY_OFFICE, agency=None).user


def rows_of(year_be):
    return {
        "elements": CompositionElement.objects.filter(fiscal_year__year_be=year_be).count(),
        "groups": MissionGroup.objects.filter(fiscal_year__year_be=year_be).count(),
        "roles": Role.objects.filter(mission_group__fiscal_year__year_be=year_be).count(),
        "quarters": ReportingQuarter.objects.filter(fiscal_year__year_be=year_be).count(),
        "stages": NegotiationStage.objects.filter(fiscal_year__year_be=year_be).count(),
    }


def test_rolling_forward_copies_the_year_one_be_year_later(year_2567, office):
    prepare_next_fiscal_year(actor=office, source=year_2567)

    year = FiscalYear.objects.get(year_be=2568)
    assert (year.start_date, year.end_date) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    assert not year.is_current  # the reporting year stays 2567 until สยป. says otherwise
    assert (year.interpolate, year.rounding_places) == (True, 2)
    groups = {g.number: g for g in MissionGroup.objects.filter(fiscal_year=year)}
    assert groups[1].name == "โยธาและสิ่งแวดล้อม"
    assert {a.code for a in groups[1].members.all()} == {"PWD", "ENV"}
    assert groups[1].district_groups.count() == 1
    assert {a.code for a in groups[2].members.all()} == {"BUD"}
    roles = Role.objects.filter(mission_group__fiscal_year=year)
    assert {(r.user.username, r.kind, r.mission_group_id) for r in roles} == {
        ("chair", RoleKind.COMMITTEE_MEMBER, groups[1].pk),
        ("secretary", RoleKind.COMMITTEE_SECRETARY, groups[1].pk),
    }  # the closed account is not carried over
    sub = CompositionElement.objects.get(fiscal_year=year, code="1.1")
    assert sub.parent.fiscal_year == year and sub.parent.code == "1"
    q1 = ReportingQuarter.objects.get(fiscal_year=year, quarter=1)
    assert (q1.start_date, q1.end_date, q1.report_deadline) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31), dt.date(2025, 1, 15))
    first = NegotiationStage.objects.get(fiscal_year=year, order=1)
    assert first.deadline == dt.date(2024, 1, 31)
    assert (first.name, first.period_text) == ("จัดทำร่างประเด็นมุ่งเน้น ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "มกราคม ๒๕๖๗")
    assert rows_of(2567) == {"elements": 2, "groups": 2, "roles": 3, "quarters": 4, "stages": 2}  # the source is untouched


def test_the_history_names_who_created_every_row(year_2567, office):
    prepare_next_fiscal_year(actor=office, source=year_2567)

    year = FiscalYear.objects.get(year_be=2568)
    for model, rows in [
        (FiscalYear, [year]),
        (CompositionElement, CompositionElement.objects.filter(fiscal_year=year)),
        (MissionGroup, MissionGroup.objects.filter(fiscal_year=year)),
        (Role, Role.objects.filter(mission_group__fiscal_year=year)),
        (ReportingQuarter, ReportingQuarter.objects.filter(fiscal_year=year)),
        (NegotiationStage, NegotiationStage.objects.filter(fiscal_year=year)),
    ]:
        for row in rows:
            created = model.history.filter(id=row.pk, history_type="+").get()
            assert created.history_user == office, (model.__name__, row)


def test_a_second_run_is_refused_and_duplicates_nothing(year_2567, office):
    prepare_next_fiscal_year(actor=office, source=year_2567)
    before = rows_of(2568)

    with pytest.raises(YearSetupRefused, match="ปีงบประมาณ พ.ศ. 2568 ไม่มีส่วนใดที่ต้องคัดลอกเพิ่ม"):
        prepare_next_fiscal_year(actor=office, source=year_2567)
    assert rows_of(2568) == before == {"elements": 2, "groups": 2, "roles": 2, "quarters": 4, "stages": 2}


def test_a_failure_half_way_writes_nothing(year_2567, office, monkeypatch):
    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setitem(year_setup.COPIERS, "stages", broken)  # the last part, after the groups and roles
    with pytest.raises(RuntimeError):
        prepare_next_fiscal_year(actor=office, source=year_2567)
    assert not FiscalYear.objects.filter(year_be=2568).exists()
    assert rows_of(2568) == {"elements": 0, "groups": 0, "roles": 0, "quarters": 0, "stages": 0}


def test_parts_the_next_year_already_has_are_kept_and_the_rest_copied(year_2567, office):
    typed = FiscalYearFactory(year_be=2568, quarters=False)
    ReportingQuarter.objects.create(fiscal_year=typed, quarter=1, start_date=dt.date(2024, 10, 1),
                                    end_date=dt.date(2024, 12, 31), report_deadline=dt.date(2025, 1, 20))
    MissionGroupFactory(fiscal_year=typed, number=1, name="กลุ่มที่ตั้งใหม่")

    plan = prepare_next_fiscal_year(actor=office, source=year_2567)

    assert plan.target == typed and not plan.creates_year
    assert ReportingQuarter.objects.get(fiscal_year=typed).report_deadline == dt.date(2025, 1, 20)  # as typed
    assert list(MissionGroup.objects.filter(fiscal_year=typed).values_list("name", flat=True)) == ["กลุ่มที่ตั้งใหม่"]
    assert "คัดลอกพร้อมกลุ่มภารกิจเท่านั้น" in plan.part("committee_roles").kept_because
    assert rows_of(2568) == {"elements": 2, "groups": 1, "roles": 0, "quarters": 1, "stages": 2}


def test_a_year_with_nothing_to_copy_is_refused(office):
    empty = FiscalYearFactory(year_be=2570, quarters=False)
    with pytest.raises(YearSetupRefused, match="ปีงบประมาณ พ.ศ. 2570 ไม่มีกลุ่มภารกิจให้คัดลอก"):
        prepare_next_fiscal_year(actor=office, source=empty)
    assert not FiscalYear.objects.filter(year_be=2571).exists()


def test_the_command_lists_then_creates_and_names_the_user(year_2567, office):
    out = StringIO()
    call_command("prepare_fiscal_year", "2567", "--by", "office", "--dry-run", stdout=out)
    assert "กลุ่มภารกิจ: จะสร้าง 2 รายการ" in out.getvalue()
    assert not FiscalYear.objects.filter(year_be=2568).exists()

    call_command("prepare_fiscal_year", "2567", "--by", "office", stdout=StringIO())
    assert MissionGroup.history.filter(fiscal_year__year_be=2568, history_user=office).exists()
    with pytest.raises(CommandError, match="ไม่มีส่วนใดที่ต้องคัดลอกเพิ่ม"):
        call_command("prepare_fiscal_year", "2567", "--by", "office", stdout=StringIO())


def test_the_command_refuses_an_account_that_is_not_the_strategy_office(year_2567):
    RoleFactory(user=UserFactory(username="clerk"))
    with pytest.raises(CommandError, match="ไม่ใช่บัญชีเจ้าหน้าที่ สยป."):
        call_command("prepare_fiscal_year", "2567", "--by", "clerk", stdout=StringIO())
    assert not FiscalYear.objects.filter(year_be=2568).exists()


# --- The admin action -------------------------------------------------------------------------

CHANGELIST = "/admin/indicators/fiscalyear/"


def admin_user(username, *, role=None, superuser=False):
    from django.contrib.auth.models import Permission

    user = UserFactory(username=username, is_staff=True, is_superuser=superuser)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["agencies", "indicators"]))
    if role:
        RoleFactory(user=user, kind=role, agency=None)
    return user


def run_action(client, year, **extra):
    return client.post(CHANGELIST, {"action": "prepare_next_year", "_selected_action": [year.pk], **extra})


@pytest.mark.parametrize("who", ["superuser", "office"])
def test_the_admin_action_shows_what_it_will_create_then_creates_it(client, year_2567, who):
    user = admin_user(who, superuser=who == "superuser", role=None if who == "superuser" else RoleKind.STRATEGY_OFFICE)
    client.force_login(user)

    page = run_action(client, year_2567)
    assert page.status_code == 200
    text = page.content.decode()
    assert "เตรียมปีงบประมาณ พ.ศ. 2568" in text
    assert "1. โยธาและสิ่งแวดล้อม (หน่วยงานในกลุ่ม 2 หน่วยงาน)" in text
    assert "ไตรมาสที่ 1: 1 ตุลาคม 2567 – 31 ธันวาคม 2567 กำหนดส่งรายงาน 15 มกราคม 2568" in text
    assert "(กำหนดแล้วเสร็จ 31 มกราคม 2567)" in text
    assert not FiscalYear.objects.filter(year_be=2568).exists()  # nothing before the confirmation

    done = run_action(client, year_2567, confirmed="yes")
    assert done.status_code == 302
    assert rows_of(2568) == {"elements": 2, "groups": 2, "roles": 2, "quarters": 4, "stages": 2}
    assert MissionGroup.history.filter(fiscal_year__year_be=2568, history_type="+").first().history_user == user
    message = list(client.get(CHANGELIST).context["messages"])[0]
    assert str(message) == "เตรียมปีงบประมาณ พ.ศ. 2568 จากปี พ.ศ. 2567 แล้ว: สร้าง 12 รายการ"

    again = run_action(client, year_2567)
    assert "ปีงบประมาณ พ.ศ. 2568 ไม่มีส่วนใดที่ต้องคัดลอกเพิ่ม" in again.content.decode()
    refused = client.get(run_action(client, year_2567, confirmed="yes").url)
    assert "ไม่ได้สร้างข้อมูลใด" in str(list(refused.context["messages"])[0])
    assert rows_of(2568)["groups"] == 2


def test_the_admin_action_writes_the_new_years_dates_in_english_for_an_english_reader(client, year_2567):
    client.force_login(admin_user("office", role=RoleKind.STRATEGY_OFFICE))
    client.post(reverse("set_language"), {"language": "en", "next": CHANGELIST})

    text = run_action(client, year_2567).content.decode()

    assert "Quarter 1: 1 October B.E. 2567 – 31 December B.E. 2567, report due 15 January B.E. 2568" in text
    assert "(due 31 January B.E. 2567)" in text
    assert "1 ตุลาคม 2567" not in text and "31 มกราคม 2567" not in text


def test_the_admin_action_is_not_offered_to_other_admin_users(client, year_2567):
    client.force_login(admin_user("clerk", role=RoleKind.STEERING_MEMBER))

    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert "prepare_next_year" not in listing.content.decode()
    run_action(client, year_2567, confirmed="yes")
    assert not FiscalYear.objects.filter(year_be=2568).exists()


# --- Years named in texts, and a next year with no reporting calendar ---------------------------


def test_years_named_in_the_calendar_and_framework_texts_move_on_and_other_numbers_stay(client, year_2567, office):
    NegotiationStage.objects.create(
        fiscal_year=year_2567, order=3, name="ส่งรายงานผลรอบปีงบประมาณ 2566/67",
        period_text="ต.ค. 66 – ก.ย. 67", outcome="หน่วยงานร้อยละ 67 ส่งครบ 50 เขต",
    )
    CompositionElementFactory(fiscal_year=year_2567, code="2", name="ตัวชี้วัดตามนโยบาย ปีงบประมาณ 2567", weight=20)
    CompositionElementFactory(fiscal_year=year_2567, code="3", name="แผนปฏิบัติราชการกรุงเทพมหานคร (พ.ศ. 2566 – 2570)", weight=10)
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))

    page = run_action(client, year_2567).content.decode()
    assert "3. ส่งรายงานผลรอบปีงบประมาณ 2567/68" in page  # the confirmation shows the texts as they will be
    # ... and lists each text whose years move, old and new, to be checked
    assert "ขั้นตอน: “ส่งรายงานผลรอบปีงบประมาณ 2566/67” → “ส่งรายงานผลรอบปีงบประมาณ 2567/68”" in page

    prepare_next_fiscal_year(actor=office, source=year_2567)
    stage = NegotiationStage.objects.get(fiscal_year__year_be=2568, order=3)
    assert stage.name == "ส่งรายงานผลรอบปีงบประมาณ 2567/68"
    assert stage.period_text == "ต.ค. 67 – ก.ย. 68"
    assert stage.outcome == "หน่วยงานร้อยละ 67 ส่งครบ 50 เขต"
    element = CompositionElement.objects.get(fiscal_year__year_be=2568, code="2")
    assert element.name == "ตัวชี้วัดตามนโยบาย ปีงบประมาณ 2568"
    # a plan's period is not the plan year: it stays as written
    assert CompositionElement.objects.get(fiscal_year__year_be=2568, code="3").name == "แผนปฏิบัติราชการกรุงเทพมหานคร (พ.ศ. 2566 – 2570)"


def test_notes_keep_the_years_they_are_written_about_and_move_only_the_plan_year(year_2567, office):
    """A remark about the source document (“ไม่ปรากฏในเอกสาร ปี ๒๕๖๗”) stays true in the copy; a year the
    note calls the plan year (“ประจำปี ๒๕๖๗”) moves with it, as names and periods do."""
    CompositionElementFactory(
        fiscal_year=year_2567, code="2", name="ตัวชี้วัดตามนโยบาย ประจำปี ๒๕๖๗", weight=20,
        rule_note="ตามแผนปฏิบัติราชการ ประจำปี ๒๕๖๗ (มติครั้งที่ ๑/๒๕๖๖) องค์ประกอบอื่นไม่ปรากฏในเอกสาร ปี ๒๕๖๗",
    )  # fmt: skip
    NegotiationStage.objects.create(
        fiscal_year=year_2567, order=3, name="ประชุมเจรจาตกลง", period_text="เมษายน ๒๕๖๗",
        outcome="ได้ตัวชี้วัดประจำปีงบประมาณ พ.ศ. ๒๕๖๗ (ตามหนังสือเวียน ปี ๒๕๖๖)",
    )  # fmt: skip

    prepare_next_fiscal_year(actor=office, source=year_2567)

    element = CompositionElement.objects.get(fiscal_year__year_be=2568, code="2")
    assert element.name == "ตัวชี้วัดตามนโยบาย ประจำปี ๒๕๖๘"
    assert element.rule_note == (
        "ตามแผนปฏิบัติราชการ ประจำปี ๒๕๖๘ (มติครั้งที่ ๑/๒๕๖๖) องค์ประกอบอื่นไม่ปรากฏในเอกสาร ปี ๒๕๖๗"
    )
    stage = NegotiationStage.objects.get(fiscal_year__year_be=2568, order=3)
    assert stage.period_text == "เมษายน ๒๕๖๘"
    assert stage.outcome == "ได้ตัวชี้วัดประจำปีงบประมาณ พ.ศ. ๒๕๖๘ (ตามหนังสือเวียน ปี ๒๕๖๖)"


def test_the_dry_run_lists_each_text_whose_years_move_old_and_new(year_2567, office):
    CompositionElementFactory(
        fiscal_year=year_2567, code="2", name="ตัวชี้วัดตามนโยบาย", weight=20,
        rule_note="ตามแผนปฏิบัติราชการ ประจำปี ๒๕๖๗",
    )  # fmt: skip
    CompositionElementFactory(fiscal_year=year_2567, code="3", name="Area Base", weight=20,
                              rule_note="ไม่ปรากฏในเอกสาร ปี ๒๕๖๗")  # fmt: skip
    out = StringIO()

    call_command("prepare_fiscal_year", "2567", "--by", "office", "--dry-run", stdout=out)

    text = out.getvalue()
    assert "ข้อความที่เลื่อนปีตาม 1 แห่ง (โปรดตรวจดู):" in text  # elements: only the plan-year note
    assert "หมายเหตุหลักเกณฑ์: “ตามแผนปฏิบัติราชการ ประจำปี ๒๕๖๗” → “ตามแผนปฏิบัติราชการ ประจำปี ๒๕๖๘”" in text
    assert "ไม่ปรากฏในเอกสาร" not in text  # left as written: nothing to check
    # the calendar: the stage name and period that move, each listed once
    assert "ขั้นตอน: “จัดทำร่างประเด็นมุ่งเน้น ประจำปีงบประมาณ พ.ศ. ๒๕๖๗” → “จัดทำร่างประเด็นมุ่งเน้น ประจำปีงบประมาณ พ.ศ. ๒๕๖๘”" in text
    assert "ช่วงเวลา: “มกราคม ๒๕๖๖” → “มกราคม ๒๕๖๗”" in text
    assert not FiscalYear.objects.filter(year_be=2568).exists()


def test_the_set_up_page_warns_when_the_next_year_would_have_no_reporting_calendar(client):
    source = FiscalYearFactory(year_be=2570, quarters=False)
    MissionGroupFactory(fiscal_year=source, number=1)
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))

    page = run_action(client, source).content.decode()
    assert "ปีงบประมาณ พ.ศ. 2571 จะยังไม่มีปฏิทินการรายงานผล (ไตรมาสและกำหนดส่งรายงาน)" in page

    done = client.get(run_action(client, source, confirmed="yes").url)
    shown = [str(message) for message in done.context["messages"]]
    assert any("จะยังไม่มีปฏิทินการรายงานผล" in message for message in shown)


def test_the_set_up_page_names_the_quarters_the_next_year_would_still_lack(client, year_2567):
    typed = FiscalYearFactory(year_be=2568, quarters=False)
    ReportingQuarter.objects.create(fiscal_year=typed, quarter=1, start_date=dt.date(2024, 10, 1),
                                    end_date=dt.date(2024, 12, 31), report_deadline=dt.date(2025, 1, 20))
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))

    page = run_action(client, year_2567).content.decode()
    assert "ปีงบประมาณ พ.ศ. 2568 จะยังไม่มีไตรมาสที่ 2, 3, 4 และกำหนดส่งรายงาน" in page


def test_no_warning_when_the_quarters_are_copied(client, year_2567):
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))
    assert "quarters-warning" not in run_action(client, year_2567).content.decode()


def test_a_source_row_that_fails_todays_checks_is_named_and_nothing_is_written(client, year_2567):
    # saved before report deadlines were checked: Q2's report "due" before the quarter ended
    ReportingQuarter.objects.filter(fiscal_year=year_2567, quarter=2).update(report_deadline=dt.date(2024, 3, 1))
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))

    done = run_action(client, year_2567, confirmed="yes")

    assert done.status_code == 302
    shown = [str(message) for message in client.get(done.url).context["messages"]]
    assert len(shown) == 1
    assert shown[0].startswith("ไม่ได้สร้างข้อมูลใด: ไตรมาสที่ 2/2567 ของปีงบประมาณต้นทางไม่ผ่านการตรวจสอบ (กำหนดส่งรายงานไตรมาสที่ 2")
    assert not FiscalYear.objects.filter(year_be=2568).exists()
    assert rows_of(2568) == {"elements": 0, "groups": 0, "roles": 0, "quarters": 0, "stages": 0}


# --- the copied elements' set-up warnings -------------------------------------------------------

SHORT_BY_40 = (
    "องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 30 คะแนน (1.1 = 30) น้อยกว่าน้ำหนักขององค์ประกอบที่ 1 ซึ่งมี 70 คะแนน "
    "ขาดอีก 40 คะแนน หน่วยงานที่ใช้องค์ประกอบนี้จะส่งชุดตัวชี้วัดไม่ได้จนกว่าจะแก้น้ำหนักขององค์ประกอบหรือองค์ประกอบย่อย"
)
NOWHERE_TO_DRAFT = "องค์ประกอบที่ 5 ตั้งเป็นแบบเจรจาตกลง แต่ไม่มีองค์ประกอบย่อยใดเจรจาตกลง (5.1)"
COPIED_AS_THEY_ARE = (
    "องค์ประกอบของปีงบประมาณ พ.ศ. 2567 มีการตั้งค่าต่อไปนี้ที่ทำให้หน่วยงานส่งชุดตัวชี้วัดไม่ได้ "
    "การเตรียมปีถัดไปจะคัดลอกไปตามที่เป็นอยู่ ควรแก้ในปี พ.ศ. 2567 ก่อนยืนยัน"
)


def leave_element_5_nowhere_to_draft(year):
    parent = CompositionElementFactory(fiscal_year=year, code="5", name="Potential Base", weight=20, order=5)
    CompositionElementFactory(fiscal_year=year, code="5.1", parent=parent, weight=10, is_negotiated=False, order=5)


def element_warnings_block(page):
    start = page.index('class="errornote element-warnings"')
    return page[start: page.index("</div>", start)]


def test_the_set_up_page_repeats_the_years_warnings_for_the_elements_it_copies(client, year_2567):
    leave_element_5_nowhere_to_draft(year_2567)
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))
    year_page = client.get(reverse("admin:indicators_fiscalyear_change", args=[year_2567.pk]))
    on_the_years_page = [str(m).removeprefix("ปีงบประมาณ พ.ศ. 2567: ") for m in year_page.context["messages"]]

    block = element_warnings_block(run_action(client, year_2567).content.decode())

    assert COPIED_AS_THEY_ARE in block
    assert SHORT_BY_40 in block
    assert NOWHERE_TO_DRAFT in block
    assert len(on_the_years_page) == 2
    assert all(warning in block for warning in on_the_years_page)  # the same words as the year's page


def test_after_the_copy_the_new_year_is_warned_of_as_its_own_page_does(client, year_2567):
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))

    done = client.get(run_action(client, year_2567, confirmed="yes").url)

    shown = [str(message) for message in done.context["messages"]]
    assert shown[0].startswith("เตรียมปีงบประมาณ พ.ศ. 2568 จากปี พ.ศ. 2567 แล้ว")
    assert f"ปีงบประมาณ พ.ศ. 2568: {SHORT_BY_40}" in shown


def test_no_element_warnings_when_the_copied_elements_are_sound(client, year_2567):
    CompositionElementFactory(fiscal_year=year_2567, code="1.2", parent=CompositionElement.objects.get(code="1"), weight=40)
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))

    page = run_action(client, year_2567).content.decode()

    assert "element-warnings" not in page
    assert "1.2" in page  # the elements are still listed to be copied


def test_no_element_warnings_when_the_next_year_keeps_its_own_elements(client, year_2567):
    CompositionElementFactory(fiscal_year=FiscalYearFactory(year_be=2568, quarters=False), code="1", weight=70)
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))

    page = run_action(client, year_2567).content.decode()

    assert "มีองค์ประกอบการประเมินอยู่แล้ว 1 รายการ" in page
    assert "element-warnings" not in page


def test_the_dry_run_warns_of_the_elements_it_would_copy(year_2567, office):
    leave_element_5_nowhere_to_draft(year_2567)
    out = StringIO()

    call_command("prepare_fiscal_year", "2567", "--by", "office", "--dry-run", stdout=out)

    text = out.getvalue()
    elements = text[text.index("- องค์ประกอบการประเมิน: จะสร้าง 4 รายการ"): text.index("- กลุ่มภารกิจ")]
    assert f"! {COPIED_AS_THEY_ARE}" in elements
    assert f"- {SHORT_BY_40}" in elements
    assert f"- {NOWHERE_TO_DRAFT}" in elements
    assert not FiscalYear.objects.filter(year_be=2568).exists()


def test_the_dry_run_of_sound_elements_warns_of_nothing(year_2567, office):
    CompositionElementFactory(fiscal_year=year_2567, code="1.2", parent=CompositionElement.objects.get(code="1"), weight=40)
    out = StringIO()

    call_command("prepare_fiscal_year", "2567", "--by", "office", "--dry-run", stdout=out)

    assert "องค์ประกอบย่อยขององค์ประกอบ" not in out.getvalue()
    assert COPIED_AS_THEY_ARE not in out.getvalue()


def test_the_set_up_page_warns_of_sub_elements_heavier_than_their_parent_which_the_copy_refuses(client, year_2567):
    # saved before a row's save checked it
    CompositionElement.objects.filter(fiscal_year=year_2567, code="1.1").update(weight=80)
    client.force_login(admin_user("office2", role=RoleKind.STRATEGY_OFFICE))

    block = element_warnings_block(run_action(client, year_2567).content.decode())
    done = client.get(run_action(client, year_2567, confirmed="yes").url)

    assert "องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 80 คะแนน (1.1 = 80) น้ำหนักขององค์ประกอบที่ 1 จึงต้องไม่น้อยกว่า 80 คะแนน" in block
    assert str(list(done.context["messages"])[0]).startswith("ไม่ได้สร้างข้อมูลใด: องค์ประกอบที่ 1.1")
    assert not FiscalYear.objects.filter(year_be=2568).exists()


def test_the_set_up_pages_element_warnings_read_in_english(client, year_2567):
    client.force_login(admin_user("office", role=RoleKind.STRATEGY_OFFICE))
    client.post(reverse("set_language"), {"language": "en", "next": CHANGELIST})

    block = element_warnings_block(run_action(client, year_2567).content.decode())

    assert "Preparing the next year copies them as they are: correct them in B.E. 2567 before confirming." in block
    assert "The sub-elements of element 1 add up to 30 points (1.1 = 30), less than element 1&#x27;s 70 points" in block
