"""No N+1: the package, indicator and committee pages cost the same number of queries for 2 or 12 rows."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import IndicatorComment, PackageStatus
from indicators.services.negotiation import package_transition
from tests.factories import AgencyFactory, AgencyPackageFactory, IndicatorFactory, JointParticipantFactory

from .conftest import complete_package

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_indicators(world, n):
    for _ in range(n):
        indicator = IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element,
                                     weight=Decimal("1"), status=PackageStatus.IN_NEGOTIATION)
        JointParticipantFactory(indicator=indicator, agency=world.other)
        IndicatorComment.objects.create(indicator=indicator, author=world.committee, body="ความเห็น")


def test_the_package_page_does_not_grow_with_indicators(client, world, django_assert_max_num_queries):
    package, _ = complete_package(world, status=PackageStatus.SUBMITTED)
    package_transition(actor=world.committee, package=package, action="start_negotiation")
    client.force_login(world.committee)
    url = reverse("indicators:package", args=[2567, "OWN"])
    few = count_queries(client, url)
    add_indicators(world, 10)
    many = count_queries(client, url)
    assert many == few
    with django_assert_max_num_queries(25):
        client.get(url)


def test_the_committee_page_does_not_grow_with_agencies(client, world, django_assert_max_num_queries):
    client.force_login(world.strategy)
    url = reverse("indicators:negotiation_index", args=[2567])
    few = count_queries(client, url)
    for _ in range(10):
        agency = AgencyFactory()
        AgencyPackageFactory(fiscal_year=world.year, agency=agency)
        IndicatorFactory(fiscal_year=world.year, agency=agency, element=world.element)
    assert count_queries(client, url) == few
    with django_assert_max_num_queries(12):
        client.get(url)


def test_the_indicator_page_does_not_grow_with_history(client, world):
    _, indicators = complete_package(world)
    indicator = indicators[0]
    client.force_login(world.staff)
    url = reverse("indicators:indicator", args=[indicator.pk])
    few = count_queries(client, url)
    for n in range(5):
        indicator.name = f"ชื่อที่ {n}"
        indicator.save()
    assert count_queries(client, url) == few


def test_the_indicator_form_reads_the_agency_list_once_however_many_partners(client, world):
    """Each partner row's agency list was read anew: a joint KPI with 30 partners cost 30 queries."""
    _, indicators = complete_package(world)
    indicator = indicators[0]
    JointParticipantFactory(indicator=indicator, agency=world.other)
    client.force_login(world.staff)
    url = reverse("indicators:indicator_edit", args=[indicator.pk])
    few = count_queries(client, url)
    partners = [AgencyFactory() for _ in range(5)]
    for agency in partners:
        JointParticipantFactory(indicator=indicator, agency=agency)

    assert count_queries(client, url) == few
    html = client.get(url).content.decode()
    for agency in [world.other, *partners]:  # each row still shows its own agency chosen
        assert f'<option value="{agency.pk}" selected>{agency}</option>' in html
