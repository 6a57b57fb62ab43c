"""The personal iCalendar feed: every registered provider's items (visits, meetings, cohort
events, call deadlines, report due dates) as one RFC 5545 calendar.

Times are written in UTC (a `Z` time: every calendar converts it to its reader's zone, and
no VTIMEZONE is needed); an all-day item is a DATE whose DTEND is the day after (exclusive,
as RFC 5545 wants). Links are absolute, made from the one configured site address."""

from __future__ import annotations

import datetime
import hashlib

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from exchange.core.links import absolute_url
from exchange.partnerships import calendar_items

PRODID = "-//Civil Society Exchange//calendar//EN"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _utc(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        return value.astimezone(datetime.UTC)
    return value


def _end(item: calendar_items.Item):
    start, end = item.start, item.end
    if isinstance(start, datetime.datetime):
        if not isinstance(end, datetime.datetime) or end <= start:
            end = start + datetime.timedelta(hours=1)
        return _utc(end)
    # A date: the end is exclusive, so a one-day item ends the next day.
    if isinstance(end, datetime.datetime):
        end = end.date()
    if end is None or end <= start:
        return start + datetime.timedelta(days=1)
    return end


def render(user, *, items=None, now=None) -> bytes:
    """The person's calendar, in the active language."""
    items = calendar_items.items_for(user) if items is None else items
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = _("Civil Society Exchange: %(person)s") % {"person": user.name}
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", _("Your visits, meetings, events and due dates."))
    # Ask calendars to fetch it again every few hours (Google decides for itself).
    cal.add("refresh-interval", datetime.timedelta(hours=4), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT4H")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", now)
        event.add("dtstart", _utc(item.start))
        event.add("dtend", _end(item))
        event.add("summary", item.title)
        url = absolute_url(item.url) if item.url.startswith("/") else item.url
        if url:
            event.add("url", url)
        description = "\n\n".join(part for part in (item.description, url) if part)
        if description:
            event.add("description", description)
        if item.location:
            event.add("location", item.location)
        if item.kind:
            event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT" if item.kind == "deadline" else "OPAQUE")
        cal.add_component(event)
    return cal.to_ical()
