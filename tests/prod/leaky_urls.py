"""A deliberately broken URL configuration: proves the access walk notices a view without checks."""

from django.http import HttpResponse
from django.urls import path

from indicators.models import Indicator


def leaky_indicator(request, pk):
    return HttpResponse(Indicator.objects.get(pk=pk).name)


def leaky_agency(request, code):
    return HttpResponse(", ".join(Indicator.objects.filter(agency__code=code).values_list("name", flat=True)))


urlpatterns = [
    path("accounts/login/", leaky_agency, {"code": ""}, name="login"),
    path("indicators/<int:pk>/", leaky_indicator, name="indicator"),
    path("agencies/<str:code>/", leaky_agency, name="agency"),
]
