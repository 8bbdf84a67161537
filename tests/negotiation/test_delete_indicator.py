"""Deleting a draft indicator: agency staff, while the package is a draft or sent back, only
indicators the committee never discussed; the deleted version stays in the history."""

import pytest
from django.urls import reverse

from indicators.models import CommitteeDecision, Indicator, IndicatorComment, IndicatorStatus, PackageStatus

from .conftest import complete_package

pytestmark = pytest.mark.django_db


def delete_url(indicator):
    return reverse("indicators:indicator_delete", args=[indicator.pk])


def test_staff_delete_a_draft_indicator_after_confirming(client, world):
    _, (first, second) = complete_package(world)
    client.force_login(world.staff)
    detail = client.get(reverse("indicators:indicator", args=[first.pk])).content.decode()
    assert delete_url(first) in detail
    confirm = client.get(delete_url(first))
    assert confirm.status_code == 200 and first.name in confirm.content.decode()
    assert Indicator.objects.filter(pk=first.pk).exists()  # asking is not deleting

    response = client.post(delete_url(first), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("indicators:package", args=[2567, "OWN"])
    assert f"ลบตัวชี้วัด “{first.name}” เรียบร้อยแล้ว" in page
    assert first.name not in page.replace(f"ลบตัวชี้วัด “{first.name}”", "") and second.name in page
    assert not Indicator.objects.filter(pk=first.pk).exists()
    deleted = Indicator.history.filter(id=first.pk, history_type="-").get()
    assert (deleted.history_user, deleted.history_change_reason) == (world.staff, "ลบตัวชี้วัดร่าง")


def test_a_submitted_package_keeps_its_indicators(client, world):
    _, (first, _) = complete_package(world, status=PackageStatus.SUBMITTED)
    client.force_login(world.staff)
    assert delete_url(first) not in client.get(reverse("indicators:indicator", args=[first.pk])).content.decode()
    response = client.post(delete_url(first), follow=True)
    assert "ลบไม่ได้: ชุดตัวชี้วัดอยู่ในสถานะ" in response.content.decode()
    assert Indicator.objects.filter(pk=first.pk).exists()


def test_an_indicator_the_committee_discussed_is_kept_as_a_record(client, world):
    package, (first, second) = complete_package(world, status=PackageStatus.REVISION_REQUESTED)
    Indicator.objects.filter(pk__in=[first.pk, second.pk]).update(status=IndicatorStatus.DRAFT)
    IndicatorComment.objects.create(indicator=first, author=world.committee, body="ปรับค่าเป้าหมาย")
    CommitteeDecision.objects.create(
        package=package, indicator=second, actor=world.committee, action="send_back",
        from_status=PackageStatus.IN_NEGOTIATION, to_status=PackageStatus.REVISION_REQUESTED, reason="ทบทวน",
    )
    client.force_login(world.staff)
    for indicator in (first, second):
        response = client.post(delete_url(indicator), follow=True)
        assert "คณะกรรมการให้ความเห็นหรือมีมติเกี่ยวกับตัวชี้วัดนี้แล้ว" in response.content.decode()
        assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_only_the_agencys_staff_may_delete(client, world):
    _, (first, _) = complete_package(world)
    client.force_login(world.committee)  # sees the package, may not delete
    assert client.get(delete_url(first)).status_code == 403
    assert client.post(delete_url(first)).status_code == 403
    client.force_login(world.head)  # the agency head signs the package off; the staff draft it
    response = client.post(delete_url(first))
    assert response.status_code == 403 and "เฉพาะเจ้าหน้าที่ของหน่วยงาน" in response.content.decode()
    client.force_login(world.other_staff)  # another agency: the indicator does not exist for them
    assert client.post(delete_url(first)).status_code == 404
    assert Indicator.objects.filter(pk=first.pk).exists()
