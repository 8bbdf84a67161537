"""Reading and writing spreadsheets safely: size and macro checks, XML-bomb protection, formula neutralisation.

Used by the import service, the export command, the blank templates and the admin's import formats.
"""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
import tablib
from import_export.formats import base_formats
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.xml import DEFUSEDXML

# openpyxl only guards against billion-laughs / external-entity XML when defusedxml is importable.
if not DEFUSEDXML:  # pragma: no cover - a broken install, not a code path
    raise ImproperlyConfigured("defusedxml must be installed (and OPENPYXL_DEFUSEDXML not False) to read XLSX safely")

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_ROWS = 20_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MACRO_EXTENSIONS = (".xlsm", ".xltm", ".xlsb", ".xlam", ".xls")


class SpreadsheetRefused(ValueError):
    """The file itself is refused (too big, macro-enabled, not a spreadsheet); the message is in the reader's language."""


def file_format(filename: str) -> str:
    name = (filename or "").lower()
    if name.endswith(MACRO_EXTENSIONS):
        raise SpreadsheetRefused(_("ไม่รับไฟล์ที่มีมาโครหรือไฟล์ Excel รุ่นเก่า (.xlsm .xlsb .xls) กรุณาบันทึกเป็น .xlsx หรือ .csv"))
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".csv"):
        return "csv"
    raise SpreadsheetRefused(_("รองรับเฉพาะไฟล์ .xlsx และ .csv"))


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise SpreadsheetRefused(_("ไฟล์มีขนาดใหญ่เกินกำหนด (ไม่เกิน %(mb)s MB)") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)})


def check_upload(data: bytes, fmt: str) -> None:
    """Refuse oversized files, zip bombs and macro-enabled workbooks before any parser sees them."""
    check_size(len(data))
    if fmt != "xlsx":
        return
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetRefused(_("ไฟล์ไม่ใช่ไฟล์ .xlsx ที่ถูกต้อง"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        names = {entry.filename.lower() for entry in entries}
        if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
            raise SpreadsheetRefused(_("ไฟล์มีขนาดเมื่อคลายการบีบอัดใหญ่เกินกำหนด"))
        if any(name.endswith("vbaproject.bin") for name in names):
            raise SpreadsheetRefused(_("ไม่รับไฟล์ที่มีมาโคร (VBA) กรุณาบันทึกเป็น .xlsx ที่ไม่มีมาโคร"))
        if "[content_types].xml" not in names:
            raise SpreadsheetRefused(_("ไฟล์ไม่ใช่ไฟล์ .xlsx ที่ถูกต้อง"))
        if b"macroEnabled" in archive.read("[Content_Types].xml"):
            raise SpreadsheetRefused(_("ไม่รับไฟล์ที่มีมาโคร (VBA) กรุณาบันทึกเป็น .xlsx ที่ไม่มีมาโคร"))


def read_sheets(data: bytes, filename: str) -> list[tuple[str, tablib.Dataset]]:
    """Every sheet of the file as (title, Dataset) with the first row as headers; CSV gives one sheet."""
    fmt = file_format(filename)
    check_upload(data, fmt)
    if fmt == "csv":
        return [("", _read_csv(data))]
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # defusedxml's EntitiesForbidden, BadZipFile, malformed parts …
        raise SpreadsheetRefused(_("อ่านไฟล์ .xlsx ไม่ได้หรือไฟล์มีโครงสร้างที่ไม่ปลอดภัย (%(reason)s)") % {"reason": type(exc).__name__}) from None
    try:
        return [(sheet.title, _rows_to_dataset(sheet.iter_rows(values_only=True))) for sheet in workbook.worksheets]
    except SpreadsheetRefused:
        raise
    except Exception as exc:
        raise SpreadsheetRefused(_("อ่านไฟล์ .xlsx ไม่ได้หรือไฟล์มีโครงสร้างที่ไม่ปลอดภัย (%(reason)s)") % {"reason": type(exc).__name__}) from None
    finally:
        workbook.close()


def _read_csv(data: bytes) -> tablib.Dataset:
    for encoding in ("utf-8-sig", "cp874"):  # Thai Excel on Windows still saves CSV as TIS-620/cp874
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetRefused(_("อ่านไฟล์ CSV ไม่ได้ (ใช้การเข้ารหัส UTF-8)"))
    return _rows_to_dataset(csv.reader(io.StringIO(text)))


def _rows_to_dataset(rows) -> tablib.Dataset:
    rows = iter(rows)
    header = next(rows, None) or ()
    headers = [str(h).strip() if h is not None else "" for h in header]
    while headers and not headers[-1]:
        headers.pop()
    dataset = tablib.Dataset(headers=headers)
    for count, row in enumerate(rows, 1):
        if count > MAX_ROWS:
            raise SpreadsheetRefused(_("ไฟล์มีจำนวนแถวเกินกำหนด (ไม่เกิน %(rows)s แถว)") % {"rows": f"{MAX_ROWS:,}"})
        values = [_unescape(v) for v in list(row)[: len(headers)]]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        values += [None] * (len(headers) - len(values))
        dataset.append(values)
    return dataset


def neutralise(value):
    """A CSV text starting with = + - @ (or tab/CR) gets a leading ' so no spreadsheet runs it; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _unescape(value):
    """Undo neutralise() on the way back in, so an export (a CSV, or an .xlsx written before text cells) re-imports
    to the same text."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def write_xlsx(sheets: list[tuple[str, tablib.Dataset]]) -> bytes:
    """Texts go in as text cells, so "=…" is never a formula and needs no ' in front: the many texts that
    start with "- " (bulleted criteria) read in Excel exactly as typed. CSV has no cell types (write_csv)."""
    workbook = openpyxl.Workbook(write_only=True)
    for title, dataset in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append([_text_cell(sheet, h) for h in dataset.headers])
        for row in dataset:
            sheet.append([_text_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet, value):
    """A str as a cell typed text (openpyxl would make "=…" a formula); other values as they are."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def write_csv(dataset: tablib.Dataset) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in dataset.headers])
    for row in dataset:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read Thai correctly


class SafeXLSX(base_formats.XLSX):
    """The admin's XLSX format with our checks: size/macro refusal on the way in, inert formulas on the way out."""

    def create_dataset(self, in_stream):
        return read_sheets(bytes(in_stream), "upload.xlsx")[0][1]

    def export_data(self, dataset, **kwargs):
        return write_xlsx([(dataset.title or "ข้อมูล", dataset)])


class SafeCSV(base_formats.CSV):
    def create_dataset(self, in_stream):
        data = in_stream.encode("utf-8") if isinstance(in_stream, str) else bytes(in_stream)
        return read_sheets(data, "upload.csv")[0][1]

    def export_data(self, dataset, **kwargs):
        return write_csv(dataset).decode("utf-8")  # keeps the BOM character so Excel reads Thai
