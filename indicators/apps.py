from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'indicators'

    def ready(self):
        # The admin has loaded every admin module by now (django.contrib.admin comes first).
        from .admin_audit import lock_approved_indicators

        lock_approved_indicators()
