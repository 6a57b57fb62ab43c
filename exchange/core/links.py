"""Absolute links, all made from one configured site address (settings.SITE_URL)."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def site_host() -> str:
    return urlsplit(settings.SITE_URL).netloc
