"""Forms of the negotiation pages. They check the shape of what was typed; rules live in the services."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.forms.models import fields_for_model
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, MissionGroup
from indicators.models import BasketIndicator, Indicator, Meeting, Strategy
from indicators.rubric_text import level_warning
from indicators.services.drafting import INDICATOR_FIELDS, IndicatorChildren, baseline_rows
from indicators.validators import positive_weight
from kpi_portal.forms import BEDateField, BEYearField, ThaiDecimalField, VersionField, thai_number_formfield

TEXTAREA = forms.Textarea(attrs={"rows": 3})
SMALL_TEXTAREA = forms.Textarea(attrs={"rows": 2})


class IndicatorFormBase(forms.Form):
    version = VersionField(required=False)
    copied_from = forms.ModelChoiceField(queryset=Indicator.objects.none(), required=False, widget=forms.HiddenInput)
    basket_indicator = forms.ModelChoiceField(
        queryset=BasketIndicator.objects.none(), required=False, widget=forms.HiddenInput
    )
    amendment_reason = forms.CharField(
        label=_("เหตุผลการแก้ไขหลังอนุมัติ"), required=False, widget=SMALL_TEXTAREA
    )

    def __init__(self, *args, elements, focus_issues, copy_sources, basket, amending=False, element_hint="",
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["element"].queryset = elements
        self.fields["element"].empty_label = None
        if element_hint or (self.is_bound and not self.data.get("element")):
            # No element chosen yet (e.g. copied from a year without it): offer a blank, not the first one.
            self.fields["element"].empty_label = _("— เลือกองค์ประกอบ —")
            self.fields["element"].help_text = element_hint
        self.fields["focus_issue"].queryset = focus_issues
        self.fields["strategy"].queryset = Strategy.objects.order_by("code")
        self.fields["copied_from"].queryset = copy_sources
        self.fields["basket_indicator"].queryset = basket
        self.fields["number"].required = False
        # Blank asks for the next number; a typed 0 would be taken for blank and silently replaced.
        self.fields["number"].validators = [
            *(v for v in self.fields["number"].validators if not isinstance(v, MinValueValidator)),
            MinValueValidator(1, message=_("ลำดับที่ต้องเป็น 1 ขึ้นไป (เว้นว่างเพื่อให้ระบบกำหนดลำดับถัดไป)")),
        ]
        self.fields["weight"].validators += positive_weight()
        self.fields["number"].help_text = _("เว้นว่างเพื่อให้ระบบกำหนดลำดับถัดไป")
        if not amending:
            del self.fields["amendment_reason"]
        for name in ("definition", "calculation_method", "data_collection", "data_sources", "goal", "objective",
                     "key_result", "tactic", "outputs", "outcomes"):
            self.fields[name].widget = TEXTAREA

    def indicator_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in INDICATOR_FIELDS}
        data["copied_from"] = self.cleaned_data.get("copied_from")
        data["basket_indicator"] = self.cleaned_data.get("basket_indicator")
        return data


IndicatorForm = type(
    "IndicatorForm",
    (IndicatorFormBase,),
    dict(fields_for_model(Indicator, fields=INDICATOR_FIELDS, formfield_callback=thai_number_formfield)),
)


class RowFormSet(forms.BaseFormSet):
    """A table of optional rows: blank rows are ignored, half-filled rows get a message."""

    def _construct_form(self, i, **kwargs):
        # Validate every row, prefilled or extra: an unchanged prefilled row must not be dropped as "empty".
        form = super()._construct_form(i, **kwargs)
        form.empty_permitted = False
        return form

    def rows(self) -> list[dict]:
        return [form.row() for form in self.forms if form.cleaned_data and not form.is_blank()]


class RowForm(forms.Form):
    use_required_attribute = False
    key_fields: tuple[str, ...] = ()
    needed: tuple[str, ...] = ()

    def is_blank(self) -> bool:
        return all(self.cleaned_data.get(name) in (None, "") for name in self.key_fields)

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        for name in self.needed:
            if cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, _("ต้องกรอกช่องนี้เมื่อใช้แถวนี้"))
        return cleaned

    def row(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.fields}


class BaselineForm(RowForm):
    key_fields = ("value_text", "value_number")
    needed = ("year_be",)
    year_be = BEYearField(label=_("ปี พ.ศ."), required=False)
    value_text = forms.CharField(label=_("ผลการดำเนินงาน"), required=False)
    value_number = ThaiDecimalField(label=_("ค่าตัวเลข"), max_digits=14, decimal_places=4, required=False)


class ParticipantForm(RowForm):
    key_fields = ("agency", "duty")
    needed = ("agency", "duty")
    agency = forms.ModelChoiceField(label=_("หน่วยงาน"), queryset=Agency.objects.filter(is_active=True), required=False)
    duty = forms.CharField(label=_("ภารกิจของหน่วยงาน"), required=False, widget=SMALL_TEXTAREA)
    weight = ThaiDecimalField(label=_("น้ำหนักคะแนน"), max_digits=6, decimal_places=2, min_value=Decimal("0.01"), required=False)
    is_lead = forms.BooleanField(label=_("หน่วยงานหลัก"), required=False)


class RubricLevelForm(RowForm):
    key_fields = ("criterion", "threshold")
    needed = ("success_percent", "criterion")
    level = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=5)
    success_percent = ThaiDecimalField(
        label=_("เกณฑ์ร้อยละความสำเร็จ"), max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False
    )
    criterion = forms.CharField(label=_("ผลการดำเนินงาน/เกณฑ์"), required=False, widget=SMALL_TEXTAREA)
    threshold = ThaiDecimalField(label=_("ค่าเกณฑ์ (ตัวเลข)"), max_digits=14, decimal_places=4, required=False)
    threshold_exclusive = forms.BooleanField(label=_("ไม่นับค่าที่เท่ากับค่าเกณฑ์"), required=False)

    def row(self) -> dict:
        names = ("level", "success_percent", "criterion", "threshold", "threshold_exclusive")
        return {name: self.cleaned_data.get(name) for name in names}

    def level_warning(self) -> str | None:
        """rubric_text's warning when the level's text names another number than its threshold, or words
        another comparison than its "ไม่นับค่าที่เท่ากับค่าเกณฑ์" box (shown beside the level; it never stops the save)."""
        values = getattr(self, "cleaned_data", None) if self.is_bound else self.initial
        if not values:
            return None
        return level_warning(
            values.get("level"), values.get("criterion"), values.get("threshold"), values.get("threshold_exclusive")
        )


class ConditionForm(RowForm):
    key_fields = ("description",)
    needed = ("percent",)
    percent = ThaiDecimalField(
        label=_("ร้อยละของแผน"), max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False
    )
    description = forms.CharField(label=_("รายละเอียด"), required=False, widget=SMALL_TEXTAREA)


class EvidenceForm(RowForm):
    key_fields = ("description",)
    description = forms.CharField(label=_("หลักฐาน"), required=False, widget=SMALL_TEXTAREA)


class RubricFormSet(RowFormSet):
    def clean(self):
        levels = [form.cleaned_data.get("level") for form in self.forms if form.cleaned_data]
        if len(levels) != len(set(levels)):
            raise forms.ValidationError(_("ระดับความสำเร็จซ้ำกัน"))


class SharedAgencyChoicesFormSet(RowFormSet):
    """Every row offers the same agencies: read once for the table, not once per row (up to 30 rows)."""

    @cached_property
    def agency_choices(self):
        return list(self.form.base_fields["agency"].choices)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.fields["agency"].choices = self.agency_choices
        return form


BaselineFormSet = forms.formset_factory(BaselineForm, formset=RowFormSet, extra=1, max_num=10)
ParticipantFormSet = forms.formset_factory(ParticipantForm, formset=SharedAgencyChoicesFormSet, extra=2, max_num=30)
LevelFormSet = forms.formset_factory(RubricLevelForm, formset=RubricFormSet, extra=0, min_num=5, max_num=5,
                                     validate_max=True)
ConditionFormSet = forms.formset_factory(ConditionForm, formset=RowFormSet, extra=2, max_num=20)
EvidenceFormSet = forms.formset_factory(EvidenceForm, formset=RowFormSet, extra=2, max_num=30)

FORMSETS = (
    ("baselines", BaselineFormSet),
    ("participants", ParticipantFormSet),
    ("levels", LevelFormSet),
    ("conditions", ConditionFormSet),
    ("evidence", EvidenceFormSet),
)


def default_levels() -> list[dict]:
    return [{"level": level, "success_percent": level * 20} for level in (5, 4, 3, 2, 1)]


def build_formsets(data=None, *, children: IndicatorChildren | None = None, year_be: int | None = None) -> dict:
    """The five tables of the indicator form, filled from `children` (or defaults for a new indicator)."""
    children = children or IndicatorChildren()
    levels = {row["level"]: row for row in children.levels}
    initial = {
        "baselines": baseline_rows(children.baselines, year_be) if year_be else children.baselines,
        "participants": children.participants,
        "levels": [levels.get(row["level"], row) for row in default_levels()],
        "conditions": children.conditions,
        "evidence": children.evidence,
    }
    return {name: cls(data, prefix=name, initial=initial[name]) for name, cls in FORMSETS}


def children_from(formsets: dict) -> IndicatorChildren:
    return IndicatorChildren(**{name: formsets[name].rows() for name, _ in FORMSETS})


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผล/หมายเหตุ"), required=False, widget=SMALL_TEXTAREA)
    meeting = forms.ModelChoiceField(label=_("ตามมติการประชุม"), queryset=Meeting.objects.none(), required=False)
    # The package's version when the page was opened: a step on a package that moved on since is refused.
    version = VersionField(required=False)

    def __init__(self, *args, meetings=None, offered=None, **kwargs):
        """`meetings`: what the field accepts (the service then says why one may not be cited); `offered`:
        the fewer the select lists, those the step may cite."""
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        field.queryset = meetings if meetings is not None else Meeting.objects.none()
        if offered is not None:
            field.widget.choices = [("", field.empty_label), *((m.pk, field.label_from_instance(m)) for m in offered)]


class CommentForm(forms.Form):
    body = forms.CharField(label=_("ความเห็นของคณะกรรมการ"), widget=TEXTAREA, max_length=5000)


class RevisionForm(ReasonForm):
    """Send the package back with a comment per indicator (each optional, at least one in total)."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        self.order_fields(["reason", "meeting"])
        for indicator in self.indicators:
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=f"{indicator.number}. {indicator.name}", required=False, widget=SMALL_TEXTAREA
            )

    def comments(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"comment_{i.pk}", "") for i in self.indicators}


class ReplaceForm(forms.Form):
    basket = forms.ModelChoiceField(label=_("ตัวชี้วัดจากตะกร้า (KPI Basket)"), queryset=BasketIndicator.objects.none())
    reason = forms.CharField(label=_("เหตุผลที่แทน"), widget=SMALL_TEXTAREA)

    def __init__(self, *args, basket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basket"].queryset = basket
        self.fields["basket"].label_from_instance = lambda b: f"{b.focus_issue.number}. {b.name} ({b.target})"


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("ชื่อการประชุม"), max_length=300)
    held_on = BEDateField(label=_("วันที่ประชุม (วว/ดด/ปปปป พ.ศ.)"))
    mission_group = forms.ModelChoiceField(
        label=_("คณะกรรมการ"), queryset=MissionGroup.objects.none(), required=False,
        empty_label=_("คณะกรรมการอำนวยการเจรจาตกลงฯ"),
    )
    attendees = forms.CharField(label=_("ผู้เข้าประชุม (ตามบทบาท)"), widget=TEXTAREA, required=False,
                                help_text=_("หนึ่งบรรทัดต่อหนึ่งคน เช่น ประธานกรรมการ: รองปลัดกรุงเทพมหานคร"))
    resolutions = forms.CharField(label=_("มติที่ประชุม"), widget=TEXTAREA, required=False)
    agencies = forms.ModelMultipleChoiceField(
        label=_("หน่วยงานที่เจรจา"), queryset=Agency.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("มติของการประชุมอ้างได้เฉพาะในชุดตัวชี้วัดของหน่วยงานที่เลือก "
                    "ไม่เลือกเลยเมื่อการประชุมครอบคลุมทุกหน่วยงานของคณะกรรมการ"),
    )

    def __init__(self, *args, mission_groups, agencies, steering: bool, **kwargs):
        """`steering`: whether this person may record the steering committee's meetings (the blank
        choice); without it the form offers only their own committees, the first one chosen."""
        super().__init__(*args, **kwargs)
        self.fields["mission_group"].queryset = mission_groups
        if not steering:
            self.fields["mission_group"].required = True
            self.fields["mission_group"].empty_label = None
        self.fields["agencies"].queryset = agencies
