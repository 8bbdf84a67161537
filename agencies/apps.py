from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'agencies'
    verbose_name = _("หน่วยงานและกลุ่มภารกิจ")

    def ready(self):
        # The admin has loaded every admin module by now (django.contrib.admin comes first).
        from kpi_portal.admin_history import harden_admin

        harden_admin()
