"""Drafting in the browser without JavaScript: the package page, the indicator form, copying, history."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, IndicatorStatus, PackageStatus, RubricLevel
from tests.factories import (
    AgencyFactory,
    AgencyPackageFactory,
    BasketIndicatorFactory,
    CompositionElementFactory,
    FiscalYearFactory,
    FocusIssueFactory,
    IndicatorBaselineFactory,
    IndicatorFactory,
    JointParticipantFactory,
)

from .conftest import complete_package, indicator_post

pytestmark = pytest.mark.django_db


def create_url(world, agency=None):
    return reverse("indicators:indicator_create", args=[world.year.year_be, (agency or world.own).code])


def test_it_creates_an_indicator_with_every_table(client, world):
    client.force_login(world.staff)
    assert client.get(create_url(world)).status_code == 200
    response = client.post(create_url(world), indicator_post(world))
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and response.url == reverse("indicators:indicator", args=[indicator.pk])
    assert indicator.number == 1 and indicator.status == PackageStatus.DRAFT and indicator.version == 1
    assert [lv.threshold for lv in indicator.rubric_levels.order_by("-level")] == [95, 90, 85, 80, 75]
    assert list(indicator.baselines.values_list("year_be", "value_text")) == [(2565, "ร้อยละ ๘๘"), (2566, "ไม่มี")]
    assert indicator.conditions.get().description == "จัดทำแผนการดำเนินงาน"
    assert indicator.evidence_requirements.get().description == "รายงานสรุปผลการดำเนินงาน"
    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    assert "ร้อยละของคำร้องที่ดำเนินการแล้วเสร็จ" in page and "สร้างตัวชี้วัด" in page


def test_it_keeps_what_was_typed_when_a_row_is_half_filled(client, world):
    client.force_login(world.staff)
    data = indicator_post(world, **{"conditions-0-percent": ""})
    response = client.post(create_url(world), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "ต้องกรอกช่องนี้เมื่อใช้แถวนี้" in page
    assert "ร้อยละของคำร้องที่ดำเนินการแล้วเสร็จ" in page  # the name typed is still in the form
    assert "จัดทำแผนการดำเนินงาน" in page
    assert not Indicator.objects.exists()


def test_it_saves_a_joint_indicator_with_its_participants(client, world):
    client.force_login(world.staff)
    data = indicator_post(world, **{
        "participants-0-agency": str(world.own.pk), "participants-0-duty": "เจ้าภาพหลัก",
        "participants-0-is_lead": "on",
        "participants-1-agency": str(world.other.pk), "participants-1-duty": "จัดเก็บข้อมูล",
        "participants-1-weight": "5",
    })
    assert client.post(create_url(world), data).status_code == 302
    indicator = Indicator.objects.get()
    assert list(indicator.participants.order_by("-is_lead").values_list("agency__code", "duty")) == [
        ("OWN", "เจ้าภาพหลัก"), ("OTHER", "จัดเก็บข้อมูล"),
    ]


def test_it_edits_and_shows_the_change_in_the_history(client, world, package):
    indicator = Indicator.objects.filter(agency=world.own).order_by("number").first()
    client.force_login(world.staff)
    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    assert client.get(edit).status_code == 200
    data = indicator_post(world, name="ชื่อใหม่ของตัวชี้วัด", version=indicator.version, number=str(indicator.number))
    assert client.post(edit, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "ชื่อใหม่ของตัวชี้วัด"
    assert RubricLevel.objects.get(indicator=indicator, level=5).threshold == 95
    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    history = page[page.index('id="history"'):]
    assert "ชื่อใหม่ของตัวชี้วัด" in history and "ชื่อตัวชี้วัด" in history
    assert "alice" in history
    assert "ค่าเกณฑ์" in history or "threshold" in history


def test_a_level_that_excludes_its_threshold_is_saved_shown_and_edited(client, world):
    """"มากกว่าร้อยละ ๙๕": ticking the box on level 5 saves it; the page says so; the edit form keeps it ticked."""
    client.force_login(world.staff)
    assert "ไม่นับค่าที่เท่ากับค่าเกณฑ์" in client.get(create_url(world)).content.decode()
    assert client.post(create_url(world), indicator_post(world, **{"levels-0-threshold_exclusive": "on"})).status_code == 302
    indicator = Indicator.objects.get()
    flags = dict(indicator.rubric_levels.values_list("level", "threshold_exclusive"))
    assert flags == {5: True, 4: False, 3: False, 2: False, 1: False}
    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    assert "<td>มากกว่า ร้อยละ 95</td>" in page and "<td>ไม่น้อยกว่า ร้อยละ 90</td>" in page

    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    form = client.get(edit).content.decode()
    assert re.search(r'<input type="checkbox" name="levels-0-threshold_exclusive"[^>]* checked', form)
    data = indicator_post(world, version=indicator.version, number=str(indicator.number))  # level 5 unticked
    assert client.post(edit, data).status_code == 302
    assert not indicator.rubric_levels.get(level=5).threshold_exclusive
    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    history = page[page.index('id="history"'):]
    assert "ระดับ 5 · ไม่นับค่าที่เท่ากับค่าเกณฑ์</td><td>ใช่</td><td>ไม่ใช่</td>" in history


def test_a_conflict_on_the_threshold_flag_alone_is_shown_with_the_comparison(client, world, package):
    from django.test import Client

    indicator = Indicator.objects.filter(agency=world.own).order_by("number").first()
    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    client.force_login(world.staff)
    other = Client()
    other.force_login(world.staff)
    opened = re.search(r'name="version" value="(\d+)"', other.get(edit).content.decode()).group(1)
    same = {"version": opened, "number": str(indicator.number), "name": indicator.name}
    assert client.post(edit, indicator_post(world, **same, **{"levels-0-threshold_exclusive": "on"})).status_code == 302

    response = other.post(edit, indicator_post(world, **same))

    assert response.status_code == 400
    panel = response.content.decode()
    panel = panel[panel.index('id="conflict"'):panel.index("</section>")]
    assert "ค่าเกณฑ์ มากกว่า 95" in panel and "ค่าเกณฑ์ ไม่น้อยกว่า 95" in panel


def test_a_refused_stale_save_shows_the_other_save_keeps_the_input_and_the_next_save_goes_through(
    client, world, package
):
    from django.test import Client

    from agencies.models import RoleKind
    from tests.factories import RoleFactory, UserFactory

    indicator = Indicator.objects.filter(agency=world.own).order_by("number").first()
    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    colleague = RoleFactory(user=UserFactory(username="bea", first_name="บีอา"), kind=RoleKind.AGENCY_STAFF,
                            agency=world.own).user
    client.force_login(world.staff)
    other = Client()
    other.force_login(colleague)
    opened = re.search(r'name="version" value="(\d+)"', other.get(edit).content.decode()).group(1)

    first = indicator_post(world, name="ฉบับของเอ", version=opened, number=str(indicator.number),
                           **{"baselines-0-value_text": "ร้อยละ ๙๐ ของเอ"})
    assert client.post(edit, first).status_code == 302
    second = indicator_post(world, name="ฉบับของบี", version=opened, number=str(indicator.number),
                            **{"baselines-0-value_text": "ร้อยละ ๘๐ ของบี",
                               "evidence-TOTAL_FORMS": "2", "evidence-1-description": "ภาพถ่ายกิจกรรมของบี"})
    response = other.post(edit, second)

    assert response.status_code == 400
    page = response.content.decode()
    assert "มีผู้อื่นบันทึกตัวชี้วัดนี้หลังจากที่ท่านเปิดแบบฟอร์ม" in page
    assert "แล้วกดบันทึกอีกครั้ง" in page and "เปิดหน้าตัวชี้วัดในแท็บใหม่" not in page
    # What the other person saved, beside what this user typed; only where they differ.
    panel = page[page.index('id="conflict"'):page.index("</section>")]
    assert "alice" in panel
    assert "ฉบับของเอ" in panel and "ฉบับของบี" in panel
    assert "ร้อยละ ๙๐ ของเอ" in panel and "ร้อยละ ๘๐ ของบี" in panel
    assert "ภาพถ่ายกิจกรรมของบี" in panel
    assert "นิยามและวิธีคำนวณ" not in panel and "คำร้องที่ยื่นผ่านช่องทางออนไลน์" not in panel
    # The form keeps everything typed, tables included.
    form = page[page.index("</section>"):]
    assert 'value="ฉบับของบี"' in form and 'value="ร้อยละ ๘๐ ของบี"' in form
    assert "ภาพถ่ายกิจกรรมของบี" in form
    # Nothing of the first save was overwritten.
    indicator.refresh_from_db()
    assert indicator.name == "ฉบับของเอ"
    assert indicator.baselines.get(year_be=2565).value_text == "ร้อยละ ๙๐ ของเอ"

    # Saving again from the re-shown form (it now carries the version just shown) goes through.
    shown = re.search(r'name="version" value="(\d+)"', form).group(1)
    assert client.get(edit).status_code == 200
    assert other.post(edit, {**second, "version": shown}).status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "ฉบับของบี"
    assert indicator.baselines.get(year_be=2565).value_text == "ร้อยละ ๘๐ ของบี"
    assert list(indicator.evidence_requirements.values_list("description", flat=True)) == [
        "รายงานสรุปผลการดำเนินงาน", "ภาพถ่ายกิจกรรมของบี"
    ]


def test_it_refuses_edits_once_submitted_web_and_service(client, world):
    from indicators.services.drafting import IndicatorChildren, indicator_update
    from indicators.services.negotiation import TransitionError

    _, indicators = complete_package(world, status=PackageStatus.APPROVED)
    indicator = indicators[0]
    client.force_login(world.staff)
    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    response = client.get(edit)
    assert response.status_code == 403
    assert "ตัวชี้วัดถูกล็อก" in response.content.decode()
    response = client.post(edit, indicator_post(world, name="แอบแก้", version=indicator.version))
    assert response.status_code == 403
    indicator.refresh_from_db()
    assert indicator.name != "แอบแก้"
    with pytest.raises(TransitionError):
        indicator_update(actor=world.staff, indicator=indicator, expected_version=indicator.version,
                         data={"element": world.element, "name": "แอบแก้"}, children=IndicatorChildren())
    indicator.refresh_from_db()
    assert indicator.name != "แอบแก้"


def test_it_lets_the_strategy_office_amend_an_approved_indicator_with_a_reason(client, world):
    from indicators.models import CommitteeDecision

    package, indicators = complete_package(world, status=PackageStatus.APPROVED)
    indicator = indicators[0]
    client.force_login(world.strategy)
    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    data = indicator_post(world, name="แก้ตามมติ", version=indicator.version, number=str(indicator.number),
                          weight=str(indicator.weight))
    response = client.post(edit, data)
    assert response.status_code == 400
    assert "การแก้ไขหลังอนุมัติต้องระบุเหตุผล" in response.content.decode()
    # A reason of zero-width characters only is no reason either (form fields strip spaces, not those).
    response = client.post(edit, {**data, "amendment_reason": "\u200b\u200b"})
    assert response.status_code == 400
    assert "การแก้ไขหลังอนุมัติต้องระบุเหตุผล" in response.content.decode()
    data["amendment_reason"] = "มติคณะกรรมการอำนวยการ ครั้งที่ ๔/๒๕๖๖"
    assert client.post(edit, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "แก้ตามมติ" and indicator.status == PackageStatus.APPROVED
    decision = CommitteeDecision.objects.get(action="amend")
    assert decision.reason == "มติคณะกรรมการอำนวยการ ครั้งที่ ๔/๒๕๖๖"
    assert decision.actor == world.strategy and decision.indicator == indicator


def test_an_amendment_that_breaks_the_approved_totals_is_saved_and_said(client, world):
    """Weights may move one indicator at a time, so the save goes through; the office is told, and the
    package page no longer calls its findings checks "before sending"."""
    package, indicators = complete_package(world, status=PackageStatus.APPROVED)
    indicator = indicators[0]
    client.force_login(world.strategy)
    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    data = indicator_post(world, name=indicator.name, version=indicator.version, number=str(indicator.number),
                          weight=str(indicator.weight), amendment_reason="มติคณะกรรมการอำนวยการ ครั้งที่ ๔/๒๕๖๖")

    unchanged_totals = client.post(edit, data, follow=True).content.decode()
    data.update(weight=str(indicator.weight + 2), version=str(indicator.version + 1))
    broken_totals = client.post(edit, data, follow=True).content.decode()

    assert "ไม่เป็นไปตามเกณฑ์" not in unchanged_totals
    indicator.refresh_from_db()
    assert indicator.weight == Decimal(data["weight"])
    assert "หลังการแก้ไขนี้ ชุดตัวชี้วัดที่อนุมัติแล้วไม่เป็นไปตามเกณฑ์ 1 รายการ" in broken_totals
    package_page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    assert "ชุดตัวชี้วัดที่อนุมัติแล้วไม่เป็นไปตามเกณฑ์ (จากการแก้ไขหลังอนุมัติ)" in package_page
    assert "ตรวจสอบก่อนส่ง" not in package_page


def test_the_strategy_office_adds_an_indicator_to_an_approved_package_with_a_reason(client, world):
    from indicators.models import CommitteeDecision

    package, indicators = complete_package(world, status=PackageStatus.APPROVED)
    client.force_login(world.strategy)
    package_page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    assert 'id="add-indicator"' in package_page
    form = client.get(create_url(world)).content.decode()
    assert 'name="amendment_reason"' in form  # asked for before the first save, as on the edit form
    data = indicator_post(world, name="ตัวชี้วัดเพิ่มตามมติ", number=str(len(indicators) + 1))
    assert client.post(create_url(world), data).status_code == 400
    data["amendment_reason"] = "มติคณะกรรมการอำนวยการ ครั้งที่ ๕/๒๕๖๖"
    assert client.post(create_url(world), data).status_code == 302
    added = Indicator.objects.get(name="ตัวชี้วัดเพิ่มตามมติ")
    decision = CommitteeDecision.objects.get(action="amend")
    assert decision.reason == "มติคณะกรรมการอำนวยการ ครั้งที่ ๕/๒๕๖๖" and decision.indicator == added


def test_it_prefills_a_copy_of_last_years_indicator_without_saving(client, world):
    previous_year = FiscalYearFactory(year_be=2566)
    old_element = CompositionElementFactory(fiscal_year=previous_year, code="1")
    old = IndicatorFactory(fiscal_year=previous_year, agency=world.own, element=old_element,
                           name="ตัวชี้วัดปี ๒๕๖๖", definition="นิยามเดิม")
    client.force_login(world.staff)
    picker = client.get(reverse("indicators:indicator_copy", args=[2567, "OWN"])).content.decode()
    assert "ตัวชี้วัดปี ๒๕๖๖" in picker
    page = client.get(create_url(world) + f"?copy={old.pk}").content.decode()
    assert "ตัวชี้วัดปี ๒๕๖๗" in page and "นิยามเดิม" in page  # the year its name gives moved on
    assert "ดำเนินการตามแผนฯ ร้อยละ 100" in page  # the rubric rows come along
    assert Indicator.objects.filter(fiscal_year=world.year).count() == 0
    data = indicator_post(world, name="ตัวชี้วัดปี ๒๕๖๗", copied_from=str(old.pk))
    client.post(create_url(world), data)
    assert Indicator.objects.get(fiscal_year=world.year).copied_from == old


def test_a_copy_of_last_years_indicator_keeps_a_level_that_excludes_its_threshold(client, world):
    previous_year = FiscalYearFactory(year_be=2566)
    old = IndicatorFactory(fiscal_year=previous_year, agency=world.own, element=CompositionElementFactory(
        fiscal_year=previous_year, code="1"), rubric_kind="mixed", rubric_direction="lower")
    old.rubric_levels.filter(level=5).update(threshold=Decimal("80"), threshold_exclusive=True)
    old.rubric_levels.filter(level=4).update(threshold=Decimal("90"))
    client.force_login(world.staff)

    page = client.get(create_url(world) + f"?copy={old.pk}").content.decode()

    assert re.search(r'<input type="checkbox" name="levels-0-threshold_exclusive"[^>]* checked', page)
    assert not re.search(r'<input type="checkbox" name="levels-1-threshold_exclusive"[^>]* checked', page)


def test_a_copy_moves_the_years_its_texts_name_and_says_where(client, world):
    """Year setup moves the years in the texts it copies; copying last year's indicator does the same,
    before anything is saved, and names the parts to check. Baselines keep their years: they are results."""
    from indicators.models import IndicatorBaseline, MilestoneCondition

    previous_year = FiscalYearFactory(year_be=2566)
    old = IndicatorFactory(fiscal_year=previous_year, agency=world.own, name="ร้อยละความสำเร็จของโครงการ",
                           conditions_title="ตามแผนงาน/โครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    old.rubric_levels.filter(level=5).update(criterion="ดำเนินการครบและรายงานผลภายใน ก.ย. ๖๖")
    MilestoneCondition.objects.create(indicator=old, percent=Decimal("20"), description="แผนปี พ.ศ. 2566 ได้รับอนุมัติ")
    IndicatorBaseline.objects.create(indicator=old, year_be=2565, value_text="ผลปี ๒๕๖๕: ร้อยละ ๘๐")
    client.force_login(world.staff)

    page = client.get(create_url(world) + f"?copy={old.pk}").content.decode()

    assert "ตามแผนงาน/โครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗" in page
    assert "ดำเนินการครบและรายงานผลภายใน ก.ย. ๖๗" in page and "แผนปี พ.ศ. 2567 ได้รับอนุมัติ" in page
    assert "ผลปี ๒๕๖๕: ร้อยละ ๘๐" in page  # a past result stays where it was
    notice = page[page.index('id="moved-texts"'):]
    notice = notice[: notice.index("</section>")]
    assert "เกณฑ์ ๕ ระดับ · ระดับ ๕: “ดำเนินการครบและรายงานผลภายใน ก.ย. ๖๖” → “ดำเนินการครบและรายงานผลภายใน ก.ย. ๖๗”" in notice
    assert "เงื่อนไขการดำเนินงาน (ร้อยละของแผน) · แถวที่ ๑: “แผนปี พ.ศ. 2566 ได้รับอนุมัติ” → “แผนปี พ.ศ. 2567 ได้รับอนุมัติ”" in notice
    assert "หลักฐาน" not in notice and "ชื่อตัวชี้วัด" not in notice and "ผลปี" not in notice
    old.refresh_from_db()
    assert old.conditions_title.endswith("๒๕๖๖")  # the source is untouched


def test_the_refusal_page_links_back_to_the_page_the_user_came_from(client, world):
    _, indicators = complete_package(world, status=PackageStatus.APPROVED)
    client.force_login(world.staff)
    edit = reverse("indicators:indicator_edit", args=[indicators[0].pk])
    package = reverse("indicators:package", args=[world.year.year_be, world.own.code])

    from_package = client.get(edit, HTTP_REFERER=f"http://testserver{package}").content.decode()
    from_elsewhere = client.get(edit, HTTP_REFERER="https://evil.example/x").content.decode()

    assert f'<a href="http://testserver{package}">ย้อนกลับ</a>' in from_package
    assert "evil.example" not in from_elsewhere and "ย้อนกลับ" not in from_elsewhere
    assert "javascript:" not in from_package  # the CSP blocks javascript: links, so it would do nothing


def _select(page: str, name: str) -> str:
    select = page[page.index(f'name="{name}"'):]
    return select[: select.index("</select>")]


def test_a_copy_goes_in_this_years_element_with_the_same_code(client, world):
    previous_year = FiscalYearFactory(year_be=2566)
    joint = CompositionElementFactory(fiscal_year=world.year, code="1.2", name="Joint KPI", order=2)
    old_joint = CompositionElementFactory(fiscal_year=previous_year, code="1.2", name="Joint KPI", order=2)
    old_agenda = CompositionElementFactory(fiscal_year=previous_year, code="1.3", name="Agenda KPI", order=3)
    joint_kpi = IndicatorFactory(fiscal_year=previous_year, agency=world.own, element=old_joint, number=1)
    agenda_kpi = IndicatorFactory(fiscal_year=previous_year, agency=world.own, element=old_agenda, number=2)
    client.force_login(world.staff)

    select = _select(client.get(create_url(world) + f"?copy={joint_kpi.pk}").content.decode(), "element")
    assert f'<option value="{joint.pk}" selected>' in select
    assert f'<option value="{world.element.pk}">' in select

    page = client.get(create_url(world) + f"?copy={agenda_kpi.pk}").content.decode()
    select = _select(page, "element")
    assert '<option value="" selected>— เลือกองค์ประกอบ —</option>' in select
    assert " selected" not in select.replace('<option value="" selected>', "")
    hint = page[page.index('name="element"'):]
    hint = hint[hint.index('<small class="help"'):hint.index("</small>")]
    assert "(พ.ศ. 2566) อยู่ในองค์ประกอบที่ 1.3" in hint and "ไม่มีให้เลือกในปีนี้ โปรดเลือกองค์ประกอบ" in hint
    # Saving without choosing is refused, and the blank stays (no element picked for the user).
    response = client.post(create_url(world), indicator_post(world, element="", copied_from=str(agenda_kpi.pk)))
    assert response.status_code == 400
    assert '<option value="" selected>' in _select(response.content.decode(), "element")
    assert not Indicator.objects.filter(fiscal_year=world.year).exists()


def test_a_copy_rolls_the_three_baseline_years_forward(client, world):
    previous_year = FiscalYearFactory(year_be=2566)
    old = IndicatorFactory(fiscal_year=previous_year, agency=world.own,
                           element=CompositionElementFactory(fiscal_year=previous_year, code="1"))
    for year, value in ((2563, "ร้อยละ ๗๐"), (2564, "ร้อยละ ๗๕"), (2565, "ร้อยละ ๘๐")):
        IndicatorBaselineFactory(indicator=old, year_be=year, value_text=value)
    client.force_login(world.staff)
    page = client.get(create_url(world) + f"?copy={old.pk}").content.decode()
    table = page[page.index('id="rows-baselines"'):]
    table = table[: table.index("</fieldset>")]
    rows = re.findall(r'name="baselines-(\d+)-year_be" value="(\d+)"', table)
    assert rows == [("0", "2564"), ("1", "2565"), ("2", "2566")]  # FY2567: the three years before it
    assert 'name="baselines-0-value_text" value="ร้อยละ ๗๕"' in table
    assert 'name="baselines-1-value_text" value="ร้อยละ ๘๐"' in table
    assert 'name="baselines-2-value_text" value=' not in table  # the newest year is left to fill in
    assert "2563" not in table and "ร้อยละ ๗๐" not in table


def test_the_edit_form_offers_the_missing_baseline_years(client, world, package):
    indicator = Indicator.objects.filter(agency=world.own).order_by("number").first()
    IndicatorBaselineFactory(indicator=indicator, year_be=2562, value_text="ข้อมูลเก่า")
    IndicatorBaselineFactory(indicator=indicator, year_be=2565, value_text="ร้อยละ ๘๐")
    client.force_login(world.staff)
    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    table = client.get(edit).content.decode()
    table = table[table.index('id="rows-baselines"'):]
    table = table[: table.index("</fieldset>")]
    # Saved rows stay as they are; the years of the window they lack come prefilled (FY2567: 2564-2566).
    assert re.findall(r'name="baselines-(\d+)-year_be" value="(\d+)"', table) == [
        ("0", "2562"), ("1", "2564"), ("2", "2565"), ("3", "2566")
    ]
    assert 'name="baselines-0-value_text" value="ข้อมูลเก่า"' in table
    assert 'name="baselines-2-value_text" value="ร้อยละ ๘๐"' in table
    assert 'name="baselines-1-value_text" value=' not in table and 'name="baselines-3-value_text" value=' not in table


def test_it_refuses_to_copy_another_agencys_indicator(client, world):
    foreign = IndicatorFactory(fiscal_year=world.year, agency=world.other)
    client.force_login(world.staff)
    assert client.get(create_url(world) + f"?copy={foreign.pk}").status_code == 404


def test_it_starts_a_draft_from_the_kpi_basket(client, world):
    basket = BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), lead_agency=world.own,
                                    name="ร้อยละของแรงงานนอกระบบที่เข้าถึงสวัสดิการ")
    client.force_login(world.staff)
    page = client.get(create_url(world) + f"?basket={basket.pk}").content.decode()
    assert "ร้อยละของแรงงานนอกระบบที่เข้าถึงสวัสดิการ" in page
    data = indicator_post(world, name=basket.name, basket_indicator=str(basket.pk))
    assert client.post(create_url(world), data).status_code == 302
    assert Indicator.objects.get().basket_indicator == basket
    foreign = BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), lead_agency=world.other)
    assert client.get(create_url(world) + f"?basket={foreign.pk}").status_code == 404


@pytest.mark.parametrize("typed", ["abc", "²", "1e5"])
def test_a_basket_or_copy_id_that_is_no_number_is_404_not_a_server_error(client, world, typed):
    client.force_login(world.staff)
    assert client.get(create_url(world), {"basket": typed}).status_code == 404
    assert client.get(create_url(world), {"copy": typed}).status_code == 404


def test_it_groups_the_package_page_by_element_with_weights(client, world):
    sub = CompositionElementFactory(fiscal_year=world.year, code="1.2", name="Joint KPIs", parent=world.element,
                                    weight=Decimal("5"), is_joint=True, order=1)
    IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element, weight=Decimal("10"),
                     name="ตัวชี้วัดหลัก")
    joint = IndicatorFactory(fiscal_year=world.year, agency=world.own, element=sub, weight=Decimal("5"),
                             name="ตัวชี้วัดร่วม")
    JointParticipantFactory(indicator=joint, agency=world.own)
    client.force_login(world.staff)
    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    assert page.index("องค์ประกอบที่ 1 ") < page.index("ตัวชี้วัดหลัก") < page.index("องค์ประกอบที่ 1.2") < page.index(
        "ตัวชี้วัดร่วม"
    )
    assert "น้ำหนักคะแนนรวม <strong>15</strong> / กรอบการประเมิน 20" in page
    assert "ตัวชี้วัดบูรณาการต้องระบุหน่วยงานร่วมอย่างน้อย ๒ หน่วยงาน" in page
    elements = page.split("<main")[1].split("ความเห็นของคณะกรรมการ")[0]
    assert "องค์ประกอบที่ 3" not in elements  # the district-only element is not shown to a department


def test_it_hides_other_agencies_packages(client, world):
    client.force_login(world.staff)
    assert client.get(reverse("indicators:package", args=[2567, "OTHER"])).status_code == 404
    assert client.get(reverse("indicators:package", args=[2599, "OWN"])).status_code == 404


def test_it_needs_a_login(client, world):
    response = client.get(reverse("indicators:package", args=[2567, "OWN"]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_it_lists_agencies_with_status_and_deadlines(client, world):
    from indicators.models import NegotiationStage
    import datetime as dt

    NegotiationStage.objects.create(fiscal_year=world.year, order=1, name="ประชุมเจรจาตามกลุ่มภารกิจ",
                                    deadline=dt.date(2024, 5, 31))
    complete_package(world, status=PackageStatus.SUBMITTED)
    client.force_login(world.committee)
    page = client.get(reverse("indicators:negotiation_index", args=[2567])).content.decode()
    assert "สำนักของฉัน" in page and "ส่งแล้ว" in page
    assert "สำนักอื่น" not in page
    assert "31 พฤษภาคม 2567" in page
    home = client.get(reverse("indicators:negotiation_home"))
    assert home.url == reverse("indicators:negotiation_index", args=[2567])


def test_it_shows_this_year_beside_last_year(client, world):
    previous_year = FiscalYearFactory(year_be=2566)
    IndicatorFactory(fiscal_year=previous_year, agency=world.own,
                     element=CompositionElementFactory(fiscal_year=previous_year, code="1"), name="ปีก่อน")
    IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element, name="ปีนี้")
    client.force_login(world.committee)
    page = client.get(reverse("indicators:package_compare", args=[2567, "OWN"])).content.decode()
    assert "พ.ศ. 2566" in page and "ปีก่อน" in page and "ปีนี้" in page


def test_unused_agency_factory_is_not_visible(client, world):
    stranger = AgencyFactory(code="STRANGER")
    client.force_login(world.committee)
    assert client.get(reverse("indicators:package", args=[2567, stranger.code])).status_code == 404


def test_it_explains_a_taken_number_and_a_zero_weight_in_thai(client, world, package):
    client.force_login(world.staff)
    response = client.post(create_url(world), indicator_post(world, number="1", weight="0"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "น้ำหนักคะแนนต้องมากกว่า ๐" in page
    response = client.post(create_url(world), indicator_post(world, number="1", weight="5"))
    assert response.status_code == 400
    page = response.content.decode()
    field = page[page.index('id="id_number"'):]
    assert "ลำดับที่ 1 มีอยู่แล้วในชุดตัวชี้วัดนี้" in field[: field.index("</div>")]
    assert Indicator.objects.filter(agency=world.own).count() == 2


def test_it_keeps_the_history_of_the_indicators_tables(client, world):
    from indicators.models import IndicatorBaseline, MilestoneCondition

    client.force_login(world.staff)
    client.post(create_url(world), indicator_post(world))
    indicator = Indicator.objects.get()
    edit = reverse("indicators:indicator_edit", args=[indicator.pk])
    data = indicator_post(world, version=indicator.version, number="1", **{"baselines-1-value_text": "ร้อยละ ๙๑"})
    assert client.post(edit, data).status_code == 302
    # The conditions table was not touched: it is not rewritten, so its history has only the first save.
    assert MilestoneCondition.history.filter(indicator_id=indicator.pk).count() == 1
    # The changed baseline is updated in place: nothing deleted, old → new in its history.
    assert not IndicatorBaseline.history.filter(indicator_id=indicator.pk, history_type="-").exists()
    assert IndicatorBaseline.history.filter(indicator_id=indicator.pk, history_type="~").count() == 1
    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    history = page[page.index('id="history"'):]
    assert "พ.ศ. 2566 · ผลการดำเนินงาน</td><td>ไม่มี</td><td>ร้อยละ ๙๑</td>" in history
    assert "เพิ่ม ร้อยละ 20.00: จัดทำแผนการดำเนินงาน" in history


def test_it_offers_only_negotiated_leaf_elements(client, world):
    parent = CompositionElementFactory(fiscal_year=world.year, code="2", name="Performance Base", weight=None,
                                       order=2)
    leaf = CompositionElementFactory(fiscal_year=world.year, code="2.1", name="Agenda Base", parent=parent,
                                     weight=None, order=2)
    innovation = CompositionElementFactory(fiscal_year=world.year, code="4", name="Innovation Base",
                                           is_negotiated=False, order=4)
    client.force_login(world.staff)
    page = client.get(create_url(world)).content.decode()
    select = page[page.index('name="element"'):]
    select = select[: select.index("</select>")]
    assert f'value="{leaf.pk}"' in select and f'value="{world.element.pk}"' in select
    assert f'value="{parent.pk}"' not in select and f'value="{innovation.pk}"' not in select
    assert f'value="{world.district_element.pk}"' not in select
    response = client.post(create_url(world), indicator_post(world, element=str(innovation.pk)))
    assert response.status_code == 400
    assert not Indicator.objects.exists()


def test_the_edit_form_shows_the_checks_beside_the_rubric(client, world, package):
    indicator = Indicator.objects.filter(agency=world.own).order_by("number").first()
    RubricLevel.objects.filter(indicator=indicator, level=3).update(criterion=" ")
    client.force_login(world.staff)
    page = client.get(reverse("indicators:indicator_edit", args=[indicator.pk])).content.decode()
    rubric = page[page.index('id="rows-levels"'):]
    rubric = rubric[: rubric.index("</fieldset>")]
    assert "ระดับ ๓: ต้องระบุเกณฑ์/ผลการดำเนินงาน" in rubric


def test_the_home_page_links_staff_to_their_package(client, world):
    client.force_login(world.staff)
    page = client.get(reverse("home")).content.decode()
    assert reverse("indicators:package", args=[2567, "OWN"]) in page


def test_last_years_replaced_indicators_are_neither_compared_nor_offered_for_copying(client, world):
    previous_year = FiscalYearFactory(year_be=2566)
    element = CompositionElementFactory(fiscal_year=previous_year, code="1")
    IndicatorFactory(fiscal_year=previous_year, agency=world.own, element=element, number=1, name="ตัวชี้วัดที่คงอยู่")
    IndicatorFactory(fiscal_year=previous_year, agency=world.own, element=element, number=2,
                     name="ตัวชี้วัดที่ถูกแทน", status=IndicatorStatus.REPLACED)
    client.force_login(world.staff)
    for url in (
        reverse("indicators:package_compare", args=[2567, "OWN"]),
        reverse("indicators:indicator_copy", args=[2567, "OWN"]),
    ):
        page = client.get(url).content.decode()
        assert "ตัวชี้วัดที่คงอยู่" in page and "ตัวชี้วัดที่ถูกแทน" not in page, url


def test_staff_are_told_the_agency_head_sends_the_package(client, world, package):
    url = reverse("indicators:package", args=[2567, "OWN"])
    client.force_login(world.staff)
    staff_page = client.get(url).content.decode()
    client.force_login(world.head)
    head_page = client.get(url).content.decode()

    assert "ผู้บริหารหน่วยงานเป็นผู้ส่งตัวชี้วัดให้คณะกรรมการ" in staff_page
    assert "ผู้บริหารหน่วยงานเป็นผู้ส่งตัวชี้วัดให้คณะกรรมการ" not in head_page  # the head has the button


def test_a_year_without_the_agencys_committee_says_why_nobody_can_negotiate(client, world):
    from tests.factories import FiscalYearFactory

    FiscalYearFactory(year_be=2568)  # a new year: สยป. has not set up its mission groups yet
    client.force_login(world.strategy)

    new_year = client.get(reverse("indicators:package", args=[2568, "OWN"])).content.decode()
    this_year = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    district = client.get(reverse("indicators:package", args=[2568, "1001"])).content.decode()

    assert "ยังไม่ได้กำหนดคณะกรรมการเจรจาตกลง (กลุ่มภารกิจ) ของหน่วยงานนี้สำหรับปี พ.ศ. 2568" in new_year
    assert "ยังไม่ได้กำหนดคณะกรรมการเจรจาตกลง" not in this_year
    assert "ยังไม่ได้กำหนดคณะกรรมการเจรจาตกลง" not in district  # districts negotiate with the steering committee


def test_the_check_box_says_where_the_problems_it_counts_but_does_not_list_are(client, world):
    """An empty draft: "พบ 2 รายการที่ต้องแก้ไข" above one line, the other beside element 1 further down."""
    AgencyPackageFactory(fiscal_year=world.year, agency=world.own, status=PackageStatus.DRAFT)
    client.force_login(world.staff)
    response = client.get(reverse("indicators:package", args=[world.year.year_be, world.own.code]))

    sections = response.context["sections"]
    below = sum(len(s["problems"]) + sum(len(i.problems) for i in s["indicators"]) for s in sections)
    assert below >= 1
    box = response.content.decode().split('id="checks"')[1].split("</div>")[0]
    assert f"อีก {below} รายการแสดงไว้ที่องค์ประกอบหรือตัวชี้วัดด้านล่าง" in box


@pytest.mark.parametrize("typed", ["sNaN", "-sNaN"])
def test_a_signalling_nan_in_a_prefilled_rubric_percent_is_refused_as_no_number(client, world, typed):
    """Decimal reads "sNaN", and comparing it with the row's prefilled 100 raised (a 500) before any message."""
    client.force_login(world.staff)
    response = client.post(create_url(world), indicator_post(world, **{"levels-0-success_percent": typed}))
    assert response.status_code == 400
    assert "กรุณากรอกตัวเลข (เลขไทยหรือเลขอารบิก)" in response.content.decode()
    assert not Indicator.objects.exists()


def test_number_zero_is_refused_rather_than_replaced_by_the_next_number(client, world, package):
    """The number box is left blank for "the next number"; a typed 0 was silently saved as that next number."""
    client.force_login(world.staff)
    response = client.post(create_url(world), indicator_post(world, number="0"))
    assert response.status_code == 400
    page = response.content.decode()
    field = page[page.index('id="id_number"'):]
    assert "ลำดับที่ต้องเป็น 1 ขึ้นไป (เว้นว่างเพื่อให้ระบบกำหนดลำดับถัดไป)" in field[: field.index("</div>")]
    assert Indicator.objects.filter(agency=world.own).count() == 2


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("name", "\u200b", "ข้อความนี้มีแต่อักขระที่มองไม่เห็น กรุณาพิมพ์ใหม่"),
    ("name", "\ufeff \u200b", "ข้อความนี้มีแต่อักขระที่มองไม่เห็น กรุณาพิมพ์ใหม่"),
    ("code", "0402-0810\u200b", "รหัสมีอักขระที่มองไม่เห็น (มักติดมาจากการคัดลอก) กรุณาพิมพ์รหัสใหม่"),
])
def test_invisible_characters_pasted_into_a_name_or_code_are_refused_beside_it(client, world, field, typed, message):
    """A zero-width space passes the required check (it is not whitespace): the name saved blank-looking, and a
    code read the same as one without it."""
    client.force_login(world.staff)
    response = client.post(create_url(world), indicator_post(world, **{field: typed}))
    assert response.status_code == 400
    page = response.content.decode()
    box = page[page.index(f'id="id_{field}"'):]
    assert message in box[: box.index("</div>")]
    assert not Indicator.objects.exists()


@pytest.mark.parametrize("typed", ["12,5", "1,25", "1,2,3"])
def test_a_comma_that_does_not_group_thousands_is_refused_not_dropped(client, world, typed):
    """The number boxes dropped every comma: "12,5" (a decimal comma) was saved as 125."""
    client.force_login(world.staff)
    response = client.post(create_url(world), indicator_post(world, target_value=typed))
    assert response.status_code == 400
    page = response.content.decode()
    box = page[page.index('id="id_target_value"'):]
    assert f"“{typed}” ไม่ใช่ตัวเลขที่ถูกต้อง: ใช้จุลภาคคั่นหลักพัน (1,250) และจุดทศนิยม (12.5)" in box[: box.index("</div>")]
    assert not Indicator.objects.exists()


def test_thousands_separators_in_thai_digits_are_still_read(client, world):
    client.force_login(world.staff)
    response = client.post(create_url(world), indicator_post(world, target_value="๑,๒๕๐.๕"))
    assert response.status_code == 302
    assert Indicator.objects.get().target_value == Decimal("1250.5")


@pytest.mark.parametrize("typed", ["1e3", "1_000", "１２", "١٢", "Infinity"])
def test_a_figure_python_would_read_but_a_person_does_not_write_is_refused(client, world, typed):
    """Decimal reads "1e3" as 1000 and "1_000", full-width and Arabic-Indic digits as numbers: a figure box
    saved what the person did not mean instead of asking."""
    client.force_login(world.staff)
    response = client.post(create_url(world), indicator_post(world, target_value=typed))
    assert response.status_code == 400
    page = response.content.decode()
    box = page[page.index('id="id_target_value"'):]
    assert "กรุณากรอกตัวเลข (เลขไทยหรือเลขอารบิก)" in box[: box.index("</div>")]
    assert not Indicator.objects.exists()
