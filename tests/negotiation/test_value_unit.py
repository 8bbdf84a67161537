"""The drafting form takes the measured value's unit when it is not the target's (days against ร้อยละ ๑๐๐)."""

import pytest
from django.urls import reverse

from indicators.models import Indicator

from .conftest import indicator_post

pytestmark = pytest.mark.django_db


def test_the_form_offers_the_unit_beside_the_target_and_saves_it_with_history(client, world):
    client.force_login(world.staff)
    create = reverse("indicators:indicator_create", args=[world.year.year_be, world.own.code])

    page = client.get(create).content.decode()
    client.post(create, indicator_post(world, value_unit="วัน"), follow=True)

    assert "หน่วยของค่าที่วัดได้" in page and 'name="value_unit"' in page
    assert page.index('name="target_unit"') < page.index('name="value_unit"') < page.index('name="weight"')
    indicator = Indicator.objects.get()
    assert (indicator.target_unit, indicator.value_unit) == ("ร้อยละ", "วัน")
    assert indicator.history.latest().value_unit == "วัน"


def test_left_blank_the_measured_value_is_in_the_targets_unit(client, world):
    client.force_login(world.staff)
    create = reverse("indicators:indicator_create", args=[world.year.year_be, world.own.code])

    client.post(create, indicator_post(world), follow=True)

    indicator = Indicator.objects.get()
    assert indicator.value_unit == ""
    assert indicator.measured_unit == "ร้อยละ"
