from django import forms
from django.utils.translation import gettext_lazy as _


class QuarterForm(forms.Form):
    """Which results to show: the whole year or a provisional quarter (read from the query string)."""

    quarter = forms.TypedChoiceField(
        label=_("ผลถึงไตรมาส"),
        choices=[("", _("ทั้งปี (ล่าสุด)")), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("เลือกไตรมาส 1-4 หรือทั้งปี")},
    )

    def selected_quarter(self) -> int | None:
        return self.cleaned_data.get("quarter") if self.is_valid() else None
