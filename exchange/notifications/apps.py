from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "exchange.notifications"
    label = "notifications"

    def ready(self):
        from exchange.core import events

        from . import services

        events.subscribe("", services.on_event)
