"""Admin changelist columns that show dates and times in B.E., through the same filters the templates use."""

from django.contrib import admin

from kpi_portal.templatetags.thai import be_date, be_datetime


def be_date_column(field: str, label):
    """A column showing a date field in B.E. ('1 ตุลาคม 2567'), sortable by that field."""

    @admin.display(description=label, ordering=field)
    def column(self, obj):
        return be_date(getattr(obj, field)) or "-"

    column.__name__ = f"{field}_be"
    return column


def be_datetime_column(model, field: str):
    """A column showing a datetime field in B.E. with the Bangkok time ('7 ธ.ค. 2569 13:05'), sortable by it,
    headed by the field's own name."""

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=field)
    def column(self, obj):
        return be_datetime(getattr(obj, field)) or "-"

    column.__name__ = f"{field}_be"
    return column
