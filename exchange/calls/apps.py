from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "exchange.calls"
    label = "calls"
