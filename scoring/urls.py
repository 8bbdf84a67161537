from django.urls import path

from . import views

app_name = "scoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.ranking, name="ranking"),
    path("<int:year>/<str:code>/", views.scorecard, name="scorecard"),
]
