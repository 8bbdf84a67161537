"""The indicator form's row tables (baselines, joint agencies, five levels, conditions, evidence) for a screen reader."""

import pytest
from django.urls import reverse

from tests.markup import accessible_name, dangling_references, parse, unlabelled

from .conftest import indicator_post

pytestmark = pytest.mark.django_db


def create_url(world):
    return reverse("indicators:indicator_create", args=[world.year.year_be, world.own.code])


def test_every_row_input_has_a_name_saying_its_column_and_row(client, world):
    client.force_login(world.staff)
    html = client.get(create_url(world)).content.decode()
    assert unlabelled(html) == []
    root = parse(html)
    (year,) = root.find_all("input", name="baselines-0-year_be")
    assert accessible_name(year, root).endswith("แถวที่ 1")
    (criterion,) = [n for n in root.find_all("textarea") if n.attrs["name"] == "levels-0-criterion"]
    assert "ระดับ 5" in accessible_name(criterion, root) or "ระดับ 1" in accessible_name(criterion, root)


def test_a_row_error_is_read_with_its_input(client, world):
    client.force_login(world.staff)
    response = client.post(create_url(world), indicator_post(world, **{"conditions-0-percent": ""}))
    assert response.status_code == 400
    html = response.content.decode()
    assert dangling_references(html) == []
    root = parse(html)
    invalid = [n for n in root.iter() if n.attrs.get("aria-invalid") == "true"]
    assert invalid
    for node in invalid:
        refs = node.attrs["aria-describedby"].split()
        assert any(root.find_all(id=ref) and root.find_all(id=ref)[0].find_all("p") for ref in refs)


def test_the_basket_table_on_the_copy_page_names_its_action_column(client, world):
    from tests.factories import BasketIndicatorFactory, FocusIssueFactory
    from tests.markup import empty_header_cells

    BasketIndicatorFactory(focus_issue=FocusIssueFactory(fiscal_year=world.year), lead_agency=world.own)
    client.force_login(world.staff)
    html = client.get(reverse("indicators:indicator_copy", args=[world.year.year_be, world.own.code])).content.decode()
    assert "ใช้ตัวชี้วัดนี้" in html
    assert empty_header_cells(html) == []
