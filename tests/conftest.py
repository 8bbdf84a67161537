import pytest

from .factories import AgencyFactory, FiscalYearFactory, RoleFactory, UserFactory
from agencies.models import RoleKind


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: SQLite hands out the same ids again after a test's
    rollback, so a cache key built from ids could otherwise meet an entry of an earlier test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def fiscal_year(db):
    return FiscalYearFactory(year_be=2567)


@pytest.fixture
def agency(db):
    return AgencyFactory(code="OWN", name_th="สำนักงานของฉัน")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(code="OTHER", name_th="สำนักงานอื่น")


@pytest.fixture
def staff_user(agency):
    """alice: KPI staff of `agency`."""
    return RoleFactory(user=UserFactory(username="alice"), kind=RoleKind.AGENCY_STAFF, agency=agency).user


@pytest.fixture
def outsider(other_agency):
    """charlie: staff of another agency."""
    return RoleFactory(user=UserFactory(username="charlie"), kind=RoleKind.AGENCY_STAFF, agency=other_agency).user


@pytest.fixture
def strategy_user(db):
    """The strategy office (สยป.): city-wide."""
    return RoleFactory(user=UserFactory(username="sam", is_staff=True), kind=RoleKind.STRATEGY_OFFICE, agency=None).user
