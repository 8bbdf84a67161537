"""สยป. corrects an indicator's action plan (projects and their steps) in the admin."""

import pytest
from django.urls import reverse

from indicators.models import Project, ProjectStep
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:indicators_project_add")


def project_form(indicator, *, budget="150000", step_weight="40"):
    return {
        "indicator": indicator.pk, "name": "โครงการพัฒนาระบบ HR SMART", "budget": budget, "budget_source": "bma",
        "responsible_division": "", "order": "1",
        "steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "0",
        "steps-0-order": "1", "steps-0-description": "จัดทำแผน", "steps-0-weight": step_weight,
        "steps-0-start_month": "1", "steps-0-end_month": "3",
    }  # fmt: skip


def test_a_project_and_its_step_are_saved(admin_client):
    response = admin_client.post(ADD, project_form(IndicatorFactory()))

    assert response.status_code == 302
    assert ProjectStep.objects.get().project == Project.objects.get()


def test_a_negative_budget_is_refused_in_thai_beside_the_budget(admin_client):
    """The database's rule was the only guard: an English "Constraint … is violated." over the form."""
    response = admin_client.post(ADD, project_form(IndicatorFactory(), budget="-5"))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["budget"] == ["งบประมาณต้องไม่ติดลบ"]
    assert not form.non_field_errors()
    assert not Project.objects.exists()


@pytest.mark.parametrize("weight", ["0", "-1", "100.5"])
def test_a_step_weight_outside_0_to_100_is_refused_in_thai_on_its_row(admin_client, weight):
    response = admin_client.post(ADD, project_form(IndicatorFactory(), step_weight=weight))

    assert response.status_code == 200
    row = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "steps").forms[0]
    assert row.errors["weight"] == ["น้ำหนักของขั้นตอนต้องมากกว่า 0 และไม่เกินร้อยละ 100"]
    assert not row.non_field_errors()
    assert not Project.objects.exists()


def test_a_step_ending_before_it_starts_is_refused_in_thai_beside_the_end_month(admin_client):
    data = project_form(IndicatorFactory()) | {"steps-0-start_month": "6", "steps-0-end_month": "3"}

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    row = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "steps").forms[0]
    assert row.errors["end_month"] == ["เดือนสิ้นสุด (3) ต้องไม่ก่อนเดือนเริ่ม (6)"]
    assert not row.non_field_errors()
    assert not Project.objects.exists()
