"""IANA time zones as people's browsers and forms give them."""

import zoneinfo
from functools import lru_cache
from urllib.parse import unquote


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_named(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone of an IANA name (as the browser's `tz` cookie holds it, URL-encoded), or
    None for anything else: a stale, forged or overlong value is simply not a zone."""
    if not name or len(name) > 200:
        return None
    name = unquote(name)
    if name not in known_zones():
        return None
    return zoneinfo.ZoneInfo(name)


def browser_zone(request) -> str:
    """The name of the zone the visitor's browser reported, or ''."""
    zone = zone_named(request.COOKIES.get("tz", ""))
    return zone.key if zone else ""
