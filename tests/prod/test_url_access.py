"""Every URL pattern of the project, including those other branches add: nobody gets data they may not see.

The walk reads the live URL configuration (tests/prod/urlwalk.py), so a new
view is covered the moment it is routed. Exceptions are listed here by URL name.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from .urlwalk import endpoints, resolves_to_itself
from .world import build_agency_world

pytestmark = pytest.mark.django_db

# Pages an anonymous visitor may read: they show no agency's data.
PUBLIC = {"login", "admin:login", "healthz", "favicon"}
# Views that redirect anonymous visitors somewhere other than the login page, carrying no data.
REDIRECT_ANYWHERE = {"set_language", "logout", "admin:logout"}
DENIED = {401, 403, 404, 405}


def login_paths():
    return {urlsplit(reverse(settings.LOGIN_URL)).path, reverse("admin:login")}


def leaked_marker(response, markers):
    body = response.content.decode(errors="replace")
    return next((marker for marker in markers if marker in body), None)


@pytest.fixture
def world(fiscal_year, strategy_user):
    return build_agency_world(fiscal_year, auditor=strategy_user)


def check_anonymous(client, world):
    client.raise_request_exception = False  # a crash is a finding, listed with the others
    problems = []
    for endpoint in endpoints(world):
        for method in ("get", "post"):
            response = getattr(client, method)(endpoint.url)
            status = response.status_code
            where = f"{method.upper()} {endpoint.label} → {status}"
            if status >= 500:
                problems.append(f"{where}: server error")
            elif endpoint.name in PUBLIC:
                pass
            elif status in (301, 302, 303, 307, 308):
                target = urlsplit(response["Location"]).path
                if target not in login_paths() and endpoint.name not in REDIRECT_ANYWHERE:
                    problems.append(f"{where}: redirects to {target}, not to a login page")
            elif status not in DENIED:
                problems.append(f"{where}: anonymous visitor was served")
            marker = leaked_marker(response, world["markers"])
            if marker:
                problems.append(f"{where}: shows {marker!r}")
    return problems


def agency_scoped(endpoint) -> bool:
    """Non-admin patterns with a parameter that names an agency's object (code, indicator, report…)."""
    return not endpoint.is_admin and endpoint.scoped


def check_outsider(client, world):
    client.raise_request_exception = False
    problems = []
    for endpoint in endpoints(world):
        if endpoint.is_admin:
            continue
        scoped = agency_scoped(endpoint)
        if scoped and endpoint.dummy:
            problems.append(f"{endpoint.label}: parameter(s) {endpoint.dummy} not recognised; teach tests/prod/urlwalk.py")
        for method in ("get", "post") if scoped else ("get",):
            response = getattr(client, method)(endpoint.url)
            where = f"{method.upper()} {endpoint.label} → {response.status_code}"
            if response.status_code >= 500:
                problems.append(f"{where}: server error")
            elif scoped and response.status_code not in DENIED:
                problems.append(f"{where}: another agency's user was served")
            marker = leaked_marker(response, world["markers"])
            if marker:
                problems.append(f"{where}: shows {marker!r}")
    return problems


def test_the_walk_covers_every_pattern_with_a_url_that_reaches_its_own_view(world):
    found = endpoints(world)
    assert len(found) > 100  # the admin alone has well over a hundred
    # Catch-alls (admin's final view) are reached by other URLs on purpose.
    shadowed = [e.label for e in found if not resolves_to_itself(e) and e.params != ["url"]]
    assert shadowed == []


def test_an_anonymous_visitor_gets_a_login_redirect_or_a_refusal_everywhere(client, world):
    assert check_anonymous(client, world) == []


def test_a_user_of_another_agency_gets_no_data_from_any_url(client, world, outsider):
    client.force_login(outsider)
    assert check_outsider(client, world) == []


def test_a_user_of_another_agency_gets_no_admin_page(client, world, outsider):
    client.force_login(outsider)
    for endpoint in endpoints(world):
        if endpoint.is_admin and endpoint.name not in PUBLIC | REDIRECT_ANYWHERE:
            response = client.get(endpoint.url)
            assert response.status_code in (302, 403, 404, 405), endpoint.label
            if response.status_code == 302:
                assert urlsplit(response["Location"]).path == reverse("admin:login"), endpoint.label


def test_the_owner_agency_can_open_its_agency_scoped_pages(client, world):
    """Control: the filled-in parameters point at real records, so the refusals above mean something."""
    client.force_login(world["user"])
    not_found = [
        e.label
        for e in endpoints(world)
        if agency_scoped(e) and not e.dummy and not e.absent and client.get(e.url).status_code == 404
    ]
    assert not_found == []


@override_settings(ROOT_URLCONF="tests.prod.leaky_urls")
def test_the_checks_catch_a_view_that_skips_the_permission_layer(client, world, outsider):
    assert any("shows" in problem for problem in check_anonymous(client, world))
    client.force_login(outsider)
    problems = check_outsider(client, world)
    assert any("another agency's user was served" in problem for problem in problems)
    assert any(world["indicator"].name in problem for problem in problems)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


# django-import-export's admin export page toggles "select all fields" with an inline onchange;
# under the CSP only that toggle stops working, the export itself does not need it.
INLINE_EXCEPTIONS = re.compile(r"^admin:\w+_export$")


def test_no_page_relies_on_inline_script_that_the_csp_blocks(client, world, django_user_model):
    client.raise_request_exception = False
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.go.th", "x-strong-pass-1"))
    offenders, checked = [], 0
    for endpoint in endpoints(world):
        if endpoint.dummy or endpoint.name in REDIRECT_ANYWHERE or INLINE_EXCEPTIONS.match(endpoint.name or ""):
            continue
        response = client.get(endpoint.url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        html = response.content.decode(errors="replace")
        found = INLINE_SCRIPT.search(html) or EVENT_HANDLER.search(html)
        if found:
            offenders.append(f"{endpoint.label}: {html[found.start():found.start() + 80]!r}")
    assert checked > 50  # every admin page and the site's own pages were looked at
    assert offenders == []
