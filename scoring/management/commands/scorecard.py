"""Print a fiscal year's scorecards: `manage.py scorecard --year 2567 [--agency CODE] [--quarter N] --format json|table`."""

import json
import unicodedata

from django.core.management.base import BaseCommand, CommandError

from indicators.models import FiscalYear
from kpi_portal.lib.numbers import percent_text
from scoring.rules import fmt
from scoring.services import build_scorecards


def scorecard_json(card) -> dict:
    """The JSON shape of one scorecard; decimals as strings so no digit is lost."""
    return {
        "code": card.agency.code,
        "name": card.agency.name_th,
        "total_points": str(card.total_points),
        "max_points": str(card.max_points),
        "percent": None if card.percent is None else str(card.percent),
        "rank": card.rank,
        "elements": [
            {"code": e.code, "points": str(e.points), "max_points": str(e.max_points)} for e in card.elements
        ],
        "indicators": [
            {
                "number": line.number,
                "name": line.name,
                "weight": str(line.weight),
                "level": str(line.level),
                "points": str(line.points),
                "source": line.source,
                "explanation": line.explanation,
                "joint_owner": line.owner or None,  # another agency's joint KPI: its number is the owner's
            }
            for line in card.indicators
        ],
    }


def _width(text: str) -> int:
    # Thai vowel and tone marks take no column of their own.
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


class Command(BaseCommand):
    help = "แสดงผลคะแนนของหน่วยงานในปีงบประมาณ (JSON หรือตาราง)"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2567")
        parser.add_argument("--agency", action="append", help="รหัสหน่วยงาน (ระบุซ้ำได้)")
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="ผลชั่วคราวถึงไตรมาสนี้")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, **options):
        year = options["year"]
        if not FiscalYear.objects.filter(year_be=year).exists():
            raise CommandError(f"ไม่พบปีงบประมาณ พ.ศ. {year}")
        cards = build_scorecards(fiscal_year=year, agencies=options["agency"], quarter=options["quarter"])
        if options["agency"]:
            missing = set(options["agency"]) - {card.agency.code for card in cards}
            if missing:
                raise CommandError(f"ไม่พบหน่วยงาน: {', '.join(sorted(missing))}")
        if options["format"] == "json":
            payload = {"year": year, "quarter": options["quarter"], "agencies": [scorecard_json(c) for c in cards]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self._table(year, options["quarter"], cards)

    def _table(self, year, quarter, cards):
        title = f"ผลคะแนน ปีงบประมาณ พ.ศ. {year}" + (f" (ชั่วคราว ถึงไตรมาสที่ {quarter})" if quarter else "")
        self.stdout.write(title)
        rows = [("อันดับ", "รหัส", "หน่วยงาน", "คะแนน", "เต็ม", "ร้อยละ")]
        for card in cards:
            rows.append(
                (
                    str(card.rank or "-"),
                    card.agency.code,
                    card.agency.name_th,
                    fmt(card.total_points),
                    fmt(card.max_points),
                    percent_text(card.percent),
                )
            )
        widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            cells = [_pad(cell, widths[i], right=i in (0, 3, 4, 5)) for i, cell in enumerate(row)]
            self.stdout.write("  ".join(cells).rstrip())
        if len(cards) == 1:
            self._detail(cards[0])

    def _detail(self, card):
        self.stdout.write("")
        for element in card.elements:
            indent = "  " * element.depth
            self.stdout.write(f"{indent}องค์ประกอบที่ {element.code} {element.name}: {fmt(element.points)}/{fmt(element.max_points)}")
        for line in card.indicators:
            joint = f" (ตัวชี้วัดร่วม ของ {line.owner})" if line.is_joint else ""
            self.stdout.write(
                f"  {line.number}. {line.name}{joint} [น้ำหนัก {fmt(line.weight)}] ระดับ {fmt(line.level)} "
                f"= {fmt(line.points)} คะแนน ({line.source_label}) — {line.explanation}"
            )
