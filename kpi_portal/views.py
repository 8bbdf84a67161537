from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from agencies.permissions import committee_mission_groups, user_scope, visible_agencies
from indicators.selectors.framework import (
    YearNotFound,
    fiscal_years,
    has_reporting_calendar,
    negotiation_year,
    year_and_choices,
)
from indicators.selectors.reminders import reminders_for_user

from .api_exceptions import NOT_FOUND
from .forms import year_param, year_picker
from .login_tries import lockout_warning


class LoginView(auth_views.LoginView):
    """Django's login page, which also warns when the next wrong passwords will lock this username here."""

    def form_invalid(self, form):
        warning = lockout_warning(self.request, form.data.get("username", "").strip())
        return self.render_to_response(self.get_context_data(form=form, lockout_warning=warning))


@login_required
def home(request):
    """The user's start page: reports due or late, the way into their dashboards and negotiation work
    (in the year being negotiated when that is not the reporting year), and their agencies."""
    today = timezone.localdate()
    asked = year_param(request.GET)
    fiscal_year, years = year_and_choices(asked)
    if asked and fiscal_year is None:
        raise YearNotFound(asked)
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
            "heading": agencies_heading(scope, fiscal_year),
            "fiscal_year": fiscal_year,
            "calendar_missing": fiscal_year is not None and not has_reporting_calendar(fiscal_year),
            "negotiation_year": negotiating if negotiating != fiscal_year else None,
            # A year picked here is the year of every link below; else the dashboards' own default
            # and the package of the year being negotiated.
            "year_query": f"?year={fiscal_year.year_be}" if asked else "",
            "package_year": fiscal_year if asked else negotiating or fiscal_year,
            "reminders": reminders_for_user(request.user, today=today),
            **(year_picker(years, request.GET) if len(years) > 1 else {}),
        },
    )


def agencies_heading(scope, fiscal_year) -> str:
    """The home page's title over the agency list: all agencies for the strategy office and the steering
    committee, else the user's own agencies and the mission groups they sit on (this year's, when any)."""
    if scope.sees_whole_city:
        return _("หน่วยงานทั้งหมด")
    if not scope.committee_mission_group_ids:
        return _("หน่วยงานของฉัน")
    groups = list(committee_mission_groups(scope))
    this_year = [group for group in groups if fiscal_year is not None and group.fiscal_year_id == fiscal_year.pk]
    names = ", ".join(str(group) for group in this_year or groups)
    if scope.own_agency_ids:
        return _("หน่วยงานของฉันและหน่วยงานในกลุ่มภารกิจ %(groups)s") % {"groups": names}
    return _("หน่วยงานในกลุ่มภารกิจ %(groups)s") % {"groups": names}


def favicon(request):
    """The site's icon for pages that do not name it (the admin, a PDF open in the browser)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def healthz(request):
    """Liveness probe for the load balancer; no database work, so it also measures the framework floor."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception):
    """An address no route matches: JSON under /api/ (other systems read it), the site's Thai page
    elsewhere; a fiscal year that does not exist gets the years that do, as links and the year picker."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(NOT_FOUND)}, status=404, json_dumps_params={"ensure_ascii": False})
    context = {"request_path": request.path}
    if isinstance(exception, YearNotFound):
        context.update(year_choices(request, exception), missing_year=str(exception))
    return render(request, "404.html", context, status=404)


def year_choices(request, missing: YearNotFound) -> dict:
    """The 404 page's years: each as a link to `missing.action` (else this page) with ?year=, and the
    year picker going there too; the page number is dropped, other query values go along."""
    years = list(fiscal_years())
    picker = year_picker(years, request.GET, "page", action=missing.action, **missing.keep)
    target = missing.action or request.path
    links = [(year, f"{target}?{urlencode([*picker['year_keep'], ('year', year.year_be)])}") for year in years]
    return {**picker, "year_links": links}
