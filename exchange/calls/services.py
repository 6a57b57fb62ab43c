"""Calls: local moments in a call's own time zone, and the call's calendar."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import Call


def aware(local: datetime.datetime, zone_name: str) -> datetime.datetime:
    """A wall-clock time in `zone_name` as an aware datetime (stored as UTC)."""
    import zoneinfo

    return timezone.make_aware(local.replace(tzinfo=None), zoneinfo.ZoneInfo(zone_name))


def local(moment: datetime.datetime, zone_name: str) -> datetime.datetime:
    import zoneinfo

    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone_name)).replace(tzinfo=None)


def calendar(call: Call) -> bytes:
    """An iCalendar file with the call's deadline and meetings."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Civil Society Exchange//calls//EN")
    cal.add("version", "2.0")
    url = settings.SITE_URL.rstrip("/") + call.get_absolute_url()

    def event(uid, summary, start, end=None):
        item = Event()
        item.add("uid", f"{uid}-{call.pk}@civil-society-exchange")
        item.add("summary", summary)
        item.add("dtstart", start)
        if end is not None:
            item.add("dtend", end)
        item.add("dtstamp", timezone.now())
        item.add("url", url)
        cal.add_component(item)

    event("deadline", f"Deadline: {call.title_en}", call.closes_at, call.closes_at)
    if call.opening_meeting:
        event("opening", f"Opening meeting: {call.title_en}", call.opening_meeting)
    if call.closing_meeting:
        event("closing", f"Closing meeting: {call.title_en}", call.closing_meeting)
    if call.exchange_starts and call.exchange_ends:
        event(
            "exchange",
            f"Exchange period: {call.title_en}",
            call.exchange_starts,
            call.exchange_ends + datetime.timedelta(days=1),
        )
    return cal.to_ical()
