from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "exchange.applications"
    label = "applications"

    def ready(self):
        from exchange.accounts.privacy import register

        from .privacy import SECTION

        register(SECTION)  # download and erasure of a person's data
