"""Re-importing a year's indicators changes rows in place, like the indicator form: the rubric rows keep
their ids, unchanged rows are not rewritten, and rows loaded without history keep their earlier state."""

import pytest

from indicators.history import FIRST_RECORDED_VERSION
from indicators.models import Indicator, IndicatorBaseline, RubricLevel
from indicators.services.imports import import_spreadsheet

from .conftest import indicator_row, sheet, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(rows):
    report = import_spreadsheet(data=xlsx_bytes({"ตัวชี้วัด": sheet(rows)}), filename="kpi.xlsx", year_be=2567)
    assert report.ok, [str(e) for e in report.errors]
    return report


def test_a_re_import_updates_the_rubric_in_place_and_writes_only_changed_rows(year_setup):
    run([indicator_row(number="1")])
    indicator = Indicator.objects.get()
    ids = dict(RubricLevel.objects.filter(indicator=indicator).values_list("level", "pk"))
    before = RubricLevel.history.filter(indicator_id=indicator.pk).count()

    run([indicator_row(number="1", **{"เกณฑ์ระดับ 5": "ร้อยละ ๙๕ ขึ้นไป (ทุกเขต)"})])

    assert dict(RubricLevel.objects.filter(indicator=indicator).values_list("level", "pk")) == ids
    assert RubricLevel.history.filter(indicator_id=indicator.pk).count() == before + 1
    assert RubricLevel.objects.get(indicator=indicator, level=5).criterion == "ร้อยละ ๙๕ ขึ้นไป (ทุกเขต)"


def test_a_re_import_of_rows_loaded_without_history_records_their_first_version(year_setup):
    run([indicator_row(number="1")])
    indicator = Indicator.objects.get()
    for model in (Indicator, RubricLevel, IndicatorBaseline):  # as `loaddata` leaves them
        model.history.all().delete()

    run([indicator_row(number="1", name="ชื่อใหม่", **{"เกณฑ์ระดับ 5": "ใหม่", "ข้อมูลพื้นฐาน 1 (ผล)": "1,400 ห้อง"})])

    first = Indicator.history.get(id=indicator.pk, history_change_reason=FIRST_RECORDED_VERSION)
    assert first.name == "ร้อยละความสำเร็จของการจัดเก็บภาษี"
    assert Indicator.history.filter(id=indicator.pk).latest().name == "ชื่อใหม่"
    level = RubricLevel.history.get(indicator_id=indicator.pk, history_change_reason=FIRST_RECORDED_VERSION)
    assert (level.level, level.criterion) == (5, "ร้อยละ ๙๕ ขึ้นไป")
    baseline = IndicatorBaseline.history.get(indicator_id=indicator.pk, history_change_reason=FIRST_RECORDED_VERSION)
    assert baseline.value_text == "1,390 ห้อง"
