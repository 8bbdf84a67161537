"""Forms of the reporting pages: they only parse input; the rules live in services/reporting.py."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators.figures import RubricFigures
from indicators.models import AuditStatus
from kpi_portal.forms import ThaiDecimalField, ThaiPercentField, VersionField

ALL_FIGURES = RubricFigures(value=True, level=True)


def _drop_unused_figures(form: forms.Form, figures: RubricFigures, *, value: str, level: str) -> None:
    """Leave out the figure fields the indicator's rubric does not score (indicators.figures decides)."""
    if not figures.value:
        del form.fields[value]
    if not figures.level:
        del form.fields[level]


def _name_unit(form: forms.Form, name: str, unit: str) -> None:
    """Say the indicator's unit (หน่วยนับ) in a value field's label: "ค่าที่วัดได้ (ร้อยละ)"."""
    if unit and name in form.fields:
        field = form.fields[name]
        field.label = format_lazy("{} ({})", field.label, unit)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one save; returns a list (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            files = [single(item, initial) for item in data if item]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > MAX_FILES_PER_SAVE:
            raise forms.ValidationError(_("แนบได้ครั้งละไม่เกิน %(n)s ไฟล์") % {"n": MAX_FILES_PER_SAVE})
        return files


MAX_FILES_PER_SAVE = 10


class ReportForm(forms.Form):
    progress_percent = ThaiPercentField(
        label=_("ผลงานสะสม (ร้อยละ)"), required=False, help_text=_("ความก้าวหน้าสะสมตั้งแต่ต้นปีงบประมาณ ๐–๑๐๐")
    )
    measured_value = ThaiDecimalField(label=_("ค่าที่วัดได้"), required=False, max_digits=14, decimal_places=4)
    level_reached = ThaiDecimalField(
        label=_("ระดับที่ได้ (๐–๕)"), required=False, min_value=Decimal("0"), max_value=Decimal("5"), decimal_places=4
    )
    narrative = forms.CharField(
        label=_("รายงานผลการดำเนินงาน"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    evidence = MultipleFileField(
        label=_("แนบไฟล์หลักฐาน (เลือกได้หลายไฟล์)"),
        required=False,
        help_text=_("PDF รูปภาพ (PNG, JPEG, GIF) หรือเอกสาร Word, Excel, PowerPoint"),
    )
    evidence_description = forms.CharField(label=_("คำอธิบายหลักฐาน"), required=False, max_length=300)
    remove_evidence = forms.TypedMultipleChoiceField(
        label=_("ลบหลักฐาน"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    version = VersionField()

    def __init__(self, *args, evidence_choices=(), figures: RubricFigures = ALL_FIGURES, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_evidence"].choices = list(evidence_choices)
        _drop_unused_figures(self, figures, value="measured_value", level="level_reached")
        _name_unit(self, "measured_value", unit)


class AuditForm(forms.Form):
    status = forms.ChoiceField(label=_("ผลการตรวจ"), choices=AuditStatus.choices, widget=forms.RadioSelect)
    verified_progress_percent = ThaiPercentField(label=_("ผลงานสะสมที่ตรวจแล้ว (ร้อยละ)"), required=False)
    verified_value = ThaiDecimalField(label=_("ค่าที่ตรวจแล้ว"), required=False, max_digits=14, decimal_places=4)
    verified_level = ThaiDecimalField(
        label=_("ระดับที่ตรวจแล้ว (๐–๕)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("5"),
        decimal_places=4,
    )
    comment = forms.CharField(label=_("ความเห็นผู้ตรวจ"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    present = forms.TypedMultipleChoiceField(
        label=_("หลักฐานที่พบ (ตามวิธีเก็บข้อมูล/หลักฐานที่ตกลงไว้)"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_without_evidence = forms.BooleanField(
        label=_("ยืนยันผลโดยไม่มีหลักฐาน"),
        required=False,
        help_text=_("ทำเครื่องหมายเมื่อได้ตรวจผลแล้วและยอมรับผลตามที่หน่วยงานรายงาน แม้ไม่มีไฟล์หลักฐานแนบมา"),
    )
    version = VersionField()
    # The report's version the auditor judged: an audit of a report sent again since is refused.
    report_version = VersionField(required=False)

    def __init__(self, *args, requirement_choices=(), figures: RubricFigures = ALL_FIGURES, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = list(requirement_choices)
        _drop_unused_figures(self, figures, value="verified_value", level="verified_level")
        _name_unit(self, "verified_value", unit)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผลที่เปิดให้แก้ไข"), required=False, max_length=300)
    # The report's version when the page was opened: a report sent again since is not reopened unseen.
    version = VersionField(required=False)


class CityFilterForm(forms.Form):
    YEAR_BOUND = ("mission_group", "element")  # choices of one year: dropped when the year changes

    year = forms.IntegerField(required=False, widget=forms.HiddenInput)
    mission_group = forms.ModelChoiceField(
        label=_("กลุ่มภารกิจ"), queryset=None, required=False, empty_label=_("ทั้งหมด")
    )
    district_group = forms.ModelChoiceField(
        label=_("กลุ่มเขต"), queryset=None, required=False, empty_label=_("ทั้งหมด")
    )
    element = forms.ModelChoiceField(label=_("องค์ประกอบ"), queryset=None, required=False, empty_label=_("ทั้งหมด"))
    status = forms.ChoiceField(label=_("สถานะ"), required=False)

    def __init__(self, *args, fiscal_year, status_choices, **kwargs):
        from agencies.models import DistrictGroup, MissionGroup
        from indicators.models import CompositionElement

        super().__init__(*args, **kwargs)
        self.fields["mission_group"].queryset = MissionGroup.objects.filter(fiscal_year=fiscal_year)
        self.fields["district_group"].queryset = DistrictGroup.objects.all()
        self.fields["element"].queryset = CompositionElement.objects.filter(fiscal_year=fiscal_year)
        self.fields["status"].choices = [("", _("ทั้งหมด"))] + list(status_choices)

    def narrows(self) -> bool:
        """Whether a valid filter leaves some rows out (the year only chooses which rows there are)."""
        return self.is_valid() and any(value for name, value in self.cleaned_data.items() if name != "year")


class AuditQueueFilterForm(forms.Form):
    """The audit queue's filters, read from the query string (a GET form that works without JavaScript)."""

    YEAR_BOUND = ("mission_group", "agency")  # choices of one year: dropped when the year changes

    year = forms.IntegerField(required=False, widget=forms.HiddenInput)
    state = forms.ChoiceField(label=_("แสดง"), required=False)
    quarter = forms.TypedChoiceField(
        label=_("ไตรมาส"),
        choices=[("", _("ทุกไตรมาส"))] + [(q, format_lazy("{} {}", _("ไตรมาสที่"), q)) for q in (1, 2, 3, 4)],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("เลือกไตรมาสที่ 1-4 หรือทุกไตรมาส")},
    )
    mission_group = forms.ModelChoiceField(
        label=_("กลุ่มภารกิจ"), queryset=None, required=False, empty_label=_("ทั้งหมด")
    )
    agency = forms.ModelChoiceField(
        label=_("หน่วยงาน"),
        queryset=None,
        required=False,
        empty_label=_("ทั้งหมด"),
        to_field_name="code",
        error_messages={"invalid_choice": _("หน่วยงานนี้ไม่อยู่ในกลุ่มภารกิจที่เลือก หรือไม่มีตัวชี้วัดในปีนี้")},
    )

    def __init__(self, *args, fiscal_year, state_choices, agencies_for, **kwargs):
        """`agencies_for(mission_group or None)` gives the agency choices: those of the chosen group."""
        from agencies.models import MissionGroup

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = list(state_choices)
        self.fields["mission_group"].queryset = MissionGroup.objects.filter(fiscal_year=fiscal_year)
        self.fields["agency"].queryset = agencies_for(self._chosen_mission_group())

    def _chosen_mission_group(self):
        """The valid mission group asked for, if any (an invalid one leaves the agencies unnarrowed)."""
        if not self.is_bound:
            return None
        field = self.fields["mission_group"]
        raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix("mission_group"))
        try:
            return field.clean(raw)
        except forms.ValidationError:
            return None

    def filters(self) -> dict:
        """The valid filters (an invalid one is left out and its message shown beside its field)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
