"""Saving an indicator keeps its rows (and what points at them) and an honest history: rows are updated
in place, a row loaded without history gets its earlier state recorded first, an amendment says why."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.history import FIRST_RECORDED_VERSION
from indicators.models import (
    AuditChecklistItem,
    EvidenceRequirement,
    Indicator,
    IndicatorBaseline,
    PackageStatus,
    RubricLevel,
)
from indicators.services.drafting import indicator_children, indicator_update
from tests.factories import EvidenceRequirementFactory, QuarterAuditFactory

from .conftest import complete_package

pytestmark = pytest.mark.django_db

REASON = "มติคณะกรรมการอำนวยการ ครั้งที่ ๔/๒๕๖๖ ให้ปรับหลักฐาน"


def approved_indicator_with_ticks(world):
    """An approved indicator with three evidence items, all ticked by the auditor in quarter 1."""
    _, indicators = complete_package(world, status=PackageStatus.APPROVED)
    indicator = indicators[0]
    items = [
        EvidenceRequirementFactory(indicator=indicator, order=n, description=text)
        for n, text in enumerate(("รายงานผลการดำเนินงาน", "ภาพถ่ายกิจกรรม", "บัญชีรายชื่อผู้เข้าร่วม"), start=1)
    ]
    audit = QuarterAuditFactory(indicator=indicator, quarter=1)
    for item in items:
        AuditChecklistItem.objects.create(audit=audit, requirement=item, is_present=True)
    return indicator, items


def amend(world, indicator, reason=REASON, name=None, **tables):
    indicator.refresh_from_db()
    children = indicator_children(indicator)
    for table, rows in tables.items():
        setattr(children, table, rows)
    data = {"element": indicator.element, "name": name or indicator.name, "weight": indicator.weight}
    return indicator_update(actor=world.strategy, indicator=indicator, expected_version=indicator.version,
                            data=data, children=children, amendment_reason=reason)


def history_section(client, user, indicator) -> str:
    client.force_login(user)
    page = client.get(reverse("indicators:indicator", args=[indicator.pk])).content.decode()
    return page[page.index('id="history"'):]


def test_editing_evidence_items_keeps_the_auditors_checklist_ticks(world):
    indicator, items = approved_indicator_with_ticks(world)
    amend(world, indicator, evidence=[
        {"description": "สรุปผลการประชุมชี้แจง"},  # a new first item
        {"description": "รายงานผลการดำเนินงาน"},
        {"description": "ภาพถ่ายกิจกรรม (อย่างน้อย ๓ ภาพ)"},  # text corrected
        {"description": "บัญชีรายชื่อผู้เข้าร่วม"},
    ])
    saved = list(EvidenceRequirement.objects.filter(indicator=indicator).order_by("order"))
    assert [e.description for e in saved] == [
        "สรุปผลการประชุมชี้แจง", "รายงานผลการดำเนินงาน", "ภาพถ่ายกิจกรรม (อย่างน้อย ๓ ภาพ)", "บัญชีรายชื่อผู้เข้าร่วม",
    ]
    assert [e.pk for e in saved[1:]] == [item.pk for item in items]  # every item kept its id
    ticks = AuditChecklistItem.objects.filter(audit__indicator=indicator)
    assert sorted(ticks.values_list("requirement_id", flat=True)) == sorted(item.pk for item in items)
    assert all(tick.is_present for tick in ticks)


def test_removing_an_evidence_item_deletes_only_that_item_and_its_tick(world):
    indicator, items = approved_indicator_with_ticks(world)
    amend(world, indicator, evidence=[{"description": "รายงานผลการดำเนินงาน"},
                                      {"description": "บัญชีรายชื่อผู้เข้าร่วม"}])
    kept = list(EvidenceRequirement.objects.filter(indicator=indicator).order_by("order"))
    assert [(e.pk, e.order) for e in kept] == [(items[0].pk, 1), (items[2].pk, 2)]
    ticks = AuditChecklistItem.objects.filter(audit__indicator=indicator)
    assert set(ticks.values_list("requirement_id", flat=True)) == {items[0].pk, items[2].pk}


def test_rubric_and_baseline_rows_keep_their_ids_and_show_old_to_new(client, world):
    indicator, _ = approved_indicator_with_ticks(world)
    IndicatorBaseline.objects.create(indicator=indicator, year_be=2566, value_text="ไม่มี")
    levels = {lv.level: lv.pk for lv in RubricLevel.objects.filter(indicator=indicator)}
    children = indicator_children(indicator)
    rubric = [dict(row, criterion="ดำเนินการครบทุกขั้นตอน") if row["level"] == 5 else row for row in children.levels]
    amend(world, indicator, levels=rubric, baselines=[{"year_be": 2566, "value_text": "ร้อยละ ๘๘"}])
    assert {lv.level: lv.pk for lv in RubricLevel.objects.filter(indicator=indicator)} == levels
    assert not RubricLevel.history.filter(indicator_id=indicator.pk, history_type="-").exists()
    history = history_section(client, world.strategy, indicator)
    assert "ระดับ 5 · ผลการดำเนินงาน/เกณฑ์</td><td>ดำเนินการตามแผนฯ ร้อยละ 100</td><td>ดำเนินการครบทุกขั้นตอน</td>" in history
    assert "พ.ศ. 2566 · ผลการดำเนินงาน</td><td>ไม่มี</td><td>ร้อยละ ๘๘</td>" in history


def test_a_row_loaded_without_history_gets_its_first_version_recorded(client, world):
    indicator, items = approved_indicator_with_ticks(world)
    # As `loaddata` leaves them: the rows exist, their history does not.
    Indicator.history.filter(id=indicator.pk).delete()
    EvidenceRequirement.history.filter(indicator_id=indicator.pk).delete()
    RubricLevel.history.filter(indicator_id=indicator.pk).delete()
    rubric = [dict(row, success_percent=Decimal("90")) if row["level"] == 5 else row
              for row in indicator_children(indicator).levels]
    amend(world, indicator, name="ชื่อที่ สยป. ปรับ", levels=rubric, evidence=[
        {"description": "รายงานผลการดำเนินงานฉบับสมบูรณ์"},
        {"description": "ภาพถ่ายกิจกรรม"},
        {"description": "บัญชีรายชื่อผู้เข้าร่วม"},
    ])
    first = EvidenceRequirement.history.get(id=items[0].pk, history_change_reason=FIRST_RECORDED_VERSION)
    assert first.description == "รายงานผลการดำเนินงาน" and first.history_user is None
    # Unchanged rows are left alone: no history row for them.
    assert not EvidenceRequirement.history.filter(id=items[1].pk).exists()
    assert Indicator.history.filter(id=indicator.pk, history_change_reason=FIRST_RECORDED_VERSION).count() == 1
    assert RubricLevel.history.filter(indicator_id=indicator.pk, history_change_reason=FIRST_RECORDED_VERSION,
                                      level=5).count() == 1
    history = history_section(client, world.strategy, indicator)
    assert "ลำดับ 1 · หลักฐาน</td><td>รายงานผลการดำเนินงาน</td><td>รายงานผลการดำเนินงานฉบับสมบูรณ์</td>" in history
    assert "ระดับ 5 · เกณฑ์ร้อยละความสำเร็จ</td><td>100</td><td>90</td>" in history
    assert "ชื่อตัวชี้วัด</td><td>ร้อยละความสำเร็จ" in history and "<td>ชื่อที่ สยป. ปรับ</td>" in history
    assert FIRST_RECORDED_VERSION not in history  # the recorded state is compared against, not listed


def test_a_second_edit_does_not_record_the_first_version_again(world):
    indicator, items = approved_indicator_with_ticks(world)
    EvidenceRequirement.history.filter(indicator_id=indicator.pk).delete()
    for text in ("รายงานฉบับที่ ๑", "รายงานฉบับที่ ๒"):
        amend(world, indicator, evidence=[{"description": text}, {"description": "ภาพถ่ายกิจกรรม"},
                                          {"description": "บัญชีรายชื่อผู้เข้าร่วม"}])
    records = EvidenceRequirement.history.filter(id=items[0].pk).order_by("history_date", "history_id")
    assert [r.description for r in records] == ["รายงานผลการดำเนินงาน", "รายงานฉบับที่ ๑", "รายงานฉบับที่ ๒"]
    assert [r.history_change_reason for r in records] == [FIRST_RECORDED_VERSION, REASON, REASON]


def test_the_history_shows_the_amendments_reason(client, world):
    indicator, _ = approved_indicator_with_ticks(world)
    amend(world, indicator, name="ชื่อใหม่ตามมติ")
    record = indicator.history.latest()
    assert record.history_change_reason == REASON and record.history_user == world.strategy
    history = history_section(client, world.staff, indicator)
    head = history[: history.index("</thead>")]
    assert "เหตุผล" in head
    row = history[history.index("<td>ชื่อใหม่ตามมติ</td>"):]
    assert row[: row.index("</tr>")].endswith(f'<td class="reason">{REASON}</td>')


def test_a_long_reason_is_kept_whole_in_the_history_and_the_decision(world):
    from indicators.models import CommitteeDecision

    indicator, _ = approved_indicator_with_ticks(world)
    long_reason = "ปรับตามมติ " + "ก" * 200
    amend(world, indicator, reason=long_reason, name="ชื่อใหม่")
    stored = indicator.history.latest().history_change_reason
    assert stored == long_reason
    assert CommitteeDecision.objects.get(action="amend").reason == long_reason


def test_staff_edits_of_a_draft_have_no_reason_column_text(client, world):
    _, indicators = complete_package(world)
    indicator = indicators[0]
    children = indicator_children(indicator)
    indicator_update(actor=world.staff, indicator=indicator, expected_version=indicator.version,
                     data={"element": indicator.element, "name": "ร่างใหม่", "weight": indicator.weight},
                     children=children)
    assert indicator.history.latest().history_change_reason in (None, "")
    history = history_section(client, world.staff, indicator)
    row = history[history.index("<td>ร่างใหม่</td>"):]
    assert row[: row.index("</tr>")].endswith('<td class="reason">-</td>')


def test_the_indicator_page_costs_the_same_however_many_rows_changed(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    indicator, _ = approved_indicator_with_ticks(world)
    client.force_login(world.strategy)
    url = reverse("indicators:indicator", args=[indicator.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    amend(world, indicator, evidence=[{"description": "รายงานฉบับที่ ๑"}])
    few = queries()
    for n in range(2, 6):
        rubric = [dict(row, criterion=f"ฉบับที่ {n}") for row in indicator_children(indicator).levels]
        amend(world, indicator, name=f"ชื่อฉบับที่ {n}", levels=rubric,
              evidence=[{"description": f"รายงานฉบับที่ {m}"} for m in range(1, n + 1)],
              baselines=[{"year_be": 2566, "value_text": f"ร้อยละ {n}"}])
    assert queries() == few


def test_evidence_rows_are_paired_by_text_then_by_their_place_between_paired_rows():
    from types import SimpleNamespace

    from indicators.services.table_rows import field_key, match_rows

    class Row(SimpleNamespace):
        _meta = EvidenceRequirement._meta

    saved = [Row(order=n, description=text) for n, text in enumerate(("ก", "ข", "ค", "ง"), start=1)]
    wanted = [{"order": n, "description": text} for n, text in enumerate(("ใหม่", "ก", "ข แก้", "ง"), start=1)]
    pairs, new_rows, removed = match_rows(saved, wanted, (field_key("description"),), by_position=True)
    assert [(row.description, values["description"]) for row, values in pairs] == [
        ("ก", "ก"), ("ข", "ข แก้"), ("ง", "ง"),
    ]
    assert [values["description"] for values in new_rows] == ["ใหม่"]
    assert [row.description for row in removed] == ["ค"]
    # Without pairing by place, the corrected row is a new one and the old one is removed.
    pairs, new_rows, removed = match_rows(saved, wanted, (field_key("description"),))
    assert len(pairs) == 2 and len(new_rows) == 2 and len(removed) == 2
