"""Quarterly reporting, audit, evidence and dashboards (included by indicators/urls.py)."""

from django.urls import path

from indicators.views import audit_queue, dashboards, reporting

urlpatterns = [
    path("<int:pk>/result/", reporting.indicator_page, name="indicator_page"),
    path("<int:pk>/report/<int:quarter>/", reporting.report_edit, name="report_edit"),
    path("<int:pk>/report/<int:quarter>/reopen/", reporting.report_reopen, name="report_reopen"),
    path("<int:pk>/audit/<int:quarter>/", reporting.audit_edit, name="audit_edit"),
    path("audit/", audit_queue.audit_queue, name="audit_queue"),
    path("evidence/<int:pk>/", reporting.evidence_download, name="evidence_download"),
    path("dashboard/agency/<str:code>/", dashboards.agency_dashboard, name="dashboard_agency"),
    path("dashboard/committee/", dashboards.committee_dashboard, name="dashboard_committee"),
    path("dashboard/city/", dashboards.city_dashboard, name="dashboard_city"),
]
