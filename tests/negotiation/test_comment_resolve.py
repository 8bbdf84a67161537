"""The agency marks committee comments as dealt with while revising; the committee sees which."""

import pytest
from django.urls import reverse

from indicators.models import IndicatorComment, PackageStatus

from .conftest import complete_package

pytestmark = pytest.mark.django_db


def commented(world, status):
    _, (indicator, _) = complete_package(world, status=status)
    return IndicatorComment.objects.create(indicator=indicator, author=world.committee, body="ปรับค่าเป้าหมายให้ท้าทายขึ้น")


def resolve_url(comment):
    return reverse("indicators:comment_resolve", args=[comment.pk])


def test_staff_mark_a_comment_answered_and_the_committee_sees_it(client, world):
    comment = commented(world, PackageStatus.REVISION_REQUESTED)
    client.force_login(world.staff)
    page = client.get(reverse("indicators:indicator", args=[comment.indicator_id])).content.decode()
    assert "รอการแก้ไข" in page and resolve_url(comment) in page
    response = client.post(resolve_url(comment), {"resolved": "1"}, follow=True)
    assert "บันทึกว่าแก้ไขตามความเห็นแล้ว" in response.content.decode()
    comment.refresh_from_db()
    assert (comment.resolved, comment.resolved_by, comment.resolved_at is not None) == (True, world.staff, True)

    client.force_login(world.committee)
    for url in (reverse("indicators:indicator", args=[comment.indicator_id]), reverse("indicators:package", args=[2567, "OWN"])):
        page = client.get(url).content.decode()
        assert "แก้ไขแล้ว" in page and "รอการแก้ไข" not in page
        assert resolve_url(comment) not in page  # the committee reads the mark, it does not set it


def test_staff_can_take_the_mark_back(client, world):
    comment = commented(world, PackageStatus.REVISION_REQUESTED)
    client.force_login(world.staff)
    client.post(resolve_url(comment), {"resolved": "1"})
    client.post(resolve_url(comment), {"resolved": "0"})
    comment.refresh_from_db()
    assert (comment.resolved, comment.resolved_by, comment.resolved_at) == (False, None, None)


def test_the_mark_waits_until_the_package_comes_back_to_the_agency(client, world):
    comment = commented(world, PackageStatus.IN_NEGOTIATION)
    client.force_login(world.staff)
    response = client.post(resolve_url(comment), {"resolved": "1"}, follow=True)
    assert "แจ้งว่าแก้ไขตามความเห็นได้เมื่อชุดตัวชี้วัดเป็นร่างหรือถูกส่งกลับแก้ไข" in response.content.decode()
    comment.refresh_from_db()
    assert not comment.resolved


def test_only_the_agencys_staff_mark_comments(client, world):
    comment = commented(world, PackageStatus.REVISION_REQUESTED)
    client.force_login(world.committee)
    assert client.post(resolve_url(comment), {"resolved": "1"}).status_code == 403
    client.force_login(world.other_staff)
    assert client.post(resolve_url(comment), {"resolved": "1"}).status_code == 404
    comment.refresh_from_db()
    assert not comment.resolved
