from django.contrib.auth.decorators import login_required
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
