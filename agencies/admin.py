from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy
from simple_history.admin import SimpleHistoryAdmin

from indicators.admin_columns import be_datetime_column
from indicators.admin_imports import KpiImportExportMixin

from . import admin_accounts  # noqa: F401  (accounts and groups, permissions named in the reader's language)
from .membership import members_in_other_groups, membership_problems
from .models import Agency, DistrictGroup, MissionGroup, Role
from .resources import AgencyResource


@admin.register(DistrictGroup)
class DistrictGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


@admin.register(Agency)
class AgencyAdmin(KpiImportExportMixin, admin.ModelAdmin):
    resource_classes = [AgencyResource]
    template_kind = "agencies"
    list_display = ["code", "abbreviation", "name_th", "name_en", "kind", "district_group", "is_active"]
    list_filter = ["kind", "district_group", "mission_groups__fiscal_year", "mission_groups", "is_active"]
    search_fields = ["code", "abbreviation", "name_th", "name_en"]
    list_select_related = ["district_group"]
    actions = ["print_negotiation_packages"]

    @admin.action(description=gettext_lazy("พิมพ์ชุดเอกสารเจรจาตกลง (PDF) ปีงบประมาณปัจจุบัน"))
    def print_negotiation_packages(self, request, queryset):
        from indicators.admin_documents import print_negotiation_packages

        return print_negotiation_packages(self, request, queryset)


class MissionGroupForm(forms.ModelForm):
    """Refuses, beside the member list, an agency another group of the same year already has."""

    def clean(self):
        data = super().clean()
        year, members = data.get("fiscal_year"), data.get("members")
        clashes = members_in_other_groups(fiscal_year=year, agencies=list(members or []), group=self.instance)
        if clashes:
            self.add_error("members", membership_problems(clashes, year))
        return data


@admin.register(MissionGroup)
class MissionGroupAdmin(SimpleHistoryAdmin):
    form = MissionGroupForm
    list_display = ["__str__", "fiscal_year", "chair_title", "secretariat"]
    list_filter = ["fiscal_year"]
    search_fields = ["name", "chair_title"]
    filter_horizontal = ["members", "district_groups"]
    list_select_related = ["fiscal_year"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["user", "kind", "agency", "mission_group"]
    list_filter = ["kind", "mission_group__fiscal_year"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "agency__name_th", "agency__code"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency", "mission_group__fiscal_year"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "mission_group":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Every year has a "1. กลุ่มภารกิจด้านการแพทย์ …": name the year in each choice, newest year first.
        kwargs["queryset"] = MissionGroup.objects.select_related("fiscal_year").order_by("-fiscal_year__year_be", "number")
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.label_from_instance = lambda group: f"{group.fiscal_year}: {group}"
        return field


# API tokens (issued here for other city systems): DRF's own admin, with the issue date in B.E.
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class ApiTokenAdmin(TokenAdmin):
    created_be = be_datetime_column(TokenProxy, "created")
    list_display = ("key", "user", "created_be")
