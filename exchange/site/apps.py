from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The layer above every domain: the landing page, a person's home page, the demo and
    the daily jobs. It may import any domain; no domain imports it."""

    name = "exchange.site"
    label = "site"
