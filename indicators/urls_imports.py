"""Whole-workbook imports from the browser; included under /indicators/ by indicators/urls.py."""

from django.urls import path

from indicators.views import import_jobs as views

urlpatterns = [
    path("imports/", views.import_workbook, name="import_workbook"),
    path("imports/jobs/<int:pk>/", views.import_job, name="import_job"),
    path("imports/jobs/<int:pk>/confirm/", views.import_job_step, {"step": "confirm"}, name="import_job_confirm"),
    path("imports/jobs/<int:pk>/cancel/", views.import_job_step, {"step": "cancel"}, name="import_job_cancel"),
]
