"""A cohort event's publication and a registration's life, as tables (core.workflow)."""

from exchange.core.workflow import Transition, Workflow, or_system

from . import permissions
from .models import CohortEvent, Registration

E = CohortEvent.Status
R = Registration.Status

COHORT_EVENT = Workflow(
    "meetings.cohort_event",
    CohortEvent,
    E,
    [
        # Published: the cohort's people see it and may register (they are told).
        Transition(E.DRAFT, E.PUBLISHED, rule=permissions.can_change_event,
                   event="meetings.event_published"),
        Transition(E.PUBLISHED, E.CANCELLED, rule=permissions.can_change_event,
                   event="meetings.event_cancelled"),
        Transition(E.DRAFT, E.CANCELLED, rule=permissions.can_change_event),
        Transition(E.CANCELLED, E.DRAFT, rule=permissions.can_change_event),
    ],
)  # fmt: skip

REGISTRATION = Workflow(
    "meetings.registration",
    Registration,
    R,
    [
        # Cancelling is possible until the event, even after registration closed: the
        # organisers would rather know who does not come. The platform cancels the
        # registrations of a person who deleted their account.
        Transition(R.REGISTERED, R.CANCELLED,
                   rule=or_system(permissions.can_change_registration),
                   event="meetings.registration_cancelled"),
        Transition(R.CANCELLED, R.REGISTERED, rule=permissions.can_change_registration,
                   guards=[lambda r: permissions.is_open(r.event)],
                   event="meetings.registered"),
    ],
)  # fmt: skip
