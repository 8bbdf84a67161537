"""The API's documentation page renders in a real browser under the site's Content-Security-Policy."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_without_policy_violations(page, login, staff_user):
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    login("alice")
    page.goto("/api/docs/")
    page.get_by_text("KPI Portal API").first.wait_for(state="visible")
    page.get_by_text("/api/v1/indicators/").first.wait_for(state="visible")  # the operations are listed
    assert blocked == [], blocked


def test_api_docs_show_thai_in_sarabun(page, login, staff_user):
    """Swagger UI names only generic fonts: on a PC without a Thai font its Thai text was boxes."""
    login("alice")
    page.goto("/api/docs/")
    description = page.locator(".swagger-ui .info .description p").first
    description.wait_for(state="visible")
    code = page.locator(".swagger-ui .info .description code").first

    assert "Sarabun" in description.evaluate("element => getComputedStyle(element).fontFamily")
    assert "monospace" in code.evaluate("element => getComputedStyle(element).fontFamily")
    page.wait_for_function("document.fonts.check('16px \"Sarabun Thai\"', 'ภาษาไทย')")
