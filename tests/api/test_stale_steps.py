"""Steps that are not form saves (a package transition, reopening a report) lose nothing: with the
`expected_version` the caller read, a record that moved on since is a 409 and stays as it is; two comments
on one indicator are refused rather than one of them dropped."""

import pytest

from indicators.models import (
    AgencyPackage,
    CommitteeDecision,
    IndicatorComment,
    PackageStatus,
    QuarterlyReport,
    ReportStatus,
)

pytestmark = pytest.mark.django_db


def test_sending_back_a_package_that_moved_on_since_it_was_read_is_a_conflict(world, api):
    package = AgencyPackage.objects.create(agency=world.own, fiscal_year=world.year, status=PackageStatus.SUBMITTED)
    url = f"/api/v1/packages/{package.pk}/transition/"
    client = api.as_user(world.committee)
    read = client.get(f"/api/v1/packages/{package.pk}/").json()["version"]
    started = client.post(url, {"action": "start_negotiation", "expected_version": read}, format="json")
    send_back = {"action": "request_revision", "reason": "ปรับค่าเป้าหมาย", "expected_version": read,
                 "comments": [{"indicator": world.own_draft.pk, "body": "เป้าหมายต่ำไป"}]}  # fmt: skip

    stale = client.post(url, send_back, format="json")
    stale_en = client.post(url, send_back, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert started.status_code == 200, started.json()
    latest = started.json()["version"]
    assert stale.status_code == stale_en.status_code == 409
    assert stale.json()["detail"] == (
        f"ชุดตัวชี้วัดนี้เปลี่ยนไปแล้ว: expected_version ที่ส่งมาเก่า (ฉบับล่าสุดคือ {latest}) อ่านข้อมูลล่าสุดแล้วส่งใหม่"
    )
    assert f"(the latest is {latest})" in stale_en.json()["detail"]
    package.refresh_from_db()
    assert (package.status, package.version) == (PackageStatus.IN_NEGOTIATION, latest)
    assert not IndicatorComment.objects.filter(indicator=world.own_draft).exists()
    assert not CommitteeDecision.objects.filter(package=package, action="request_revision").exists()


def test_reopening_a_report_resubmitted_since_it_was_read_is_a_conflict(world, api):
    staff = api.as_user(world.staff)
    body = {"indicator": world.own_approved.pk, "quarter": 1, "progress_percent": "40", "level_reached": "2",
            "narrative": "ตามแผน", "submit": True}  # fmt: skip
    submitted = staff.post("/api/v1/reports/", {**body, "expected_version": world.own_report.version}, format="json")
    report_url = f"/api/v1/reports/{world.own_report.pk}/"
    strategy = api.as_user(world.strategy)
    read = strategy.get(report_url).json()["version"]
    # Another officer reopens it and the agency corrects and sends it again.
    reopened = strategy.post(f"{report_url}reopen/", {"reason": "แนบหลักฐาน", "expected_version": read}, format="json")
    staff = api.as_user(world.staff)
    again = staff.post("/api/v1/reports/", {**body, "progress_percent": "45",
                                            "expected_version": reopened.json()["version"]}, format="json")

    stale = api.as_user(world.strategy).post(f"{report_url}reopen/", {"expected_version": read}, format="json")

    assert submitted.status_code == reopened.status_code == again.status_code == 200
    assert stale.status_code == 409
    assert f"(ฉบับล่าสุดคือ {again.json()['version']})" in stale.json()["detail"]
    report = QuarterlyReport.objects.get(pk=world.own_report.pk)
    assert (report.status, report.progress_percent, report.version) == (
        ReportStatus.SUBMITTED, 45, again.json()["version"]
    )


def test_without_an_expected_version_a_step_is_taken_as_before(world, api):
    package = AgencyPackage.objects.create(agency=world.own, fiscal_year=world.year, status=PackageStatus.SUBMITTED)

    response = api.as_user(world.committee).post(
        f"/api/v1/packages/{package.pk}/transition/", {"action": "start_negotiation"}, format="json"
    )

    assert response.status_code == 200 and response.json()["status"] == PackageStatus.IN_NEGOTIATION


def test_two_comments_on_one_indicator_are_refused_rather_than_one_dropped(world, api):
    package = AgencyPackage.objects.create(agency=world.own, fiscal_year=world.year, status=PackageStatus.SUBMITTED)
    comments = [{"indicator": world.own_draft.pk, "body": "เป้าหมายต่ำไป"},
                {"indicator": world.own_draft.pk, "body": "นิยามไม่ชัด"}]  # fmt: skip

    response = api.as_user(world.committee).post(
        f"/api/v1/packages/{package.pk}/transition/",
        {"action": "request_revision", "reason": "ปรับ", "comments": comments},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "comments": [f"ส่งความเห็นของตัวชี้วัด {world.own_draft.pk} มากกว่าหนึ่งรายการ รวมเป็นรายการเดียว"]
    }
    package.refresh_from_db()
    assert package.status == PackageStatus.SUBMITTED
    assert not IndicatorComment.objects.filter(indicator=world.own_draft).exists()


def test_a_step_the_reports_state_does_not_allow_is_a_409_as_for_packages(world, api):
    """Auditing or reopening a report not yet sent, or saving one already sent: the state refuses, not the input."""
    report_url = f"/api/v1/reports/{world.own_report.pk}/"
    audit = {"indicator": world.own_approved.pk, "quarter": 1, "status": "accepted", "expected_version": 0,
             "confirm_without_evidence": True}  # fmt: skip
    strategy = api.as_user(world.strategy)
    unsent_audit = strategy.post("/api/v1/audits/", audit, format="json")
    unsent_reopen = strategy.post(f"{report_url}reopen/", {"reason": "x"}, format="json")
    body = {"indicator": world.own_approved.pk, "quarter": 1, "progress_percent": "40", "level_reached": "2",
            "narrative": "ตามแผน", "submit": True}  # fmt: skip
    staff = api.as_user(world.staff)
    sent = staff.post("/api/v1/reports/", {**body, "expected_version": world.own_report.version}, format="json")
    again = staff.post("/api/v1/reports/", {**body, "expected_version": sent.json()["version"]}, format="json")

    assert sent.status_code == 200, sent.json()
    assert unsent_audit.status_code == unsent_reopen.status_code == again.status_code == 409
    assert unsent_audit.json() == {"detail": "ตรวจประเมินได้เมื่อหน่วยงานส่งรายงานไตรมาสนี้แล้วเท่านั้น"}
    assert unsent_reopen.json() == {"detail": "เปิดให้แก้ไขได้เฉพาะรายงานที่ส่งแล้ว"}
    assert again.json() == {"detail": "รายงานไตรมาสนี้ส่งแล้ว แก้ไขได้เมื่อ สยป. เปิดให้แก้ไขเท่านั้น"}
    assert QuarterlyReport.objects.get(pk=world.own_report.pk).version == sent.json()["version"]


def test_auditing_a_report_reopened_and_sent_again_since_it_was_read_is_a_conflict(world, api):
    """With `expected_report_version`, an audit never judges figures the auditor did not see."""
    body = {"indicator": world.own_approved.pk, "quarter": 1, "progress_percent": "40", "level_reached": "2",
            "narrative": "ตามแผน", "submit": True}  # fmt: skip
    sent = api.as_user(world.staff).post(
        "/api/v1/reports/", {**body, "expected_version": world.own_report.version}, format="json"
    )
    report_url = f"/api/v1/reports/{world.own_report.pk}/"
    read = api.as_user(world.strategy).get(report_url).json()["version"]
    # Another officer reopens it and the agency corrects and sends it again.
    reopened = api.as_user(world.strategy).post(f"{report_url}reopen/", {"expected_version": read}, format="json")
    again = api.as_user(world.staff).post(
        "/api/v1/reports/", {**body, "progress_percent": "45", "expected_version": reopened.json()["version"]},
        format="json",
    )  # fmt: skip
    audit = {"indicator": world.own_approved.pk, "quarter": 1, "status": "accepted", "expected_version": 0,
             "confirm_without_evidence": True, "expected_report_version": read}  # fmt: skip
    strategy = api.as_user(world.strategy)

    stale = strategy.post("/api/v1/audits/", audit, format="json")
    stale_en = strategy.post("/api/v1/audits/", audit, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert sent.status_code == reopened.status_code == again.status_code == 200
    latest = again.json()["version"]
    assert stale.status_code == stale_en.status_code == 409
    assert stale.json()["detail"] == (
        f"รายงานไตรมาสนี้ถูกเปิดให้แก้ไขและส่งใหม่หลังจากที่อ่าน: expected_report_version ที่ส่งมาเก่า "
        f"(ฉบับล่าสุดคือ {latest}) อ่านรายงานล่าสุดแล้วตรวจใหม่"
    )
    assert f"(the latest is {latest})" in stale_en.json()["detail"]
    assert not world.own_approved.audits.exists()

    current = strategy.post("/api/v1/audits/", {**audit, "expected_report_version": latest}, format="json")

    assert current.status_code == 200, current.json()
    assert current.json()["status"] == "accepted"
