"""Import and export a year's KPIs as spreadsheets: parse → validate every row → write atomically, or nothing.

One workbook may carry several sheets (agencies, elements, indicators, quarterly results); they are
imported in that order inside ONE transaction, so indicators may refer to agencies created a sheet
earlier, and any failing row anywhere rolls back everything. A dry run goes through the same steps and
always rolls back, reporting what would be created or changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import tablib
from django.db import transaction
from django.utils.translation import gettext, pgettext
from import_export.results import RowResult

from agencies.resources import AgencyResource
from indicators.models import FiscalYear
from indicators.resources import CompositionElementResource, IndicatorResource, QuarterlyResultResource

from .spreadsheets import SpreadsheetRefused, read_sheets, write_csv, write_xlsx

# kind → (resource class, sheet title). Order is import order.
KINDS = {
    "agencies": (AgencyResource, "หน่วยงาน"),
    "elements": (CompositionElementResource, "องค์ประกอบ"),
    "indicators": (IndicatorResource, "ตัวชี้วัด"),
    "results": (QuarterlyResultResource, "ผลรายไตรมาส"),
}
# What the import did with a row, in Thai: the command line prints these and a job's summary stores them
# (ImportReport.summary), whatever the reader's language; a page translates them as it shows them
# (action_label).
ACTION_CONTEXT = "import action"
ACTIONS = {
    RowResult.IMPORT_TYPE_NEW: "สร้างใหม่",
    RowResult.IMPORT_TYPE_UPDATE: "แก้ไข",
    RowResult.IMPORT_TYPE_SKIP: "ไม่เปลี่ยนแปลง",
}


def action_label(action: str) -> str:
    """A stored action name (ACTIONS) in the reader's language."""
    return pgettext(ACTION_CONTEXT, action)


@dataclass
class CellError:
    sheet: str
    row: int | None  # as the spreadsheet numbers it (header is row 1)
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.sheet]
        if self.row:
            where.append(f"แถวที่ {self.row}")
        if self.column:
            where.append(f"คอลัมน์ “{self.column}”")
        return f"{' '.join(where)}: {self.message}"


@dataclass
class RowOutcome:
    sheet: str
    row: int
    action: str
    label: str
    changed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.sheet} แถวที่ {self.row}: {self.action} {self.label}"
        return f"{text} ({', '.join(self.changed)})" if self.changed else text


@dataclass
class ImportReport:
    dry_run: bool
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def committed(self) -> bool:
        return self.ok and not self.dry_run

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def summary(self) -> dict:
        """What a page needs to show afterwards (JSON): rows per action and every error."""
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "counts": [[action, self.count(action)] for action in ACTIONS.values()],
            "errors": [asdict(error) for error in self.errors],
        }


class RowProgress:
    """Counts rows as the resources read them and tells `on_progress(done, total)` after each one."""

    def __init__(self, total: int, on_progress: Callable[[int, int], None] | None):
        self.done, self.total, self.on_progress = 0, total, on_progress
        self.report()

    def report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)

    def row_done(self) -> None:
        self.done += 1
        self.report()


def detect_kind(title: str, headers) -> str | None:
    """Which template a sheet follows: by its title, else by the headers only that template has."""
    for kind, (_, sheet_title) in KINDS.items():
        if title.strip() == sheet_title:
            return kind
    present = set(headers or [])
    if "ไตรมาส" in present:
        return "results"
    if "ชื่อตัวชี้วัด" in present:
        return "indicators"
    if "ชื่อองค์ประกอบ" in present:
        return "elements"
    if "ชื่อหน่วยงาน" in present:
        return "agencies"
    return None


def import_spreadsheet(
    *,
    data: bytes,
    filename: str,
    year_be: int,
    dry_run: bool = False,
    kind: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import every recognised sheet of the file for fiscal year `year_be`; all or nothing.

    `on_progress(done, total)` hears the rows read so far, from inside the import's transaction: it
    must not write through this database connection (on SQLite the import holds the only writer)."""
    report = ImportReport(dry_run=dry_run)
    try:
        sheets = read_sheets(data, filename)
    except SpreadsheetRefused as exc:
        report.errors.append(CellError(filename, None, None, str(exc)))
        return report
    fiscal_year = FiscalYear.objects.filter(year_be=year_be).first()
    if fiscal_year is None:
        message = gettext("ไม่พบปีงบประมาณ พ.ศ. %(year)s (สร้างปีงบประมาณก่อนนำเข้า)") % {"year": year_be}
        report.errors.append(CellError(filename, None, None, message))
        return report

    plan = _plan(sheets, kind, report)
    if report.errors:
        return report
    progress = RowProgress(sum(len(dataset) for _, _, dataset in plan), on_progress)
    with transaction.atomic():
        for sheet_kind, title, dataset in plan:
            _import_sheet(sheet_kind, title, dataset, fiscal_year, report, progress)
        if dry_run or report.errors:
            transaction.set_rollback(True)
    return report


def _plan(sheets, kind, report) -> list[tuple[str, str, tablib.Dataset]]:
    plan = []
    for title, dataset in sheets:
        sheet_kind = kind or detect_kind(title, dataset.headers)
        label = title or KINDS.get(sheet_kind, (None, gettext("ไฟล์")))[1]
        if sheet_kind is None:
            if len(sheets) == 1:
                message = gettext("ไม่รู้จักรูปแบบไฟล์ (ใช้แม่แบบที่ดาวน์โหลดจากระบบ)")
                report.errors.append(CellError(label or gettext("ไฟล์"), 1, None, message))
            continue  # an extra sheet of notes is fine in a workbook
        resource_class = KINDS[sheet_kind][0]
        missing = resource_class().missing_columns(dataset.headers)
        for column in missing:
            report.errors.append(CellError(label, 1, column, gettext("ไม่พบคอลัมน์ที่ต้องมี")))
        plan.append((sheet_kind, label, dataset))
    if not plan and not report.errors:
        report.errors.append(CellError(gettext("ไฟล์"), None, None, gettext("ไม่พบข้อมูลที่นำเข้าได้")))
    plan.sort(key=lambda item: list(KINDS).index(item[0]))
    return plan


def _import_sheet(
    kind: str, title: str, dataset: tablib.Dataset, fiscal_year, report: ImportReport, progress: RowProgress
) -> None:
    resource = KINDS[kind][0](fiscal_year=fiscal_year, on_row=progress.row_done)
    result = resource.import_data(
        dataset,
        dry_run=False,  # the outer transaction decides; later sheets must see earlier sheets' rows
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    errors = [CellError(title, None, None, _message(error.error)) for error in result.base_errors]
    for number, row_errors in result.row_errors():
        errors += [CellError(title, number + 1, None, _message(error.error)) for error in row_errors]
    for invalid in result.invalid_rows:
        for key, messages in invalid.error_dict.items():
            column = resource.column_for(key)
            for message in messages:
                errors.append(CellError(title, invalid.number + 1, None if column == "ทั้งแถว" else column, message))
    report.errors += sorted(errors, key=lambda error: error.row or 0)
    for number, row_result in enumerate(result.rows, 1):
        action = ACTIONS.get(row_result.import_type)
        if action is None:
            continue
        changed = resource.row_changes.get(number, []) if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE else []
        report.rows.append(RowOutcome(title, number + 1, action, row_result.object_repr or "", changed))


def _message(error) -> str:
    messages = getattr(error, "messages", None)
    return "; ".join(messages) if messages else str(error)


# --- export ---------------------------------------------------------------------------------------
# Where each yearly kind's rows keep their fiscal year (agencies have none).
YEAR_PATHS = {
    "compositionelement": "fiscal_year__year_be",
    "indicator": "fiscal_year__year_be",
    "quarterlyreport": "indicator__fiscal_year__year_be",
}


def export_year_refusal(queryset) -> str | None:
    """Why these rows cannot go into one export file, or None. A year's file has no year column and is
    imported into the year the person chooses, so it holds one fiscal year: rows of two years would
    meet on the same key (agency and number) and could not be told apart."""
    path = YEAR_PATHS.get(queryset.model._meta.model_name)
    if path is None:
        return None
    years = sorted(set(queryset.order_by().values_list(path, flat=True).distinct()[:10]))
    if len(years) <= 1:
        return None
    return gettext("รายการที่จะส่งออกมีหลายปีงบประมาณ (พ.ศ. %(years)s) เลือกปีงบประมาณจากตัวกรองก่อนส่งออก "
                   "เพราะไฟล์หนึ่งไฟล์นำเข้ากลับได้ทีละปี") % {"years": ", ".join(str(year) for year in years)}


def export_datasets(*, year_be: int, kinds=tuple(KINDS)) -> list[tuple[str, tablib.Dataset]]:
    """The year's data as (sheet title, Dataset) in import order (agencies: all of them, as reference data)."""
    fiscal_year = FiscalYear.objects.get(year_be=year_be)
    sheets = []
    for kind in kinds:
        resource_class, title = KINDS[kind]
        resource = resource_class(fiscal_year=fiscal_year)
        queryset = resource.export_queryset()
        if kind == "elements":
            queryset = sorted(queryset, key=lambda e: (e.parent_id is not None, e.order, e.code))
        sheets.append((title, resource.export(queryset=queryset)))
    return sheets


def export_spreadsheet(*, year_be: int, fmt: str = "xlsx", kind: str | None = None) -> bytes | dict[str, bytes]:
    """XLSX: one workbook with a sheet per kind. CSV: one file per kind ({kind: bytes})."""
    kinds = (kind,) if kind else tuple(KINDS)
    sheets = export_datasets(year_be=year_be, kinds=kinds)
    if fmt == "xlsx":
        return write_xlsx(sheets)
    return {k: write_csv(dataset) for k, (_, dataset) in zip(kinds, sheets)}


def blank_template(*, kind: str, fmt: str = "xlsx") -> bytes:
    """Thai column headers and one example row, ready to fill in."""
    resource_class, title = KINDS[kind]
    resource = resource_class()
    headers = resource.get_export_headers()
    example = getattr(resource, "example_row_values", None)
    row = [example.get(h, "") for h in headers] if example else list(getattr(resource, "example_row", []))
    row += [""] * (len(headers) - len(row))
    dataset = tablib.Dataset(row, headers=headers)
    return write_xlsx([(title, dataset)]) if fmt == "xlsx" else write_csv(dataset)
