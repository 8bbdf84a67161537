"""Server-made SVG geometry for the plan-versus-actual chart and stacked bars (no JavaScript, no CDN).

Pure: takes numbers, returns coordinates; the template draws them, so every label is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping, Sequence

from django.utils.translation import gettext

from indicators.plan import fiscal_month_names

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: Decimal
    label: str


@dataclass(frozen=True)
class ProgressChart:
    width: int
    height: int
    plan: list[Point]
    actual: list[Point]
    x_ticks: list[Point]
    y_ticks: list[Point]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int

    @property
    def plan_polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.plan)

    @property
    def actual_polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.actual)


def _x(month: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * month / 12


def _y(percent) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - float(percent) / 100)


def progress_chart(plan: Sequence[Decimal] | None, actual: Mapping[int, Decimal]) -> ProgressChart:
    """Plan per month end (12 values, starting from 0 at 1 ต.ค.) and actual cumulative % per quarter end."""
    month_names = fiscal_month_names()
    plan_points = []
    if plan is not None:
        plan_points = [Point(_x(0), _y(0), Decimal("0"), "")] + [
            Point(_x(m), _y(v), Decimal(v), month_names[m - 1]) for m, v in enumerate(plan, start=1)
        ]
    actual_points = [Point(_x(0), _y(0), Decimal("0"), "")] if actual else []
    actual_points += [
        Point(_x(q * 3), _y(v), Decimal(v), gettext("ไตรมาสที่ %(q)s") % {"q": q}) for q, v in sorted(actual.items()) if v is not None
    ]
    x_ticks = [Point(_x(m), HEIGHT - BOTTOM + 16, Decimal(m), month_names[m - 1]) for m in range(1, 13)]
    y_ticks = [Point(LEFT - 6, _y(v), Decimal(v), str(v)) for v in (0, 20, 40, 60, 80, 100)]
    return ProgressChart(
        width=WIDTH,
        height=HEIGHT,
        plan=plan_points,
        actual=actual_points,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=HEIGHT - BOTTOM,
    )


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar; x and width are shares of a 0–100 viewBox, as plain numbers."""

    key: str
    label: str
    count: int
    x: str
    width: str


def _svg_number(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f")


def stacked_bar(counts: Mapping[str, int], labels: Sequence[tuple[str, str]]) -> list[Segment]:
    """One bar split into the counts that are not zero, in the order of `labels`, as shares of their total."""
    total = sum(counts.get(key, 0) for key, _ in labels)
    segments, x = [], Decimal(0)
    for key, label in labels:
        count = counts.get(key, 0)
        if count:
            width = Decimal(100) * count / total
            segments.append(Segment(key, label, count, _svg_number(x), _svg_number(width)))
            x += width
    return segments
