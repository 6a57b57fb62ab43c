"""Rows of the workspace's meetings, the cohort's events and the calendar feed (see
tests/partnerships/authz.py)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from exchange.organisations.models import Membership
from exchange.partnerships.meetings import services
from exchange.partnerships.meetings.models import CohortEvent, Meeting, Registration

from .expect import (
    API_READ,
    API_STAFF,
    WS_FORM,
    WS_READ,
    WS_STAFF_READ,
    WS_STAFF_WRITE,
    WS_WRITE,
    everyone,
)


def build(ws):
    partnership = ws.partnership
    admin = ws.organisation.memberships.get(role=Membership.Role.ADMIN).user
    soon = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    meeting = Meeting.objects.create(
        partnership=partnership,
        title="Monthly call",
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=1),
        time_zone="Europe/Istanbul",
        link="https://meet.jit.si/monthly",
        created_by=admin,
    )
    event = CohortEvent.objects.create(
        cohort=partnership.cohort,
        kind=CohortEvent.Kind.OPENING,
        title="Opening meeting",
        starts_at=soon + datetime.timedelta(days=10),
        ends_at=soon + datetime.timedelta(days=11),
        time_zone="Europe/Istanbul",
        place="İstanbul",
        status=CohortEvent.Status.PUBLISHED,
    )
    registration = Registration.objects.create(
        event=event,
        person=admin,
        organisation=ws.organisation,
        partnership=partnership,
        dietary_needs="Vejetaryen",
    )
    ws.extra.update(
        meeting_id=meeting.pk,
        event_id=event.pk,
        registration_id=registration.pk,
        feed_token=services.renew_feed(user=admin),
    )


def _ws(name, *parts):
    return lambda w: reverse(
        f"meetings:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


def _cohort(name, *parts, api=False):
    prefix = "api" if api else "meetings"
    return lambda w: reverse(
        f"{prefix}:{name}",
        args=[w.workspace.cohort_id, *[getattr(w.workspace, p) for p in parts]],
    )


SIGNED_IN = {**everyone(200), "anonymous": 302}
# Cohort events: the cohort's people register (staff see the page but are refused).
REGISTER = {**everyone(404), "anonymous": 302, "member": 200, "org_admin": 200, "staff": 403}
# A page of the staff's events: the cohort's people find nothing there.
STAFF_POST = {**WS_STAFF_WRITE, "member": 404, "org_admin": 404}

PAGES = {
    "meetings:list": ("get", _ws("list"), WS_READ),
    "meetings:add": ("get", _ws("add"), WS_FORM),
    # The tables' POST carries none of the form's fields: the form comes back with errors.
    "meetings:add (planning)": ("post", _ws("add"), {**WS_WRITE, "member": 400, "org_admin": 400}),
    "meetings:edit": ("get", _ws("edit", "meeting_id"), WS_FORM),
    "meetings:notes": ("get", _ws("notes", "meeting_id"), WS_FORM),
    "meetings:notes (saving)": ("post", _ws("notes", "meeting_id"), WS_WRITE),
    "meetings:delete": ("post", _ws("delete", "meeting_id"), WS_WRITE),
    "meetings:events": ("get", _cohort("events"), WS_READ),
    "meetings:register": ("get", _cohort("register", "event_id"), REGISTER),
    # An in-person event and one organisation: nothing else to choose, the POST registers.
    "meetings:register (registering)": (
        "post",
        _cohort("register", "event_id"),
        {**REGISTER, "member": 302, "org_admin": 302},
    ),
    # The org_admin's own registration: they and staff may cancel it, a colleague may not.
    "meetings:registration-cancel": (
        "post",
        _cohort("registration-cancel", "event_id", "registration_id"),
        {**everyone(404), "anonymous": 302, "member": 403, "org_admin": 302, "staff": 302},
    ),
    "meetings:cohort-events": ("get", _cohort("cohort-events"), WS_STAFF_READ),
    "meetings:cohort-event-add": ("get", _cohort("cohort-event-add"), WS_STAFF_READ),
    "meetings:cohort-event-add (saving)": (
        "post",
        _cohort("cohort-event-add"),
        {**STAFF_POST, "staff": 400},
    ),
    "meetings:cohort-event-edit": ("get", _cohort("cohort-event-edit", "event_id"), WS_STAFF_READ),
    "meetings:cohort-event-move": ("post", _cohort("cohort-event-move", "event_id"), STAFF_POST),
    "meetings:attendance": ("get", _cohort("attendance", "event_id"), WS_STAFF_READ),
    "meetings:attendance-csv": ("get", _cohort("attendance-csv", "event_id"), WS_STAFF_READ),
    "meetings:calendar": ("get", lambda w: reverse("meetings:calendar"), SIGNED_IN),
    "meetings:calendar-renew": ("post", lambda w: reverse("meetings:calendar-renew"), SIGNED_IN),
    # The secret address is the key: no session is needed, anyone holding it reads it.
    "meetings:feed": (
        "get",
        lambda w: reverse("meetings:feed", args=[w.workspace.feed_token]),
        everyone(200),
    ),
}


def _api_ws(name, *parts):
    return lambda w: reverse(
        f"api:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


def _meeting_body(w, me):
    return {
        "title": "Planning the visit",
        "starts_at": "2031-01-15T07:00:00Z",
        "ends_at": "2031-01-15T08:00:00Z",
        "time_zone": "Europe/Istanbul",
        "link": "https://meet.jit.si/visit",
    }


API_WRITE = {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200, "staff": 403}

API = {
    "api:meetings": ("get", _api_ws("meetings"), API_READ, None),
    "api:meetings (planning)": (
        "post",
        _api_ws("meetings"),
        {**API_WRITE, "member": 201, "org_admin": 201},
        _meeting_body,
    ),
    "api:meeting": ("get", _api_ws("meeting", "meeting_id"), API_READ, None),
    "api:meeting (notes)": (
        "patch",
        _api_ws("meeting", "meeting_id"),
        API_WRITE,
        lambda w, me: {"notes": "We agreed on the dates."},
    ),
    # The member deletes it first; after them it is gone (404), for staff too.
    "api:meeting (deleting)": (
        "delete",
        _api_ws("meeting", "meeting_id"),
        {**API_WRITE, "member": 204, "org_admin": 404, "staff": 404},
        None,
    ),
    "api:cohort-events": ("get", _cohort("cohort-events", api=True), API_READ, None),
    "api:cohort-event-registration": (
        "post",
        _cohort("cohort-event-registration", "event_id", api=True),
        {**API_WRITE, "member": 201, "org_admin": 201},
        lambda w, me: {"dietary_needs": "Helal", "arriving_from": "Ankara"},
    ),
    # Cancelling one's own: only org_admin has a registration to cancel.
    "api:cohort-event-registration (cancelling)": (
        "delete",
        _cohort("cohort-event-registration", "event_id", api=True),
        {**API_WRITE, "member": 404, "org_admin": 204, "staff": 404},
        None,
    ),
    "api:cohort-event-attendance": (
        "get",
        _cohort("cohort-event-attendance", "event_id", api=True),
        API_STAFF,
        None,
    ),
    "api:calendar-feed": (
        "post",
        lambda w: reverse("api:calendar-feed"),
        {**everyone(201), "anonymous": 401},
        lambda w, me: {},
    ),
}
