"""Printed documents (PDF) and whole-city document jobs; included under /indicators/ by indicators/urls.py."""

from django.urls import path

from indicators.views import documents as views

urlpatterns = [
    path("documents/<int:year>/", views.city_documents, name="city_documents"),
    path("documents/<int:year>/<str:code>/", views.agency_documents, name="agency_documents"),
    path("documents/<int:year>/<str:code>/summary.pdf", views.summary_form_pdf, name="pdf_summary_form"),
    path("documents/<int:year>/<str:code>/package.pdf", views.negotiation_package_pdf, name="pdf_negotiation_package"),
    path(
        "documents/<int:year>/<str:code>/quarter-<int:quarter>.pdf",
        views.quarterly_report_pdf,
        name="pdf_quarterly_report",
    ),
    path("documents/<int:year>/<str:code>/scorecard.pdf", views.scorecard_pdf, name="pdf_scorecard"),
    path("documents/<int:year>/ranking.pdf", views.ranking_pdf, name="pdf_ranking"),
    path("documents/indicator/<int:pk>.pdf", views.indicator_sheet_pdf, name="pdf_indicator_sheet"),
    path("documents/jobs/<int:pk>/", views.document_job, name="document_job"),
    path("documents/jobs/<int:pk>/download/", views.document_job_download, name="document_job_download"),
]
