"""Saving one of an indicator's tables (rubric levels, baselines, partners, conditions, evidence) in place.

A saved row keeps its id while it is still in the table: it is matched to the row the form (or the
spreadsheet) holds by its natural key — the rubric level, the baseline year, the partner agency, the
condition's percent, an evidence item's text and then its position — and only the columns that differ
are written. Rows that are new are created, and only rows that were removed are deleted. So what points
at a row (an auditor's checklist tick points at an evidence item) survives an edit of the indicator,
and the history shows old → new for each changed row instead of a delete and a re-create.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from indicators.history import record_first_versions

Key = Callable[[dict], object]


def _pk(value):
    return getattr(value, "pk", value)


def field_key(name: str) -> Key:
    """A natural key made of one column (a foreign key compares by id)."""
    return lambda values: _pk(values.get(name))


def match_rows(
    existing: Sequence, wanted: Sequence[dict], keys: Sequence[Key], *, by_position: bool = False
) -> tuple[list, list, list]:
    """Pair saved rows with wanted rows, key after key (each row pairs once, in order). With
    `by_position`, a wanted row still unpaired then takes the first unpaired saved row lying between
    the saved rows its paired neighbours took (both lists in table order): the row whose text was
    corrected, not the one after a row inserted above it. Returns ([(saved, wanted)…], unpaired wanted,
    unpaired saved)."""
    free = list(range(len(existing)))
    taken: dict[int, int] = {}  # wanted index → saved index
    for key in keys:
        for w, values in enumerate(wanted):
            wanted_key = key(values)
            if w in taken or wanted_key is None:
                continue
            s = next((s for s in free if key(_as_values(existing[s], values)) == wanted_key), None)
            if s is not None:
                free.remove(s)
                taken[w] = s
    if by_position:
        for w in range(len(wanted)):
            if w in taken:
                continue
            below = max((s for v, s in taken.items() if v < w), default=-1)
            above = min((s for v, s in taken.items() if v > w), default=len(existing))
            s = next((s for s in free if below < s < above), None)
            if s is not None:
                free.remove(s)
                taken[w] = s
    pairs = [(existing[taken[w]], wanted[w]) for w in sorted(taken)]
    new_rows = [values for w, values in enumerate(wanted) if w not in taken]
    return pairs, new_rows, [existing[s] for s in free]


def _saved(obj, name: str):
    """A saved row's column, a foreign key as its id (no query)."""
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname) if field.many_to_one else getattr(obj, name)


def _as_values(obj, like: dict) -> dict:
    return {name: _saved(obj, name) for name in like}


def sync_rows(
    *,
    queryset,
    make: Callable[[dict], object],
    wanted: Sequence[dict],
    keys: Sequence[Key],
    by_position: bool = False,
    actor=None,
    reason: str = "",
    clean: Callable[[object], None] = lambda obj: obj.full_clean(),
) -> bool:
    """Make the rows of `queryset` hold `wanted` (dicts of column → value), in place as described above;
    `make(values)` builds a new row; `queryset` is in table order when matching `by_position`. A row with no history yet has its saved state recorded first
    (indicators.history). Returns whether anything was written."""
    existing = list(queryset)
    pairs, new_rows, removed = match_rows(existing, wanted, keys, by_position=by_position)
    changed = [
        (obj, values) for obj, values in pairs
        if any(_saved(obj, name) != _pk(value) for name, value in values.items())
    ]
    if not (changed or new_rows or removed):
        return False
    record_first_versions([obj for obj, _values in changed])
    for obj in removed:
        _stamp(obj, actor, reason)
        obj.delete()
    for obj, values in changed:
        for name, value in values.items():
            setattr(obj, name, value)
        _stamp(obj, actor, reason)
        clean(obj)
        obj.save()
    for values in new_rows:
        obj = make(values)
        _stamp(obj, actor, reason)
        clean(obj)
        obj.save()
    return True


def _stamp(obj, actor, reason: str) -> None:
    if actor is not None:
        obj._history_user = actor
    if reason:
        obj._change_reason = reason
