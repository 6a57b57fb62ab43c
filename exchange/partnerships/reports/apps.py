from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "exchange.partnerships.reports"
    label = "reports"

    def ready(self):
        from auditlog.registry import auditlog

        from exchange.accounts.privacy import register
        from exchange.partnerships import calendar_items, history, progress

        from . import selectors, workflows
        from .privacy import SECTION

        register(SECTION)

        history.register(workflows.REPORT, "partnership")
        history.register(workflows.ASSESSMENT, "partnership")
        progress.register(selectors.figures)
        calendar_items.register(selectors.calendar_items)
        # The answers are the partnership's own text: the trail says who changed what
        # and when, without copying the texts into it.
        auditlog.register(self.get_model("Report"), exclude_fields=["answers", "versions"])
        auditlog.register(self.get_model("Assessment"), exclude_fields=["answers"])
        auditlog.register(self.get_model("Schedule"))
