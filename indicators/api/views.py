"""The API of the framework, indicators, packages, quarterly reports and audits.

Reads are scoped by agencies.permissions (visible_indicators / indicator_for_user / visible_agencies /
agency_for_user), the same functions the web pages use; what a user may not see is a 404. Writes
call the same services as the web pages (indicators.services.negotiation, .drafting and .reporting), which
hold every rule; the views only translate JSON to service arguments and service errors to HTTP.
"""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from agencies.models import Agency
from agencies.permissions import (
    agency_for_user,
    agency_in_year,
    indicator_for_user,
    visible_indicators,
    visible_packages,
)
from indicators.models import (
    AgencyPackage,
    CompositionElement,
    FiscalYear,
    Indicator,
    QuarterAudit,
    QuarterlyReport,
)
from indicators.selectors.negotiation import package_of
from indicators.services import auditing, drafting, negotiation, reporting
from kpi_portal.api_schema import summaries

from .errors import AUDITED_REPORT_STALE, service_errors
from .filters import (
    AgencyPackageFilter,
    CompositionElementFilter,
    FiscalYearFilter,
    IndicatorFilter,
    QuarterAuditFilter,
    QuarterlyReportFilter,
)
from .inputs import (
    AuditInputSerializer,
    IndicatorCreateInput,
    IndicatorUpdateInput,
    ReopenInput,
    ReportInputSerializer,
    TransitionInput,
)
from .serializers import (
    AgencyPackageSerializer,
    CompositionElementSerializer,
    FiscalYearSerializer,
    IndicatorSerializer,
    QuarterAuditSerializer,
    QuarterlyReportSerializer,
)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@summaries(list="ปีงบประมาณทั้งหมด", retrieve="ปีงบประมาณหนึ่งปี (พ.ศ.)")
class FiscalYearViewSet(viewsets.ReadOnlyModelViewSet):
    """ปีงบประมาณ with its quarters and scoring policy (reference data)."""

    queryset = FiscalYear.objects.prefetch_related("quarters").order_by("-year_be")
    serializer_class = FiscalYearSerializer
    lookup_field = "year_be"
    lookup_value_regex = "[0-9]{4}"
    filterset_class = FiscalYearFilter


@summaries(list="องค์ประกอบการประเมินของแต่ละปี", retrieve="องค์ประกอบหนึ่งรายการ")
class CompositionElementViewSet(viewsets.ReadOnlyModelViewSet):
    """องค์ประกอบ of each year's framework (reference data)."""

    queryset = CompositionElement.objects.select_related("fiscal_year", "parent", "evaluated_by").order_by(
        "fiscal_year__year_be", "order", "code"
    )
    serializer_class = CompositionElementSerializer
    lookup_value_regex = "[0-9]{1,9}"  # a longer number is a 404 from the URL, not a driver overflow
    filterset_class = CompositionElementFilter


INDICATOR_TABLES = ("rubric_levels", "baselines", "participants__agency", "conditions", "evidence_requirements")


@summaries(list="ตัวชี้วัดที่ผู้ใช้มองเห็น", retrieve="ตัวชี้วัดหนึ่งตัว พร้อมเกณฑ์ระดับ ค่าฐาน ผู้ร่วม และหลักฐาน")
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """ตัวชี้วัด with rubric levels, baselines, participants, milestone conditions and evidence items.

    POST drafts a new indicator in the agency's package and PUT saves the whole form, through
    indicators.services.drafting (agency staff while the package is a draft or sent back; the
    strategy office amends approved packages with a reason). A stale `expected_version` is a 409.
    """

    queryset = Indicator.objects.none()
    serializer_class = IndicatorSerializer
    lookup_value_regex = "[0-9]{1,9}"
    filterset_class = IndicatorFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return (
            visible_indicators(self.request.user)
            .select_related("fiscal_year", "agency", "element")
            .prefetch_related(*INDICATOR_TABLES)
            .order_by("fiscal_year__year_be", "agency__code", "number")
        )

    def get_object(self):
        indicator = indicator_for_user(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, indicator)
        return indicator

    def retrieve(self, request, *args, **kwargs):
        indicator = self.get_object()
        prefetch_related_objects([indicator], *INDICATOR_TABLES)  # as the list reads them: not a query per partner
        return Response(self.get_serializer(indicator).data)

    @extend_schema(
        summary="ร่างตัวชี้วัดใหม่ในชุดของหน่วยงาน",
        description=(
            "เจ้าหน้าที่หน่วยงานร่างได้เมื่อชุดตัวชี้วัดเป็นร่างหรือถูกส่งกลับ "
            "สยป. เพิ่มตัวชี้วัดในชุดที่อนุมัติแล้วได้โดยระบุ amendment_reason"
        ),
        request=IndicatorCreateInput,
        responses={201: IndicatorSerializer},
    )
    def create(self, request):
        data = _valid(IndicatorCreateInput, request)
        agency = agency_for_user(request.user, data.pop("agency"))
        fiscal_year = _fiscal_year(data.pop("fiscal_year"))
        agency_in_year(request.user, agency, fiscal_year)
        reason = data.pop("amendment_reason")
        fields, children = _indicator_payload(data, fiscal_year)
        # As it stands, unsaved if new: the service creates it only once the write is allowed.
        package = package_of(agency=agency, fiscal_year=fiscal_year)
        with service_errors(TABLE_FIELDS):
            indicator = drafting.indicator_create(
                actor=request.user, package=package, data=fields, children=children, amendment_reason=reason
            )
        return Response(IndicatorSerializer(self.get_queryset().get(pk=indicator.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="บันทึกตัวชี้วัดทั้งแบบฟอร์ม",
        description=(
            "ส่งทั้งแบบฟอร์ม ตารางที่ส่งมา (เกณฑ์ระดับ ค่าฐาน ผู้ร่วม เงื่อนไข หลักฐาน) แทนที่ของเดิม "
            "ตารางที่ไม่ได้ส่งมาคงไว้ตามเดิม (ส่ง [] เพื่อล้างตาราง) "
            "expected_version ต้องเป็น version ที่อ่านมา มิฉะนั้นได้ 409 (มีผู้บันทึกไปก่อน)"
        ),
        request=IndicatorUpdateInput,
        responses={200: IndicatorSerializer},
    )
    def update(self, request, pk=None):
        indicator = self.get_object()
        data = _valid(IndicatorUpdateInput, request)
        expected_version, reason = data.pop("expected_version"), data.pop("amendment_reason")
        fields, children = _indicator_payload(data, indicator.fiscal_year, saved=drafting.indicator_children(indicator))
        with service_errors(TABLE_FIELDS):
            drafting.indicator_update(
                actor=request.user,
                indicator=indicator,
                expected_version=expected_version,
                data=fields,
                children=children,
                amendment_reason=reason,
            )
        return Response(IndicatorSerializer(self.get_queryset().get(pk=indicator.pk)).data)


def _fiscal_year(year_be: int) -> FiscalYear:
    """The year a new indicator is drafted in: one the body names that does not exist is a 400 beside the field
    (years are reference data anyone may list, so there is nothing to hide behind a 404)."""
    fiscal_year = FiscalYear.objects.filter(year_be=year_be).first()
    if fiscal_year is None:
        raise ValidationError({"fiscal_year": [_("ไม่พบปีงบประมาณ พ.ศ. %(year)s") % {"year": year_be}]})
    return fiscal_year


# The drafting service names the indicator's tables as the web form does; the API as its JSON fields.
TABLE_FIELDS = {"levels": "rubric_levels", "evidence": "evidence_requirements"}


def _indicator_payload(
    data: dict, fiscal_year, saved: drafting.IndicatorChildren | None = None
) -> tuple[dict, drafting.IndicatorChildren]:
    """Turn codes into rows of the year (element, participant agencies) and split off the tables; a table
    the body leaves out is the `saved` one (an update keeps it, a new indicator has none)."""
    saved = saved or drafting.IndicatorChildren()
    element = CompositionElement.objects.filter(fiscal_year=fiscal_year, code=data["element"]).first()
    if element is None:
        raise ValidationError(
            {
                "element": [
                    _("ไม่พบองค์ประกอบ “%(code)s” ในปีงบประมาณ %(year)s")
                    % {"code": data["element"], "year": fiscal_year.year_be}
                ]
            }
        )
    data["element"] = element
    rows = data.pop("participants", None)
    participants = saved.participants if rows is None else _participants(rows)

    def table(field, kept):
        rows = data.pop(field, None)
        return kept if rows is None else [dict(row) for row in rows]

    children = drafting.IndicatorChildren(
        levels=table("rubric_levels", saved.levels),
        baselines=table("baselines", saved.baselines),
        participants=participants,
        conditions=table("conditions", saved.conditions),
        evidence=table("evidence_requirements", saved.evidence),
    )
    return data, children


def _participants(rows: list) -> list[dict]:
    # Active agencies only, as the web form offers.
    agencies = Agency.objects.filter(is_active=True).in_bulk([row["agency"] for row in rows], field_name="code")
    participants = []
    for row in rows:
        if row["agency"] not in agencies:
            raise ValidationError({"participants": [_("ไม่พบรหัสหน่วยงาน “%(code)s”") % {"code": row["agency"]}]})
        participants.append({**row, "agency": agencies[row["agency"]]})
    return participants


@summaries(list="ชุดตัวชี้วัดของหน่วยงานที่ผู้ใช้มองเห็น", retrieve="ชุดตัวชี้วัดหนึ่งชุด")
class AgencyPackageViewSet(viewsets.ReadOnlyModelViewSet):
    """ชุดตัวชี้วัดของหน่วยงาน per year; `transition` moves it along the negotiation state machine."""

    queryset = AgencyPackage.objects.none()
    serializer_class = AgencyPackageSerializer
    lookup_value_regex = "[0-9]{1,9}"
    filterset_class = AgencyPackageFilter

    def get_queryset(self):
        return (
            visible_packages(self.request.user)
            .select_related("fiscal_year", "agency")
            .order_by("fiscal_year__year_be", "agency__code")
        )

    @extend_schema(
        summary="เปลี่ยนสถานะชุดตัวชี้วัด (ส่ง ส่งกลับ เห็นชอบ อนุมัติ ...)",
        description=(
            "action ที่ทำได้ขึ้นกับสถานะของชุดและบทบาทของผู้ใช้ "
            "สถานะไม่อนุญาตได้ 409 ชุดที่ยังส่งไม่ได้ได้ 400 พร้อม problems"
        ),
        request=TransitionInput,
        responses={200: AgencyPackageSerializer},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None, format=None):  # format: the router's .json suffix
        package = self.get_object()
        data = _valid(TransitionInput, request)
        comments = {row["indicator"]: row["body"] for row in data["comments"]}
        with service_errors():
            package = negotiation.package_transition(
                actor=request.user,
                package=package,
                action=data["action"],
                reason=data["reason"],
                comments=comments,
                expected_version=data["expected_version"],
            )
        return Response(AgencyPackageSerializer(package).data)


@summaries(list="รายงานผลรายไตรมาสที่ผู้ใช้มองเห็น", retrieve="รายงานผลหนึ่งไตรมาส")
class QuarterlyReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """รายงานผลรายไตรมาส of indicators the caller may see.

    POST saves the agency's figures for one indicator and quarter (and submits them with
    `submit: true`) through indicators.services.reporting.report_save.
    """

    queryset = QuarterlyReport.objects.none()
    serializer_class = QuarterlyReportSerializer
    lookup_value_regex = "[0-9]{1,9}"
    filterset_class = QuarterlyReportFilter

    def get_queryset(self):
        return (
            QuarterlyReport.objects.filter(indicator__in=visible_indicators(self.request.user))
            .select_related("indicator__fiscal_year", "indicator__agency")
            .order_by("indicator__fiscal_year__year_be", "indicator__agency__code", "indicator__number", "quarter")
        )

    @extend_schema(
        summary="บันทึก (และส่ง) รายงานผลหนึ่งไตรมาส",
        description=(
            "บันทึกผลของหน่วยงานสำหรับตัวชี้วัดและไตรมาสหนึ่ง submit: true เพื่อส่ง "
            "expected_version เป็น 0 สำหรับรายงานใหม่ หรือ version ที่อ่านมา มิฉะนั้นได้ 409"
        ),
        request=ReportInputSerializer,
        responses={200: QuarterlyReportSerializer},
    )
    def create(self, request):
        data = _valid(ReportInputSerializer, request)
        indicator = indicator_for_user(request.user, data["indicator"])
        figures = reporting.ReportInput(
            progress_percent=data.get("progress_percent"),
            measured_value=data.get("measured_value"),
            level_reached=data.get("level_reached"),
            narrative=data["narrative"],
        )
        with service_errors():
            report = reporting.report_save(
                indicator=indicator,
                quarter=data["quarter"],
                user=request.user,
                data=figures,
                expected_version=data["expected_version"],
                submit=data["submit"],
            )
        return Response(QuarterlyReportSerializer(report).data)

    @extend_schema(
        summary="เปิดรายงานที่ส่งแล้วให้แก้ไขใหม่",
        description="สยป. เท่านั้น เหตุผล (reason) จะบันทึกไว้ในประวัติของรายงาน",
        request=ReopenInput,
        responses={200: QuarterlyReportSerializer},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None, format=None):  # format: the router's .json suffix
        report = self.get_object()
        data = _valid(ReopenInput, request)
        with service_errors():
            report = auditing.report_reopen(
                report=report, user=request.user, reason=data["reason"], expected_version=data["expected_version"]
            )
        return Response(QuarterlyReportSerializer(report).data)


@summaries(list="ผลการตรวจประเมินของ สยป. ที่ผู้ใช้มองเห็น", retrieve="ผลการตรวจประเมินหนึ่งไตรมาส")
class QuarterAuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """สยป. ตรวจประเมิน: audited results of indicators the caller may see; POST records an audit (สยป. only)."""

    queryset = QuarterAudit.objects.none()
    serializer_class = QuarterAuditSerializer
    lookup_value_regex = "[0-9]{1,9}"
    filterset_class = QuarterAuditFilter

    def get_queryset(self):
        return (
            QuarterAudit.objects.filter(indicator__in=visible_indicators(self.request.user))
            .select_related("indicator__fiscal_year", "indicator__agency")
            .order_by("indicator__fiscal_year__year_be", "indicator__agency__code", "indicator__number", "quarter")
        )

    @extend_schema(
        summary="บันทึกผลการตรวจประเมิน (สยป.)",
        description=(
            "สยป. เท่านั้น ยอมรับ ปรับผล (ระบุผลที่ตรวจแล้ว) หรือส่งกลับให้แก้ไข "
            "expected_version เป็น 0 สำหรับการตรวจครั้งแรก มิฉะนั้นได้ 409 "
            "ส่ง expected_report_version (version ของรายงานที่อ่านมาตรวจ) เพื่อไม่ให้ผลการตรวจไปตัดสินรายงาน"
            "ที่ถูกเปิดให้แก้ไขแล้วส่งใหม่หลังจากที่อ่าน: ถ้ารายงานเปลี่ยนไปแล้วได้ 409"
        ),
        request=AuditInputSerializer,
        responses={200: QuarterAuditSerializer},
    )
    def create(self, request):
        data = _valid(AuditInputSerializer, request)
        indicator = indicator_for_user(request.user, data["indicator"])
        audit_input = auditing.AuditInput(
            status=data["status"],
            verified_progress_percent=data.get("verified_progress_percent"),
            verified_value=data.get("verified_value"),
            verified_level=data.get("verified_level"),
            comment=data["comment"],
            present_requirement_ids=frozenset(data["present_requirement_ids"]),
            confirm_without_evidence=data["confirm_without_evidence"],
        )
        with service_errors(stale={reporting.StaleReportError: AUDITED_REPORT_STALE}):
            audit = auditing.audit_save(
                indicator=indicator,
                quarter=data["quarter"],
                user=request.user,
                data=audit_input,
                expected_version=data["expected_version"],
                expected_report_version=data["expected_report_version"],
            )
        return Response(QuarterAuditSerializer(audit).data)
