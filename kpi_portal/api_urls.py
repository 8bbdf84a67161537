"""The REST API: /api/v1/ (read endpoints and writes through services), /api/schema/ and /api/docs/."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from agencies.api import views as agency_views
from indicators.api import views as indicator_views
from scoring.api import views as scoring_views

router = DefaultRouter()
router.register("fiscal-years", indicator_views.FiscalYearViewSet, basename="fiscal-year")
router.register("elements", indicator_views.CompositionElementViewSet, basename="element")
router.register("mission-groups", agency_views.MissionGroupViewSet, basename="mission-group")
router.register("district-groups", agency_views.DistrictGroupViewSet, basename="district-group")
router.register("agencies", agency_views.AgencyViewSet, basename="agency")
router.register("indicators", indicator_views.IndicatorViewSet, basename="indicator")
router.register("reports", indicator_views.QuarterlyReportViewSet, basename="report")
router.register("audits", indicator_views.QuarterAuditViewSet, basename="audit")
router.register("packages", indicator_views.AgencyPackageViewSet, basename="package")

app_name = "api"

scorecards = scoring_views.ScorecardViewSet
urlpatterns = [
    path("v1/", include(router.urls)),
    # Four-digit B.E. years only: a longer number is a 404 here rather than an overflow in the database driver.
    re_path(r"^v1/scorecards/(?P<year>[0-9]{4})/$", scorecards.as_view({"get": "list"}), name="scorecard-list"),
    re_path(
        r"^v1/scorecards/(?P<year>[0-9]{4})/(?P<code>[^/]+)/$",
        scorecards.as_view({"get": "retrieve"}),
        name="scorecard-detail",
    ),
    re_path(
        r"^v1/rankings/(?P<year>[0-9]{4})/$",
        scoring_views.RankingViewSet.as_view({"get": "retrieve"}),
        name="ranking-detail",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the CSP allows no inline script. The docs are a
    # page people open in a browser: before logging in they go to the login form, not a bare "401 Unauthorized".
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
]
