"""Blank spreadsheet templates to download (Thai headers and one example row)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from indicators.services.imports import KINDS, blank_template

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@login_required
def import_template(request, kind: str, fmt: str):
    if kind not in KINDS or fmt not in CONTENT_TYPES:
        raise Http404("ไม่พบแม่แบบ")
    response = HttpResponse(blank_template(kind=kind, fmt=fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="kpi-template-{kind}.{fmt}"'
    return response
