from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "exchange.partnerships"
    label = "partnerships"

    def ready(self):
        from exchange.core import events

        from . import listeners

        events.subscribe("selection.published", listeners.published)
        events.subscribe("applications.decided", listeners.decided)
        events.subscribe("applications.withdrawn", listeners.withdrawn)
