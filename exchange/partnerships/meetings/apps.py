from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "exchange.partnerships.meetings"
    label = "meetings"
