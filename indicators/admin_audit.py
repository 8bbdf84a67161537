"""Approved indicators in the admin: changed only as an amendment, by whoever may amend on the site.

An approved indicator (and its rubric, baselines, conditions, partners, evidence list and
projects) is the signed agreement; changing it is an amendment. The admin asks the same
permission function as the site's indicator form (agencies.permissions.can_amend) and saves
through the same service (indicators.services.drafting.indicator_update), so an amendment made
here is recorded as an "amend" decision (who, why) in the history the negotiation pages show.
The amendment covers what the site's form covers: the indicator's own fields and its five
tables; the rest of an approved indicator (agency, year, status, projects …) is read-only here.

`lock_approved_indicators` runs from IndicatorsConfig.ready(), after every admin module is
loaded, and re-registers whatever Indicator admin is in place with these checks added, so the
admin classes other parts of the project declare stay as they are.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies import permissions

from .models import Indicator, IndicatorStatus
from .selectors.negotiation import element_choices, package_of
from .services import drafting
from .services.negotiation import StaleVersion, TransitionError

LOCKED_MESSAGE = gettext_lazy(
    "ตัวชี้วัดนี้อนุมัติแล้ว การแก้ไขหลังอนุมัติทำได้เฉพาะ สยป. โดยระบุเหตุผล ซึ่งจะบันทึกในประวัติการเจรจา "
    "ท่านจึงดูข้อมูลได้อย่างเดียว"
)


def _asked_once(request, question: str, indicator, answer) -> bool:
    """The admin asks its permission questions for every inline and every row: answered once per request."""
    answers = request.__dict__.setdefault("_indicator_lock_answers", {})
    key = (question, indicator.pk)
    if key not in answers:
        answers[key] = answer()
    return answers[key]


def is_approved(request, indicator) -> bool:
    """Approved as saved (not as a form being posted may have set it)."""
    if indicator is None or indicator.pk is None:
        return False
    return _asked_once(
        request, "approved", indicator,
        lambda: Indicator.objects.filter(pk=indicator.pk, status=IndicatorStatus.APPROVED).exists(),
    )


def may_amend(request, indicator) -> bool:
    def answer():
        package = package_of(agency=indicator.agency, fiscal_year=indicator.fiscal_year)
        return permissions.can_amend(request.user, package)

    return _asked_once(request, "may_amend", indicator, answer)


def approved_and_locked(request, indicator) -> bool:
    """True when this user must not change this indicator here: it is approved and they may not amend it."""
    return is_approved(request, indicator) and not may_amend(request, indicator)


def children_from_inlines(indicator, formsets) -> drafting.IndicatorChildren:
    """The indicator's tables as the admin's inlines hold them; a table without an inline stays as saved."""
    children = drafting.indicator_children(indicator)
    table_of = {model: name for name, (model, _columns) in drafting.CHILD_TABLES.items()}
    for formset in formsets:
        name = table_of.get(formset.model)
        if name is None:
            continue
        columns = drafting.CHILD_TABLES[name][1]
        rows = [
            {column: form.cleaned_data[column] for column in columns if column in form.cleaned_data}
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        setattr(children, name, rows)
    return children


def amendment_form(base):
    """The admin's indicator form for an amendment: the reason the site's form asks for, and the version
    the form was opened at (a save over someone else's later one is refused, as on the site)."""

    class IndicatorAmendmentForm(base):
        amendment_reason = forms.CharField(
            label=gettext_lazy("เหตุผลการแก้ไขหลังอนุมัติ"),
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=gettext_lazy("บันทึกในประวัติการเจรจาของตัวชี้วัดพร้อมชื่อผู้แก้ไข"),
            error_messages={"required": gettext_lazy("การแก้ไขหลังอนุมัติต้องระบุเหตุผล")},
        )
        expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            indicator = self.instance
            self.fields["expected_version"].initial = indicator.version
            if "element" in self.fields:
                self.fields["element"].queryset = element_choices(
                    fiscal_year=indicator.fiscal_year, agency=indicator.agency, current=indicator.element_id
                )

    return IndicatorAmendmentForm


def is_amendment(form) -> bool:
    return "amendment_reason" in form.fields


class AmendmentRefused(Exception):
    """The drafting service refused an amendment the form had accepted (a later save, a lost right)."""


class ApprovedLockInlineMixin:
    """Rows of an approved indicator are read-only, but for an amender in the tables an amendment covers."""

    def _locked(self, request, obj) -> bool:
        if not is_approved(request, obj):
            return False
        amendable = any(self.model is model for model, _columns in drafting.CHILD_TABLES.values())
        return not amendable or not may_amend(request, obj)

    def has_add_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(request, obj) and super().has_delete_permission(request, obj)


class ApprovedLockAdminMixin:
    def has_change_permission(self, request, obj=None):
        return not approved_and_locked(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # An approved indicator is never deleted: the committee replaces it instead.
        return not is_approved(request, obj) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if is_approved(request, obj):
            model_fields = [*Indicator._meta.concrete_fields, *Indicator._meta.many_to_many]
            fields += [
                f.name for f in model_fields
                if f.editable and f.name not in drafting.INDICATOR_FIELDS and f.name not in fields
            ]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if is_approved(request, obj) and may_amend(request, obj):
            kwargs["form"] = amendment_form(self.form)
        return super().get_form(request, obj, change=change, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and approved_and_locked(request, obj):
            if request.method == "POST":  # refused: back to the read-only page, which says why
                return HttpResponseRedirect(request.get_full_path())
            self.message_user(request, LOCKED_MESSAGE, messages.WARNING)
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except AmendmentRefused as refused:  # nothing was saved: the admin's transaction rolled back
            self.message_user(request, str(refused), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if is_amendment(form):
            return  # saved with its tables by save_related, through the drafting service
        super().save_model(request, obj, form, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if is_amendment(form):
            # The tables were saved by the service, not by the formsets: the decision records the amendment.
            formsets = []
        return super().construct_change_message(request, form, formsets, add)

    def save_related(self, request, form, formsets, change):
        if not is_amendment(form):
            return super().save_related(request, form, formsets, change)
        indicator = form.instance
        data = {name: form.cleaned_data[name] for name in drafting.INDICATOR_FIELDS if name in form.cleaned_data}
        try:
            drafting.indicator_update(
                actor=request.user,
                indicator=indicator,
                expected_version=form.cleaned_data["expected_version"] or 0,
                data=data,
                children=children_from_inlines(indicator, formsets),
                amendment_reason=form.cleaned_data["amendment_reason"],
            )
        except StaleVersion:
            raise AmendmentRefused(_("บันทึกไม่สำเร็จ: มีผู้อื่นบันทึกตัวชี้วัดนี้หลังจากที่ท่านเปิดแบบฟอร์ม "
                                     "โปรดตรวจฉบับล่าสุดด้านล่างแล้วแก้ไขอีกครั้ง")) from None
        except ValidationError as error:
            raise AmendmentRefused(" ".join(error.messages)) from None
        except (PermissionDenied, TransitionError) as error:
            raise AmendmentRefused(str(error)) from None


def lock_approved_indicators(site=admin.site) -> None:
    if not site.is_registered(Indicator):
        return
    current = type(site._registry[Indicator])
    if issubclass(current, ApprovedLockAdminMixin):
        return
    attrs = {
        "__module__": __name__,
        "inlines": [
            inline if issubclass(inline, ApprovedLockInlineMixin)
            else type(inline.__name__, (ApprovedLockInlineMixin, inline), {"__module__": __name__})
            for inline in current.inlines
        ],
    }
    site.unregister(Indicator)
    site.register(Indicator, type(current.__name__, (ApprovedLockAdminMixin, current), attrs))
