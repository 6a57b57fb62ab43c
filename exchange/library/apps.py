from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "exchange.library"
    label = "library"
    verbose_name = _("Model library")

    def ready(self):
        from exchange.accounts.privacy import register as register_privacy

        from .privacy import SECTION

        register_privacy(SECTION)  # download and erasure of a person's data
