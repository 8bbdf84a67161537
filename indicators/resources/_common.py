"""What every year-file sheet shares: the agency column, cell text, and the Meta options."""

from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from kpi_portal.lib.spreadsheet_widgets import CodeForeignKeyWidget

AGENCY_NOT_FOUND = _("ไม่พบรหัสหน่วยงาน “%(value)s”")


def agency_widget():
    return CodeForeignKeyWidget(Agency, "code", not_found=AGENCY_NOT_FOUND)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class YearFileOptions:
    """Meta options every year-file sheet shares: all rows in one transaction (nothing half-written),
    full_clean() on each row, the saved instance kept for the report, skipped rows reported."""

    use_transactions = True
    clean_model_instances = True
    store_instance = True
    skip_diff = True
    report_skipped = True
