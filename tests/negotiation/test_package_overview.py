"""The negotiation page counts and draws where the year's packages stand, and narrows its table to one state."""

import re

from django.urls import reverse

from indicators.models import PackageStatus
from tests.factories import AgencyFactory, AgencyPackageFactory, MissionGroupFactory

APPROVED = "คณะกรรมการอำนวยการอนุมัติ (ถือเป็นข้อยุติ)"


def page(client, world, user, **query):
    client.force_login(user)
    return client.get(reverse("indicators:negotiation_index", args=[world.year.year_be]), query).content.decode()


def table_codes(html):
    table = re.search(r'<table class="data" id="packages">.*?</table>', html, re.S).group(0)
    return re.findall(r"<tr>\s*<td>([^<]+)</td>", table)


def overview(html):
    return re.search(r'<section class="package-overview".*?</section>', html, re.S).group(0)


def in_states(world):
    """OWN approved, OTHER and two more sent, the district not started."""
    AgencyPackageFactory(fiscal_year=world.year, agency=world.own, status=PackageStatus.APPROVED)
    AgencyPackageFactory(fiscal_year=world.year, agency=world.other, status=PackageStatus.SUBMITTED)
    for code in ("S1", "S2"):
        AgencyPackageFactory(fiscal_year=world.year, agency=AgencyFactory(code=code), status=PackageStatus.SUBMITTED)


def test_the_overview_draws_and_counts_every_state_in_order(client, world):
    in_states(world)

    box = overview(page(client, world, world.strategy))

    assert f'aria-label="{APPROVED} 1 · ส่งแล้ว 3 · ยังไม่เริ่ม 1"' in box
    assert re.search(r'<rect class="seg-approved" x="0\.00" y="0" width="20\.00"', box)
    assert re.search(r'<rect class="seg-submitted" x="20\.00" y="0" width="60\.00"', box)
    assert "ทั้งหมด <strong>5</strong>" in box
    # A state nobody is in is still listed, with 0 and no link to an empty table.
    assert '<span class="muted">ส่งกลับแก้ไข <strong>0</strong></span>' in box
    assert '<a href="?state=submitted">ส่งแล้ว <strong>3</strong></a>' in box


def test_a_count_narrows_the_table_to_its_agencies(client, world):
    in_states(world)

    sent = page(client, world, world.strategy, state="submitted")
    assert sorted(table_codes(sent)) == ["OTHER", "S1", "S2"]
    assert '<a href="?state=submitted" aria-current="true">' in overview(sent)
    assert "ทั้งหมด <strong>5</strong>" in overview(sent)  # the counts stay the year's, not the table's

    assert table_codes(page(client, world, world.strategy, state="not_started")) == [world.district.code]
    # A state the page does not know shows everyone rather than an empty table.
    assert len(table_codes(page(client, world, world.strategy, state="nonsense"))) == 5


def test_a_committee_counts_only_the_agencies_it_negotiates_with(client, world):
    in_states(world)
    MissionGroupFactory(fiscal_year=world.year, number=3, members=[AgencyFactory(code="S3")])

    box = overview(page(client, world, world.committee))

    assert f'aria-label="{APPROVED} 1"' in box
    assert "ทั้งหมด <strong>1</strong>" in box


def test_the_overview_speaks_english_on_the_english_page(client, world, settings):
    in_states(world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    box = overview(page(client, world, world.strategy))

    assert 'aria-label="Packages by status"' in box
    assert ">All <strong>5</strong>" in box
    assert "Not started <strong>1</strong>" in box
