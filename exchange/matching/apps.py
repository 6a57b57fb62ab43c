from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "exchange.matching"
    label = "matching"

    def ready(self):
        from exchange.accounts.privacy import register

        from .privacy import SECTION

        register(SECTION)  # download and erasure of a person's data
        from exchange.core import events

        from . import listeners

        events.subscribe("organisations.profile_changed", listeners.profile_changed)
        events.subscribe("organisations.imported", listeners.imported)
