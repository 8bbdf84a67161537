"""Production settings: `check --deploy` is clean, the secret is required, and every page carries a strict CSP."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "HTTPS": "1",
    "ALLOWED_HOSTS": "kpi.example.go.th",
    "DJANGO_SETTINGS_MODULE": "kpi_portal.settings",
}


def manage(*args, **env):
    # A bare environment, as a service manager would give: nothing from this test run leaks in.
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(60))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


def readme_production_environment() -> dict[str, str]:
    """The variables README.md's Production section lists, placeholders filled the way an operator would."""
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    block = readme.split("Environment, at least:", 1)[1].split("```", 2)[1]
    env = {}
    for line in block.splitlines():
        for word in line.split("#", 1)[0].split():
            name, _, value = word.partition("=")
            env[name] = value
    env["SECRET_KEY"] = secrets.token_urlsafe(60)
    env["DATABASE_URL"] = env["DATABASE_URL"].replace("<password>", "secret")
    return env


def test_check_deploy_is_clean_with_the_environment_the_readme_lists(tmp_path):
    env = readme_production_environment()
    assert {"DEBUG", "HTTPS", "ALLOWED_HOSTS", "DATABASE_URL"} <= env.keys()
    env.update(MEDIA_ROOT=str(tmp_path / "media"), STATIC_ROOT=str(tmp_path / "static"))
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SETTINGS_MODULE="kpi_portal.settings", **env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


def test_check_deploy_does_warn_without_https_so_the_check_is_real():
    env = {**PRODUCTION_ENV, "HTTPS": "0", "SECRET_KEY": secrets.token_urlsafe(60)}
    result = manage("check", "--deploy", **env)
    output = result.stdout + result.stderr
    assert "security.W004" in output  # HSTS
    assert "security.W008" in output  # SSL redirect
    assert "security.W012" in output  # session cookie not secure


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_every_page_carries_a_csp_without_inline_scripts(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "http" not in policy  # no CDN origin anywhere


@pytest.mark.django_db
def test_pages_have_no_inline_script_that_the_csp_would_block(client, staff_user):
    client.force_login(staff_user)
    for url in (reverse("login"), reverse("home")):
        html = client.get(url).content.decode()
        assert "<script>" not in html
        assert " onclick=" not in html and " onload=" not in html and " onsubmit=" not in html


@pytest.mark.django_db
def test_pages_deny_framing_and_sniffing(client):
    response = client.get(reverse("login"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_sessions_expire():
    from django.conf import settings

    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert len(settings.AUTH_PASSWORD_VALIDATORS) >= 4


@pytest.mark.django_db
def test_a_weak_new_password_is_refused_with_a_message(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "test-password-123", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password1"]  # beside the box the weak password was typed in
    staff_user.refresh_from_db()
    assert staff_user.check_password("test-password-123")


@pytest.mark.django_db
def test_a_session_ends_after_its_age_even_if_the_browser_stays_open(client, staff_user):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.post(reverse("login"), {"username": "alice", "password": "test-password-123"})
    assert client.get(reverse("home")).status_code == 200
    session = Session.objects.get()
    assert session.expire_date <= timezone.now() + timedelta(seconds=settings_age() + 5)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def settings_age():
    from django.conf import settings

    return settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_the_health_probe_is_answered_over_plain_http_with_the_sites_host(client, settings):
    """Behind HTTPS every page redirects to https://, but the load balancer's /healthz probe inside the
    network is answered as it is; it must name the site (README, Production), as any request must."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["kpi.example.go.th"]

    assert client.get(reverse("healthz"), HTTP_HOST="kpi.example.go.th").status_code == 200
    assert client.get(reverse("login"), HTTP_HOST="kpi.example.go.th").status_code == 301
    assert client.get(reverse("healthz"), HTTP_HOST="127.0.0.1").status_code == 400
