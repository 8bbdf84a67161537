"""Two people editing the same report: the second save is refused, both versions are kept, nothing typed is lost."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from indicators.models import QuarterlyReport, ReportConflict
from indicators.services.reporting import ReportInput, StaleReportError, report_save


def test_the_second_save_on_a_stale_version_is_refused_and_kept(indicator, staff_user, second_staff):
    first = report_save(indicator=indicator, quarter=1, user=staff_user, data=ReportInput(narrative="ร่างแรก"), expected_version=0)
    # alice and bob both open version 1 ...
    report_save(indicator=indicator, quarter=1, user=staff_user, data=ReportInput(narrative="ของ alice"), expected_version=first.version)
    with pytest.raises(StaleReportError) as caught:
        report_save(indicator=indicator, quarter=1, user=second_staff, data=ReportInput(narrative="ของ bob"), expected_version=first.version)

    assert QuarterlyReport.objects.get().narrative == "ของ alice"  # alice's save is not overwritten
    kept = caught.value.conflict
    assert kept.author == second_staff and kept.narrative == "ของ bob" and kept.based_on_version == first.version
    assert ReportConflict.objects.filter(resolved_at__isnull=True).count() == 1


def test_saving_on_the_current_version_reconciles(indicator, staff_user, second_staff):
    report_save(indicator=indicator, quarter=1, user=staff_user, data=ReportInput(narrative="A"), expected_version=0)
    with pytest.raises(StaleReportError) as caught:
        report_save(indicator=indicator, quarter=1, user=second_staff, data=ReportInput(narrative="B"), expected_version=0)
    merged = report_save(
        indicator=indicator, quarter=1, user=second_staff, data=ReportInput(narrative="A และ B"),
        expected_version=caught.value.report.version,
    )
    assert merged.narrative == "A และ B"
    assert ReportConflict.objects.get().resolved_at is not None


def test_the_page_refuses_in_thai_and_shows_both_versions(client, indicator, staff_user, second_staff):
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    client.force_login(staff_user)
    client.post(url, {"version": 0, "progress_percent": "10", "narrative": "ข้อความของ alice", "save": "1"})

    client.force_login(second_staff)  # bob's form was opened before alice saved: version 0
    response = client.post(url, {"version": 0, "progress_percent": "15", "narrative": "ข้อความของ bob", "save": "1"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "บันทึกไม่สำเร็จ: มีผู้อื่นแก้ไขรายงานนี้" in body
    assert "ข้อความของ alice" in body  # the saved version, for comparison
    assert "ข้อความของ bob" in body  # what bob typed, still in his form
    assert 'name="version" value="1"' in body  # his next save is made on top of what he has now seen
    assert QuarterlyReport.objects.get().narrative == "ข้อความของ alice"

    # Even if bob walks away, his text waits for him on the page.
    later = client.get(url).content.decode()
    assert "ข้อความที่ท่านพิมพ์ไว้แต่บันทึกไม่สำเร็จ" in later and "ข้อความของ bob" in later


@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_saves_never_both_win(fiscal_year, agency, staff_user, second_staff):
    """Two threads create the same quarter's report at once: one saves, the other is refused and kept."""
    if not connection.features.has_select_for_update:
        pytest.skip("needs row locks and two real connections: runs in the PostgreSQL lane")
    from tests.factories import ApprovedIndicatorFactory

    indicator = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    barrier = threading.Barrier(2)
    outcomes = []

    def run(user, text):
        try:
            barrier.wait()
            report_save(indicator=indicator, quarter=1, user=user, data=ReportInput(narrative=text), expected_version=0)
            outcomes.append("saved")
        except StaleReportError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(u, t)) for u, t in ((staff_user, "A"), (second_staff, "B"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["refused", "saved"]
    saved = QuarterlyReport.objects.get()
    kept = ReportConflict.objects.get()
    assert {saved.narrative, kept.narrative} == {"A", "B"}


def test_a_tab_saving_after_another_tab_sent_the_report_keeps_what_was_typed(client, indicator, staff_user):
    """Seen in the browser: two tabs on one draft; tab A sends the report, tab B then saves its draft
    and got a bare "403 Forbidden" page, its typed text gone."""
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    client.force_login(staff_user)
    client.post(url, {"version": 0, "progress_percent": "10", "narrative": "ร่างแรก", "save": "1"})
    # Both tabs now show version 1; tab A sends.
    client.post(url, {"version": 1, "progress_percent": "40", "level_reached": "2", "narrative": "ฉบับที่ส่ง", "submit": "1"})
    assert QuarterlyReport.objects.get().status == "submitted"

    response = client.post(url, {"version": 1, "progress_percent": "45", "narrative": "ข้อความยาวของแท็บ B", "save": "1"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "บันทึกไม่สำเร็จ: รายงานไตรมาสนี้ถูกส่งแล้วหลังจากที่ท่านเปิดแบบฟอร์ม" in body
    assert "ฉบับที่ส่ง" in body and "ข้อความยาวของแท็บ B" in body  # the sent report, and what tab B typed
    assert QuarterlyReport.objects.get().narrative == "ฉบับที่ส่ง"  # the sent report is untouched
    # The typed text waits on the page until the report is open for correction again.
    assert "ข้อความยาวของแท็บ B" in client.get(url).content.decode()


def test_people_outside_the_agency_are_still_refused(client, indicator, strategy_user):
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    client.force_login(strategy_user)
    assert client.post(url, {"version": 0, "progress_percent": "45", "narrative": "x", "save": "1"}).status_code == 403
    assert not QuarterlyReport.objects.exists()
