"""Who may do what with meetings, cohort events and registrations, on top of the
partnership's rules (exchange/partnerships/permissions.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny, memo
from exchange.organisations.models import Membership
from exchange.partnerships import permissions as base
from exchange.partnerships.models import Partnership

from .models import CohortEvent, Registration

E = CohortEvent.Status
LIVE = (Partnership.Status.ACTIVE, Partnership.Status.COMPLETED)


def can_plan_meeting(user, partnership) -> Decision:
    """Plan, change, take notes of, or delete a meeting: the partnership's own people."""
    return base.can_work(user, partnership)


def can_change_meeting(user, meeting) -> Decision:
    return base.can_work(user, meeting.partnership)


def can_run_events(user, cohort) -> Decision:
    """Create, publish and cancel a cohort's events, see who comes: the programme's staff
    (for anyone else the staff's pages do not exist)."""
    return base.can_run_cohort(user, cohort)


def can_change_event(user, event) -> Decision:
    return can_run_events(user, event.cohort)


def cohort_roles(user, cohort) -> dict[int, tuple[str, int]]:
    """organisation id -> (the person's role, the partnership id), for the organisations of
    the cohort's partnerships (not withdrawn) the person belongs to."""
    if user is None or not user.is_authenticated:
        return {}

    def read():
        rows = Membership.objects.filter(
            user=user,
            organisation__partnership_memberships__partnership__cohort=cohort,
            organisation__partnership_memberships__partnership__status__in=LIVE,
        )
        return {
            org: (role, partnership)
            for org, role, partnership in rows.values_list(
                "organisation_id",
                "role",
                "organisation__partnership_memberships__partnership_id",
            )
        }

    return memo(cohort, "cohort_roles", user.pk, read)


def is_open(event) -> Decision:
    """A guard: an event takes registrations once published, until it closes them."""
    if event.status != E.PUBLISHED:
        return deny(_("This event does not take registrations."), "state")
    closes = event.registration_closes_at or event.starts_at
    if timezone.now() > closes:
        return deny(_("Registration for this event has closed."), "deadline")
    return ALLOW


def can_register(user, event) -> Decision:
    """The people of the cohort's partnerships register themselves (an organisation's
    admins may register their colleagues too: see can_register_for)."""
    if not cohort_roles(user, event.cohort):
        if base.can_run_cohort(user, event.cohort):
            return deny(_("Only the people of the cohort's partnerships register."))
        return deny(_("There is no such cohort, or you are not part of it."), "not_found")
    return is_open(event)


def can_register_for(user, event, organisation_id: int) -> bool:
    """Whether `user` may register someone else of this organisation: its admins."""
    role = cohort_roles(user, event.cohort).get(organisation_id)
    return bool(role and role[0] == Membership.Role.ADMIN)


def can_change_registration(user, registration: Registration) -> Decision:
    """Cancel or register again: the person, an admin of their organisation, or staff."""
    event = registration.event
    if base.can_run_cohort(user, event.cohort):
        return ALLOW
    roles = cohort_roles(user, event.cohort)
    if not roles:
        return deny(_("There is no such cohort, or you are not part of it."), "not_found")
    if user.pk == registration.person_id or can_register_for(
        user, event, registration.organisation_id
    ):
        return ALLOW
    return deny(_("Only the person or an admin of their organisation can change this."))


def can_register_again(user, registration: Registration) -> Decision:
    decision = can_change_registration(user, registration)
    if not decision:
        return decision
    return is_open(registration.event)
