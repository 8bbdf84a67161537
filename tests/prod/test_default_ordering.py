"""Rows that belong to an indicator sort by the parent's column, so reading them joins nothing;
the admin lists that span many indicators still show them by year, agency and number."""

import pytest
from django.urls import reverse

from indicators import models
from tests.factories import AgencyFactory, FiscalYearFactory, IndicatorFactory, QuarterlyReportFactory

pytestmark = pytest.mark.django_db

CHILD_ROWS = [
    models.IndicatorBaseline,
    models.JointParticipant,
    models.RubricLevel,
    models.MilestoneCondition,
    models.EvidenceRequirement,
    models.IndicatorComment,
    models.CommitteeDecision,
    models.Project,
    models.ProjectStep,
    models.QuarterlyReport,
    models.QuarterAudit,
    models.EvidenceFile,
    models.AuditChecklistItem,
    models.ReportConflict,
]


@pytest.mark.parametrize("model", CHILD_ROWS, ids=lambda model: model.__name__)
def test_default_order_does_not_join_year_or_indicator(model):
    sql = str(model.objects.all().query)
    for joined in (models.FiscalYear, models.Indicator, models.AgencyPackage):
        assert f'"{joined._meta.db_table}"' not in sql


def test_admin_lists_reports_by_year_agency_and_number(admin_client):
    fiscal_year = FiscalYearFactory(year_be=2567)
    later_agency = AgencyFactory(code="B", order=2, name_th="หน่วยงานลำดับสอง")
    first_agency = AgencyFactory(code="A", order=1, name_th="หน่วยงานลำดับหนึ่ง")
    # Created in the opposite order to the list's, so the ids alone would list B first.
    for agency in (later_agency, first_agency):
        indicator = IndicatorFactory(fiscal_year=fiscal_year, agency=agency, number=1, name=f"ตัวชี้วัดของ {agency.code}")
        QuarterlyReportFactory(indicator=indicator)
    page = admin_client.get(reverse("admin:indicators_quarterlyreport_changelist")).content.decode()
    assert page.index("ตัวชี้วัดของ A") < page.index("ตัวชี้วัดของ B")
