from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "exchange.partnerships.visits"
    label = "visits"

    def ready(self):
        from auditlog.registry import auditlog

        from exchange.accounts.privacy import register as register_privacy
        from exchange.partnerships import calendar_items, history, progress

        from . import privacy, selectors, workflows

        history.register(workflows.VISIT, "partnership")
        history.register(workflows.LETTER, "visit__partnership")
        progress.register(selectors.figures)
        calendar_items.register(selectors.calendar_items)
        register_privacy(privacy.SECTION)
        auditlog.register(self.get_model("Visit"))
        # The audit trail never holds a passport number (nor a date of birth).
        auditlog.register(
            self.get_model("Traveller"), exclude_fields=["passport_number", "date_of_birth"]
        )
        auditlog.register(self.get_model("InvitationLetter"))
