"""Every change of meetings, cohort events, registrations and calendar feeds.

Checks first (the rules of permissions.py, the model's validators), then does, in one
transaction; the notices follow from the events emitted (meetings.planned,
meetings.event_published, meetings.registered)."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.core import events
from exchange.core.permissions import Refused, require
from exchange.core.text import clean

from . import permissions
from .feed import digest
from .models import CalendarFeed, CohortEvent, Meeting, Registration
from .workflows import COHORT_EVENT, REGISTRATION

R = Registration.Status
MEETING_FIELDS = ("title", "starts_at", "ends_at", "time_zone", "link", "agenda")
EVENT_FIELDS = (
    "kind", "title", "starts_at", "ends_at", "time_zone", "format", "place", "link", "agenda",
    "registration_closes_at",
)  # fmt: skip
NEEDS_FIELDS = (
    "mode", "arriving_from", "needs_travel_booking", "dietary_needs", "accessibility_needs",
)  # fmt: skip
TEXTS = {
    "title",
    "place",
    "agenda",
    "notes",
    "arriving_from",
    "dietary_needs",
    "accessibility_needs",
}


def _set(obj, fields: dict, allowed) -> None:
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"unexpected field {name}")
        if name in TEXTS and isinstance(value, str):
            value = clean(value).strip()
        setattr(obj, name, value)


def _validate(obj, *, exclude=()) -> None:
    if obj.starts_at and obj.ends_at and obj.ends_at <= obj.starts_at:
        raise ValidationError({"ends_at": [_("It must end after it starts.")]})
    obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


# --- Meetings -----------------------------------------------------------------------------


def plan_meeting(*, partnership, by, **fields) -> Meeting:
    require(permissions.can_plan_meeting(by, partnership))
    meeting = Meeting(partnership=partnership, created_by=by)
    _set(meeting, fields, MEETING_FIELDS)
    _validate(meeting, exclude=("partnership", "created_by"))
    with transaction.atomic():
        meeting.save()
        events.emit(
            "meetings.planned",
            key=f"meetings.planned:{meeting.pk}",
            target=meeting,
            actor=by,
            partnership=partnership.pk,
        )
    return meeting


def edit_meeting(*, meeting: Meeting, by, **fields) -> Meeting:
    require(permissions.can_change_meeting(by, meeting))
    before = _when_and_where(meeting)
    _set(meeting, fields, (*MEETING_FIELDS, "notes"))
    _validate(meeting, exclude=("partnership", "created_by"))
    with transaction.atomic():
        meeting.save()
        after = _when_and_where(meeting)
        if after != before:  # the others are told when the time or the link moves, not notes
            events.emit(
                "meetings.changed",
                key=f"meetings.changed:{meeting.pk}:" + "|".join(after)[:150],
                target=meeting,
                actor=by,
                partnership=meeting.partnership_id,
            )
    return meeting


def _when_and_where(meeting: Meeting) -> tuple[str, ...]:
    return (
        meeting.starts_at.isoformat() if meeting.starts_at else "",
        meeting.ends_at.isoformat() if meeting.ends_at else "",
        meeting.time_zone or "",
        meeting.link or "",
    )


def save_notes(*, meeting: Meeting, by, notes: str) -> Meeting:
    return edit_meeting(meeting=meeting, by=by, notes=notes)


def delete_meeting(*, meeting: Meeting, by) -> None:
    require(permissions.can_change_meeting(by, meeting))
    meeting.delete()


# --- Cohort events ------------------------------------------------------------------------


def create_event(*, cohort, by, **fields) -> CohortEvent:
    require(permissions.can_run_events(by, cohort))
    event = CohortEvent(cohort=cohort, created_by=by)
    _set(event, fields, EVENT_FIELDS)
    _check_event(event)
    event.save()
    return event


def edit_event(*, event: CohortEvent, by, **fields) -> CohortEvent:
    require(permissions.can_change_event(by, event))
    _set(event, fields, EVENT_FIELDS)
    _check_event(event)
    event.save()
    return event


def _check_event(event: CohortEvent) -> None:
    _validate(event, exclude=("cohort", "created_by", "status"))
    errors = {}
    if event.format != CohortEvent.Format.ONLINE and not event.place:
        errors["place"] = [_("Say where it takes place.")]
    if event.format != CohortEvent.Format.IN_PERSON and not event.link:
        errors["link"] = [_("Give the link people join it with online.")]
    if event.registration_closes_at and event.registration_closes_at > event.starts_at:
        errors["registration_closes_at"] = [_("Registration must close before the event starts.")]
    if errors:
        raise ValidationError(errors)


def move_event(*, event: CohortEvent, to: str, by, reason: str = "") -> CohortEvent:
    COHORT_EVENT.transition(event, to, by=by, reason=reason)
    return event


# --- Registrations ------------------------------------------------------------------------


def register(*, event: CohortEvent, by, person=None, organisation_id=None, **needs) -> Registration:
    """Register `person` (by default the one acting) for the event, or change what they
    told; a cancelled registration is registered again."""
    person = person or by
    require(permissions.can_register(by, event))
    theirs = permissions.cohort_roles(person, event.cohort)
    if organisation_id is None and len(theirs) == 1:
        organisation_id = next(iter(theirs))
    if organisation_id not in theirs:
        raise ValidationError(
            {"organisation": [_("Choose the organisation of the cohort you come for.")]}
        )
    if person.pk != by.pk and not permissions.can_register_for(by, event, organisation_id):
        raise Refused(_("Only an admin of the organisation can register a colleague."))
    mode = needs.get("mode") or event.modes[0]
    if mode not in event.modes:
        raise ValidationError({"mode": [_("This event cannot be attended that way.")]})
    needs["mode"] = mode
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().filter(event=event, person=person).first()
        )
        created = registration is None
        if created:
            registration = Registration(event=event, person=person, registered_by=by)
        registration.organisation_id = organisation_id
        registration.partnership_id = theirs[organisation_id][1]
        _set(registration, needs, NEEDS_FIELDS)
        registration.full_clean(
            exclude=["event", "person", "organisation", "partnership", "registered_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        registration.save()
        registration.event = event
        if created:
            events.emit(
                "meetings.registered",
                key=f"meetings.registered:{registration.pk}:new",
                target=registration,
                actor=by,
            )
        elif registration.status == R.CANCELLED:
            REGISTRATION.transition(registration, R.REGISTERED, by=by, locked=True)
    return registration


def cancel_registration(*, registration: Registration, by, reason: str = "") -> Registration:
    REGISTRATION.transition(registration, R.CANCELLED, by=by, reason=reason)
    return registration


# --- The calendar feed --------------------------------------------------------------------


def renew_feed(*, user) -> str:
    """A new secret address for the person's calendar; the old one stops working. The token
    is returned once and stored only as a digest (like the API's tokens)."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user,
        defaults={"digest": digest(token), "created_at": timezone.now(), "last_used_at": None},
    )
    return token


def forget_feed(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()
