"""A small negotiation world: one year's framework, three agencies, a person for every role."""

import pytest

from indicators.models import PackageStatus
from tests.factories import AgencyPackageFactory, IndicatorFactory

from .world import make_world


@pytest.fixture
def world(db):
    return make_world()


def complete_package(world, agency=None, status=PackageStatus.DRAFT, count=2):
    """A package that passes every submission check: `count` indicators whose weights fill element 1."""
    agency = agency or world.own
    package = AgencyPackageFactory(fiscal_year=world.year, agency=agency, status=status)
    weight = world.element.weight / count
    indicators = [
        IndicatorFactory(fiscal_year=world.year, agency=agency, element=world.element, weight=weight, number=n,
                         status=status)
        for n in range(1, count + 1)
    ]
    return package, indicators


@pytest.fixture
def package(world):
    return complete_package(world)[0]


def indicator_post(world, *, name="ร้อยละของคำร้องที่ดำเนินการแล้วเสร็จ", weight="10", version=0, **overrides):
    """What the create/edit form sends when every field is filled (management forms included)."""
    data = {
        "version": str(version),
        "element": str(world.element.pk),
        "number": "",
        "code": "0402-0810",
        "name": name,
        "result_type": "outcome",
        "indicator_type": "ตัวชี้วัดเชิงยุทธศาสตร์",
        "target_value": "100",
        "target_unit": "ร้อยละ",
        "target_text": "ร้อยละ ๑๐๐",
        "weight": weight,
        "definition": "คำร้องที่ยื่นผ่านช่องทางออนไลน์",
        "calculation_method": "(จำนวนที่แล้วเสร็จ / จำนวนทั้งหมด) × ๑๐๐",
        "data_collection": "รายงานจากระบบ",
        "rubric_kind": "numeric",
        "rubric_direction": "higher",
        "baselines-TOTAL_FORMS": "2", "baselines-INITIAL_FORMS": "0",
        "baselines-0-year_be": "2565", "baselines-0-value_text": "ร้อยละ ๘๘", "baselines-0-value_number": "88",
        "baselines-1-year_be": "2566", "baselines-1-value_text": "ไม่มี",
        "participants-TOTAL_FORMS": "2", "participants-INITIAL_FORMS": "0",
        "levels-TOTAL_FORMS": "5", "levels-INITIAL_FORMS": "5",
        "conditions-TOTAL_FORMS": "1", "conditions-INITIAL_FORMS": "0",
        "conditions-0-percent": "20", "conditions-0-description": "จัดทำแผนการดำเนินงาน",
        "evidence-TOTAL_FORMS": "1", "evidence-INITIAL_FORMS": "0",
        "evidence-0-description": "รายงานสรุปผลการดำเนินงาน",
    }
    for index, (level, threshold) in enumerate(zip((5, 4, 3, 2, 1), (95, 90, 85, 80, 75))):
        data[f"levels-{index}-level"] = str(level)
        data[f"levels-{index}-success_percent"] = str(level * 20)
        data[f"levels-{index}-criterion"] = f"ร้อยละ {threshold}"
        data[f"levels-{index}-threshold"] = str(threshold)
    data.update(overrides)
    return data
