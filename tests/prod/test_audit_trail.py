"""Audit trail: who changed what and when, readable in the admin, never editable, approvals locked."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from agencies.models import RoleKind
from indicators.models import (
    AgencyPackage,
    CommitteeDecision,
    EvidenceFile,
    Indicator,
    IndicatorBaseline,
    IndicatorStatus,
    JointParticipant,
    MilestoneCondition,
    PackageStatus,
    QuarterAudit,
    ReportingQuarter,
    RubricLevel,
)
from kpi_portal.admin_history import history_models
from tests.factories import AgencyFactory

from .world import build_agency_world

pytestmark = pytest.mark.django_db

TRACKED = [
    Indicator,
    RubricLevel,
    IndicatorBaseline,
    JointParticipant,
    MilestoneCondition,
    ReportingQuarter,
    EvidenceFile,
    QuarterAudit,
    User,
]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.go.th", "a-strong-pass-123")


@pytest.fixture
def world(fiscal_year, strategy_user):
    return build_agency_world(fiscal_year, auditor=strategy_user, partner=AgencyFactory(code="PARTNER"))


def change_history_url(instance):
    opts = instance._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk])


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m.__name__)
def test_every_record_that_matters_keeps_a_history(world, model):
    assert model.history.exists(), f"no history rows for {model.__name__}"


def test_an_edit_through_the_admin_records_who_changed_which_field(client, world, superuser):
    audit = world["audit"]
    client.force_login(superuser)
    url = reverse("admin:indicators_quarteraudit_change", args=[audit.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"status": "adjusted", "verified_progress_percent": "20.00", "comment": "ปรับผลตามหลักฐาน"})
    for prefix in ("checklist",):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors

    latest = audit.history.order_by("-history_id").first()
    assert latest.history_user == superuser
    delta = latest.diff_against(latest.prev_record)
    assert set(delta.changed_fields) >= {"status", "verified_progress_percent", "comment"}

    # The readable trail in the admin says it too.
    history_page = client.get(change_history_url(audit)).content.decode()
    assert "root" in history_page
    record_page = client.get(reverse("admin:indicators_historicalquarteraudit_change", args=[latest.history_id]))
    assert "ปรับผลตามหลักฐาน" in record_page.content.decode()


def test_making_a_user_staff_or_superuser_leaves_a_trace(world):
    user = world["user"]
    user.is_staff = True
    user.is_superuser = True
    user.save()
    latest = user.history.order_by("-history_id").first()
    delta = latest.diff_against(latest.prev_record)
    assert set(delta.changed_fields) == {"is_staff", "is_superuser"}


def test_group_membership_changes_leave_a_trace(world):
    user = world["user"]
    before = user.history.count()
    user.groups.add(Group.objects.create(name="ผู้ตรวจประเมิน"))
    assert user.history.count() == before + 1
    assert list(user.history.order_by("-history_id").first().groups.values_list("group__name", flat=True)) == [
        "ผู้ตรวจประเมิน"
    ]


def test_logging_in_is_not_a_change_and_password_hashes_stay_out_of_history(client, world):
    user = world["user"]
    before = user.history.count()
    client.post(reverse("login"), {"username": user.username, "password": "test-password-123"})
    assert client.session["_auth_user_id"]
    assert user.history.count() == before
    assert not hasattr(user.history.model, "password")


def test_role_changes_are_tracked(world):
    role = world["role"]
    role.kind = RoleKind.AGENCY_HEAD
    role.save()
    assert role.history.order_by("-history_id").first().kind == RoleKind.AGENCY_HEAD


def test_the_trail_survives_deleting_the_record(world):
    baseline = world["indicator"].baselines.get()
    pk = baseline.pk
    baseline.delete()
    assert IndicatorBaseline.history.filter(id=pk, history_type="-").exists()
    assert IndicatorBaseline.history.filter(id=pk, history_type="+").exists()


@pytest.mark.parametrize("model", history_models(), ids=lambda m: m.__name__)
def test_history_rows_can_be_read_but_never_added_changed_or_deleted_in_the_admin(client, world, superuser, model):
    assert admin.site.is_registered(model)
    client.force_login(superuser)
    opts = model._meta
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    row = model.objects.order_by("-history_id").first()
    if row is None:
        pytest.skip("no rows in this fixture")
    change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
    assert client.get(change_url).status_code == 200  # read-only view
    assert client.post(change_url, {"history_change_reason": "แก้ไข"}).status_code == 403
    assert client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403
    assert model.objects.filter(pk=row.pk).exists()


def test_the_trail_filters_by_user_and_change_type(client, world, superuser, strategy_user):
    indicator = world["indicator"]
    indicator.name = "ชื่อใหม่"
    indicator._history_user = strategy_user
    indicator._change_reason = "ทดสอบ"
    indicator.save()
    client.force_login(superuser)
    url = reverse("admin:indicators_historicalindicator_changelist")

    by_user = client.get(url, {"history_user__id__exact": strategy_user.pk}).context["cl"]
    assert [(row.history_user, row.history_type) for row in by_user.result_list] == [(strategy_user, "~")]
    created = client.get(url, {"history_type__exact": "+"}).context["cl"]
    assert created.result_count == 1 and created.result_list[0].name != "ชื่อใหม่"
    total = client.get(url).context["cl"].result_count
    assert total == 2


def test_a_revert_from_a_history_page_is_refused(client, world, superuser):
    indicator = world["indicator"]
    old = indicator.history.order_by("history_id").first()
    client.force_login(superuser)
    url = reverse("admin:indicators_indicator_simple_history", args=[indicator.pk, old.history_id])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "ย้อนกลับ"}).status_code == 403


@pytest.fixture
def approved(world):
    """The world's indicator, approved with its package (the signed agreement)."""
    indicator = world["indicator"]
    Indicator.objects.filter(pk=indicator.pk).update(status=IndicatorStatus.APPROVED)
    AgencyPackage.objects.filter(pk=world["package"].pk).update(status=PackageStatus.APPROVED)
    indicator.refresh_from_db()
    return indicator


@pytest.fixture
def strategy_admin(strategy_user):
    """A staff member of the strategy office with every indicator permission, but not a superuser."""
    from django.contrib.auth.models import Permission

    strategy_user.user_permissions.add(*Permission.objects.filter(content_type__app_label="indicators"))
    return User.objects.get(pk=strategy_user.pk)


def test_an_approved_indicator_is_read_only_in_the_admin_for_whoever_may_not_amend_it(client, approved, superuser):
    """A superuser without a strategy-office role may not amend on the site, so not in the admin either."""
    client.force_login(superuser)
    url = reverse("admin:indicators_indicator_change", args=[approved.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert all(not formset.formset.can_delete for formset in page.context["inline_admin_formsets"])
    assert "การแก้ไขหลังอนุมัติทำได้เฉพาะ สยป." in page.content.decode()
    before = approved.history.count()

    response = client.post(url, {"name": "แก้ไขหลังอนุมัติ", "amendment_reason": "ลองแก้"}, follow=True)
    assert "การแก้ไขหลังอนุมัติทำได้เฉพาะ สยป." in response.content.decode()
    approved.refresh_from_db()
    assert approved.name != "แก้ไขหลังอนุมัติ"
    assert approved.history.count() == before
    assert not CommitteeDecision.objects.exists()
    assert client.post(reverse("admin:indicators_indicator_delete", args=[approved.pk]), {"post": "yes"}).status_code == 403


def test_a_draft_indicator_stays_editable_for_the_strategy_office(client, world, strategy_admin):
    client.force_login(strategy_admin)
    page = client.get(reverse("admin:indicators_indicator_change", args=[world["indicator"].pk]))
    assert page.context["has_change_permission"] is True


def _indicator_form_data(page):
    data = {}
    form = page.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else value
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None and value is not False:
                    data[f"{sub.prefix}-{name}"] = value
    return data


def test_the_strategy_office_amends_an_approved_indicator_in_the_admin_as_on_the_site(client, approved, strategy_admin):
    client.force_login(strategy_admin)
    url = reverse("admin:indicators_indicator_change", args=[approved.pk])
    data = _indicator_form_data(client.get(url))
    data["target_text"] = "ร้อยละ ๙๐"
    data["conditions-0-description"] = "จัดทำแผนและเสนออนุมัติแล้วเสร็จ"

    refused = client.post(url, {**data, "amendment_reason": ""})
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["amendment_reason"] == ["การแก้ไขหลังอนุมัติต้องระบุเหตุผล"]
    approved.refresh_from_db()
    assert approved.target_text == "ร้อยละ ๑๐๐"

    accepted = client.post(url, {**data, "amendment_reason": "มติคณะกรรมการอำนวยการ ครั้งที่ ๒/๒๕๖๗"})
    assert accepted.status_code == 302
    approved.refresh_from_db()
    assert approved.target_text == "ร้อยละ ๙๐" and approved.status == IndicatorStatus.APPROVED
    assert approved.conditions.get().description == "จัดทำแผนและเสนออนุมัติแล้วเสร็จ"
    decision = CommitteeDecision.objects.get()
    assert (decision.action, decision.actor, decision.indicator) == ("amend", strategy_admin, approved)
    assert decision.reason == "มติคณะกรรมการอำนวยการ ครั้งที่ ๒/๒๕๖๗"
    assert approved.history.order_by("-history_id").first().history_user == strategy_admin

    # The negotiation pages show it like an amendment made there.
    for page in (reverse("indicators:indicator", args=[approved.pk]),
                 reverse("indicators:package", args=[approved.fiscal_year.year_be, approved.agency.code])):
        body = client.get(page).content.decode()
        assert "แก้ไขหลังอนุมัติ" in body and "มติคณะกรรมการอำนวยการ ครั้งที่ ๒/๒๕๖๗" in body


def test_an_admin_amendment_over_a_later_save_is_refused(client, approved, strategy_admin):
    client.force_login(strategy_admin)
    url = reverse("admin:indicators_indicator_change", args=[approved.pk])
    data = _indicator_form_data(client.get(url))
    Indicator.objects.filter(pk=approved.pk).update(version=approved.version + 1, name="ชื่อที่ผู้อื่นบันทึก")

    response = client.post(url, {**data, "target_text": "ร้อยละ ๙๐", "amendment_reason": "ปรับตามมติ"}, follow=True)
    assert "มีผู้อื่นบันทึกตัวชี้วัดนี้หลังจากที่ท่านเปิดแบบฟอร์ม" in response.content.decode()
    approved.refresh_from_db()
    assert (approved.name, approved.target_text) == ("ชื่อที่ผู้อื่นบันทึก", "ร้อยละ ๑๐๐")
    assert not CommitteeDecision.objects.exists()


def test_an_admin_amendment_of_the_evidence_list_keeps_the_auditors_ticks(client, approved, strategy_admin):
    from indicators.models import AuditChecklistItem, EvidenceRequirement

    requirement = EvidenceRequirement.objects.get(indicator=approved)
    client.force_login(strategy_admin)
    url = reverse("admin:indicators_indicator_change", args=[approved.pk])
    data = _indicator_form_data(client.get(url))
    prefix = next(key[: -len("-0-description")] for key, value in data.items()
                  if key.endswith("-0-description") and value == "รายงานการประชุม")
    data[f"{prefix}-0-description"] = "รายงานการประชุม (ฉบับลงนาม)"

    response = client.post(url, {**data, "amendment_reason": "มติคณะกรรมการอำนวยการ ครั้งที่ ๓/๒๕๖๗"})
    assert response.status_code == 302
    assert list(EvidenceRequirement.objects.filter(indicator=approved).values_list("pk", "description")) == [
        (requirement.pk, "รายงานการประชุม (ฉบับลงนาม)")
    ]
    tick = AuditChecklistItem.objects.get(requirement=requirement)
    assert tick.is_present
    assert requirement.history.latest().history_change_reason == "มติคณะกรรมการอำนวยการ ครั้งที่ ๓/๒๕๖๗"
