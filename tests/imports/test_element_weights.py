"""The element sheet's weight rules are judged on the sheet's end state: any row order that ends valid imports,
and an end state where sub-elements outweigh their parent is refused in Thai, naming its rows, with nothing saved."""

import io

import pytest

from indicators.models import CompositionElement
from indicators.services.imports import import_spreadsheet
from tests.factories import CompositionElementFactory, FiscalYearFactory

from .conftest import xlsx_bytes

pytestmark = pytest.mark.django_db

HEADERS = ["รหัสองค์ประกอบ", "องค์ประกอบหลัก", "ชื่อองค์ประกอบ", "น้ำหนักคะแนน"]
NAMES = {"1": "Performance Base", "1.1": "Function Base", "1.2": "Joint KPIs"}


@pytest.fixture
def performance_base():
    """Element 1 at 70 points, its sub-elements 1.1 and 1.2 at 40 and 30."""
    year = FiscalYearFactory(year_be=2567)
    parent = CompositionElementFactory(fiscal_year=year, code="1", name=NAMES["1"], weight=70)
    CompositionElementFactory(fiscal_year=year, code="1.1", name=NAMES["1.1"], parent=parent, weight=40)
    CompositionElementFactory(fiscal_year=year, code="1.2", name=NAMES["1.2"], parent=parent, weight=30)
    return year


def element_sheet(weights: dict[str, str]) -> list[list]:
    """One row per element code, in the order given."""
    rows = [[code, "" if code == "1" else "1", NAMES[code], weight] for code, weight in weights.items()]
    return [HEADERS] + rows


def run(weights, dry_run=False):
    data = xlsx_bytes({"องค์ประกอบ": element_sheet(weights)})
    return import_spreadsheet(data=data, filename="elements.xlsx", year_be=2567, dry_run=dry_run)


def saved_weights():
    return {e.code: e.weight for e in CompositionElement.objects.all()}


@pytest.mark.parametrize(
    "weights",
    [
        {"1": "50", "1.1": "30", "1.2": "20"},  # lowered, the parent first: 50 < 40 + 30 until the last row
        {"1.1": "30", "1.2": "20", "1": "50"},
        {"1": "90", "1.1": "50", "1.2": "40"},
        {"1.1": "50", "1.2": "40", "1": "90"},  # raised, the sub-elements first: 50 + 30 > 70 after row 2
    ],
    ids=["lowered-parent-first", "lowered-parent-last", "raised-parent-first", "raised-parent-last"],
)
def test_a_sheet_that_ends_valid_imports_in_any_row_order(performance_base, weights):
    report = run(weights)

    assert report.ok, [str(e) for e in report.errors]
    assert saved_weights() == {code: int(weight) for code, weight in weights.items()}


def test_sub_elements_outweighing_their_parent_at_the_end_are_refused_naming_the_rows(performance_base):
    report = run({"1": "50", "1.1": "30", "1.2": "30"})

    assert [(e.row, e.column, e.message) for e in report.errors] == [(
        2, "น้ำหนักคะแนน",
        "องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 60 คะแนน (1.1 = 30, 1.2 = 30) "
        "น้ำหนักขององค์ประกอบที่ 1 จึงต้องไม่น้อยกว่า 60 คะแนน (ในไฟล์: แถวที่ 2 รหัส 1, แถวที่ 3 รหัส 1.1, แถวที่ 4 รหัส 1.2)",
    )]
    assert saved_weights() == {"1": 70, "1.1": 40, "1.2": 30}


def test_a_sheet_of_sub_elements_only_is_refused_in_its_first_sub_elements_row(performance_base):
    report = run({"1.2": "20", "1.1": "60"})

    assert [(e.row, e.column) for e in report.errors] == [(2, "น้ำหนักคะแนน")]
    assert report.errors[0].message.endswith(
        "ต้องไม่น้อยกว่า 80 คะแนน (ในไฟล์: แถวที่ 2 รหัส 1.2, แถวที่ 3 รหัส 1.1)"
    )
    assert saved_weights() == {"1": 70, "1.1": 40, "1.2": 30}


def test_the_admin_import_refuses_an_invalid_end_state_and_accepts_a_valid_one(admin_client, performance_base):
    def upload(weights):
        data = xlsx_bytes({"องค์ประกอบ": element_sheet(weights)})
        return admin_client.post(
            "/admin/indicators/compositionelement/import/",
            {"import_file": io.BytesIO(data), "format": "0", "fiscal_year": performance_base.pk, "resource": "0"},
            format="multipart",
        )

    refused = upload({"1": "50", "1.1": "30", "1.2": "30"})

    assert refused.context.get("confirm_form") is None
    assert "<td>2</td><td>น้ำหนักคะแนน</td><td>องค์ประกอบย่อยขององค์ประกอบที่ 1 รวมกันได้ 60 คะแนน" in refused.content.decode()
    assert saved_weights() == {"1": 70, "1.1": 40, "1.2": 30}

    preview = upload({"1": "50", "1.1": "30", "1.2": "20"})
    confirmed = admin_client.post("/admin/indicators/compositionelement/process_import/", preview.context["confirm_form"].initial)

    assert confirmed.status_code == 302
    assert saved_weights() == {"1": 50, "1.1": 30, "1.2": 20}


def test_a_maximum_below_the_minimum_count_is_refused_under_its_column(year_setup):
    """It read "Constraint “element_min_le_max_indicators” is violated." for the whole row, in English."""
    headers = ["รหัสองค์ประกอบ", "ชื่อองค์ประกอบ", "น้ำหนักคะแนน", "จำนวนตัวชี้วัดขั้นต่ำ", "จำนวนตัวชี้วัดสูงสุด"]
    report = import_spreadsheet(
        data=xlsx_bytes({"องค์ประกอบ": [headers, ["9", "ใหม่", "10", "๓", "๒"]]}), filename="k.xlsx", year_be=2567
    )

    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "จำนวนตัวชี้วัดสูงสุด", "จำนวนตัวชี้วัดสูงสุด (2) ต้องไม่น้อยกว่าจำนวนขั้นต่ำ (3)")
    ]
