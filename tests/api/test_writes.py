"""Writes go through the negotiation and reporting services: their rules hold, their errors become HTTP."""

import pytest

from indicators.models import AgencyPackage, AuditStatus, Indicator, PackageStatus, QuarterlyReport, ReportStatus

from .conftest import submit_own_report

pytestmark = pytest.mark.django_db

RUBRIC = [{"level": lv, "success_percent": str(lv * 20), "criterion": f"ระดับ {lv}"} for lv in (5, 4, 3, 2, 1)]


def new_indicator(**extra):
    return {
        "fiscal_year": 2567, "agency": "OWN", "element": "1.1", "name": "ร้อยละของถนนที่ซ่อมเสร็จ",
        "weight": "10", "target_text": "ร้อยละ ๑๐๐", "rubric_levels": RUBRIC,
        "baselines": [{"year_be": 2566, "value_text": "ร้อยละ ๙๐", "value_number": "90"}], **extra,
    }  # fmt: skip


def test_staff_drafts_an_indicator_in_their_package(world, api):
    response = api.as_user(world.staff).post("/api/v1/indicators/", new_indicator(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["agency"], body["number"], body["status"]) == ("OWN", 3, "draft")
    assert [row["level"] for row in body["rubric_levels"]] == [5, 4, 3, 2, 1]
    assert body["baselines"] == [{"year_be": 2566, "value_text": "ร้อยละ ๙๐", "value_number": "90.0000"}]
    assert AgencyPackage.objects.get(agency=world.own).status == PackageStatus.DRAFT


def test_a_refused_draft_leaves_no_package_behind(world, api):
    """A committee member may not draft for an agency: refused, and no package row appears in their name."""
    response = api.as_user(world.committee).post("/api/v1/indicators/", new_indicator(), format="json")

    assert response.status_code == 403
    assert not AgencyPackage.objects.filter(agency=world.own).exists()
    assert not AgencyPackage.history.filter(agency=world.own).exists()


def test_participants_must_be_active_agencies(world, api):
    world.other.is_active = False
    world.other.save()
    joint = new_indicator(participants=[{"agency": "OTHER", "duty": "ร่วมดำเนินการ", "weight": "5"}])

    response = api.as_user(world.staff).post("/api/v1/indicators/", joint, format="json")

    assert response.status_code == 400
    assert response.json() == {"participants": ["ไม่พบรหัสหน่วยงาน “OTHER”"]}


def test_update_with_a_stale_version_is_a_conflict_and_changes_nothing(world, api):
    client = api.as_user(world.staff)
    url = f"/api/v1/indicators/{world.own_draft.pk}/"
    version = client.get(url).json()["version"]
    body = {"element": "1.1", "name": "ชื่อใหม่", "weight": "15", "rubric_levels": RUBRIC}

    saved = client.put(url, {**body, "expected_version": version}, format="json")
    stale = client.put(url, {**body, "name": "ทับของคนอื่น", "expected_version": version}, format="json")

    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    assert stale.status_code == 409
    assert "มีผู้อื่นบันทึกตัวชี้วัดนี้" in stale.json()["detail"]
    assert Indicator.objects.get(pk=world.own_draft.pk).name == "ชื่อใหม่"


def test_model_rules_come_back_as_400_in_thai_or_english(world, api):
    client = api.as_user(world.staff)

    unknown = client.post("/api/v1/indicators/", new_indicator(element="9.9"), format="json")
    assert unknown.status_code == 400
    assert unknown.json() == {"element": ["ไม่พบองค์ประกอบ “9.9” ในปีงบประมาณ 2567"]}

    thai = client.post("/api/v1/indicators/", {"fiscal_year": 2567}, format="json")
    english = client.post("/api/v1/indicators/", {"fiscal_year": 2567}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert thai.status_code == english.status_code == 400
    assert thai.json()["name"] == ["ฟิลด์นี้จำเป็น"]
    assert english.json()["name"] == ["This field is required."]
    assert Indicator.objects.count() == 4


def test_service_validation_error_is_a_400(world, api):
    """A Django ValidationError raised inside a service (here: reporting on a draft KPI) becomes 400."""
    body = {"indicator": world.own_draft.pk, "quarter": 1, "expected_version": 0, "narrative": "x"}

    response = api.as_user(world.staff).post("/api/v1/reports/", body, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["รายงานผลได้เฉพาะตัวชี้วัดที่อนุมัติแล้ว (ถือเป็นข้อยุติ)"]}


def test_submission_needs_the_head_and_passing_checks_then_locks_the_package(world, api):
    package = AgencyPackage.objects.create(agency=world.own, fiscal_year=world.year)
    url = f"/api/v1/packages/{package.pk}/transition/"
    staff, head = api.as_user(world.staff), None

    assert staff.post(url, {"action": "submit"}, format="json").status_code == 403
    head = api.as_user(world.head)
    blocked = head.post(url, {"action": "submit"}, format="json")
    assert blocked.status_code == 400
    assert blocked.json() == {"problems": ["องค์ประกอบที่ 1.1: น้ำหนักคะแนนรวม ๒๐ ต้องเท่ากับ ๓๐ คะแนนตามกรอบการประเมิน"]}

    staff = api.as_user(world.staff)
    fix = {"element": "1.1", "name": "ของฉัน ร่าง", "weight": "20", "rubric_levels": RUBRIC, "expected_version": 1}
    assert staff.put(f"/api/v1/indicators/{world.own_draft.pk}/", fix, format="json").status_code == 200
    submitted = api.as_user(world.head).post(url, {"action": "submit"}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"

    locked = api.as_user(world.staff).put(
        f"/api/v1/indicators/{world.own_draft.pk}/", {**fix, "expected_version": 2}, format="json"
    )
    assert locked.status_code == 409
    assert locked.json()["detail"].startswith("ตัวชี้วัดถูกล็อก")
    assert api.as_user(world.head).post(url, {"action": "approve"}, format="json").status_code == 403


def test_report_save_submit_and_stale_version(world, api):
    client = api.as_user(world.staff)
    report = world.own_report
    body = {"indicator": world.own_approved.pk, "quarter": 1, "progress_percent": "40", "level_reached": "2",
            "narrative": "ตามแผน"}

    saved = client.post("/api/v1/reports/", {**body, "expected_version": report.version, "submit": True}, format="json")
    stale = client.post("/api/v1/reports/", {**body, "expected_version": report.version}, format="json")
    stale_en = client.post("/api/v1/reports/", {**body, "expected_version": report.version}, format="json",
                           HTTP_ACCEPT_LANGUAGE="en")

    assert saved.status_code == 200, saved.json()
    assert (saved.json()["status"], saved.json()["progress_percent"]) == ("submitted", "40.00")
    assert stale.status_code == stale_en.status_code == 409
    # Told which version is current, not "after you opened the form" (there is no form for another system).
    latest = saved.json()["version"]
    assert stale.json()["detail"] == (
        f"มีผู้อื่นบันทึกรายงานนี้ไปก่อน: expected_version ที่ส่งมาเก่า (ฉบับล่าสุดคือ {latest}) อ่านข้อมูลล่าสุดแล้วส่งใหม่"
    )
    assert f"(the latest is {latest})" in stale_en.json()["detail"]
    assert QuarterlyReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_audit_is_for_the_strategy_office_only(world, api):
    report = world.own_report
    submit_own_report(world, api)
    audit = {"indicator": world.own_approved.pk, "quarter": 1, "status": AuditStatus.ACCEPTED, "expected_version": 0,
             "confirm_without_evidence": True}  # fmt: skip

    assert api.as_user(world.staff).post("/api/v1/audits/", audit, format="json").status_code == 403
    accepted = api.as_user(world.strategy).post("/api/v1/audits/", audit, format="json")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["verified_progress_percent"] == "40.00"
    reopened = api.as_user(world.strategy).post(f"/api/v1/reports/{report.pk}/reopen/", {"reason": "แก้"}, format="json")
    assert reopened.status_code == 200 and reopened.json()["status"] == "reopened"


def test_a_verified_percentage_outside_0_to_100_is_a_400_naming_the_field(world, api):
    submit_own_report(world, api)
    audit = {"indicator": world.own_approved.pk, "quarter": 1, "status": AuditStatus.ADJUSTED, "expected_version": 0,
             "confirm_without_evidence": True}  # fmt: skip

    below = api.as_user(world.strategy).post("/api/v1/audits/", {**audit, "verified_progress_percent": "-5"}, format="json")
    above = api.as_user(world.strategy).post("/api/v1/audits/", {**audit, "verified_progress_percent": "101"}, format="json")

    assert below.status_code == above.status_code == 400
    assert below.json() == {"verified_progress_percent": ["ตรวจสอบว่าค่านี้มากกว่าหรือเท่ากับ 0"]}
    assert above.json() == {"verified_progress_percent": ["ตรวจสอบว่าค่านี้น้อยกว่าหรือเท่ากับ 100"]}
    assert not world.own_approved.audits.exists()


def test_a_level_on_a_numeric_indicator_is_a_400_naming_the_field(world, api):
    world.own_approved.rubric_kind = "numeric"
    world.own_approved.save()
    body = {"indicator": world.own_approved.pk, "quarter": 1, "progress_percent": "40", "measured_value": "1390",
            "level_reached": "3", "narrative": "ตามแผน", "expected_version": world.own_report.version}  # fmt: skip

    response = api.as_user(world.staff).post("/api/v1/reports/", body, format="json")

    assert response.status_code == 400
    assert response.json() == {"level_reached": ["เกณฑ์ของตัวชี้วัดนี้เป็นแบบค่าตัวเลข ไม่ใช้ระดับที่ได้ กรุณาเว้นว่างไว้"]}
    world.own_report.refresh_from_db()
    assert (world.own_report.measured_value, world.own_report.level_reached) == (None, None)


def test_sending_without_the_figure_the_rubric_scores_is_a_400_in_thai(world, api):
    report = world.own_report
    body = {"indicator": world.own_approved.pk, "quarter": 1, "progress_percent": "40", "narrative": "ตามแผน",
            "expected_version": report.version}  # fmt: skip

    refused = api.as_user(world.staff).post("/api/v1/reports/", {**body, "submit": True}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {
        "level_reached": [
            "เกณฑ์ของตัวชี้วัดนี้เป็นแบบขั้นตอนความสำเร็จ (Milestone) ให้คะแนนจากระดับที่ได้ กรุณากรอกระดับที่ได้ก่อนส่งรายงาน"
        ]
    }
    report.refresh_from_db()
    assert report.status != ReportStatus.SUBMITTED and report.narrative != "ตามแผน"  # nothing written
    draft = api.as_user(world.staff).post("/api/v1/reports/", body, format="json")
    assert draft.status_code == 200 and draft.json()["status"] == ReportStatus.DRAFT


def test_a_verified_value_on_a_milestone_indicator_is_a_400_naming_the_field(world, api):
    submit_own_report(world, api)
    audit = {"indicator": world.own_approved.pk, "quarter": 1, "status": AuditStatus.ADJUSTED, "expected_version": 0,
             "verified_value": "12", "verified_level": "3", "comment": "ตามหลักฐาน"}  # fmt: skip

    response = api.as_user(world.strategy).post("/api/v1/audits/", audit, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["verified_value"]
    assert "ไม่ใช้ค่าที่วัดได้" in response.json()["verified_value"][0]


def test_the_strategy_office_adds_an_indicator_to_an_approved_package_with_a_reason(world, api):
    """After approval an added indicator is an amendment: refused without a reason, recorded with one."""
    from indicators.models import CommitteeDecision

    package = AgencyPackage.objects.create(agency=world.own, fiscal_year=world.own_draft.fiscal_year, status=PackageStatus.APPROVED)
    client = api.as_user(world.strategy)

    refused = client.post("/api/v1/indicators/", new_indicator(), format="json")
    added = client.post("/api/v1/indicators/", new_indicator(amendment_reason="มติคณะกรรมการอำนวยการ ครั้งที่ ๕"), format="json")

    assert refused.status_code == 400 and "amendment_reason" in refused.json()
    assert added.status_code == 201, added.json()
    decision = CommitteeDecision.objects.get(package=package, action="amend")
    assert decision.reason == "มติคณะกรรมการอำนวยการ ครั้งที่ ๕" and decision.indicator_id == added.json()["id"]


def test_a_weight_of_zero_is_a_400_on_the_field_in_thai(world, api):
    """The database's rule was the only guard: {"__all__": ["Constraint “indicator_weight_positive” is violated."]}."""
    client = api.as_user(world.staff)

    zero = client.post("/api/v1/indicators/", new_indicator(weight="0"), format="json")
    joint = new_indicator(participants=[{"agency": "OTHER", "duty": "ร่วมดำเนินการ", "weight": "0"}])
    zero_share = client.post("/api/v1/indicators/", joint, format="json")

    assert zero.status_code == zero_share.status_code == 400
    assert zero.json() == {"weight": ["น้ำหนักคะแนนต้องมากกว่า ๐"]}
    assert zero_share.json() == {"participants": {"0": {"weight": ["น้ำหนักคะแนนต้องมากกว่า ๐"]}}}
    assert Indicator.objects.count() == 4


def test_a_name_of_invisible_characters_is_a_400_on_the_field(world, api):
    response = api.as_user(world.staff).post("/api/v1/indicators/", new_indicator(name="\u200b\ufeff"), format="json")

    assert response.status_code == 400
    assert response.json() == {"name": ["ข้อความนี้มีแต่อักขระที่มองไม่เห็น กรุณาพิมพ์ใหม่"]}
    assert Indicator.objects.count() == 4
