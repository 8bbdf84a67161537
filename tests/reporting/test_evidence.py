"""Evidence files: checked by content, limited in size, stored through Django's storage, served only to readers."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from indicators.models import EvidenceFile, QuarterlyReport
from indicators.services.evidence import EvidenceUpload
from indicators.services.reporting import ReportInput, report_save

from .conftest import PDF_BYTES, PNG_BYTES, ooxml_bytes, upload

DATA = ReportInput(progress_percent=D("10"), narrative="ดำเนินการตามแผน")


def save_with(indicator, user, files, *, version=0):
    return report_save(
        indicator=indicator,
        quarter=1,
        user=user,
        data=DATA,
        expected_version=version,
        evidence=[EvidenceUpload(f, "หลักฐาน") for f in files],
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("รายงานการประชุม.pdf", PDF_BYTES, "application/pdf"),
        ("ภาพกิจกรรม.png", PNG_BYTES, "image/png"),
        ("ภาพ.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        ("สรุปโครงการ.docx", ooxml_bytes("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("ข้อมูล.xlsx", ooxml_bytes("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_accepted_files_are_stored_through_storage_with_uploader(indicator, staff_user, media_files, name, content, content_type):
    report = save_with(indicator, staff_user, [upload(name, content, "application/octet-stream")])

    evidence = EvidenceFile.objects.get(report=report)
    assert evidence.original_name == name
    assert evidence.content_type == content_type  # what the content is, not what the browser claimed
    assert evidence.size == len(content)
    assert evidence.uploaded_by == staff_user
    assert media_files() == [evidence.file.name]
    assert name not in evidence.file.name  # stored under a generated name
    with evidence.file.open("rb") as handle:
        assert handle.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("หลักฐาน.pdf", b"MZ\x90\x00 this is a windows program", "ชนิดไฟล์ไม่รองรับ"),
        ("หลักฐาน.pdf", PNG_BYTES, "เนื้อหาไฟล์ไม่ตรงกับนามสกุล"),
        ("หลักฐาน.pdf", b"", "ว่างเปล่า"),
        ("ข้อมูล.xlsm", ooxml_bytes("xlsm"), "มาโคร"),
        ("ข้อมูล.xlsx", ooxml_bytes("xlsm"), "มาโคร"),  # macro workbook renamed to .xlsx
        ("ข้อมูล.xlsx", ooxml_bytes("xlsx", with_vba=True), "มาโคร"),
        ("ข้อมูล.xlsx", ooxml_bytes("docx"), "เนื้อหาไฟล์ไม่ตรงกับนามสกุล"),
        ("ข้อมูล.docx", b"PK\x03\x04 not really a zip", "ชนิดไฟล์ไม่รองรับ"),
        ("เก่า.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "ชนิดไฟล์ไม่รองรับ"),  # broken OLE2
    ],
)
def test_refused_files_leave_nothing_behind(indicator, staff_user, media_files, name, content, message):
    with pytest.raises(ValidationError) as caught:
        save_with(indicator, staff_user, [upload(name, content)])

    assert message in " ".join(caught.value.message_dict["evidence"])
    assert media_files() == []
    assert not EvidenceFile.objects.exists()
    assert not QuarterlyReport.objects.exists()  # the draft text is not half-saved either


def test_an_oversize_file_is_refused_by_the_settings_limit(indicator, staff_user, media_files, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as caught:
        save_with(indicator, staff_user, [upload("ใหญ่.pdf", PDF_BYTES + b"0" * 2000)])
    assert "เกินขนาดสูงสุด" in caught.value.message_dict["evidence"][0]
    assert media_files() == [] and not EvidenceFile.objects.exists()


@pytest.mark.parametrize(
    ("limit", "extra"),
    [(1024 * 1024, 30 * 1024), (20 * 1024 * 1024, 1)],  # 1.03 MB over 1 MB; one byte over the default 20 MB
)
def test_an_oversize_file_is_said_to_be_larger_than_the_limit(indicator, staff_user, media_files, settings, limit, extra):
    """Seen in the browser: a 21,000,000-byte file was refused as "มีขนาด 20 MB เกินขนาดสูงสุดที่รับได้ 20 MB"."""
    from indicators.services.evidence import human_size

    settings.EVIDENCE_MAX_BYTES = limit
    with pytest.raises(ValidationError) as caught:
        save_with(indicator, staff_user, [upload("ใหญ่.pdf", PDF_BYTES + b"0" * (limit + extra - len(PDF_BYTES)))])
    message = caught.value.message_dict["evidence"][0]
    said_size = message.split("มีขนาด ")[1].split(" เกิน")[0]
    assert message.endswith(f"รับได้ {human_size(limit)}") and said_size != human_size(limit)


def test_a_refused_upload_in_the_form_shows_a_thai_message_and_keeps_the_text(client, indicator, staff_user, media_files):
    client.force_login(staff_user)
    response = client.post(
        reverse("indicators:report_edit", args=[indicator.pk, 1]),
        {
            "version": 0,
            "progress_percent": "10",
            "narrative": "ข้อความที่ต้องไม่หาย",
            "evidence": upload("หลักฐาน.pdf", b"GIF89a fake pdf"),
            "save": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "เนื้อหาไฟล์ไม่ตรงกับนามสกุล" in body
    assert "ข้อความที่ต้องไม่หาย" in body
    assert media_files() == [] and not EvidenceFile.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field_error"),
    [
        ({"progress_percent": "10", "narrative": "", "submit": "1"}, "กรุณาบรรยายผลการดำเนินงานก่อนส่งรายงาน"),  # refused by the service
        ({"progress_percent": "๒๐ %", "narrative": "ทำตามแผน", "save": "1"}, "กรุณากรอกตัวเลข"),  # refused by the form
    ],
)
def test_a_good_file_sent_with_another_fields_error_is_said_to_be_unsaved(
    client, indicator, staff_user, media_files, fields, field_error
):
    """The browser does not send a chosen file twice: the person must know to choose it again."""
    client.force_login(staff_user)
    response = client.post(
        reverse("indicators:report_edit", args=[indicator.pk, 1]),
        {"version": 0, "evidence": upload("หลักฐาน.pdf", PDF_BYTES), **fields},
    )

    form = response.context["form"]
    assert field_error in " ".join(sum(form.errors.values(), []))
    assert form.errors["evidence"] == ["ไฟล์ที่เลือกยังไม่ได้บันทึก กรุณาเลือกไฟล์อีกครั้งเมื่อบันทึก"]
    assert media_files() == [] and not EvidenceFile.objects.exists()


def test_evidence_is_removed_with_the_next_save(indicator, staff_user, media_files):
    report = save_with(indicator, staff_user, [upload("a.pdf", PDF_BYTES)])
    evidence = report.evidence.get()
    report_save(
        indicator=indicator, quarter=1, user=staff_user, data=DATA, expected_version=report.version,
        remove_evidence_ids=[evidence.pk],
    )
    assert not EvidenceFile.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_removed_file_leaves_storage_once_committed(fiscal_year, agency, staff_user, media_files):
    from tests.factories import ApprovedIndicatorFactory

    indicator = ApprovedIndicatorFactory(fiscal_year=fiscal_year, agency=agency)
    report = save_with(indicator, staff_user, [upload("a.pdf", PDF_BYTES)])
    assert len(media_files()) == 1
    report_save(
        indicator=indicator, quarter=1, user=staff_user, data=DATA, expected_version=report.version,
        remove_evidence_ids=[report.evidence.get().pk],
    )
    assert media_files() == []


# --- Downloads -----------------------------------------------------------------------------------


@pytest.fixture
def evidence(indicator, staff_user, media_files):
    report = save_with(indicator, staff_user, [upload("รายงาน.pdf", PDF_BYTES)])
    return report.evidence.get()


def test_agency_staff_download_their_evidence_as_an_attachment(client, evidence, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("indicators:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_anonymous_users_are_sent_to_login(client, evidence):
    response = client.get(reverse("indicators:evidence_download", args=[evidence.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_agency_gets_404(client, evidence, outsider):
    client.force_login(outsider)
    assert client.get(reverse("indicators:evidence_download", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("indicators:evidence_download", args=[999999])).status_code == 404


def test_the_committee_in_scope_and_the_strategy_office_may_download(client, evidence, committee_user, strategy_user):
    for user in (committee_user, strategy_user):
        client.force_login(user)
        assert client.get(reverse("indicators:evidence_download", args=[evidence.pk])).status_code == 200


def test_pages_link_to_the_checked_download_never_to_media(client, evidence, staff_user, indicator):
    client.force_login(staff_user)
    body = client.get(reverse("indicators:indicator_page", args=[indicator.pk])).content.decode()
    assert reverse("indicators:evidence_download", args=[evidence.pk]) in body
    assert "/media/" not in body


def test_several_files_in_one_save_are_all_or_nothing(client, indicator, staff_user, media_files):
    client.force_login(staff_user)
    url = reverse("indicators:report_edit", args=[indicator.pk, 1])
    files = [upload("ก.pdf", PDF_BYTES), upload("ข.png", PNG_BYTES)]
    client.post(url, {"version": 0, "progress_percent": "10", "narrative": "สองไฟล์", "evidence": files, "save": "1"})
    assert sorted(EvidenceFile.objects.values_list("original_name", flat=True)) == ["ก.pdf", "ข.png"]

    report = QuarterlyReport.objects.get()
    bad = [upload("ค.pdf", PDF_BYTES), upload("ง.pdf", b"not a pdf at all")]
    response = client.post(url, {"version": report.version, "narrative": "x", "evidence": bad, "save": "1"})
    assert "ง.pdf" in response.content.decode()
    assert EvidenceFile.objects.count() == 2 and len(media_files()) == 2  # the good one of the pair is not kept either


def test_the_evidence_description_is_shown_once_the_report_is_sent_and_to_the_auditor(
    client, indicator, staff_user, strategy_user, media_files
):
    report_save(
        indicator=indicator, quarter=1, user=staff_user, expected_version=0, submit=True,
        data=ReportInput(progress_percent=D("10"), level_reached=D("1"), narrative="ดำเนินการตามแผน"),
        evidence=[EvidenceUpload(upload("แผน.pdf", PDF_BYTES), "แผนดำเนินการ (หลักฐานข้อ 1)")],
    )

    client.force_login(staff_user)
    sent = client.get(reverse("indicators:report_edit", args=[indicator.pk, 1])).content.decode()
    client.force_login(strategy_user)
    audit = client.get(reverse("indicators:audit_edit", args=[indicator.pk, 1])).content.decode()

    assert "แผน.pdf" in sent and "แผนดำเนินการ (หลักฐานข้อ 1)" in sent
    assert "แผน.pdf" in audit and "แผนดำเนินการ (หลักฐานข้อ 1)" in audit


def test_stored_evidence_is_readable_by_the_app_alone(indicator, staff_user, media_files):
    # Each agency's evidence: not to be read by other accounts on the host, whatever the worker's umask.
    import os
    from pathlib import Path

    report = save_with(indicator, staff_user, [upload("รายงานการประชุม.pdf", PDF_BYTES, "application/pdf")])

    path = Path(EvidenceFile.objects.get(report=report).file.path)
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert os.stat(path.parent).st_mode & 0o777 == 0o700
