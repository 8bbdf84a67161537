"""`manage.py export_pdf <document> --year 2567 [--agency CODE] [--quarter N] -o FILE`."""

import pytest
from django.core.management import CommandError, call_command

from .conftest import SKJ_NAME, pdf_text, squeeze

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "document,options,expected",
    [
        ("summary", {"agency": "SKJ"}, "แบบสรุปตัวชี้วัดเจรจาตกลง"),
        ("package", {"agency": "SKJ"}, "ผู้รับการประเมิน"),
        ("sheet", {"agency": "SKJ", "indicator": 4}, "เกณฑ์การให้คะแนน"),
        ("quarterly", {"agency": "SKJ", "quarter": 2}, "ไตรมาสที่ ๒"),
        ("scorecard", {"agency": "SKJ"}, "รวมคะแนน"),
        ("ranking", {}, "อันดับรวมทุกหน่วยงาน"),
        ("city-summary", {}, "แบบสรุปตัวชี้วัดเจรจาตกลง"),
    ],
)
def test_export_writes_the_document(skj_results, tmp_path, document, options, expected):
    out = tmp_path / "out.pdf"
    call_command("export_pdf", document, year=2567, output=str(out), **options)
    text = squeeze(pdf_text(out.read_bytes(), mode="raw"))
    assert squeeze(expected) in text
    if document != "ranking":
        assert squeeze(SKJ_NAME) in text


def test_export_in_arabic_digits(skj, tmp_path):
    out = tmp_path / "out.pdf"
    call_command("export_pdf", "summary", year=2567, agency="SKJ", arabic=True, output=str(out))
    assert squeeze("พ.ศ. 2567") in squeeze(pdf_text(out.read_bytes(), mode="raw"))


def test_export_refuses_unknown_agency_and_year(skj, tmp_path):
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        call_command("export_pdf", "summary", year=2567, agency="NOPE", output=str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="ไม่พบปีงบประมาณ"):
        call_command("export_pdf", "summary", year=2570, agency="SKJ", output=str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_a_failed_city_book_leaves_no_file_behind(skj, tmp_path, monkeypatch):
    """The book is written straight to disk; a run that fails half-way must not leave a truncated PDF."""
    from indicators.management.commands import export_pdf

    def fail_half_way(out, **kwargs):
        out.write(b"%PDF-1.7 half a book")
        raise RuntimeError("worker died")

    monkeypatch.setattr(export_pdf, "city_book_write", fail_half_way)
    out = tmp_path / "book.pdf"
    out.write_bytes(b"last week's book")
    with pytest.raises(RuntimeError):
        call_command("export_pdf", "city-package", year=2567, output=str(out))
    assert out.read_bytes() == b"last week's book"
    assert list(tmp_path.iterdir()) == [out]
