"""Two people save the same indicator at the same moment: exactly one save wins, the other is told so."""

import threading

import pytest
from django.db import connection

from indicators.models import Indicator
from indicators.services.drafting import IndicatorChildren, indicator_update
from indicators.services.negotiation import StaleVersion

from .world import make_world

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # SQLite has no row locks (and its in-memory test database refuses a second writer): PostgreSQL only.
    pytest.mark.skipif(not connection.features.has_select_for_update, reason="needs SELECT … FOR UPDATE"),
]


def test_only_one_of_two_simultaneous_saves_wins():
    from tests.factories import IndicatorFactory

    world = make_world()
    indicator = IndicatorFactory(fiscal_year=world.year, agency=world.own, element=world.element)
    version = indicator.version
    start = threading.Barrier(2)
    outcomes = []

    def save(name):
        try:
            start.wait()
            indicator_update(
                actor=world.staff, indicator=indicator, expected_version=version,
                data={"element": world.element, "name": name, "weight": indicator.weight},
                children=IndicatorChildren(levels=[
                    {"level": lv.level, "success_percent": lv.success_percent, "criterion": lv.criterion,
                     "threshold": None}
                    for lv in indicator.rubric_levels.all()
                ]),
            )
            outcomes.append(("saved", name))
        except StaleVersion:
            outcomes.append(("stale", name))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("ฉบับของเอ", "ฉบับของบี")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(kind for kind, _ in outcomes) == ["saved", "stale"]
    winner = next(name for kind, name in outcomes if kind == "saved")
    indicator = Indicator.objects.get(pk=indicator.pk)
    assert indicator.name == winner
    assert indicator.version == version + 1
