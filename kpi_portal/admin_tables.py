"""Admin inline tables that show each row's chosen record (an autocomplete, a raw-id box) from one query
for the whole table. Django's widgets read it once per row: a joint KPI with every district office as a
partner, or an audit's evidence checklist, cost a query a line.

`OneQueryInlineMixin` on an inline, with `one_query_fields`, gives those fields these widgets and a formset
that loads the chosen records of every row at once; a value it did not load (a posted new choice) falls
back to Django's own lookup.
"""

from django.core.exceptions import ValidationError
from django.contrib.admin.widgets import AutocompleteSelect, ForeignKeyRawIdWidget, RelatedFieldWidgetWrapper
from django.forms.models import BaseInlineFormSet
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator


class TableAutocompleteSelect(AutocompleteSelect):
    loaded = None  # {str(pk): record} for the whole table, set by OneQueryFormSet

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.loaded is None or any(pk not in self.loaded for pk in chosen):
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for pk in chosen[:1]:
            record = self.loaded[pk]
            label = self.choices.field.label_from_instance(record)
            options.append(self.create_option(name, record.pk, label, set(chosen), len(options)))
        return [(None, options, 0)]


class TableRawIdWidget(ForeignKeyRawIdWidget):
    loaded = None

    def label_and_url_for_value(self, value):
        record = (self.loaded or {}).get(str(value))
        if record is None:
            return super().label_and_url_for_value(value)
        opts = record._meta
        try:
            url = reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=(record.pk,))
        except NoReverseMatch:
            url = ""
        return Truncator(record).words(14), url


TABLE_WIDGETS = (TableAutocompleteSelect, TableRawIdWidget)


def _inner(widget):
    return widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget


class OneQueryFormSet(BaseInlineFormSet):
    @cached_property
    def forms(self):
        forms = super().forms
        for name, field in self.form.base_fields.items():
            if not isinstance(_inner(field.widget), TABLE_WIDGETS):
                continue
            chosen = {form[name].value() for form in forms} - {None, ""}
            try:
                loaded = {str(pk): record for pk, record in field.queryset.in_bulk(chosen).items()}
            except (ValueError, TypeError, ValidationError):  # a posted value that is no id: Django's lookup says so
                loaded = {}
            for form in forms:
                _inner(form.fields[name].widget).loaded = loaded
        return forms


class OneQueryInlineMixin:
    one_query_fields: tuple[str, ...] = ()
    formset = OneQueryFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.one_query_fields and "widget" not in kwargs:
            using = kwargs.get("using")
            if db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = TableAutocompleteSelect(db_field, self.admin_site, using=using)
            elif db_field.name in self.raw_id_fields:
                kwargs["widget"] = TableRawIdWidget(db_field.remote_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
