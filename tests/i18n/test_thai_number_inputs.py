"""Numbers are typed in text boxes that read Thai digits: a browser's number box drops "๑๕"
and sends an empty value, which would save a blank result without a word."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from agencies.models import RoleKind
from indicators.forms_negotiation import BaselineForm, IndicatorForm, ParticipantForm, RubricLevelForm
from indicators.models import BasketIndicator, CompositionElement, FocusIssue, Indicator
from tests.factories import (
    ApprovedIndicatorFactory,
    FiscalYearFactory,
    RoleFactory,
    SubmittedReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def indicator_form(data=None):
    return IndicatorForm(
        data,
        elements=CompositionElement.objects.all(),
        focus_issues=FocusIssue.objects.none(),
        copy_sources=Indicator.objects.none(),
        basket=BasketIndicator.objects.none(),
    )


def test_report_and_audit_forms_have_no_number_boxes():
    indicator = ApprovedIndicatorFactory(fiscal_year=FiscalYearFactory(year_be=2567))
    SubmittedReportFactory(indicator=indicator, quarter=1)  # the audit form is offered for a submitted quarter
    staff = UserFactory()
    RoleFactory(user=staff, kind=RoleKind.AGENCY_STAFF, agency=indicator.agency)
    auditor = UserFactory()
    RoleFactory(user=auditor, kind=RoleKind.STRATEGY_OFFICE)
    pages = []
    # Staff report quarter 2 (quarter 1 is submitted, so read-only); the strategy office audits quarter 1.
    for user, name, quarter in ((staff, "indicators:report_edit", 2), (auditor, "indicators:audit_edit", 1)):
        client = Client()
        client.force_login(user)
        response = client.get(reverse(name, args=[indicator.pk, quarter]))
        assert response.status_code == 200
        pages.append(response.content.decode())
    report_page, audit_page = pages
    assert 'type="number"' not in report_page and 'type="number"' not in audit_page
    assert re.search(r'<input type="text" name="progress_percent"[^>]* inputmode="decimal"', report_page)
    assert re.search(r'<input type="text" name="verified_progress_percent"[^>]* inputmode="decimal"', audit_page)


def test_indicator_form_numbers_are_text_boxes_that_read_thai_digits():
    form = indicator_form()
    for name in ("weight", "target_value", "number"):
        html = str(form[name])
        assert 'type="text"' in html and "inputmode=" in html, name
    assert form.fields["weight"].clean("๑๒.๕") == Decimal("12.5")
    assert form.fields["number"].clean("๓") == 3
    assert form.fields["target_value"].clean("๑,๓๙๐") == Decimal("1390")


def test_table_rows_read_thai_digits_and_refuse_words_in_thai():
    rubric = RubricLevelForm({"level": "5", "success_percent": "๑๐๐", "criterion": "ครบทุกขั้นตอน"})
    assert rubric.is_valid(), rubric.errors
    assert rubric.cleaned_data["success_percent"] == Decimal("100")
    baseline = BaselineForm({"year_be": "๒๕๖๖", "value_number": "สิบ"})
    assert not baseline.is_valid()
    assert baseline.errors["value_number"] == ["กรุณากรอกตัวเลข (เลขไทยหรือเลขอารบิก)"]
    assert "year_be" not in baseline.errors


def test_the_smallest_participant_weight_is_accepted():
    # The minimum is 0.01 exactly: compared with the float 0.01 it refused "0.01" itself.
    field = ParticipantForm.base_fields["weight"]
    assert field.clean("๐.๐๑") == Decimal("0.01")
    with pytest.raises(ValidationError):
        field.clean("0")


def test_saved_figures_come_back_into_the_form_as_typed_not_padded():
    form = RubricLevelForm(initial={"level": 5, "success_percent": Decimal("87.5000"), "threshold": Decimal("20.00")})
    assert 'value="87.5"' in str(form["success_percent"])
    assert 'value="20"' in str(form["threshold"])


def test_too_many_digits_or_decimals_or_characters_are_refused_in_thai():
    from django.utils import translation

    from indicators.forms_reporting import ReportForm

    with translation.override("th"):
        form = ReportForm(
            {"version": 0, "progress_percent": "80.555", "measured_value": "1" + "0" * 30, "evidence_description": "ก" * 301}
        )
        assert not form.is_valid()
        errors = " ".join(str(e) for field in form.errors.values() for e in field)

    assert "ตัวเลขยาวเกินไป: รวมกันได้ไม่เกิน 14 หลัก" in errors
    assert "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง" in errors
    assert "ข้อความยาวได้ไม่เกิน 300 ตัวอักษร (ขณะนี้ 301 ตัวอักษร)" in errors
    assert "Ensure" not in errors


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("th", "2023", "2023 เป็นปี ค.ศ. กรุณาใส่ปี พ.ศ. (2566)"),
        ("en", "2023", "2023 is a year A.D.; please enter the Buddhist Era year (2566)"),
        ("th", "66", "กรุณาใส่ปี พ.ศ. 4 หลัก ระหว่าง 2500 ถึง 2700 เช่น 2566"),
    ],
)
def test_a_baseline_year_typed_in_ce_or_short_says_which_year_to_type(language, typed, expected):
    """ "2023" got "must be greater than or equal to 2500", which does not say the year is C.E."""
    from django.utils import translation

    with translation.override(language):
        form = BaselineForm({"year_be": typed, "value_number": "12"})
        assert not form.is_valid()
        assert form.errors["year_be"] == [expected]


def test_a_baseline_year_in_be_and_thai_digits_is_taken():
    form = BaselineForm({"year_be": "๒๕๖๖", "value_number": "12"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["year_be"] == 2566
