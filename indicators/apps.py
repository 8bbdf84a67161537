from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'indicators'
    verbose_name = _("ตัวชี้วัดและผลการดำเนินงาน")

    def ready(self):
        # The admin has loaded every admin module by now (django.contrib.admin comes first).
        from .admin_audit import lock_approved_indicators

        lock_approved_indicators()
