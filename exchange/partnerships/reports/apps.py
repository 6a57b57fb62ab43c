from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "exchange.partnerships.reports"
    label = "reports"
