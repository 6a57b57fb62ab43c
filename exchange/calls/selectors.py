from datetime import timedelta

from django.http import Http404
from django.utils import timezone

from .models import Call

COUNTDOWN_FROM = timedelta(days=7)


def list_calls(now=None) -> dict[str, list[Call]]:
    now = now or timezone.now()
    calls = list(Call.objects.select_related("programme").order_by("closes_at"))
    groups = {"open": [], "upcoming": [], "closed": []}
    for call in calls:
        groups[call.status_at(now)].append(call)
    groups["closed"].reverse()  # the most recent first
    return groups


def get_call(slug: str) -> Call:
    call = Call.objects.select_related("programme").filter(slug=slug).first()
    if call is None:
        raise Http404
    return call


def time_left(call: Call, now=None) -> timedelta | None:
    """The time until the deadline, in the last days of an open call (for a countdown)."""
    now = now or timezone.now()
    if call.status_at(now) != Call.Status.OPEN:
        return None
    left = call.closes_at - now
    return left if left <= COUNTDOWN_FROM else None
