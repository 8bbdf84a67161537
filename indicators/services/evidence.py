"""Evidence files of a quarterly report: checked by size and content, stored under generated names,
removed only once the transaction that dropped their rows has committed."""

from __future__ import annotations

import posixpath
import uuid
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Decimal
from typing import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.evidence_types import check_evidence
from indicators.models import EvidenceFile
from kpi_portal.lib.numbers import plain_number


@dataclass(frozen=True)
class EvidenceUpload:
    file: UploadedFile
    description: str = ""


def check_evidence_upload(upload: UploadedFile):
    """Refuse an empty, oversize or wrongly typed file with a Thai message; return its detected kind."""
    limit = settings.EVIDENCE_MAX_BYTES
    if not upload.size:
        raise ValidationError({"evidence": _("ไฟล์ “%(name)s” ว่างเปล่า (๐ ไบต์) กรุณาเลือกไฟล์ที่มีเนื้อหา") % {"name": upload.name}})
    if upload.size > limit:
        raise ValidationError(
            {
                "evidence": _("ไฟล์ “%(name)s” มีขนาด %(size)s เกินขนาดสูงสุดที่รับได้ %(limit)s")
                % {"name": upload.name, "size": human_size(upload.size, rounding=ROUND_CEILING), "limit": human_size(limit)}
            }
        )
    try:
        return check_evidence(upload, upload.name)
    except ValidationError as exc:
        raise ValidationError({"evidence": [f"“{upload.name}”: {message}" for message in exc.messages]}) from None


def human_size(size: int, *, rounding: str = ROUND_HALF_EVEN) -> str:
    """20 MB, 20.5 MB, 300 KB: one decimal at most, and none when it would be a padding zero.

    An oversize file is said with ROUND_CEILING, so it never reads as the limit it exceeds."""
    if size >= 1024 * 1024:
        return f"{plain_number((Decimal(size) / (1024 * 1024)).quantize(Decimal('0.1'), rounding))} MB"
    if size >= 1024:
        return f"{plain_number((Decimal(size) / 1024).quantize(Decimal('1'), rounding))} KB"
    return _("%(size)s ไบต์") % {"size": size}


def store_evidence(*, report, user, upload: EvidenceUpload, kind) -> EvidenceFile:
    """Save through Django's storage under a generated name; the user's file name is kept as data."""
    extension = posixpath.splitext(upload.file.name.lower())[1]
    upload.file.seek(0)
    evidence = EvidenceFile(
        report=report,
        original_name=posixpath.basename(upload.file.name)[:255],
        content_type=kind.content_type,
        size=upload.file.size,
        description=upload.description.strip()[:300],
        uploaded_by=user,
    )
    evidence.file.save(f"{uuid.uuid4().hex}{extension}", upload.file, save=False)
    evidence.save()
    return evidence


def remove_evidence(*, report, ids) -> None:
    if not ids:
        return
    doomed = list(EvidenceFile.objects.filter(report=report, pk__in=list(ids)))
    names = [e.file.name for e in doomed]
    EvidenceFile.objects.filter(pk__in=[e.pk for e in doomed]).delete()
    # Delete the files only once the rows are gone for good.
    transaction.on_commit(lambda: delete_stored(names))


def delete_stored(names: Sequence[str]) -> None:
    storage = EvidenceFile._meta.get_field("file").storage
    for name in names:
        if name:
            storage.delete(name)
