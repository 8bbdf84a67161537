"""Every admin changelist, add page and change page renders for the strategy office."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from tests.factories import IndicatorFactory, MissionGroupFactory, QuarterlyReportFactory, RoleFactory

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def populated(fiscal_year):
    indicator = IndicatorFactory(fiscal_year=fiscal_year)
    QuarterlyReportFactory(indicator=indicator)
    MissionGroupFactory(fiscal_year=fiscal_year, members=[indicator.agency])
    RoleFactory(agency=indicator.agency)
    return indicator


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_it_renders_every_changelist_and_page(admin_client, populated, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code in (200, 403)
    obj = model._default_manager.order_by("pk").first()
    if obj is not None:
        change = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        assert change.status_code == 200


def test_it_filters_indicators_by_year_and_searches_by_name(admin_client, populated):
    url = reverse("admin:indicators_indicator_changelist")
    response = admin_client.get(url, {"fiscal_year__id__exact": populated.fiscal_year_id, "q": populated.name[:10]})
    assert response.status_code == 200
    assert populated.name in response.content.decode()


def test_admin_pages_load_the_bundled_thai_font(admin_client, populated):
    """A PC without Thai fonts showed the admin as boxes: it now links the site's Sarabun, not the site's style."""
    for url in ("/admin/", reverse("admin:indicators_fiscalyear_change", args=[populated.fiscal_year_id])):
        html = admin_client.get(url).content.decode()
        assert '<link rel="stylesheet" href="/static/css/fonts.css">' in html
        assert '<link rel="stylesheet" href="/static/css/admin.css">' in html
        assert "css/app.css" not in html
        assert "KPI Portal · ระบบตัวชี้วัดเจรจาตกลง กรุงเทพมหานคร" in html  # the site header stays
    static = Path(settings.BASE_DIR) / "static"
    fonts = (static / "css/fonts.css").read_text()
    assert fonts.count('@font-face { font-family: "Sarabun"') == 2
    assert (static / "fonts/sarabun/Sarabun-Regular.ttf").exists()
    assert '--font-family-primary: "Sarabun"' in (static / "css/admin.css").read_text()


def test_api_tokens_list_their_issue_date_in_buddhist_era(admin_client, staff_user):
    import datetime as dt

    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=staff_user)
    Token.objects.filter(pk=token.pk).update(created=timezone.make_aware(dt.datetime(2026, 12, 7, 15, 35)))

    html = admin_client.get(reverse("admin:authtoken_tokenproxy_changelist")).content.decode()

    assert "7 ธ.ค. 2569 15:35" in html and "ธันวาคม 2026" not in html


def test_the_browser_asking_for_favicon_ico_is_sent_to_the_site_icon(client):
    """The admin and PDFs open in the browser name no icon, so the browser asks /favicon.ico: it was a
    404, an error in the console of every admin page."""
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"  # the icon base.html names
