"""What a person's calendar shows, whatever part of the workspace it comes from.

Each part (visits, meetings, reports, calls) offers `calendar_items(user) -> list[Item]`
and registers it here in its AppConfig.ready(); the iCalendar feed and the staff's cohort
calendar read every registered provider. Times are aware datetimes (UTC in the database);
an all-day item has dates."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    uid: str  # stable across feeds: "visit-12@civil-society-exchange"
    title: str
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date | None = None
    location: str = ""
    url: str = ""  # a path; the feed makes it absolute
    description: str = ""
    kind: str = ""  # "visit", "meeting", "event", "deadline", "report"


Provider = Callable[[object], list[Item]]
PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def items_for(user) -> list[Item]:
    items = []
    for provider in PROVIDERS:
        items.extend(provider(user))
    return sorted(items, key=lambda i: (_as_datetime(i.start), i.uid))


def _as_datetime(value) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
