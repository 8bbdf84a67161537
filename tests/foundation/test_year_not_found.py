"""A year that does not exist (?year=2590, or /scoring/2590/…) is a Thai 404 page built on the site's
own layout, offering the years that do exist as links and through the same year picker as the dashboards."""

import re

import pytest
from django.urls import reverse

from agencies.models import RoleKind
from tests.factories import AgencyFactory, FiscalYearFactory, RoleFactory, UserFactory
from tests.reporting.test_year_picker import picker

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(db):
    FiscalYearFactory(year_be=2566)
    FiscalYearFactory(year_be=2567, is_current=True)


def links(html):
    return re.findall(r'<ul class="year-links">(.*?)</ul>', html, re.S)[0]


def test_a_dashboard_asked_for_a_missing_year_offers_the_years_that_exist(client, years, strategy_user):
    client.force_login(strategy_user)
    url = reverse("indicators:dashboard_city")

    response = client.get(url, {"year": "2590", "status": "late", "page": "3"})

    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบหน้าที่ต้องการ" in html and "ไม่พบปีงบประมาณ พ.ศ. 2590" in html
    assert "Not Found" not in html and 'class="main-nav"' in html  # the site's page, not Django's default
    listed = links(html)
    assert f'href="{url}?status=late&amp;year=2567"' in listed and f'href="{url}?status=late&amp;year=2566"' in listed
    form = picker(html)  # the dashboards' own picker, keeping the status filter but not the page
    assert form["options"] == [("2567", "พ.ศ. 2567"), ("2566", "พ.ศ. 2566")]
    assert form["hidden"] == [("status", "late")] and form["action"] is None
    assert client.get(url, {"year": "2566", "status": "late"}).status_code == 200


def test_thai_digits_in_the_year_are_read_too(client, years, strategy_user):
    client.force_login(strategy_user)
    assert client.get(reverse("indicators:dashboard_city"), {"year": "๒๕๖๖"}).status_code == 200
    assert "ไม่พบปีงบประมาณ พ.ศ. 2590" in client.get(
        reverse("indicators:audit_queue"), {"year": "๒๕๙๐"}
    ).content.decode()


def test_a_ranking_or_scorecard_of_a_missing_year_sends_the_picker_through_the_scores_index(client, years):
    agency = AgencyFactory(code="WORKS")
    client.force_login(RoleFactory(kind=RoleKind.AGENCY_STAFF, agency=agency).user)

    ranking = client.get(reverse("scoring:ranking", args=[2590]))
    assert ranking.status_code == 404 and "ไม่พบปีงบประมาณ พ.ศ. 2590" in ranking.content.decode()
    assert f'href="{reverse("scoring:index")}?year=2567"' in links(ranking.content.decode())

    card = client.get(reverse("scoring:scorecard", args=[2590, "WORKS"])).content.decode()
    assert picker(card)["action"] == reverse("scoring:index") and picker(card)["hidden"] == [("agency", "WORKS")]
    assert client.get(reverse("scoring:index"), {"year": "2590"}).status_code == 404


def test_documents_of_a_missing_year_link_to_the_agencys_dashboard_for_each_year(client, years):
    agency = AgencyFactory(code="WORKS")
    client.force_login(RoleFactory(kind=RoleKind.AGENCY_STAFF, agency=agency).user)
    dashboard = reverse("indicators:dashboard_agency", args=["WORKS"])

    for url in (
        reverse("indicators:agency_documents", args=[2590, "WORKS"]),
        reverse("indicators:pdf_summary_form", args=[2590, "WORKS"]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "ไม่พบปีงบประมาณ พ.ศ. 2590" in html
        assert f'href="{dashboard}?year=2567"' in links(html) and f'href="{dashboard}?year=2566"' in links(html)

    # another agency's documents stay a plain 404: whether it exists is not this user's to know
    AgencyFactory(code="OTHER")
    other = client.get(reverse("indicators:agency_documents", args=[2590, "OTHER"])).content.decode()
    assert 'class="year-links"' not in other and "2567" not in other


def test_a_negotiation_page_of_a_missing_year_links_to_each_years_negotiation(client, years):
    client.force_login(RoleFactory(kind=RoleKind.AGENCY_STAFF).user)

    response = client.get(reverse("indicators:negotiation_index", args=[2590]))

    assert response.status_code == 404
    html = response.content.decode()
    assert f'href="{reverse("indicators:negotiation_home")}?year=2566"' in links(html)
    followed = client.get(reverse("indicators:negotiation_home"), {"year": "2566"})
    assert followed.url == reverse("indicators:negotiation_index", args=[2566])


def test_other_missing_pages_get_the_thai_page_without_a_year_list(client, years):
    client.force_login(UserFactory())
    response = client.get("/indicators/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404 and "ไม่พบหน้าหรือข้อมูลที่ต้องการ" in html
    assert "year-links" not in html and "กลับหน้าหลัก" in html


def test_the_negotiation_index_uses_the_dashboards_year_picker(client, years):
    client.force_login(RoleFactory(kind=RoleKind.AGENCY_STAFF).user)

    html = client.get(reverse("indicators:negotiation_index", args=[2566])).content.decode()

    form = picker(html)
    assert form["options"] == [("2567", "พ.ศ. 2567"), ("2566", "พ.ศ. 2566")] and form["selected"] == ["2566"]
    assert form["action"] == reverse("indicators:negotiation_home")
    chosen = client.get(form["action"], {"year": "2567"})
    assert chosen.url == reverse("indicators:negotiation_index", args=[2567])


@pytest.mark.parametrize("typed", ["²", "2567²"])
def test_a_year_typed_with_other_digits_than_arabic_or_thai_is_no_year_not_a_server_error(client, years, strategy_user, typed):
    """str.isdigit() also accepts superscripts, which int() refuses: the page opened on the current year."""
    client.force_login(strategy_user)
    for url in (reverse("home"), reverse("indicators:dashboard_city"), reverse("scoring:index")):
        response = client.get(url, {"year": typed}, follow=True)
        assert response.status_code == 200, url
