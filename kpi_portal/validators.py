"""Text pasted from web pages, PDFs and Word can carry invisible characters (zero-width space U+200B, byte
order mark U+FEFF, soft hyphen …, Unicode category Cf). A name made only of them saves as a blank-looking
name; a code with one reads the same as the code without it, yet is another code in addresses and imports."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_INVISIBLE = {"Cf", "Cc", "Zs", "Zl", "Zp"}

# A percentage out of 0–100, in the same words wherever it is refused (form, model, API, service).
PERCENT_RANGE = _("ร้อยละต้องอยู่ระหว่าง 0 ถึง 100")


def says_nothing(value: str) -> bool:
    """Whether a reason or comment is blank to the eye: empty, spaces, or only invisible characters."""
    return all(unicodedata.category(char) in _INVISIBLE for char in value or "")


def visible_text(value: str) -> None:
    """Refuse text in which nothing can be seen (blank text is the field's own `blank` rule)."""
    if value and all(unicodedata.category(char) in _INVISIBLE for char in value):
        raise ValidationError(_("ข้อความนี้มีแต่อักขระที่มองไม่เห็น กรุณาพิมพ์ใหม่"), code="invisible")


def no_invisible_characters(value: str) -> None:
    """Refuse a code holding a character that cannot be seen (a space is seen as a gap, and stays allowed)."""
    if any(unicodedata.category(char) == "Cf" for char in value or ""):
        raise ValidationError(
            _("รหัสมีอักขระที่มองไม่เห็น (มักติดมาจากการคัดลอก) กรุณาพิมพ์รหัสใหม่"), code="invisible"
        )
