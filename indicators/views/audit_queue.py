"""The strategy office's audit queue: every quarter's reports waiting for its audit, and those already handled."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.permissions import is_city_wide
from indicators.forms_reporting import AuditQueueFilterForm
from indicators.selectors import audit_queue as selectors
from indicators.views.dashboards import requested_fiscal_year

PAGE_SIZE = 50
# The query-string keys the queue reads; a return link to it carries these and nothing else.
FILTER_KEYS = ("year", "state", "quarter", "mission_group", "agency", "page")


@login_required
def audit_queue(request):
    """สยป.: quarterly reports waiting for audit (or audited, or sent back), oldest wait first."""
    if not is_city_wide(request.user):
        raise PermissionDenied(_("หน้านี้สำหรับ สยป."))
    fiscal_year, picker = requested_fiscal_year(request, *AuditQueueFilterForm.YEAR_BOUND)
    form = AuditQueueFilterForm(
        request.GET,
        fiscal_year=fiscal_year,
        state_choices=selectors.QUEUE_STATES.items(),
        agencies_for=lambda mission_group: selectors.queue_agencies(fiscal_year, mission_group),
    )
    filters = form.filters()
    state = filters.get("state", selectors.WAITING)
    reports = selectors.queue_reports(
        fiscal_year, state=state, mission_group=filters.get("mission_group"), agency=filters.get("agency")
    )
    counts = selectors.counts_per_quarter(reports)
    if filters.get("quarter"):
        reports = reports.filter(quarter=filters["quarter"])
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = _filter_query(request.GET)
    without_page = query.copy()
    without_page.pop("page", None)
    without_quarter = without_page.copy()
    without_quarter.pop("quarter", None)
    return render(
        request,
        "indicators/reporting/audit_queue.html",
        {
            "fiscal_year": fiscal_year,
            "form": form,
            "state": state,
            "state_label": selectors.QUEUE_STATES[state],
            "quarter": filters.get("quarter"),
            "counts": sorted(counts.items()),
            "page": page,
            "rows": selectors.queue_rows(page.object_list),
            "total": page.paginator.count,
            "querystring": without_page.urlencode(),
            "quarter_querystring": without_quarter.urlencode(),
            "return_query": query.urlencode(),
            **picker,
        },
    )


def _filter_query(params) -> QueryDict:
    """Only the queue's own keys, so a link back to the queue never carries anything else."""
    query = QueryDict(mutable=True)
    for key in FILTER_KEYS:
        value = params.get(key, "")
        if value:
            query[key] = value
    return query


def queue_return_url(request) -> str | None:
    """The queue page the auditor came from (with its filters), read from the audit form's ?queue=."""
    if "queue" not in request.GET:
        return None
    query = _filter_query(QueryDict(request.GET["queue"])).urlencode()
    return reverse("indicators:audit_queue") + (f"?{query}" if query else "")
