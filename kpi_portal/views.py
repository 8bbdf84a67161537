from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from agencies.permissions import user_scope, visible_agencies


@login_required
def home(request):
    """The user's start page: the agencies they work with."""
    agencies = visible_agencies(request.user).select_related("district_group").order_by("kind", "order", "code")
    return render(
        request,
        "home.html",
        {"agencies": agencies, "scope": user_scope(request.user)},
    )


def healthz(request):
    """Liveness probe for the load balancer; no database work, so it also measures the framework floor."""
    return HttpResponse("ok", content_type="text/plain")
