"""Forms and form helpers shared by every page.

Numbers and dates are typed the way Thai staff type them: a browser's <input type="number">
drops what it cannot parse, Thai digits included, and sends an empty value without a word, so
number fields use a text box (with a numeric keypad on phones) and read Thai digits and
thousands separators on the server; dates are วว/ดด/ปปปป in B.E. Also: the password form, and
the two steps every form view takes after a service refuses (errors beside their fields, a
stale save rebased on the version the person has now seen)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kpi_portal.lib.numbers import commas_group_thousands, is_plain_number, is_whole_number
from kpi_portal.lib.thai import (
    BEDateError,
    be_year,
    ce_year,
    format_be_date,
    parse_be_date,
    to_arabic_digits,
)
from kpi_portal.validators import PERCENT_RANGE


class ThaiNumberInput(forms.TextInput):
    input_mode = "decimal"  # the phone keypad with a decimal point

    def __init__(self, attrs=None):
        super().__init__({"inputmode": self.input_mode, **(attrs or {})})

    def format_value(self, value):
        # A saved figure as it was typed, not as stored: 20.00 → "20", 1.0000 → "1", 87.50 → "87.5".
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        return super().format_value(value)


class ThaiWholeNumberInput(ThaiNumberInput):
    input_mode = "numeric"


class _ReadsThaiDigits:
    def to_python(self, value):
        if isinstance(value, str):
            typed = value.strip()
            value = to_arabic_digits(typed)
            if "," in value and not commas_group_thousands(value):  # "12,5" is a decimal comma, not 125
                raise ValidationError(
                    _("“%(value)s” ไม่ใช่ตัวเลขที่ถูกต้อง: ใช้จุลภาคคั่นหลักพัน (1,250) และจุดทศนิยม (12.5)"),
                    code="invalid", params={"value": typed},
                )
            value = value.replace(",", "")
            if value and not is_plain_number(value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class ThaiDecimalField(_ReadsThaiDigits, forms.DecimalField):
    """Accepts Thai digits and thousands separators as people type them ("๑,๒๕๐.๕")."""

    widget = ThaiNumberInput
    default_error_messages = {"invalid": _("กรุณากรอกตัวเลข (เลขไทยหรือเลขอารบิก)")}

    def to_python(self, value):
        value = super().to_python(value)
        # Decimal reads "NaN", "Infinity" and "sNaN". Django refuses them in validate(), but has_changed() (a
        # formset row with an initial value) compares first, and comparing a signalling NaN raises.
        if value is not None and not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class ThaiPercentField(ThaiDecimalField):
    """A percentage from 0 to 100 (two places), refused as one when out of range rather than with
    Django's bare "must be less than or equal to 100"."""

    default_error_messages = {
        "min_value": PERCENT_RANGE,
        "max_value": PERCENT_RANGE,
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=Decimal("0"), max_value=Decimal("100"), decimal_places=2, **kwargs)


class ThaiIntegerField(_ReadsThaiDigits, forms.IntegerField):
    """A whole number in Thai or Arabic digits ("๒๕๖๗")."""

    widget = ThaiWholeNumberInput
    default_error_messages = {"invalid": _("กรุณากรอกจำนวนเต็ม (เลขไทยหรือเลขอารบิก)")}


class VersionField(forms.IntegerField):
    """The hidden version a form was opened at. A tampered one past the database's integer would reach a
    query or a kept conflict as "integer out of range" on PostgreSQL (a 500); it is refused as invalid."""

    widget = forms.HiddenInput
    LAST = 2**31 - 1

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=self.LAST, **kwargs)


class BEYearField(ThaiIntegerField):
    """A B.E. year typed in a box ("2566" or "๒๕๖๖"). A C.E. year ("2023") is the usual slip: it is named
    as such with its B.E. year, rather than "must be greater than or equal to 2500"."""

    FIRST, LAST = 2500, 2700

    def __init__(self, **kwargs):
        super().__init__(min_value=self.FIRST, max_value=self.LAST, **kwargs)

    def run_validators(self, value):
        if value is not None and ce_year(self.FIRST) <= value <= ce_year(self.LAST):
            raise ValidationError(
                _("%(year)s เป็นปี ค.ศ. กรุณาใส่ปี พ.ศ. (%(be)s)"),
                code="ce_year",
                params={"year": value, "be": be_year(value)},
            )
        if value is not None and not self.FIRST <= value <= self.LAST:
            raise ValidationError(
                _("กรุณาใส่ปี พ.ศ. 4 หลัก ระหว่าง %(first)s ถึง %(last)s เช่น 2566"),
                code="be_year",
                params={"first": self.FIRST, "last": self.LAST},
            )
        super().run_validators(value)


class BEDateInput(forms.TextInput):
    """A plain text box for a B.E. date: no calendar picker, which would write C.E. dates into it."""

    def __init__(self, attrs=None):
        super().__init__({"placeholder": _("วว/ดด/ปปปป (พ.ศ.)"), "size": 10, **(attrs or {})})


class BEDateField(forms.CharField):
    """A date typed as วว/ดด/ปปปป in the Buddhist era (Thai or Arabic digits), shown the same way."""

    widget = BEDateInput

    def prepare_value(self, value):
        if hasattr(value, "year"):
            return format_be_date(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_be_date(value)
        except BEDateError as exc:  # wrong shape, a C.E. year, or no such day: said in the reader's language
            raise forms.ValidationError(exc.reader_message(), code=exc.code) from None


def thai_number_formfield(model_field: models.Field, **kwargs):
    """formfield_callback for model forms: numbers get the Thai-digit fields above."""
    if isinstance(model_field, models.DecimalField):
        return model_field.formfield(form_class=ThaiDecimalField, **kwargs)
    if isinstance(model_field, models.IntegerField) and not model_field.choices:
        return model_field.formfield(form_class=ThaiIntegerField, **kwargs)
    return model_field.formfield(**kwargs)


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """The password rules' refusals under the new password, where it was typed; Django puts them
    under the confirmation box, which reads as if the two boxes did not match."""

    def validate_password_for_user(self, user, password_field_name="new_password1"):
        super().validate_password_for_user(user, password_field_name="new_password1")


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the form field it names (or on top of the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def year_param(query) -> int | None:
    """The B.E. year a page was asked for with ?year= (None when absent or not a number)."""
    raw = to_arabic_digits(query.get("year", "")).strip()
    return int(raw) if is_whole_number(raw) else None


def kept_query(query, *dropped: str) -> list[tuple[str, str]]:
    """The query string's other values, as hidden inputs of a GET form that changes only `dropped`
    (the year picker keeps the page's filters)."""
    return [(name, value) for name, values in query.lists() if name not in dropped for value in values]


def year_picker(years, query, *dropped: str, action: str = "", **extra: str) -> dict:
    """The context of includes/year_form.html: every year, the query values that go along (not the
    year, nor `dropped`; plus `extra`) and where the form goes (the page itself when empty)."""
    return {"years": years, "year_keep": [*kept_query(query, "year", *dropped), *extra.items()], "year_action": action}


def with_version(post, version: int, field: str = "version"):
    """The submitted form again, now based on `version`: after a refused stale save the person has
    seen the other save, so their next deliberate save goes through (and keeps what they typed)."""
    data = post.copy()
    data[field] = str(version)
    return data
