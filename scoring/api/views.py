"""Scorecards and rankings, computed by scoring.services and cut to what the caller may see.

Ranks are city-wide (as on the web pages); a user receives the rows of agencies in
agencies.permissions.visible_agencies, and one agency's scorecard via agency_for_user (404 otherwise).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from agencies.permissions import agency_for_user, agency_in_year, visible_agencies
from indicators.models import FiscalYear
from scoring.services import build_ranking, build_scorecards, ranking_seen_by

from .serializers import RankingSerializer, ScorecardSerializer, ScoreQuery

YEAR = OpenApiParameter(
    "year", {"type": "integer", "minimum": 2400, "maximum": 2800}, OpenApiParameter.PATH, description="ปีงบประมาณ พ.ศ."
)
QUARTER = OpenApiParameter("quarter", OpenApiTypes.INT, enum=[1, 2, 3, 4], description="ผลชั่วคราวถึงไตรมาสนี้")
CODE = OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="รหัสหน่วยงาน")


def _quarter(request):
    query = ScoreQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("quarter")


class ScorecardViewSet(viewsets.ViewSet):
    """แบบสรุปผลคะแนนของหน่วยงาน: per indicator level and points, element subtotals and total."""

    @extend_schema(
        summary="แบบสรุปผลคะแนนของหน่วยงานที่ผู้ใช้มองเห็น",
        parameters=[YEAR, QUARTER],
        responses={200: ScorecardSerializer(many=True)},
    )
    def list(self, request, year=None):
        fiscal_year = get_object_or_404(FiscalYear, year_be=year)
        cards = build_scorecards(
            fiscal_year=fiscal_year, agencies=list(visible_agencies(request.user, fiscal_year)), quarter=_quarter(request)
        )
        return Response(ScorecardSerializer(cards, many=True).data)

    @extend_schema(
        summary="แบบสรุปผลคะแนนของหน่วยงานหนึ่งแห่ง",
        parameters=[YEAR, CODE, QUARTER],
        responses={200: ScorecardSerializer},
    )
    def retrieve(self, request, year=None, code=None):
        agency = agency_for_user(request.user, code)
        fiscal_year = get_object_or_404(FiscalYear, year_be=year)
        agency_in_year(request.user, agency, fiscal_year)
        (card,) = build_scorecards(fiscal_year=fiscal_year, agencies=[agency], quarter=_quarter(request))
        return Response(ScorecardSerializer(card).data)


class RankingViewSet(viewsets.ViewSet):
    """การจัดอันดับหน่วยงาน: overall, per mission group and per district group."""

    @extend_schema(
        summary="การจัดอันดับทั้งเมือง ตามกลุ่มภารกิจ และตามกลุ่มเขต",
        parameters=[YEAR, QUARTER],
        responses={200: RankingSerializer},
    )
    def retrieve(self, request, year=None):
        fiscal_year = get_object_or_404(FiscalYear, year_be=year)
        ranking = build_ranking(fiscal_year=fiscal_year, quarter=_quarter(request))
        shown = ranking_seen_by(ranking, set(visible_agencies(request.user, fiscal_year).values_list("pk", flat=True)))
        payload = {
            "fiscal_year": fiscal_year,
            "quarter": ranking.quarter,
            "ranked_count": len(ranking.overall),
            "overall": shown.overall,
            "mission_groups": shown.mission_groups,
            "district_groups": shown.district_groups,
        }
        return Response(RankingSerializer(payload).data)
