from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "exchange.partnerships.meetings"
    label = "meetings"

    def ready(self):
        from auditlog.registry import auditlog

        from exchange.accounts.privacy import register as register_privacy
        from exchange.partnerships import calendar_items, history

        from . import selectors, workflows
        from .privacy import SECTION

        history.register(workflows.REGISTRATION, "partnership")
        calendar_items.register(selectors.meeting_items)
        calendar_items.register(selectors.event_items)
        calendar_items.register(selectors.deadline_items)
        register_privacy(SECTION)  # download and erasure of a person's data
        auditlog.register(self.get_model("Meeting"))
        auditlog.register(self.get_model("CohortEvent"))
        # A person's needs are theirs: the audit trail records that a registration changed,
        # never what they wrote about their diet, their body or their journey.
        auditlog.register(
            self.get_model("Registration"),
            exclude_fields=["dietary_needs", "accessibility_needs", "arriving_from"],
        )
        # CalendarFeed is not audited: its only content is the digest of a secret.
