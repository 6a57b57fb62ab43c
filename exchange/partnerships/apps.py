from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "exchange.partnerships"
    label = "partnerships"

    def ready(self):
        from auditlog.registry import auditlog

        from exchange.accounts.privacy import register
        from exchange.core import events

        from . import history, listeners, progress, selectors, workflows
        from .privacy import SECTION

        register(SECTION)

        events.subscribe("selection.published", listeners.published)
        events.subscribe("applications.decided", listeners.decided)
        events.subscribe("applications.withdrawn", listeners.withdrawn)
        history.register(workflows.PARTNERSHIP, "pk")
        history.register(workflows.ACTIVITY, "partnership")
        progress.register(selectors.plan_figures)
        auditlog.register(self.get_model("Partnership"))
        auditlog.register(self.get_model("Activity"))
        auditlog.register(self.get_model("Update"))
