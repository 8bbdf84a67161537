"""Where the year's packages stand, counted and drawn for the negotiation page (no queries: the rows
from selectors.negotiation.agencies_with_packages carry everything)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.charts import Segment, stacked_bar
from indicators.models import PackageStatus

NOT_STARTED = "not_started"


def package_states() -> list[tuple[str, str]]:
    """Package states from settled to not begun, in the order the overview counts and draws them."""
    return [
        (PackageStatus.APPROVED.value, PackageStatus.APPROVED.label),
        (PackageStatus.AGREED.value, PackageStatus.AGREED.label),
        (PackageStatus.IN_NEGOTIATION.value, PackageStatus.IN_NEGOTIATION.label),
        (PackageStatus.SUBMITTED.value, PackageStatus.SUBMITTED.label),
        (PackageStatus.REVISION_REQUESTED.value, PackageStatus.REVISION_REQUESTED.label),
        (PackageStatus.DRAFT.value, PackageStatus.DRAFT.label),
        (NOT_STARTED, _("ยังไม่เริ่ม")),
    ]


def package_state(row: dict) -> str:
    return str(row["package"].status) if row["package"] else NOT_STARTED


@dataclass(frozen=True)
class StateCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class PackageOverview:
    total: int
    states: list[StateCount]  # every state, zeros included, so the list reads the same every day
    bar: list[Segment]


def package_overview(rows: list[dict]) -> PackageOverview:
    counts: dict[str, int] = {}
    for row in rows:
        state = package_state(row)
        counts[state] = counts.get(state, 0) + 1
    states = package_states()
    return PackageOverview(
        total=len(rows),
        states=[StateCount(key, label, counts.get(key, 0)) for key, label in states],
        bar=stacked_bar(counts, states),
    )


def chosen_state(asked: str) -> str:
    """The state a ?state= names, or "" (every package) for one the page does not know."""
    return asked if asked in {key for key, _label in package_states()} else ""


def rows_in_state(rows: list[dict], state: str) -> list[dict]:
    """The rows whose package is in `state`; every row for "" (no state chosen)."""
    return [row for row in rows if package_state(row) == state] if state else rows
