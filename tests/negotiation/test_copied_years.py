"""Copying last year's indicator moves the years its texts name, each text by the year setup's rule: names,
targets, criteria and conditions every year; notes only a year they call the plan year; baselines never."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from indicators.models import EvidenceRequirement, IndicatorBaseline
from indicators.services.copied_years import changed_part, move_years_on
from indicators.services.drafting import IndicatorChildren
from tests.factories import CompositionElementFactory, FiscalYearFactory, IndicatorFactory

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "07_fy2567_office_of_personnel.json"
TABLES = {
    "indicators.rubriclevel": ("levels", ("level", "criterion")),
    "indicators.milestonecondition": ("conditions", ("description",)),
    "indicators.evidencerequirement": ("evidence", ("description",)),
    "indicators.indicatorbaseline": ("baselines", ("year_be", "value_text")),
}


def seed_copy(pk: int) -> tuple[dict, IndicatorChildren]:
    """Indicator `pk` of the FY2567 summary form (fixture) as the copy form's data and tables."""
    rows = json.loads(SEED_FIXTURE.read_text(encoding="utf-8"))
    data = next(dict(row["fields"]) for row in rows if row["model"] == "indicators.indicator" and row["pk"] == pk)
    children = IndicatorChildren()
    for row in rows:
        if row["model"] in TABLES and row["fields"].get("indicator") == pk:
            table, columns = TABLES[row["model"]]
            getattr(children, table).append({column: row["fields"].get(column) for column in columns})
    return data, children


def test_the_seed_copies_move_the_plan_year_and_keep_the_years_of_laws_and_results():
    data, children = seed_copy(256702)
    definition, baselines = data["definition"], [dict(row) for row in children.baselines]

    moved = move_years_on(data, children, from_be=2567, to_be=2568)

    assert data["definition"] == definition and definition.endswith("ตั้งแต่ปี พ.ศ. ๒๕๖๓")  # since when: history
    assert data["conditions_title"].endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘")
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘" in data["data_collection"]  # a note, but about the plan year
    level_1 = next(row for row in children.levels if row["level"] == 1)
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ที่ได้รับความเห็นชอบ" in level_1["criterion"]
    assert any("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘" in row["description"] for row in children.evidence)
    assert children.baselines == baselines  # last years' results keep their years
    assert {(m.field, m.row) for m in moved} >= {("หัวข้อเงื่อนไขการดำเนินงาน", ""), ("เกณฑ์ ๕ ระดับ", "ระดับ ๑")}


def test_a_law_named_with_its_year_stays():
    data, children = seed_copy(256704)
    definition = data["definition"]
    assert "พ.ศ. ๒๕๖๕" in definition  # กฎ ก.ก. ว่าด้วยการดำเนินการทางวินัย พ.ศ. ๒๕๖๕
    move_years_on(data, children, from_be=2567, to_be=2568)
    assert data["definition"] == definition


def test_a_criterion_keeps_the_period_of_a_multi_year_plan_and_moves_the_plan_year():
    data, children = seed_copy(256706)
    move_years_on(data, children, from_be=2567, to_be=2568)
    level_1 = next(row for row in children.levels if row["level"] == 1)["criterion"]
    assert "ระยะ ๓ ปี (พ.ศ. ๒๕๖๗ - ๒๕๖๙) ที่ได้รับความ" in level_1  # the three-year plan's period, as written
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ที่ได้รับความ" in level_1
    assert level_1.endswith("ในปี ๒๕๖๗")  # last year's report: one year on, as every year in a criterion


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("name", "ร้อยละความสำเร็จของโครงการปี ๒๕๖๗", "ร้อยละความสำเร็จของโครงการปี ๒๕๖๘"),
        ("target_text", "แล้วเสร็จภายใน ก.ย. ๖๗", "แล้วเสร็จภายใน ก.ย. ๖๘"),
        ("definition", "ตามแผนปฏิบัติราชการประจำปี ๒๕๖๗", "ตามแผนปฏิบัติราชการประจำปี ๒๕๖๘"),
        ("definition", "ไม่ปรากฏในเอกสาร ปี ๒๕๖๗", "ไม่ปรากฏในเอกสาร ปี ๒๕๖๗"),
        ("goal", "แผนพัฒนากรุงเทพมหานคร ระยะ ๒๐ ปี (พ.ศ. ๒๕๖๖ - ๒๕๘๐)", "แผนพัฒนากรุงเทพมหานคร ระยะ ๒๐ ปี (พ.ศ. ๒๕๖๖ - ๒๕๘๐)"),
        ("code", "2567-01", "2567-01"),  # codes and people are copied as written
        ("responsible_person", "โทร 0 2224 2567", "โทร 0 2224 2567"),
    ],
)
def test_each_indicator_text_moves_by_its_rule(field, text, expected):
    data = {field: text}
    move_years_on(data, IndicatorChildren(), from_be=2567, to_be=2568)
    assert data[field] == expected


def test_table_texts_move_by_their_rule_and_baselines_never():
    children = IndicatorChildren(
        levels=[{"level": 5, "criterion": "รายงานผลภายใน ก.ย. ๖๗"}],
        conditions=[{"description": "แผนปี พ.ศ. 2567 ได้รับอนุมัติ"}],
        evidence=[{"description": "ไม่ปรากฏในเอกสาร ปี ๒๕๖๗"}, {"description": "รายงานผลประจำปีงบประมาณ ๒๕๖๗"}],
        baselines=[{"year_be": 2566, "value_text": "ผลปี ๒๕๖๖: ร้อยละ ๘๐ (แผน พ.ศ. ๒๕๖๖ - ๒๕๖๘)"}],
    )
    moved = move_years_on({}, children, from_be=2567, to_be=2568)
    assert children.levels[0]["criterion"] == "รายงานผลภายใน ก.ย. ๖๘"
    assert children.conditions[0]["description"] == "แผนปี พ.ศ. 2568 ได้รับอนุมัติ"
    assert [row["description"] for row in children.evidence] == [
        "ไม่ปรากฏในเอกสาร ปี ๒๕๖๗", "รายงานผลประจำปีงบประมาณ ๒๕๖๘",
    ]
    assert children.baselines[0]["value_text"] == "ผลปี ๒๕๖๖: ร้อยละ ๘๐ (แผน พ.ศ. ๒๕๖๖ - ๒๕๖๘)"
    assert [(m.field, m.row) for m in moved] == [
        ("เกณฑ์ ๕ ระดับ", "ระดับ ๕"),
        ("เงื่อนไขการดำเนินงาน (ร้อยละของแผน)", "แถวที่ ๑"),
        ("หลักฐานที่ต้องส่ง", "แถวที่ ๒"),
    ]


def test_a_copy_across_two_years_moves_two_years():
    data = {"name": "โครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", "definition": "ตามแผน ประจำปี ๒๕๖๖ (ข้อมูลปี ๒๕๖๖)"}
    move_years_on(data, IndicatorChildren(), from_be=2566, to_be=2568)
    assert data == {"name": "โครงการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "definition": "ตามแผน ประจำปี ๒๕๖๘ (ข้อมูลปี ๒๕๖๖)"}


def test_a_long_text_shows_the_part_whose_year_moved():
    old = "ก" * 100 + " แผนงานประจำปี ๒๕๖๗ ของหน่วยงาน " + "ข" * 100
    new = old.replace("๒๕๖๗", "๒๕๖๘")
    shown_old, shown_new = changed_part(old, new, context=10)
    assert shown_old == "…แผนงานประจำปี ๒๕๖๗ ของหน่วยงาน…"  # about ten characters either side, to the spaces
    assert shown_new == shown_old.replace("๒๕๖๗", "๒๕๖๘")
    assert changed_part("ปี ๒๕๖๗", "ปี ๒๕๖๘") == ("ปี ๒๕๖๗", "ปี ๒๕๖๘")  # short: whole, nothing cut


@pytest.mark.django_db
def test_the_copy_form_lists_each_moved_text_old_to_new(client, world):
    previous_year = FiscalYearFactory(year_be=2566)
    old = IndicatorFactory(
        fiscal_year=previous_year, agency=world.own, element=CompositionElementFactory(fiscal_year=previous_year, code="1"),
        definition="อ้างอิงกฎ ก.ก. ว่าด้วยการดำเนินการทางวินัย พ.ศ. ๒๕๖๕",
        data_collection="รายงานตามแผน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    )
    old.rubric_levels.filter(level=1).update(criterion="มีแผน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ที่ได้รับความเห็นชอบ")
    EvidenceRequirement.objects.create(indicator=old, order=1, description="ไม่ปรากฏในเอกสาร ปี ๒๕๖๖")
    IndicatorBaseline.objects.create(indicator=old, year_be=2565, value_text="ผลปี ๒๕๖๕", value_number=Decimal(80))
    client.force_login(world.staff)

    page = client.get(reverse("indicators:indicator_create", args=[2567, "OWN"]) + f"?copy={old.pk}").content.decode()

    notice = page[page.index('id="moved-texts"'):]
    notice = notice[: notice.index("</section>")]
    assert "วิธีเก็บข้อมูล/หลักฐาน: “รายงานตามแผน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖” → “รายงานตามแผน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗”" in notice
    assert "เกณฑ์ ๕ ระดับ · ระดับ ๑: “มีแผน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ที่ได้รับความเห็นชอบ” → “มีแผน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ที่ได้รับความเห็นชอบ”" in notice
    for kept in ("พ.ศ. ๒๕๖๕", "ไม่ปรากฏในเอกสาร", "ผลปี"):
        assert kept not in notice
    assert "อ้างอิงกฎ ก.ก. ว่าด้วยการดำเนินการทางวินัย พ.ศ. ๒๕๖๕" in page and "ไม่ปรากฏในเอกสาร ปี ๒๕๖๖" in page
