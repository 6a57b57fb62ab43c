from datetime import timedelta

from django.http import Http404
from django.utils import timezone

from . import permissions
from .models import Call, Programme

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


def get_call_for_staff(user, slug: str) -> Call:
    """A call its programme's staff manage: 404 for anyone else (the page is not theirs)."""
    call = get_call(slug)
    if not permissions.can_manage_call(user, call):
        raise Http404
    return call


def list_programmes_run_by(user):
    """The programmes a person runs (every one for a superuser)."""
    if user.is_superuser:
        return Programme.objects.all()
    return Programme.objects.filter(staff=user)


def list_calls_run_by(user):
    return Call.objects.filter(programme__in=list_programmes_run_by(user))
