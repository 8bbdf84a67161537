"""What an evidence file really is, judged by its content (magic bytes), never by its name alone.

Accepted: PDF, PNG/JPEG/GIF images, Office Open XML (docx/xlsx/pptx) and legacy OLE2
Office files (doc/xls/ppt). Macro-enabled documents are refused. The name's extension
must agree with the content, so a renamed file is refused rather than mislabelled.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import olefile
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
        FileKind("png", "รูปภาพ PNG", "image/png", (".png",)),
        FileKind("jpeg", "รูปภาพ JPEG", "image/jpeg", (".jpg", ".jpeg")),
        FileKind("gif", "รูปภาพ GIF", "image/gif", (".gif",)),
        FileKind(
            "docx",
            "Word (.docx)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileKind(
            "xlsx", "Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
        ),
        FileKind(
            "pptx",
            "PowerPoint (.pptx)",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        FileKind("doc", "Word 97-2003 (.doc)", "application/msword", (".doc",)),
        FileKind("xls", "Excel 97-2003 (.xls)", "application/vnd.ms-excel", (".xls",)),
        FileKind("ppt", "PowerPoint 97-2003 (.ppt)", "application/vnd.ms-powerpoint", (".ppt",)),
    )
}
MACRO_EXTENSIONS = (".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".pptm", ".potm", ".ppsm")

# The main part of each OOXML kind and its (non-macro) content type in [Content_Types].xml.
_OOXML_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}
_MAX_ZIP_ENTRIES = 10_000
_MAX_CONTENT_TYPES_BYTES = 1_000_000

UNSUPPORTED = gettext_lazy("ชนิดไฟล์ไม่รองรับ: รับเฉพาะ PDF รูปภาพ (PNG, JPEG, GIF) และเอกสาร Word, Excel, PowerPoint")
MACRO_REFUSED = gettext_lazy(
    "ไม่รับไฟล์ที่มีมาโคร (เช่น .docm .xlsm .pptm) เพื่อความปลอดภัย กรุณาบันทึกเป็น .docx .xlsx หรือ .pptx แล้วอัปโหลดใหม่"
)


def detect_kind(stream: BinaryIO) -> FileKind:
    """Return the kind of file the content is, or raise ValidationError with a Thai message."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return KINDS["gif"]
    if head.startswith(b"PK\x03\x04"):
        return _detect_ooxml(stream)
    if head.startswith(olefile.MAGIC):
        return _detect_ole(stream)
    raise ValidationError(UNSUPPORTED, code="unsupported")


def check_evidence(stream: BinaryIO, name: str) -> FileKind:
    """Detect the content's kind and make sure the file name's extension agrees with it."""
    extension = posixpath.splitext(name.lower())[1]
    if extension in MACRO_EXTENSIONS:
        raise ValidationError(MACRO_REFUSED, code="macro")
    kind = detect_kind(stream)
    if extension not in kind.extensions:
        raise ValidationError(
            _("เนื้อหาไฟล์ไม่ตรงกับนามสกุล: ชื่อไฟล์ลงท้ายด้วย “%(ext)s” แต่เนื้อหาเป็น %(kind)s กรุณาตรวจสอบไฟล์")
            % {"ext": extension or _("(ไม่มีนามสกุล)"), "kind": kind.label},
            code="mismatch",
        )
    return kind


def _detect_ooxml(stream: BinaryIO) -> FileKind:
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            if len(infos) > _MAX_ZIP_ENTRIES:
                raise ValidationError(UNSUPPORTED, code="unsupported")
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names:
                raise ValidationError(UNSUPPORTED, code="unsupported")
            if any(posixpath.basename(n).lower() == "vbaproject.bin" for n in names):
                raise ValidationError(MACRO_REFUSED, code="macro")
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                raise ValidationError(UNSUPPORTED, code="unsupported")
            content_types = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError):
        raise ValidationError(UNSUPPORTED, code="unsupported") from None
    finally:
        stream.seek(0)
    if "macroEnabled" in content_types:
        raise ValidationError(MACRO_REFUSED, code="macro")
    for key, (main_part, main_type) in _OOXML_MAIN.items():
        if main_part in names and main_type in content_types:
            return KINDS[key]
    raise ValidationError(UNSUPPORTED, code="unsupported")


def _detect_ole(stream: BinaryIO) -> FileKind:
    try:
        ole = olefile.OleFileIO(stream)
        try:
            streams = {"/".join(path) for path in ole.listdir(streams=True, storages=True)}
        finally:
            ole.close()
    except (OSError, ValueError, IndexError):  # olefile raises plain OSError on a broken container
        raise ValidationError(UNSUPPORTED, code="unsupported") from None
    finally:
        stream.seek(0)
    lowered = {s.lower() for s in streams}
    if any(part in s for s in lowered for part in ("macros", "_vba_project", "vba/")):
        raise ValidationError(MACRO_REFUSED, code="macro")
    if "worddocument" in lowered:
        return KINDS["doc"]
    if "workbook" in lowered or "book" in lowered:
        return KINDS["xls"]
    if "powerpoint document" in lowered:
        return KINDS["ppt"]
    raise ValidationError(UNSUPPORTED, code="unsupported")
