from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "exchange.applications"
    label = "applications"
