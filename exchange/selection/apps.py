from django.apps import AppConfig


class SelectionConfig(AppConfig):
    name = "exchange.selection"
    label = "selection"

    def ready(self):
        from exchange.accounts.privacy import register
        from exchange.core import events

        from . import listeners
        from .privacy import SECTION

        register(SECTION)  # download and erasure of a person's data
        events.subscribe("applications.submitted", listeners.submitted)
        events.subscribe("applications.withdrawn", listeners.withdrawn)
        events.subscribe("applications.screened", listeners.status_changed)
        events.subscribe("applications.decided", listeners.status_changed)
