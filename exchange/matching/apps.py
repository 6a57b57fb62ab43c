from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "exchange.matching"
    label = "matching"

    def ready(self):
        from exchange.core import events

        from . import listeners

        events.subscribe("organisations.profile_changed", listeners.profile_changed)
        events.subscribe("organisations.imported", listeners.imported)
