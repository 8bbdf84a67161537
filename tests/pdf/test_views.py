"""Downloads go through the permission layer; the whole city's book runs as a job with a progress page."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from indicators.models import DocumentJob, DocumentJobKind, DocumentJobStatus, IndicatorStatus
from tests.factories import AgencyFactory, seed_like_indicators

from .conftest import SKJ_NAME, page_texts, pdf_text, squeeze

pytestmark = pytest.mark.django_db

AGENCY_URLS = [
    ("indicators:pdf_summary_form", {}),
    ("indicators:pdf_negotiation_package", {}),
    ("indicators:pdf_quarterly_report", {"quarter": 2}),
    ("indicators:pdf_scorecard", {}),
    ("indicators:agency_documents", {}),
]


def agency_url(name, extra, code="SKJ"):
    return reverse(name, kwargs={"year": 2567, "code": code, **extra})


@pytest.mark.parametrize("name,extra", AGENCY_URLS)
def test_anonymous_is_sent_to_login(client, skj, name, extra):
    response = client.get(agency_url(name, extra))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name,extra", AGENCY_URLS)
def test_other_agency_gets_404(client, skj, outsider, name, extra):
    client.force_login(outsider)
    assert client.get(agency_url(name, extra)).status_code == 404


def test_own_agency_downloads_its_summary_form_in_the_request(client, skj, skj_staff):
    client.force_login(skj_staff)
    response = client.get(agency_url("indicators:pdf_summary_form", {}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="summary-2567-SKJ.pdf"' in response["Content-Disposition"]
    assert squeeze(SKJ_NAME) in squeeze(pdf_text(response.content, mode="raw"))


def test_an_agency_code_in_thai_names_the_file_as_browsers_read_it(client, skj, skj_staff):
    # Codes are the admin's to type: a Thai one went into the header raw, which Django MIME-encodes
    # ("=?utf-8?b?…?=") and browsers show as that text instead of the file's name.
    _, agency, _ = skj
    agency.code = "สกจ"
    agency.save(update_fields=["code"])
    client.force_login(skj_staff)

    response = client.get(agency_url("indicators:pdf_summary_form", {}, code="สกจ"))

    header = response["Content-Disposition"]
    assert header.isascii() and "=?utf-8?" not in header
    assert "filename*=utf-8''summary-2567-%E0%B8%AA%E0%B8%81%E0%B8%88.pdf" in header
    assert header.startswith("inline;")


def test_arabic_digits_by_query_parameter(client, skj, skj_staff):
    client.force_login(skj_staff)
    response = client.get(agency_url("indicators:pdf_summary_form", {}) + "?digits=arabic")
    text = squeeze(pdf_text(response.content, mode="raw"))
    assert squeeze("พ.ศ. 2567") in text and "๒๕๖๗" not in text


def test_indicator_sheet_permissions(client, skj, skj_staff, outsider):
    _, _, indicators = skj
    url = reverse("indicators:pdf_indicator_sheet", kwargs={"pk": indicators[0].pk})
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(skj_staff)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_documents_page_links_every_download(client, skj, skj_staff):
    _, _, indicators = skj
    client.force_login(skj_staff)
    page = client.get(agency_url("indicators:agency_documents", {})).content.decode()
    assert agency_url("indicators:pdf_summary_form", {}) in page
    assert agency_url("indicators:pdf_negotiation_package", {}) in page
    assert reverse("indicators:pdf_indicator_sheet", kwargs={"pk": indicators[5].pk}) in page


def test_documents_page_lists_no_sheet_for_a_replaced_indicator(client, skj, skj_staff):
    _, _, indicators = skj
    indicators[2].status = IndicatorStatus.REPLACED
    indicators[2].save(update_fields=["status"])
    client.force_login(skj_staff)
    page = client.get(agency_url("indicators:agency_documents", {})).content.decode()
    sheet = lambda indicator: reverse("indicators:pdf_indicator_sheet", kwargs={"pk": indicator.pk})  # noqa: E731
    assert sheet(indicators[2]) not in page
    assert all(sheet(indicator) in page for indicator in indicators if indicator != indicators[2])


def test_ranking_pdf_shows_only_rows_the_user_may_see(client, skj_results, skj_staff):
    fiscal_year, _, _ = skj_results
    other = AgencyFactory(name_th="สำนักการระบายน้ำ")
    seed_like_indicators(agency=other, fiscal_year=fiscal_year)
    other.indicators.update(status="approved")
    url = reverse("indicators:pdf_ranking", kwargs={"year": 2567})
    client.force_login(skj_staff)
    text = squeeze(pdf_text(client.get(url).content, mode="raw"))
    assert squeeze(SKJ_NAME) in text
    assert squeeze("สำนักการระบายน้ำ") not in text


def test_city_book_page_is_for_city_wide_staff_only(client, skj, skj_staff):
    client.force_login(skj_staff)
    url = reverse("indicators:city_documents", kwargs={"year": 2567})
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": DocumentJobKind.CITY_PACKAGE}).status_code == 404
    assert not DocumentJob.objects.exists()


def test_city_book_runs_in_the_background_and_downloads_when_done(
    client, skj, strategy_user, django_capture_on_commit_callbacks
):
    fiscal_year, _, _ = skj
    second = AgencyFactory(code="SNN", name_th="สำนักการระบายน้ำ")
    seed_like_indicators(agency=second, fiscal_year=fiscal_year, count=2)
    client.force_login(strategy_user)
    url = reverse("indicators:city_documents", kwargs={"year": 2567})
    assert "สร้างไฟล์ PDF" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": DocumentJobKind.CITY_SUMMARY})
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("indicators:document_job", kwargs={"pk": job.pk})
    assert (job.status, job.total, job.done, job.percent) == (DocumentJobStatus.DONE, 2, 2, 100)

    page = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' not in page  # finished: no more refreshing
    download = reverse("indicators:document_job_download", kwargs={"pk": job.pk})
    assert download in page
    pdf = b"".join(client.get(download).streaming_content)
    pages = page_texts(pdf, mode="raw")
    assert squeeze(SKJ_NAME) in squeeze(pages[0])
    assert squeeze("สำนักการระบายน้ำ") in squeeze(pages[-1])


def test_progress_page_refreshes_itself_while_running(client, skj, strategy_user):
    fiscal_year, _, _ = skj
    job = DocumentJob.objects.create(
        kind=DocumentJobKind.CITY_PACKAGE, fiscal_year=fiscal_year, requested_by=strategy_user,
        status=DocumentJobStatus.RUNNING, total=77, done=20,
    )
    client.force_login(strategy_user)
    page = client.get(reverse("indicators:document_job", kwargs={"pk": job.pk})).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "25%" in page and "20" in page and "77" in page
    assert client.get(reverse("indicators:document_job_download", kwargs={"pk": job.pk})).status_code == 404


def test_city_book_page_names_who_asked_for_each_job(client, skj, strategy_user):
    fiscal_year, _, _ = skj
    strategy_user.first_name, strategy_user.last_name = "สมศรี", "ใจดี"
    strategy_user.save()
    DocumentJob.objects.create(kind=DocumentJobKind.CITY_PACKAGE, fiscal_year=fiscal_year, requested_by=strategy_user)
    client.force_login(strategy_user)
    page = client.get(reverse("indicators:city_documents", kwargs={"year": 2567})).content.decode()
    assert "สมศรี ใจดี" in page
    assert f">{strategy_user.username}<" not in page


def test_someone_elses_job_is_404(client, skj, strategy_user, skj_staff):
    fiscal_year, _, _ = skj
    job = DocumentJob.objects.create(
        kind=DocumentJobKind.CITY_PACKAGE, fiscal_year=fiscal_year, requested_by=strategy_user, total=1
    )
    client.force_login(skj_staff)
    assert client.get(reverse("indicators:document_job", kwargs={"pk": job.pk})).status_code == 404
    assert client.get(reverse("indicators:document_job_download", kwargs={"pk": job.pk})).status_code == 404


def test_admin_action_prints_selected_agencies(admin_client, skj):
    _, agency, _ = skj
    response = admin_client.post(
        reverse("admin:agencies_agency_changelist"),
        {"action": "print_negotiation_packages", "_selected_action": [agency.pk]},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert squeeze(SKJ_NAME) in squeeze(pdf_text(response.content, mode="raw"))


def test_admin_action_prints_indicator_sheets(admin_client, skj):
    _, _, indicators = skj
    response = admin_client.post(
        reverse("admin:indicators_indicator_changelist"),
        {"action": "print_indicator_sheets", "_selected_action": [indicators[0].pk, indicators[3].pk]},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert squeeze(pdf_text(response.content, mode="raw")).count(squeeze("เกณฑ์การให้คะแนน")) == 2


def test_admin_indicator_sheets_query_count_does_not_grow_with_the_selection(admin_client, skj):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, _, indicators = skj

    def queries_for(selected):
        with CaptureQueriesContext(connection) as captured:
            admin_client.post(
                reverse("admin:indicators_indicator_changelist"),
                {"action": "print_indicator_sheets", "_selected_action": [i.pk for i in selected]},
            )
        return len(captured.captured_queries)

    assert queries_for(indicators[:4]) == queries_for(indicators[:2])


def test_package_contexts_query_count_does_not_grow_with_agencies(skj, django_assert_max_num_queries):
    from indicators import documents

    fiscal_year, agency, _ = skj
    agencies = [agency]
    for n in range(5):
        extra = AgencyFactory(code=f"EX{n}")
        seed_like_indicators(agency=extra, fiscal_year=fiscal_year)
        agencies.append(extra)
    with django_assert_max_num_queries(10):
        contexts = list(documents.package_contexts(fiscal_year=fiscal_year, agencies=agencies))
    assert sum(len(c["sheets"]) for _, c in contexts) == 36


def test_a_job_is_404_to_its_requester_once_they_leave_the_strategy_office(client, skj, strategy_user):
    """The city book holds every agency's package: access is judged when it is opened, not when it was asked for."""
    fiscal_year, _, _ = skj
    job = DocumentJob.objects.create(
        kind=DocumentJobKind.CITY_PACKAGE, fiscal_year=fiscal_year, requested_by=strategy_user, total=1,
        status=DocumentJobStatus.DONE,
    )
    job.file.save("city.pdf", ContentFile(b"%PDF-1.4\n"))
    strategy_user.kpi_roles.all().delete()  # moved to an agency's staff, say
    client.force_login(strategy_user)
    assert client.get(reverse("indicators:document_job", kwargs={"pk": job.pk})).status_code == 404
    assert client.get(reverse("indicators:document_job_download", kwargs={"pk": job.pk})).status_code == 404
