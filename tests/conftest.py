from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real

from .factories import AgencyFactory, FiscalYearFactory, RoleFactory, UserFactory
from agencies.models import RoleKind


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """`make test` compiles locale/*.po; a bare pytest run compiles a missing catalogue here
    (the English pages, and Thai for the Django and import-export strings Django lacks; djangojs.po is
    the Thai of the admin's JavaScript)."""
    catalogues = [path for path in (Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/*.po")]
    missing = sorted({path.parent.parent.name for path in catalogues if not path.with_suffix(".mo").exists()})
    if missing:
        call_command("compilemessages", locale=missing, ignore_patterns=[".venv"], verbosity=0)
        trans_real._translations = {}  # drop catalogues cached before the .mo files existed


@pytest.fixture(autouse=True)
def _thai_language():
    """Each test starts in Thai, the site's default: a request with the English cookie leaves English
    active in the thread (LocaleMiddleware does not switch back), and it would leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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
