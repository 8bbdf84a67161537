"""Tables read cell by cell: no blank column headings (a screen reader announces them as nothing)."""

import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.factories import QuarterlyReportFactory
from tests.markup import empty_header_cells, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(indicator):
    return QuarterlyReportFactory(
        indicator=indicator, quarter=1, progress_percent=D("40"), status="submitted",
        submitted_at=dt.datetime(2024, 1, 10, 9, tzinfo=ZoneInfo("Asia/Bangkok")),
    )


def test_the_audit_queue_names_its_action_column(client, strategy_user, submitted):
    client.force_login(strategy_user)
    html = client.get(reverse("indicators:audit_queue"), {"year": 2567}).content.decode()
    assert empty_header_cells(html) == []
    headings = [th.text() for th in parse(html).find_all("th")]
    assert headings[-1] == "การดำเนินการ"


def test_the_indicator_page_names_its_action_column(client, staff_user, indicator, submitted):
    client.force_login(staff_user)
    html = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()
    assert empty_header_cells(html) == []
