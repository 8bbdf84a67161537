from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'agencies'

    def ready(self):
        # The admin has loaded every admin module by now (django.contrib.admin comes first).
        from kpi_portal.admin_history import harden_admin

        harden_admin()
