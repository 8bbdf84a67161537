"""django-axes under a Thai name in the admin: its AppConfig has no verbose_name and no Thai catalogue
(its model and field names are translated in locale/th)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("การเข้าสู่ระบบและการล็อกบัญชี")
