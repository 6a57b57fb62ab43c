from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "exchange.notifications"
    label = "notifications"

    def ready(self):
        from exchange.accounts.privacy import register

        from .privacy import SECTION

        register(SECTION)  # download and erasure of a person's data
        from exchange.core import events

        from . import services

        events.subscribe("", services.on_event)
