"""Context builders for the printed results: agency scorecard and the year's ranking report.

Scores come from scoring.services (computed on demand, never stored); this module only
shapes them for templates/pdf/scorecard.html and ranking.html.
"""

from __future__ import annotations

from indicators.documents import fmt_number, printed_on
from indicators.models import FiscalYear
from kpi_portal.lib.numbers import percent_text

from .services import AgencyScorecard, build_ranking, build_scorecards, ranking_seen_by

SCORECARD_TITLE = "ผลการประเมินตัวชี้วัดเจรจาตกลงการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {year}"
RANKING_TITLE = "ผลการจัดอันดับการประเมินผลการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {year}"


def _period(quarter: int | None) -> str:
    return f"ผลการดำเนินงานถึงไตรมาสที่ {quarter} (ผลเบื้องต้น)" if quarter else "ผลการดำเนินงานทั้งปี"


def _source(line) -> str:
    if line.source is None:
        return "ยังไม่มีผล"
    return f"{line.source_label} ไตรมาสที่ {line.quarter}" if line.quarter else line.source_label


def scorecard_sections(card: AgencyScorecard) -> list[dict]:
    return [
        {
            "heading": f"องค์ประกอบที่ {element.code} {element.name}",
            "depth": element.depth,
            "points": fmt_number(element.points),
            "max_points": fmt_number(element.max_points),
            "lines": [
                {
                    "number": line.number,
                    "name": line.name,
                    "joint": line.is_joint,
                    "owner": line.owner,
                    "weight": fmt_number(line.weight),
                    "level": fmt_number(line.level),
                    "points": fmt_number(line.points),
                    "source": _source(line),
                    "audited": line.source == "audit",
                }
                for line in lines
            ],
        }
        for element, lines in card.sections()
    ]


def scorecard_context(*, fiscal_year: FiscalYear, agency, quarter: int | None = None) -> dict:
    card = build_scorecards(fiscal_year=fiscal_year, agencies=[agency], quarter=quarter)[0]
    return {
        "title": SCORECARD_TITLE.format(year=fiscal_year.year_be),
        "fiscal_year": fiscal_year,
        "agency": agency,
        "period": _period(quarter),
        "sections": scorecard_sections(card),
        "total": fmt_number(card.total_points),
        "max_points": fmt_number(card.max_points),
        "percent": percent_text(card.percent),
        "rank": card.rank,
        "printed_on": printed_on(),
    }


def _rows(rows) -> list[dict]:
    return [
        {
            "rank": row.rank,
            "agency": row.scorecard.agency.name_th,
            "points": fmt_number(row.scorecard.total_points),
            "max_points": fmt_number(row.scorecard.max_points),
            "percent": percent_text(row.scorecard.percent),
        }
        for row in rows
    ]


def ranking_context(*, fiscal_year: FiscalYear, quarter: int | None = None, visible: set[int] | None = None) -> dict:
    """The ranking report; `visible` (agency ids) keeps only the rows a user may see, ranks stay city-wide."""
    ranking = build_ranking(fiscal_year=fiscal_year, quarter=quarter)
    shown = ranking_seen_by(ranking, visible)
    return {
        "title": RANKING_TITLE.format(year=fiscal_year.year_be),
        "fiscal_year": fiscal_year,
        "period": _period(quarter),
        "overall": _rows(shown.overall),
        "mission_groups": [{"name": group.name, "rows": _rows(group.rows)} for group in shown.mission_groups],
        "district_groups": [{"name": group.name, "rows": _rows(group.rows)} for group in shown.district_groups],
        "ranked_count": len(ranking.overall),
        "printed_on": printed_on(),
    }
