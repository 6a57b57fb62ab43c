from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "exchange.accounts"
    label = "accounts"

    def ready(self):
        from auditlog.registry import auditlog

        from . import signals  # noqa: F401

        auditlog.register(self.get_model("User"), exclude_fields=["password", "last_login"])
