"""The workbook upload form: it only parses input; services/import_jobs.py checks the file."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indicators.selectors.framework import fiscal_years
from indicators.services.spreadsheets import MAX_UPLOAD_BYTES


class YearChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return gettext("พ.ศ. %(year)s") % {"year": obj.year_be}


class WorkbookUploadForm(forms.Form):
    fiscal_year = YearChoiceField(queryset=fiscal_years(), to_field_name="year_be", label=_("ปีงบประมาณ"))
    file = forms.FileField(
        label=_("ไฟล์ข้อมูล"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "ไฟล์ .xlsx (นำเข้าทุกแผ่นงานในไฟล์) หรือ .csv ขนาดไม่เกิน %(mb)s MB"
        ) % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
