"""What meetings hold about a person: the meetings and events they planned, their
registrations with their travel, dietary and accessibility needs, and their calendar feed.

Erasure removes the needs and the feed; a registration itself stays (without its needs) so
that the event's attendance counts hold, and shows "a former member"; the meetings they
planned stay with their partnership."""

from django.utils import timezone

from exchange.accounts.privacy import Section

from .models import CalendarFeed, CohortEvent, Meeting, Registration
from .workflows import REGISTRATION


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    feed = CalendarFeed.objects.filter(user=user).first()
    return {
        "meetings_you_planned": [
            {
                "title": m.title,
                "starts": _iso(m.starts_at),
                "ends": _iso(m.ends_at),
                "time_zone": m.time_zone,
                "partnership": m.partnership_id,
            }
            for m in Meeting.objects.filter(created_by=user)
        ],
        "cohort_events_you_created": [
            {"title": e.title, "starts": _iso(e.starts_at)}
            for e in CohortEvent.objects.filter(created_by=user)
        ],
        "event_registrations": [
            {
                "event": r.event.title,
                "starts": _iso(r.event.starts_at),
                "organisation": r.organisation.name,
                "status": r.status,
                "attending": r.mode,
                "arriving_from": r.arriving_from,
                "needs_travel_booking": r.needs_travel_booking,
                "dietary_needs": r.dietary_needs,
                "accessibility_needs": r.accessibility_needs,
                "registered": _iso(r.created_at),
            }
            for r in Registration.objects.filter(person=user).select_related(
                "event", "organisation"
            )
        ],
        "calendar_feed": {
            "created": _iso(feed.created_at),
            "last_fetched": _iso(feed.last_used_at),
        }
        if feed
        else None,
    }


def erase(user) -> None:
    coming = Registration.objects.filter(
        person=user, status=Registration.Status.REGISTERED, event__starts_at__gt=timezone.now()
    ).select_related("event")
    for registration in coming:
        REGISTRATION.transition(
            registration, Registration.Status.CANCELLED, by=None, reason="account deleted"
        )
    Registration.objects.filter(person=user).update(
        arriving_from="",
        needs_travel_booking=False,
        dietary_needs="",
        accessibility_needs="",
    )
    Registration.objects.filter(registered_by=user).exclude(person=user).update(registered_by=None)
    CalendarFeed.objects.filter(user=user).delete()


SECTION = Section(
    "meetings",
    models=(
        "meetings.Meeting",
        "meetings.CohortEvent",
        "meetings.Registration",
        "meetings.CalendarFeed",
    ),
    export=export,
    erase=erase,
)
