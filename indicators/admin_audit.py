"""Approved indicators in the admin: read-only unless superuser, and a superuser's edit carries a reason.

An approved indicator (and its rubric, baselines, conditions, partners, evidence list and
projects) is the signed agreement; changing it is an amendment. `lock_approved_indicators`
runs from IndicatorsConfig.ready(), after every admin module is loaded, and re-registers
whatever Indicator admin is in place with these checks added, so the admin classes other
parts of the project declare stay as they are.
"""

from django import forms
from django.contrib import admin

from .models import Indicator, IndicatorStatus


def approved_and_locked(request, indicator) -> bool:
    """True when this user must not change this indicator here: it is approved and they are not a superuser."""
    if indicator is None or request.user.is_superuser:
        return False
    return Indicator.objects.filter(pk=indicator.pk, status=IndicatorStatus.APPROVED).exists()


class ApprovedLockInlineMixin:
    """Rows of an approved indicator are read-only for everyone but a superuser."""

    def has_add_permission(self, request, obj=None):
        return not approved_and_locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not approved_and_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not approved_and_locked(request, obj) and super().has_delete_permission(request, obj)


def change_reason_form(base):
    """The admin's indicator form plus a reason, required when the indicator is already approved."""

    class IndicatorChangeReasonForm(base):
        change_reason = forms.CharField(
            label="เหตุผลการแก้ไข (บันทึกในประวัติ)",
            max_length=100,
            required=False,
            help_text="จำเป็นเมื่อแก้ไขตัวชี้วัดที่อนุมัติแล้ว",
        )

        def clean(self):
            cleaned = super().clean()
            was_approved = (
                self.instance.pk is not None
                and Indicator.objects.filter(pk=self.instance.pk, status=IndicatorStatus.APPROVED).exists()
            )
            if was_approved and not cleaned.get("change_reason"):
                self.add_error("change_reason", "ตัวชี้วัดนี้อนุมัติแล้ว กรุณาระบุเหตุผลการแก้ไขเพื่อบันทึกในประวัติ")
            return cleaned

    return IndicatorChangeReasonForm


class ApprovedLockAdminMixin:
    def has_change_permission(self, request, obj=None):
        return not approved_and_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not approved_and_locked(request, obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason") or None
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason") or None
        for inline_form in formset.forms:
            inline_form.instance._change_reason = reason
        super().save_formset(request, form, formset, change)


def lock_approved_indicators(site=admin.site) -> None:
    if not site.is_registered(Indicator):
        return
    current = type(site._registry[Indicator])
    if issubclass(current, ApprovedLockAdminMixin):
        return
    attrs = {
        "__module__": __name__,
        "form": change_reason_form(current.form),
        "inlines": [
            inline if issubclass(inline, ApprovedLockInlineMixin)
            else type(inline.__name__, (ApprovedLockInlineMixin, inline), {"__module__": __name__})
            for inline in current.inlines
        ],
    }
    site.unregister(Indicator)
    site.register(Indicator, type(current.__name__, (ApprovedLockAdminMixin, current), attrs))
