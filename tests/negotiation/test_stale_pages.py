"""A committee step taken from a page opened before the package changed (a colleague's step, the agency
sending it again) is refused with the note kept, not applied to a package the member has not seen."""

import pytest
from django.urls import reverse

from indicators.models import AgencyPackage, CommitteeDecision, IndicatorComment, PackageStatus
from indicators.services.negotiation import package_transition

from .conftest import complete_package

pytestmark = pytest.mark.django_db

MOVED_ON = "ชุดตัวชี้วัดนี้เปลี่ยนไปหลังจากที่ท่านเปิดหน้านี้"


def test_a_step_from_a_page_opened_before_the_agency_sent_the_package_again_is_refused(client, world):
    package, _ = complete_package(world, status=PackageStatus.SUBMITTED)
    client.force_login(world.committee)
    page = client.get(reverse("indicators:package", args=[2567, "OWN"])).content.decode()
    opened = package.version
    assert f'name="version" value="{opened}"' in page
    # Meanwhile a colleague sends it back and the agency's head sends a corrected package again.
    package_transition(actor=world.secretary, package=package, action="request_revision", reason="ปรับเป้าหมาย")
    package_transition(actor=world.head, package=AgencyPackage.objects.get(pk=package.pk), action="submit")

    url = reverse("indicators:package_transition", args=[2567, "OWN", "start_negotiation"])
    refused = client.post(url, {"reason": "เริ่มเจรจาตามวาระ", "version": opened})

    assert refused.status_code == 422
    html = refused.content.decode()
    assert MOVED_ON in html and "เริ่มเจรจาตามวาระ" in html  # the note waits in the step's form
    package.refresh_from_db()
    assert package.status == PackageStatus.SUBMITTED
    assert f'name="version" value="{package.version}"' in html  # sending again acts on what is shown now
    again = client.post(url, {"reason": "เริ่มเจรจาตามวาระ", "version": package.version})
    assert again.status_code == 302
    package.refresh_from_db()
    assert package.status == PackageStatus.IN_NEGOTIATION


def test_sending_back_a_package_a_colleague_moved_on_keeps_the_comments_and_writes_nothing(client, world):
    package, (first, _) = complete_package(world, status=PackageStatus.SUBMITTED)
    client.force_login(world.committee)
    url = reverse("indicators:package_send_back", args=[2567, "OWN"])
    opened = package.version
    assert f'name="version" value="{opened}"' in client.get(url).content.decode()
    package_transition(actor=world.secretary, package=package, action="start_negotiation")

    refused = client.post(url, {"version": opened, "reason": "", f"comment_{first.pk}": "ค่าเป้าหมายต่ำเกินไป"})

    assert refused.status_code == 200
    html = refused.content.decode()
    assert MOVED_ON in html and "ค่าเป้าหมายต่ำเกินไป" in html
    assert not IndicatorComment.objects.filter(indicator=first).exists()
    assert not CommitteeDecision.objects.filter(package=package, action="request_revision").exists()
    package.refresh_from_db()
    assert package.status == PackageStatus.IN_NEGOTIATION
    assert f'name="version" value="{package.version}"' in html
