from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "exchange.contacts"
    label = "contacts"
