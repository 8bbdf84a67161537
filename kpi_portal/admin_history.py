"""The audit trail in the admin: who changed what and when, kept forever and never edited.

- `NoRevertMixin`: django-simple-history's history pages accept a POST that reverts the
  object, from anyone who may merely *view* it; that would bypass the amendment path.
  Changes go through the change form (with its own checks) or services.
- `HistoryRecordAdmin`: a read-only changelist of each model's history rows, filterable
  by kind of change, user and date; nobody can add, change or delete a row. The history
  models stay off the admin index (a row is reached from its object's history button) and
  show their dates in B.E.
- `M2MHistoryMixin`: an object's history page says what changed between each two versions;
  simple-history reads a tracked many-to-many field (a mission group's members, an account's
  groups) with two queries per version and field. Here each field is read once for the page.
- `harden_admin()` (run from AgenciesConfig.ready(), once every admin module is loaded)
  applies them to whatever the project registered, and gives user accounts a history page,
  without touching the admin classes declared elsewhere.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, HistoricalChanges, ModelChange
from simple_history.utils import get_m2m_reverse_field_name

from kpi_portal.templatetags.thai import be_datetime


class NoRevertMixin:
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("ประวัติการแก้ไขใช้ดูเท่านั้น ไม่สามารถย้อนกลับจากหน้านี้ได้")
        return super().history_form_view(request, object_id, version_id, extra_context)


class M2MHistoryMixin:
    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        m2m_fields = list(getattr(type(records[0]), "_history_m2m_fields", [])) if records else []
        if not m2m_fields:
            return super().set_history_delta_changes(request, records, foreign_keys_are_objs)
        names = [field.name for field in m2m_fields]
        rows = {field.name: m2m_rows(records, field, foreign_keys_are_objs) for field in m2m_fields}
        previous = None
        for current in records:  # newest first: each version is compared with the one before it
            if previous is not None:
                delta = previous.diff_against(current, excluded_fields=names, foreign_keys_are_objs=foreign_keys_are_objs)
                for name in names:
                    old_ids, old_shown = rows[name].get(current.history_id, ([], []))
                    new_ids, new_shown = rows[name].get(previous.history_id, ([], []))
                    if old_ids != new_ids:
                        delta.changes.append(ModelChange(name, old_shown, new_shown))
                        delta.changed_fields.append(name)
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


def m2m_rows(records, field, foreign_keys_are_objs) -> dict:
    """{history_id: (rows of ids, rows as shown)} of one tracked many-to-many field, for all `records` in one
    query; the rows as simple-history's diff_against words them (ordered by the related record, related
    records as objects, a deleted one as DeletedObject)."""
    through = getattr(records[0], field.name).model
    columns = [f for f in through._meta.fields if f.editable and f.name not in ("id", "m2m_history_id", "history")]
    keys = [f for f in columns if f.is_relation]
    queryset = through.objects.filter(history__in=[r.history_id for r in records]).order_by(get_m2m_reverse_field_name(field))
    if foreign_keys_are_objs:
        queryset = queryset.select_related(*(f.name for f in keys))
    found = {}
    for row in queryset:
        ids, shown = found.setdefault(row.history_id, ([], []))
        ids.append({f.name: getattr(row, f.attname) for f in columns})
        shown.append({f.name: _shown(row, f, foreign_keys_are_objs) for f in columns})
    return found


def _shown(row, field, foreign_keys_are_objs):
    if not (field.is_relation and foreign_keys_are_objs):
        return getattr(row, field.attname)
    try:
        value = getattr(row, field.name)
    except ObjectDoesNotExist:
        value = None
    return DeletedObject(field.related_model, getattr(row, field.attname)) if value is None else value


# simple-history names its own fields in English ("history user"); they are labelled here instead of in the
# models, whose field names would otherwise need a migration for every tracked model.
LABELS = {
    "history_id": _("เลขที่ประวัติ"),
    "history_date": _("วันเวลาที่เปลี่ยน"),
    "history_change_reason": _("เหตุผลที่เปลี่ยน"),
    "history_type": _("การดำเนินการ"),
    "history_user": _("ผู้แก้ไข"),
}
SHOWN_AS = {name: f"{name}_shown" for name in LABELS}


def titled(filter_class, title):
    """A list filter headed `title` rather than the field's verbose name."""

    class Titled(filter_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return Titled


class HistoryRecordAdmin(admin.ModelAdmin):
    """One model's history rows: read-only, filterable by change type, user and date."""

    list_display = [
        "history_date_shown",
        "history_user_shown",
        "history_type_shown",
        "object_link",
        "history_change_reason_shown",
    ]
    list_filter = [
        ("history_type", titled(admin.ChoicesFieldListFilter, LABELS["history_type"])),
        ("history_user", titled(admin.RelatedOnlyFieldListFilter, LABELS["history_user"])),
        ("history_date", titled(admin.DateFieldListFilter, LABELS["history_date"])),
    ]
    date_hierarchy = "history_date"
    search_fields = ["history_change_reason", "history_user__username"]
    list_select_related = ["history_user"]
    ordering = ["-history_date", "-history_id"]
    list_per_page = 50

    def _field_names(self):
        return [SHOWN_AS.get(field.name, field.name) for field in self.model._meta.fields]

    def get_readonly_fields(self, request, obj=None):
        return self._field_names() + ["changes"]

    def get_fields(self, request, obj=None):
        return ["changes"] + self._field_names()

    def has_module_permission(self, request):
        return False  # not on the admin index: each object's history button leads here

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    @admin.display(description=LABELS["history_id"], ordering="history_id")
    def history_id_shown(self, record):
        return record.history_id

    @admin.display(description=LABELS["history_date"], ordering="history_date")
    def history_date_shown(self, record):
        return be_datetime(record.history_date)

    @admin.display(description=LABELS["history_user"], ordering="history_user__username")
    def history_user_shown(self, record):
        return record.history_user or "-"

    @admin.display(description=LABELS["history_type"], ordering="history_type")
    def history_type_shown(self, record):
        return record.get_history_type_display()

    @admin.display(description=LABELS["history_change_reason"])
    def history_change_reason_shown(self, record):
        return record.history_change_reason or "-"

    @admin.display(description=_("รายการ"))
    def object_link(self, record):
        model = record.instance_type._meta
        object_id = getattr(record, model.pk.attname)
        try:
            url = reverse(f"admin:{model.app_label}_{model.model_name}_history", args=[object_id])
        except NoReverseMatch:
            return f"{model.verbose_name} #{object_id}"
        return format_html('<a href="{}">{} #{}</a>', url, model.verbose_name, object_id)

    @admin.display(description=_("สิ่งที่เปลี่ยน"))
    def changes(self, record):
        previous = record.prev_record
        if previous is None:
            return _("สร้างรายการ") if record.history_type == "+" else "-"
        delta = record.diff_against(previous)
        if not delta.changes:
            return _("ไม่มีการเปลี่ยนค่าข้อมูล")
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>",
            _("ช่อง"),
            _("ค่าเดิม"),
            _("ค่าใหม่"),
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", ((c.field, c.old, c.new) for c in delta.changes)
            ),
        )


def history_models():
    """Every historical model simple-history created (not the m2m through histories)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges) and hasattr(model, "instance_type") and hasattr(model, "history_object")
    ]


def register_history_admins(site=admin.site):
    for model in history_models():
        if not site.is_registered(model):
            site.register(model, HistoryRecordAdmin)


def _with_mixins(site, model, *mixins) -> None:
    current = type(site._registry[model])
    missing = tuple(m for m in mixins if not issubclass(current, m))
    if not missing:
        return
    site.unregister(model)
    site.register(model, type(current.__name__, (*missing, current), {"__module__": current.__module__}))


def harden_admin(site=admin.site) -> None:
    user_model = get_user_model()
    if site.is_registered(user_model):
        _with_mixins(site, user_model, NoRevertMixin, M2MHistoryMixin, SimpleHistoryAdmin)
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, SimpleHistoryAdmin):
            _with_mixins(site, model, NoRevertMixin, M2MHistoryMixin)
    register_history_admins(site)
