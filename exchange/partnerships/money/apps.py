from django.apps import AppConfig


class MoneyConfig(AppConfig):
    name = "exchange.partnerships.money"
    label = "money"

    def ready(self):
        from auditlog.registry import auditlog

        from exchange.accounts.privacy import register
        from exchange.core import events
        from exchange.partnerships import history, progress

        from . import listeners, selectors, workflows
        from .privacy import SECTION

        register(SECTION)

        history.register(workflows.EXPENSE, "partnership")
        history.register(workflows.INSTALMENT, "partnership")
        progress.register(selectors.figures)
        events.subscribe("partnerships.started", listeners.started)
        auditlog.register(self.get_model("Expense"), exclude_fields=["updated_at"])
        auditlog.register(self.get_model("Instalment"), exclude_fields=["updated_at"])
        auditlog.register(self.get_model("InstalmentCheck"))
        auditlog.register(self.get_model("RateImport"))
