"""Notices of the workspace's meetings (kind "workspace"; see notifications/notices.py): a
meeting planned or moved, a cohort event published, a registration confirmed.

A meeting's time is written in the zone it was planned in, with the zone named (the same
words go to everyone; the link shows each reader their own time)."""

import zoneinfo

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.meetings import selectors as meeting_selectors

from ..notices import Notice, each_language


def _when(obj) -> str:
    moment = timezone.localtime(obj.starts_at, zoneinfo.ZoneInfo(obj.time_zone))
    return f"{moment:%Y-%m-%d %H:%M} ({obj.time_zone})"


def _meeting_params(event) -> dict:
    meeting = event.target
    return {
        "title": meeting.title,
        "when": _when(meeting),
        "partnership": str(meeting.partnership),
        "person": event.actor.name if event.actor else "",
    }


def _event_params(event) -> dict:
    target = event.target
    cohort_event = getattr(target, "event", target)
    return {
        "title": cohort_event.title,
        "when": _when(cohort_event),
        "cohort": each_language(lambda: cohort_event.cohort.call.cohort),
        "person": target.person.name if hasattr(target, "person") else "",
    }


def _events_link(event) -> str:
    target = event.target
    cohort_event = getattr(target, "event", target)
    return reverse("meetings:events", args=[cohort_event.cohort_id]) + f"#event-{cohort_event.pk}"


NOTICES = {
    "meetings.planned": Notice(
        "workspace",
        _("Meeting planned: %(title)s"),
        _(
            "%(person)s planned the meeting “%(title)s” of the partnership %(partnership)s on "
            "%(when)s. The page shows it in your time zone, with the link and the agenda."
        ),
        audience=lambda event: partnership_selectors.people_of(event.target.partnership),
        link=lambda event: (
            reverse("meetings:list", args=[event.target.partnership_id])
            + f"#meeting-{event.target.pk}"
        ),
        params=_meeting_params,
    ),
    "meetings.changed": Notice(
        "workspace",
        _("Meeting moved: %(title)s"),
        _(
            "%(person)s changed the time or the link of the meeting “%(title)s” of the "
            "partnership %(partnership)s: it is now on %(when)s. The page shows it in your "
            "time zone; your calendar feed follows."
        ),
        audience=lambda event: partnership_selectors.people_of(event.target.partnership),
        link=lambda event: (
            reverse("meetings:list", args=[event.target.partnership_id])
            + f"#meeting-{event.target.pk}"
        ),
        params=_meeting_params,
    ),
    "meetings.event_published": Notice(
        "workspace",
        _("New cohort event: %(title)s"),
        _(
            "The programme's staff announced “%(title)s” for %(cohort)s on %(when)s. "
            "Register on the cohort's events page and tell the organisers your travel, "
            "dietary and accessibility needs."
        ),
        audience=lambda event: meeting_selectors.people_of_cohort(event.target.cohort),
        link=_events_link,
        params=_event_params,
    ),
    "meetings.registered": Notice(
        "workspace",
        _("Registered: %(title)s"),
        _(
            "%(person)s is registered for “%(title)s” on %(when)s. You can change or cancel "
            "the registration on the cohort's events page."
        ),
        audience=lambda event: [event.target.person],
        link=_events_link,
        params=_event_params,
        include_actor=True,
    ),
}
