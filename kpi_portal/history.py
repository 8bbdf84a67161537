"""The project's HistoricalRecords: django-simple-history's, with the history models named in Thai.

simple-history names them "historical ตัวชี้วัด", half English, in the admin and on permission
names. Here they are "ประวัติ ตัวชี้วัด" (translated like any other model name for an English user).
Model files import HistoricalRecords from here instead of simple_history.models.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords as SimpleHistoricalRecords


def history_name(name):
    """'ตัวชี้วัด' → 'ประวัติ ตัวชี้วัด', lazily, so it follows the active language."""
    return format_lazy(_("ประวัติ {}"), name)


class HistoricalRecords(SimpleHistoricalRecords):
    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        if not self.user_set_verbose_name:
            options["verbose_name"] = history_name(model._meta.verbose_name)
        if not self.user_set_verbose_name_plural:
            options["verbose_name_plural"] = history_name(model._meta.verbose_name_plural)
        return options
