from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "exchange.matching"
    label = "matching"

    def ready(self):
        from . import signals  # noqa: F401
