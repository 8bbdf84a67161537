"""Untrusted text reaches the PDF as text: no markup, no stylesheet, no URL fetched."""

import pytest

from indicators import documents
from kpi_portal.lib import pdf as pdf_lib
from tests.factories import QuarterlyReportFactory

from .conftest import pdf_text, squeeze

pytestmark = pytest.mark.django_db

INJECTED = '<img src="http://attacker.example/track.png"><style>body { display: none }</style> รายงานผลไตรมาส'


def test_injected_markup_in_a_narrative_prints_literally_and_fetches_nothing(skj):
    fiscal_year, agency, indicators = skj
    QuarterlyReportFactory(indicator=indicators[0], quarter=1, narrative=INJECTED)
    fetcher = pdf_lib.StaticFilesFetcher()
    context = documents.quarterly_report_context(fiscal_year=fiscal_year, agency=agency, quarter=1)
    pdf = pdf_lib.render_pdf(template_name="pdf/quarterly_report.html", context=context, url_fetcher=fetcher)

    assert fetcher.refused == []  # nothing was even attempted: the tag never became markup
    text = pdf_text(pdf, mode="raw")
    assert squeeze('<img src="http://attacker.example/track.png">') in squeeze(text)
    assert squeeze("<style>body { display: none }</style>") in squeeze(text)
    assert squeeze("รายงานผลการดำเนินงานตามตัวชี้วัดเจรจาตกลง") in squeeze(text)  # the style did not hide the page


def test_injected_markup_in_an_indicator_name_prints_literally(skj):
    fiscal_year, agency, indicators = skj
    indicators[1].name = '<b>ตัวชี้วัด</b><link rel="stylesheet" href="http://attacker.example/x.css">'
    indicators[1].save(update_fields=["name"])
    fetcher = pdf_lib.StaticFilesFetcher()
    pdf = pdf_lib.render_pdf(
        template_name="pdf/summary_form.html",
        context=documents.summary_form_context(fiscal_year=fiscal_year, agency=agency),
        url_fetcher=fetcher,
    )
    assert fetcher.refused == []
    assert squeeze('<link rel="stylesheet" href="http://attacker.example/x.css">') in squeeze(pdf_text(pdf, mode="raw"))


def test_the_fetcher_refuses_everything_but_static_files():
    """Even markup that did reach the renderer could not fetch: remote, data and non-static files are refused."""
    fetcher = pdf_lib.StaticFilesFetcher()
    html = (
        '<img src="http://attacker.example/a.png"><img src="https://attacker.example/b.png">'
        '<img src="file:///etc/passwd"><img src="../../kpi_portal/settings.py">'
        '<link rel="stylesheet" href="css/pdf.css"><p>ข้อความ</p>'
    )
    pdf_lib.html_to_pdf(html, url_fetcher=fetcher)
    assert "http://attacker.example/a.png" in fetcher.refused
    assert "https://attacker.example/b.png" in fetcher.refused
    assert "file:///etc/passwd" in fetcher.refused
    assert any(url.endswith("kpi_portal/settings.py") for url in fetcher.refused)
    assert not any(url.endswith("css/pdf.css") for url in fetcher.refused)  # static files are served


def test_static_path_stays_inside_static():
    inside = (pdf_lib.STATIC_DIR / "css" / "pdf.css").resolve().as_uri()
    assert pdf_lib.static_path(inside) is not None
    assert pdf_lib.static_path(inside.replace("/css/pdf.css", "/../manage.py")) is None
    assert pdf_lib.static_path("http://localhost/static/css/pdf.css") is None
