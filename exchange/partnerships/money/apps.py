from django.apps import AppConfig


class MoneyConfig(AppConfig):
    name = "exchange.partnerships.money"
    label = "money"
