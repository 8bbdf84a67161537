"""Every page's frame for screen-reader and keyboard users: a skip link, named landmarks, a title saying where they are."""

import pytest
from django.urls import reverse

from tests.markup import parse

pytestmark = pytest.mark.django_db


def test_the_first_link_skips_to_the_main_content(client, staff_user):
    client.force_login(staff_user)
    root = parse(client.get(reverse("home")).content.decode())
    body = root.find_all("body")[0]
    first_link = body.find_all("a")[0]
    assert first_link.attrs["href"] == "#main" and first_link.text() == "ข้ามไปยังเนื้อหาหลัก"
    (main,) = root.find_all("main")
    assert main.attrs["id"] == "main"


def test_each_navigation_landmark_has_its_own_name(client, staff_user, fiscal_year, agency):
    from tests.factories import ApprovedIndicatorFactory

    indicator = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    client.force_login(staff_user)
    for url in (reverse("home"), reverse("indicators:report_edit", args=[indicator.pk, 1])):
        navs = parse(client.get(url).content.decode()).find_all("nav")
        names = [nav.attrs.get("aria-label") for nav in navs]
        assert len(navs) >= 2 and all(names) and len(set(names)) == len(names), (url, names)
    assert "เมนูหลัก" in names


@pytest.mark.parametrize("page", ["password_change_done", "negotiation_home_without_years"])
def test_pages_without_their_own_title_get_one(client, staff_user, page):
    client.force_login(staff_user)
    url = reverse("password_change_done") if page == "password_change_done" else reverse("indicators:negotiation_home")
    html = client.get(url, follow=True).content.decode()
    title = parse(html).find_all("title")[0].text()
    heading = parse(html).find_all("h1")[0].text()
    assert title.startswith(heading + " ·"), (title, heading)  # not just "KPI Portal · …" on every such page
