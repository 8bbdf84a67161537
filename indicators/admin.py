"""Admin for the strategy office: every framework and indicator record, filterable by year."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kpi_portal.admin_tables import OneQueryInlineMixin
from kpi_portal.forms import BEDateField, BEDateInput, BEYearField

from .admin_columns import be_date_column, be_datetime_column
from .admin_documents import print_indicator_sheets
from .admin_imports import KpiImportExportMixin
from .admin_year_setup import (
    ElementListWarningMixin,
    PrepareYearPermissionMixin,
    YearElementsWarningMixin,
    YearHistoryMixin,
    prepare_next_year,
)
from .resources import CompositionElementResource, IndicatorResource, QuarterlyResultResource
from .rubric_text import level_warning
from .models import (
    AgencyPackage,
    AuditChecklistItem,
    BasketIndicator,
    CommitteeDecision,
    CompositionElement,
    EvidenceFile,
    EvidenceRequirement,
    FiscalYear,
    FocusIssue,
    Indicator,
    IndicatorBaseline,
    IndicatorComment,
    JointParticipant,
    Meeting,
    MilestoneCondition,
    NegotiationStage,
    Project,
    ProjectStep,
    QuarterAudit,
    QuarterlyReport,
    ReportingQuarter,
    RubricLevel,
    Strategy,
)


# Dates are typed and shown in B.E. (วว/ดด/ปปปป), never through Django's C.E. date box and calendar.
BE_DATES = {models.DateField: {"form_class": BEDateField, "widget": BEDateInput}}


class ReportingQuarterInline(admin.TabularInline):
    model = ReportingQuarter
    extra = 0
    formfield_overrides = BE_DATES


class NegotiationStageInline(admin.TabularInline):
    model = NegotiationStage
    extra = 0
    formfield_overrides = BE_DATES


@admin.register(FiscalYear)
class FiscalYearAdmin(PrepareYearPermissionMixin, YearHistoryMixin, YearElementsWarningMixin, SimpleHistoryAdmin):
    list_display = ["year_be", "start_date_be", "end_date_be", "is_current", "interpolate", "below_level_one"]
    inlines = [ReportingQuarterInline, NegotiationStageInline]
    actions = [prepare_next_year]
    formfield_overrides = BE_DATES

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "year_be":  # "2024" is named as a C.E. year, as on the indicator form's baselines
            return BEYearField(label=db_field.verbose_name, help_text=db_field.help_text)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
    start_date_be = be_date_column("start_date", _("วันเริ่มต้น"))
    end_date_be = be_date_column("end_date", _("วันสิ้นสุด"))


@admin.register(CompositionElement)
class CompositionElementAdmin(ElementListWarningMixin, KpiImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [CompositionElementResource]
    template_kind = "elements"
    list_display = ["code", "name", "name_en", "fiscal_year", "weight", "min_indicators", "max_indicators", "applies_to"]
    list_filter = ["fiscal_year", "applies_to", "is_negotiated", "is_joint"]
    search_fields = ["code", "name", "name_en"]
    list_select_related = ["fiscal_year"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "parent":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Every year has an "องค์ประกอบที่ 1": name the year in each choice, newest year first.
        kwargs["queryset"] = CompositionElement.objects.select_related("fiscal_year").order_by(
            "-fiscal_year__year_be", "order", "code"
        )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.label_from_instance = lambda element: f"{element.fiscal_year}: {element}"
        return field


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "name", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


class BasketIndicatorInline(OneQueryInlineMixin, admin.TabularInline):
    model = BasketIndicator
    extra = 0
    autocomplete_fields = ["lead_agency"]
    one_query_fields = ("lead_agency",)


@admin.register(FocusIssue)
class FocusIssueAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "fiscal_year", "strategy"]
    list_filter = ["fiscal_year"]
    search_fields = ["title", "description"]
    filter_horizontal = ["related_agencies"]
    inlines = [BasketIndicatorInline]
    list_select_related = ["fiscal_year", "strategy"]


@admin.register(BasketIndicator)
class BasketIndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "focus_issue", "target", "lead_agency", "is_common_district"]
    list_filter = ["focus_issue__fiscal_year", "is_common_district"]
    search_fields = ["name", "lead_agency__name_th"]
    list_select_related = ["focus_issue", "lead_agency"]


class RubricLevelInline(admin.TabularInline):
    model = RubricLevel
    extra = 0
    max_num = 5
    fields = ["level", "success_percent", "criterion", "threshold", "threshold_exclusive", "text_check"]
    readonly_fields = ["text_check"]

    @admin.display(description=_("ข้อความเกณฑ์เทียบกับค่าเกณฑ์ (ตัวเลข คำเปรียบเทียบ)"))
    def text_check(self, obj):
        """rubric_text's warning when the saved text names another number than the threshold or words another
        comparison than its box (saving is never refused for it)."""
        if obj is None or obj.pk is None:
            return "-"
        return level_warning(obj.level, obj.criterion, obj.threshold, obj.threshold_exclusive) or "-"


class IndicatorBaselineInline(admin.TabularInline):
    model = IndicatorBaseline
    extra = 0


class JointParticipantInline(OneQueryInlineMixin, admin.TabularInline):
    model = JointParticipant
    extra = 0
    autocomplete_fields = ["agency"]
    one_query_fields = ("agency",)  # a joint KPI may list every district office

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency")  # each row is headed by its agency


class MilestoneConditionInline(admin.TabularInline):
    model = MilestoneCondition
    extra = 0


class EvidenceRequirementInline(admin.TabularInline):
    model = EvidenceRequirement
    extra = 0


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0
    show_change_link = True


@admin.register(Indicator)
class IndicatorAdmin(KpiImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [IndicatorResource]
    template_kind = "indicators"
    list_display = ["number", "name", "agency", "fiscal_year", "element", "weight", "target_text", "status"]
    list_filter = [
        "fiscal_year",
        "element__code",
        "status",
        "rubric_kind",
        "agency__kind",
        "agency__mission_groups",
        "agency__district_group",
    ]
    search_fields = ["name", "code", "agency__name_th", "agency__code", "agency__abbreviation"]
    autocomplete_fields = ["agency", "copied_from", "replaces", "basket_indicator"]
    raw_id_fields = ["responsible_users"]
    list_select_related = ["agency", "fiscal_year", "element"]
    readonly_fields = ["score_points"]
    actions = [print_indicator_sheets]
    inlines = [
        IndicatorBaselineInline,
        RubricLevelInline,
        MilestoneConditionInline,
        JointParticipantInline,
        EvidenceRequirementInline,
        ProjectInline,
    ]

    @admin.display(description=_("คะแนนที่ได้ (ผลล่าสุด)"))
    def score_points(self, obj):
        """Level and points from the latest audited or reported result (scoring service)."""
        from scoring.rules import fmt
        from scoring.services import indicator_score

        if obj.pk is None:
            return "-"
        score = indicator_score(indicator=obj)
        if score is None:
            return gettext("ยังไม่มีผล")
        return gettext("%(points)s / %(weight)s คะแนน (ระดับ %(level)s) — %(explanation)s") % {
            "points": fmt(score.points), "weight": fmt(obj.weight), "level": fmt(score.level), "explanation": score.explanation
        }


class ProjectStepInline(admin.TabularInline):
    model = ProjectStep
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "indicator", "budget", "budget_source", "responsible_division"]
    ordering = ["indicator", "order"]  # by year, agency and number (see indicators.models)
    list_filter = ["indicator__fiscal_year", "budget_source"]
    search_fields = ["name", "indicator__name"]
    inlines = [ProjectStepInline]
    raw_id_fields = ["indicator"]
    list_select_related = ["indicator"]


class EvidenceFileInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    fields = ["file", "original_name", "content_type", "size", "description", "uploaded_by", "uploaded_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(KpiImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [QuarterlyResultResource]
    template_kind = "results"
    list_display = [
        "indicator",
        "quarter",
        "progress_percent",
        "measured_value",
        "level_reached",
        "status",
        "is_late",
        "submitted_at_be",
    ]
    submitted_at_be = be_datetime_column(QuarterlyReport, "submitted_at")
    ordering = ["indicator", "quarter"]  # by year, agency and number (see indicators.models)
    list_filter = ["indicator__fiscal_year", "quarter", "status", "is_late", "indicator__agency__mission_groups"]
    search_fields = ["indicator__name", "indicator__agency__name_th", "narrative"]
    raw_id_fields = ["indicator", "submitted_by", "updated_by"]
    list_select_related = ["indicator"]
    inlines = [EvidenceFileInline]


class AuditChecklistItemInline(OneQueryInlineMixin, admin.TabularInline):
    model = AuditChecklistItem
    extra = 0
    raw_id_fields = ["requirement"]
    one_query_fields = ("requirement",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requirement")  # each row is headed by its item


@admin.register(QuarterAudit)
class QuarterAuditAdmin(SimpleHistoryAdmin):
    list_display = [
        "indicator",
        "quarter",
        "status",
        "verified_progress_percent",
        "verified_level",
        "auditor",
        "audited_at_be",
    ]
    audited_at_be = be_datetime_column(QuarterAudit, "audited_at")
    ordering = ["indicator", "quarter"]  # by year, agency and number (see indicators.models)
    list_filter = ["indicator__fiscal_year", "quarter", "status"]
    search_fields = ["indicator__name", "indicator__agency__name_th", "comment"]
    raw_id_fields = ["indicator", "report", "auditor"]
    list_select_related = ["indicator", "auditor"]
    inlines = [AuditChecklistItemInline]


@admin.register(AgencyPackage)
class AgencyPackageAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "fiscal_year", "status", "submitted_at_be", "approved_at_be"]
    submitted_at_be = be_datetime_column(AgencyPackage, "submitted_at")
    approved_at_be = be_datetime_column(AgencyPackage, "approved_at")
    list_filter = ["fiscal_year", "status", "agency__kind", "agency__mission_groups"]
    search_fields = ["agency__name_th", "agency__code"]
    raw_id_fields = ["submitted_by"]
    list_select_related = ["agency", "fiscal_year"]


@admin.register(IndicatorComment)
class IndicatorCommentAdmin(admin.ModelAdmin):
    list_display = ["indicator", "author", "created_at_be", "resolved"]
    created_at_be = be_datetime_column(IndicatorComment, "created_at")
    ordering = ["indicator", "created_at"]  # by year, agency and number (see indicators.models)
    list_filter = ["indicator__fiscal_year", "resolved"]
    raw_id_fields = ["indicator", "author"]
    list_select_related = ["indicator", "author"]


@admin.register(CommitteeDecision)
class CommitteeDecisionAdmin(admin.ModelAdmin):
    list_display = ["package", "indicator", "action", "from_status", "to_status", "actor", "created_at_be"]
    created_at_be = be_datetime_column(CommitteeDecision, "created_at")
    ordering = ["package", "created_at"]  # by year and agency (see indicators.models)
    list_filter = ["package__fiscal_year", "action"]
    raw_id_fields = ["package", "indicator", "actor", "meeting"]
    list_select_related = ["package__agency", "package__fiscal_year", "indicator", "actor"]

    def has_change_permission(self, request, obj=None):
        # Decisions are a record: they are never edited after the fact.
        return False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "held_on_be", "fiscal_year", "mission_group"]
    formfield_overrides = BE_DATES
    held_on_be = be_date_column("held_on", _("วันที่ประชุม"))
    list_filter = ["fiscal_year", "mission_group"]
    search_fields = ["title", "resolutions"]
    raw_id_fields = ["recorded_by"]
    filter_horizontal = ["agencies"]
    list_select_related = ["fiscal_year", "mission_group"]
