"""Reading meetings, cohort events and registrations (permission-checked where a person
asks), the people notices go to, and the calendar's items of this part."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.applications.models import Application, Partner
from exchange.core.permissions import require
from exchange.organisations.models import Membership
from exchange.partnerships.calendar_items import Item
from exchange.partnerships.models import Partnership

from . import permissions
from .feed import digest
from .models import CalendarFeed, CohortEvent, Meeting, Registration

E = CohortEvent.Status
R = Registration.Status
LIVE = permissions.LIVE
MAX_ID = 2**63 - 1
# How far back a calendar feed reaches: calendars keep what they imported before.
FEED_PAST = datetime.timedelta(days=365)


def _pk(value) -> int:
    if not 0 < int(value) <= MAX_ID:
        raise Http404
    return int(value)


# --- Meetings -----------------------------------------------------------------------------


def meetings_of(partnership) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming, past): upcoming soonest first, past most recent first."""
    now = timezone.now()
    meetings = list(partnership.meetings.select_related("created_by"))
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = [m for m in reversed(meetings) if m.ends_at < now]
    return upcoming, past


def get_meeting(partnership, pk) -> Meeting:
    meeting = partnership.meetings.filter(pk=_pk(pk)).first()
    if meeting is None:
        raise Http404
    meeting.partnership = partnership
    return meeting


# --- Cohort events ------------------------------------------------------------------------


def events_of(cohort, *, staff: bool = False):
    events = CohortEvent.objects.filter(cohort=cohort)
    if not staff:
        events = events.filter(status__in=[E.PUBLISHED, E.CANCELLED])
    return events.order_by("starts_at", "pk")


def get_event(cohort, pk, *, staff: bool = False) -> CohortEvent:
    event = events_of(cohort, staff=staff).filter(pk=_pk(pk)).first()
    if event is None:
        raise Http404
    event.cohort = cohort
    return event


def registrations_by(user, cohort) -> dict[int, list[Registration]]:
    """event id -> the registrations the person can see on the events page: their own, and
    their colleagues' where they administer the organisation."""
    roles = permissions.cohort_roles(user, cohort)
    admin_of = [org for org, (role, _p) in roles.items() if role == Membership.Role.ADMIN]
    rows = (
        Registration.objects.filter(event__cohort=cohort)
        .filter(Q(person=user) | Q(organisation_id__in=admin_of))
        .select_related("person", "organisation")
        .order_by("event_id", "person_id")
    )
    result: dict[int, list[Registration]] = {}
    for row in rows:
        result.setdefault(row.event_id, []).append(row)
    return result


def get_registration(event, pk, *, user) -> Registration:
    registration = (
        Registration.objects.select_related("person", "organisation")
        .filter(event=event, pk=_pk(pk))
        .first()
    )
    if registration is None:
        raise Http404
    registration.event = event
    decision = permissions.can_change_registration(user, registration)
    if not decision and decision.code == "not_found":
        raise Http404
    return registration


def attendance(event) -> list[Registration]:
    """Who registered (cancelled ones last), for the staff's list and its export."""
    rows = (
        Registration.objects.filter(event=event)
        .select_related("person", "organisation")
        .order_by("status", "organisation__name", "person__display_name", "pk")
    )
    return sorted(rows, key=lambda r: r.status != R.REGISTERED)


def colleagues(user, cohort) -> list:
    """The people the person may register: themself, and the members of the organisations
    of the cohort they administer."""
    roles = permissions.cohort_roles(user, cohort)
    admin_of = [org for org, (role, _p) in roles.items() if role == Membership.Role.ADMIN]
    people = get_user_model().objects.filter(
        Q(pk=user.pk) | Q(memberships__organisation_id__in=admin_of), is_active=True
    )
    return list(people.distinct().order_by("display_name", "email"))


def people_of_cohort(cohort):
    """Everyone in the organisations of the cohort's partnerships (for notices)."""
    memberships = Membership.objects.filter(
        organisation__partnership_memberships__partnership__cohort=cohort,
        organisation__partnership_memberships__partnership__status__in=LIVE,
    )
    return (
        get_user_model()
        .objects.filter(pk__in=memberships.values("user_id"), is_active=True)
        .order_by("pk")
    )


def require_cohort_staff(user, cohort) -> None:
    require(permissions.can_run_events(user, cohort))


# --- The calendar feed --------------------------------------------------------------------


def feed_of_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(digest=digest(token)).first()
    if feed is None or not feed.user.is_active or feed.user.erased_at is not None:
        return None
    return feed


def _organisations(user):
    return Membership.objects.filter(user=user).values("organisation_id")


def meeting_items(user) -> list[Item]:
    """The meetings of the person's partnerships: one query."""
    since = timezone.now() - FEED_PAST
    rows = (
        Meeting.objects.filter(
            partnership__members__organisation_id__in=_organisations(user),
            ends_at__gte=since,
        )
        .exclude(partnership__status=Partnership.Status.WITHDRAWN)
        .values_list("pk", "partnership_id", "title", "starts_at", "ends_at", "link", "agenda")
        .distinct()
    )
    items = []
    for pk, partnership_id, title, starts, ends, link, agenda in rows:
        description = "\n\n".join(part for part in (link, agenda) if part)
        items.append(
            Item(
                uid=f"meeting-{pk}@civil-society-exchange",
                title=title,
                start=starts,
                end=ends,
                location=link,
                url=reverse("meetings:list", args=[partnership_id]) + f"#meeting-{pk}",
                description=description,
                kind="meeting",
            )
        )
    return items


def event_items(user) -> list[Item]:
    """The published events of the person's cohorts (those they belong to through an
    organisation, those they registered for, and for staff those of their programmes'
    cohorts): one query."""
    since = timezone.now() - FEED_PAST
    cohorts = Partnership.objects.filter(
        members__organisation_id__in=_organisations(user), status__in=LIVE
    ).values("cohort_id")
    registered = Registration.objects.filter(person=user, status=R.REGISTERED).values("event_id")
    staffed = CohortEvent.objects.filter(cohort__call__programme__staff=user).values("pk")
    condition = Q(cohort_id__in=cohorts) | Q(pk__in=registered) | Q(pk__in=staffed)
    rows = (
        CohortEvent.objects.filter(condition, status=E.PUBLISHED, ends_at__gte=since)
        .values_list("pk", "cohort_id", "title", "starts_at", "ends_at", "place", "link", "agenda")
        .distinct()
    )
    items = []
    for pk, cohort_id, title, starts, ends, place, link, agenda in rows:
        description = "\n\n".join(part for part in (place, link, agenda) if part)
        items.append(
            Item(
                uid=f"cohort-event-{pk}@civil-society-exchange",
                title=title,
                start=starts,
                end=ends,
                location=place or link,
                url=reverse("meetings:events", args=[cohort_id]) + f"#event-{pk}",
                description=description,
                kind="event",
            )
        )
    return items


def deadline_items(user) -> list[Item]:
    """The deadlines of the calls the person's organisations have a draft or a submitted
    application in (an individual extension moves it): one query."""
    since = timezone.now() - FEED_PAST
    rows = (
        Application.objects.filter(
            pk__in=Partner.objects.filter(
                organisation_id__in=_organisations(user), is_active=True
            ).values("application_id"),
            status__in=[Application.Status.DRAFT, Application.Status.SUBMITTED],
            call__closes_at__gte=since,
        )
        .select_related("call")
        .order_by("pk")
    )
    items = []
    for application in rows:
        moment = application.deadline
        call = application.call
        items.append(
            Item(
                uid=f"deadline-{application.pk}@civil-society-exchange",
                title=_("Deadline: %(call)s") % {"call": call.title},
                # An hour that ends at the deadline: calendars hide an event of no length.
                start=moment - datetime.timedelta(hours=1),
                end=moment,
                url=application.get_absolute_url(),
                description=_("The call “%(call)s” closes; submit your application before.")
                % {"call": call.title},
                kind="deadline",
            )
        )
    return items
