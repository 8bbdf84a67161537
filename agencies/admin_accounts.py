"""Accounts and permission groups in the admin, with each permission named in the reader's language.

Django stores a permission's name once, at migrate time ("Can add ตัวชี้วัด"): English words around
the model's Thai name, whatever the reader's language. The choice lists name it again from its
codename and the model's translated verbose name instead.
"""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext, pgettext_lazy

PERMISSION_FIELDS = ("permissions", "user_permissions")
ACTION_WORDS = {  # Django's four built-in permissions, by their codename's first word
    "add": pgettext_lazy("permission", "เพิ่ม"),
    "change": pgettext_lazy("permission", "แก้ไข"),
    "delete": pgettext_lazy("permission", "ลบ"),
    "view": pgettext_lazy("permission", "ดู"),
}


def permission_label(permission) -> str:
    """'ตัวชี้วัดและผลการดำเนินงาน | ตัวชี้วัด | เพิ่ม' for indicators.add_indicator; a custom permission keeps its own name."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:  # a model since removed: nothing to translate from
        return str(permission)
    action = permission.codename.split("_", 1)[0]
    builtin = permission.codename == f"{action}_{model._meta.model_name}" and action in ACTION_WORDS
    what = ACTION_WORDS[action] if builtin else gettext(permission.name)
    app = apps.get_app_config(content_type.app_label).verbose_name
    return f"{app} | {model._meta.verbose_name} | {what}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class TranslatedPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in PERMISSION_FIELDS:
            kwargs["form_class"] = PermissionChoiceField
            # The labels read the content type: fetch it with the permissions, not once per option.
            kwargs.setdefault("queryset", db_field.remote_field.model.objects.select_related("content_type"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountAdmin(TranslatedPermissionsMixin, UserAdmin):
    pass


@admin.register(Group)
class PermissionGroupAdmin(TranslatedPermissionsMixin, GroupAdmin):
    pass
