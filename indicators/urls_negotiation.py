"""URLs of the negotiation stage (included under /indicators/ by indicators/urls.py)."""

from django.urls import path

from indicators.views import drafting
from indicators.views import negotiation as views

urlpatterns = [
    path("negotiation/", views.negotiation_home, name="negotiation_home"),
    path("negotiation/<int:year>/", views.negotiation_index, name="negotiation_index"),
    path("negotiation/<int:year>/meetings/", views.meeting_list, name="meetings"),
    path("negotiation/<int:year>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("negotiation/<int:year>/<str:code>/", views.package_detail, name="package"),
    path("negotiation/<int:year>/<str:code>/compare/", views.package_compare, name="package_compare"),
    path("negotiation/<int:year>/<str:code>/send-back/", views.package_send_back, name="package_send_back"),
    path(
        "negotiation/<int:year>/<str:code>/do/<slug:action>/", views.package_transition, name="package_transition"
    ),
    path("negotiation/<int:year>/<str:code>/new/", drafting.indicator_create, name="indicator_create"),
    path("negotiation/<int:year>/<str:code>/copy/", drafting.indicator_copy, name="indicator_copy"),
    path("<int:pk>/", views.indicator_detail, name="indicator"),
    path("<int:pk>/edit/", drafting.indicator_edit, name="indicator_edit"),
    path("<int:pk>/delete/", drafting.indicator_delete, name="indicator_delete"),
    path("<int:pk>/comment/", views.indicator_comment, name="indicator_comment"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("<int:pk>/replace/", views.indicator_replace, name="indicator_replace"),
]
