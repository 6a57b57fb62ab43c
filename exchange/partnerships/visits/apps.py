from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "exchange.partnerships.visits"
    label = "visits"
