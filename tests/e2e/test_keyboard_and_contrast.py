"""Keyboard and low-vision use in a real browser: the skip link, a focus ring one can see, readable badge colours."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# WCAG 2.x contrast of two computed CSS colours "rgb(r, g, b)".
CONTRAST = """([a, b]) => {
  const lum = c => { const [r, g, bl] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)); return 0.2126 * r + 0.7152 * g + 0.0722 * bl; };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05);
}"""


def contrast(page, a, b):
    return page.evaluate(CONTRAST, [a, b])


def test_the_first_tab_shows_a_skip_link_that_jumps_past_the_menu(page, login, reporting_indicator):
    login("alice")
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"]
    box = page.locator("a.skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 10  # on screen while focused, not left off-screen

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next Tab stop is inside the page's content, not the first menu link.
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_the_focus_ring_is_clearly_visible_on_the_blue_header_and_on_the_page(page, login, reporting_indicator):
    login("alice")
    page.goto("/")
    header_bg = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the brand link in the header
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [document.activeElement.className, s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }")
    assert ring[0] == "brand"
    assert ring[1] not in ("none", "auto") and ring[2] >= 2
    assert contrast(page, ring[3], header_bg) >= 3  # WCAG 1.4.11: a focus indicator against what is next to it

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # the skip link
    page.keyboard.press("Tab")  # the first link of the page's content
    assert page.evaluate("() => !!document.activeElement.closest('main')")
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }")
    assert ring[0] not in ("none", "auto") and ring[1] >= 2
    assert contrast(page, ring[2], "rgb(255, 255, 255)") >= 3


BADGES = ["badge", "badge ok", "badge bad", "badge warn", "badge status-approved", "badge status-agreed",
          "badge status-revision_requested", "badge status-replaced", "badge status-submitted", "badge status-in_negotiation",
          "message success", "message error", "message warning", "help", "crumbs"]


@pytest.mark.parametrize("css_class", BADGES)
def test_status_badges_and_messages_are_readable_text(page, css_class):
    """Badge text is small (0.85rem): WCAG AA asks 4.5:1 of it against its own background."""
    page.goto("/accounts/login/")
    page.evaluate(
        "cls => { const el = document.createElement('span'); el.className = cls; el.id = 'probe'; el.textContent = 'อนุมัติแล้ว';"
        " document.querySelector('main').appendChild(el); }",
        css_class,
    )
    colours = page.evaluate(
        "() => { let el = document.getElementById('probe'); const fg = getComputedStyle(el).color;"
        " while (el && ['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(el).backgroundColor)) el = el.parentElement;"
        " return [fg, el ? getComputedStyle(el).backgroundColor : 'rgb(255, 255, 255)']; }"
    )
    assert contrast(page, *colours) >= 4.5, colours
