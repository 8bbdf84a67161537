"""How the reader's language changes the way pages write figures and dates (official PDFs render
under Thai, so they keep Thai digits and month names whatever the reader chose)."""

from django.utils.translation import get_language

from kpi_portal.lib.thai import format_english_date, format_thai_date, to_thai_digits


def reads_english() -> bool:
    """Whether the reader chose English in the footer (Thai is the default)."""
    return (get_language() or "").startswith("en")


def reader_digits(value) -> str:
    """`value` in Thai digits for a Thai reader, as written (Arabic digits) for an English one."""
    return str(value) if reads_english() else to_thai_digits(value)


def reader_date(value, *, short: bool = False) -> str:
    """'31 มีนาคม 2568' for a Thai reader, '31 March B.E. 2568' for an English one."""
    return format_english_date(value, short=short) if reads_english() else format_thai_date(value, short=short)
