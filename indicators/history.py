"""Honest history for rows that were loaded without one (reference fixtures, demo data, `loaddata`,
rows written before their model had history): the state before a service's first change is recorded
first, so the history shows old → new instead of a change with nothing to compare against.

The recorded state is marked with FIRST_RECORDED_VERSION as its change reason and no user (who wrote
it is not known); pages that list changes skip it as an entry and compare the next version against it.
"""

from __future__ import annotations

from django.utils import timezone

FIRST_RECORDED_VERSION = "ฉบับแรกที่บันทึกในประวัติ (ข้อมูลที่มีอยู่ก่อนการแก้ไขครั้งแรก)"

def change_reason(text: str) -> str:
    """A reason as the history keeps it: whole (the column is a text field, see settings), on one line."""
    return " ".join((text or "").split())


def is_first_recorded_version(record) -> bool:
    return record.history_change_reason == FIRST_RECORDED_VERSION


def record_first_versions(objs) -> None:
    """Record the saved state of those of `objs` (one model, as read from the database, before any
    change) that have no history row yet. One query to look, one to write when needed."""
    objs = [obj for obj in objs if obj.pk is not None]
    if not objs:
        return
    model = type(objs[0])
    history_model = model.history.model
    have = set(model.history.filter(id__in=[obj.pk for obj in objs]).values_list("id", flat=True).distinct())
    missing = [obj for obj in objs if obj.pk not in have]
    if not missing:
        return
    now = timezone.now()
    history_model.objects.bulk_create(
        history_model(
            history_date=now,
            history_user=None,
            history_change_reason=FIRST_RECORDED_VERSION,
            history_type="~",
            **{field.attname: getattr(obj, field.attname) for field in history_model.tracked_fields},
        )
        for obj in missing
    )
