from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import defaults

from agencies.permissions import user_scope, visible_agencies
from indicators.selectors.framework import current_fiscal_year, negotiation_year
from indicators.selectors.reminders import reminders_for_user

from .api_exceptions import NOT_FOUND


@login_required
def home(request):
    """The user's start page: reports due or late, the way into their dashboards and negotiation work
    (in the year being negotiated when that is not the reporting year), and their agencies."""
    today = timezone.localdate()
    fiscal_year = current_fiscal_year()
    negotiating = negotiation_year(today)
    scope = user_scope(request.user)
    agencies = visible_agencies(request.user).select_related("district_group").order_by("kind", "order", "code")
    own = [a for a in agencies if a.pk in scope.own_agency_ids] if not scope.city_wide else []
    return render(
        request,
        "home.html",
        {
            "agencies": agencies,
            "own_agencies": own,
            "scope": scope,
            "fiscal_year": fiscal_year,
            "negotiation_year": negotiating if negotiating != fiscal_year else None,
            "reminders": reminders_for_user(request.user, today=today),
        },
    )


def healthz(request):
    """Liveness probe for the load balancer; no database work, so it also measures the framework floor."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception):
    """An address no route matches: JSON under /api/ (other systems read it), the site's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(NOT_FOUND)}, status=404, json_dumps_params={"ensure_ascii": False})
    return defaults.page_not_found(request, exception)
