"""The base of every import/export resource: Thai column headers, row-level change tracking, whole-file checks."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext
from import_export import resources, widgets

from .spreadsheet_widgets import TextWidget
from import_export.results import RowResult


def comparable(value):
    """A cell's value as compared with the saved one: line ends as LF. Text typed in a browser is saved
    with CRLF, and an .xlsx gives it back with LF; an unchanged export must re-import as unchanged."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class ThaiModelResource(resources.ModelResource):
    """A ModelResource whose rows can be explained: which columns a row changes, and in which column it fails.

    Subclasses declare `required_columns` and may implement `row_key(row)` (duplicate detection
    within one file) and `extra_changes(instance)` (columns outside the model, e.g. rubric levels).
    """

    required_columns: tuple[str, ...] = ()
    kind_label = ""
    needs_fiscal_year = False

    def __init__(self, *, fiscal_year=None, on_row=None, **kwargs):
        super().__init__(**kwargs)
        self.on_row = on_row  # called once per row read, valid or not (the import's progress)
        for field in self.fields.values():
            if type(field.widget) is widgets.Widget:  # a plain text column
                field.widget = TextWidget()
        self.fiscal_year = fiscal_year
        self._seen_keys: dict = {}
        self.row_changes: dict[int, list[str]] = {}

    # --- export ---------------------------------------------------------------------------------
    def export_related(self, queryset: QuerySet) -> QuerySet:
        """`queryset` with the related rows its columns read, fetched with it rather than once per row."""
        return queryset

    def filter_export(self, queryset, **kwargs):
        # The admin hands its own list (with its filters) to export(): it must read the same related rows.
        queryset = super().filter_export(queryset, **kwargs)
        return self.export_related(queryset) if isinstance(queryset, QuerySet) else queryset

    # --- whole-file checks -------------------------------------------------------------------
    def missing_columns(self, headers) -> list[str]:
        present = {str(h).strip() for h in headers or [] if h is not None}
        return [column for column in self.required_columns if column not in present]

    def before_import(self, dataset, **kwargs):
        if self.needs_fiscal_year and self.fiscal_year is None:
            raise ValidationError(gettext("กรุณาเลือกปีงบประมาณของข้อมูลที่นำเข้า"))
        missing = self.missing_columns(dataset.headers)
        if missing:
            raise ValidationError(gettext("ไม่พบคอลัมน์ที่ต้องมี: %(columns)s") % {"columns": ", ".join(missing)})

    # --- per-row bookkeeping -----------------------------------------------------------------
    def row_key(self, row):
        return None

    def before_import_row(self, row, **kwargs):
        key = self.row_key(row)
        if key is None:
            return
        first = self._seen_keys.setdefault(key, kwargs.get("row_number"))
        if first != kwargs.get("row_number"):
            message = gettext("ซ้ำกับแถวที่ %(row)s ในไฟล์เดียวกัน") % {"row": first + 1}
            raise ValidationError({self.duplicate_field: message})

    duplicate_field = "__all__"

    def get_or_init_instance(self, instance_loader, row):
        """An unknown key (e.g. agency code) is reported against its column, like any other cell error."""
        try:
            return super().get_or_init_instance(instance_loader, row)
        except ValueError:
            errors = {}
            for name in self.get_import_id_fields():
                field = self.fields[name]
                try:
                    field.clean(row)
                except ValueError as exc:
                    errors[field.attribute or field.column_name] = [str(exc)]
            if not errors:
                raise
            raise ValidationError(errors) from None

    def row_label(self, instance) -> str:
        return str(instance)

    # Resources that check their constraints while reading the row set this to False: Django would
    # otherwise run one query per CheckConstraint per row, and the database enforces them anyway.
    validate_constraints = True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            try:
                instance.full_clean(
                    exclude=errors.keys(),
                    validate_unique=validate_unique and self.validate_constraints,
                    validate_constraints=self.validate_constraints,
                )
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_new = new
        instance._import_before = {} if new else self._snapshot(instance)

    def _snapshot(self, instance) -> dict:
        values = {}
        for field in self.get_import_fields():
            if field.attribute and "__" not in field.attribute:
                values[field.attribute] = getattr(instance, field.attribute + "_id", None) if self._is_fk(
                    field.attribute
                ) else getattr(instance, field.attribute, None)
        return values

    def _is_fk(self, attribute) -> bool:
        try:
            return self._meta.model._meta.get_field(attribute).many_to_one
        except Exception:
            return False

    def changed_columns(self, instance) -> list[str]:
        if instance._import_new:
            return []
        after = self._snapshot(instance)
        changed = [
            self.column_for(attr)
            for attr, value in after.items()
            if comparable(instance._import_before.get(attr)) != comparable(value)
        ]
        return changed + self.extra_changes(instance)

    def extra_changes(self, instance) -> list[str]:
        return []

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance._import_new:
            return False
        changed = self.changed_columns(instance)
        instance._import_changed = changed
        return not changed

    def import_row(self, row, instance_loader, **kwargs):
        """A row's errors keyed by the Thai column header, as the person who filled the file knows it,
        not by the model attribute (the admin preview prints the key as it is)."""
        row_result = super().import_row(row, instance_loader, **kwargs)
        error = row_result.validation_error
        if error is not None and hasattr(error, "error_dict"):
            row_result.validation_error = ValidationError(
                {key if key == NON_FIELD_ERRORS else self.column_for(key): messages
                 for key, messages in error.error_dict.items()}
            )
        if self.on_row is not None:
            self.on_row()
        return row_result

    def before_save_instance(self, instance, row, **kwargs):
        # An import changes a row like any other save: a form opened before it (carrying the old
        # version) must be refused as stale, not save over the imported figures.
        if not instance._import_new and hasattr(instance, "version"):
            instance.version += 1
        super().before_save_instance(instance, row, **kwargs)

    def after_import_row(self, row, row_result, **kwargs):
        instance = row_result.instance
        if instance is not None:
            row_result.object_repr = self.row_label(instance)
        if row_result.import_type == RowResult.IMPORT_TYPE_UPDATE and instance is not None:
            self.row_changes[kwargs["row_number"]] = getattr(instance, "_import_changed", [])

    # --- reporting ---------------------------------------------------------------------------
    def column_for(self, key: str) -> str:
        """The Thai column header of a model attribute (or the key itself when it is already a header)."""
        for field in self.fields.values():
            if key in (field.attribute, field.column_name):
                return field.column_name
        if key == "__all__":
            return "ทั้งแถว"
        return key
