from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "exchange.api"
    label = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from exchange.accounts.privacy import register

        from . import schema  # noqa: F401  (the token security scheme for drf-spectacular)
        from .privacy import SECTION

        register(SECTION)  # download and erasure of a person's data
