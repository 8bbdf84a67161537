"""The fiscal year admin's “prepare the next year” action: a Thai confirmation page listing what
will be created, then indicators.services.year_setup does it (for สยป. and superusers only);
the year's history page, which also lists its quarters' and calendar's changes; and the warnings
about element set-ups no package can pass (selectors.framework.element_warnings), where the year's
elements are set up."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.permissions import can_prepare_fiscal_year
from indicators.models import FiscalYear
from indicators.selectors.framework import year_element_warnings
from indicators.selectors.history import fiscal_year_calendar_history
from indicators.selectors.year_setup import next_year_plan
from indicators.services.year_setup import YearSetupRefused, prepare_next_fiscal_year
from kpi_portal.lib.numbers import is_whole_number

CONFIRMED = "confirmed"


class PrepareYearPermissionMixin:
    """The action's permission: สยป. or a superuser (agencies.permissions), who may also add years here."""

    def has_prepare_year_permission(self, request):
        return can_prepare_fiscal_year(request.user) and self.has_add_permission(request)


class YearHistoryMixin:
    """The year's history page, with who changed its quarters and calendar (edited inline, in the
    year's page, so they have no history button of their own)."""

    object_history_template = "admin/indicators/fiscalyear/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        year = FiscalYear.objects.filter(pk=object_id).first()
        calendar = fiscal_year_calendar_history(year) if year else []
        return super().history_view(request, object_id, {**(extra_context or {}), "calendar_history": calendar})


def warn_element_set_up(modeladmin, request, fiscal_year_id=None) -> None:
    """No package can pass its checks while sub-elements leave their parent short (or a negotiated parent
    has no negotiated sub-element), yet each row's save is fine on its own (sub-elements are added one at
    a time): say so on each visit, until it is fixed."""
    for warning in year_element_warnings(fiscal_year_id):
        modeladmin.message_user(request, warning, messages.WARNING)


class YearElementsWarningMixin:
    """The year's page warns about its elements' set-up (selectors.framework.element_warnings)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and is_whole_number(str(object_id)):
            warn_element_set_up(self, request, int(object_id))
        return super().change_view(request, object_id, form_url, extra_context)


class ElementListWarningMixin:
    """The elements' list warns about the set-up of the year it is filtered by, or of every year."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":
            year = request.GET.get("fiscal_year__id__exact", "")
            warn_element_set_up(self, request, int(year) if is_whole_number(year) else None)
        return super().changelist_view(request, extra_context)


@admin.action(permissions=["prepare_year"], description=gettext_lazy("เตรียมปีงบประมาณถัดไปจากปีที่เลือก"))
def prepare_next_year(modeladmin, request, queryset):
    years = list(queryset[:2])
    if len(years) != 1:
        modeladmin.message_user(request, _("เลือกปีงบประมาณต้นทางเพียงปีเดียว"), messages.WARNING)
        return None
    source = years[0]
    if request.POST.get(CONFIRMED):
        try:
            plan = prepare_next_fiscal_year(actor=request.user, source=source)
        except YearSetupRefused as refused:
            modeladmin.message_user(request, str(refused), messages.ERROR)
            return None
        created = sum(len(part.rows) for part in plan.parts)
        modeladmin.message_user(
            request,
            _("เตรียมปีงบประมาณ พ.ศ. %(year)s จากปี พ.ศ. %(source)s แล้ว: สร้าง %(n)s รายการ") % {
                "year": plan.target_year_be, "source": source.year_be, "n": created
            },
            messages.SUCCESS,
        )
        if plan.quarters_warning:
            modeladmin.message_user(request, plan.quarters_warning, messages.WARNING)
        if plan.element_warnings:  # the copies carry them: as the new year's page says them
            warn_element_set_up(modeladmin, request, plan.target.pk)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("เตรียมปีงบประมาณ พ.ศ. %(year)s") % {"year": source.year_be + 1},
        "opts": modeladmin.model._meta,
        "plan": next_year_plan(source),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "confirmed_name": CONFIRMED,
    }
    return TemplateResponse(request, "admin/indicators/fiscalyear/prepare_next_year.html", context)
