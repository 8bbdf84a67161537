"""Which fiscal year the start page, dashboards, negotiation, ranking and admin prints open on."""

import pytest
from django.urls import reverse

from indicators.models import FiscalYear
from indicators.selectors.framework import current_fiscal_year
from tests.factories import FiscalYearFactory, RoleFactory

pytestmark = pytest.mark.django_db


def test_the_year_marked_current_wins_over_a_later_one():
    FiscalYearFactory(year_be=2567, is_current=True)
    FiscalYearFactory(year_be=2568)
    assert current_fiscal_year().year_be == 2567


def test_without_a_year_marked_current_the_latest_is_used():
    FiscalYearFactory(year_be=2567)
    FiscalYearFactory(year_be=2568)
    assert current_fiscal_year().year_be == 2568
    assert current_fiscal_year(2567).year_be == 2567
    assert current_fiscal_year(2570) is None
    FiscalYear.objects.all().delete()
    assert current_fiscal_year() is None


def test_negotiation_and_ranking_open_on_the_current_year(client):
    FiscalYearFactory(year_be=2567, is_current=True)
    FiscalYearFactory(year_be=2568)
    client.force_login(RoleFactory().user)
    assert client.get(reverse("indicators:negotiation_home")).url == reverse("indicators:negotiation_index", args=[2567])
    assert client.get(reverse("scoring:index")).url == reverse("scoring:ranking", args=[2567])
