"""A visit's and an invitation letter's life, as tables (core.workflow)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, deny
from exchange.core.workflow import Transition, Workflow, or_system

from . import permissions
from .models import InvitationLetter, Visit

V = Visit.Status
L = InvitationLetter.Status


def has_travellers(visit) -> object:
    if not visit.travellers.exists():
        return deny(_("Add who travels before the host confirms the visit."), "incomplete")
    return ALLOW


def has_started(visit) -> object:
    if visit.starts_on > timezone.localdate():
        return deny(_("A visit can be marked done once it has started."), "state")
    return ALLOW


VISIT = Workflow(
    "visits.visit",
    Visit,
    V,
    [
        Transition(V.PLANNED, V.CONFIRMED, rule=permissions.can_host, guards=[has_travellers],
                   event="visits.confirmed"),
        # The host withdraws its confirmation (to change the plan, or it can no longer host).
        Transition(V.CONFIRMED, V.PLANNED, rule=permissions.can_host,
                   event="visits.unconfirmed"),
        Transition(V.CONFIRMED, V.DONE, rule=permissions.can_run, guards=[has_started],
                   event="visits.done"),
        Transition(V.PLANNED, V.CANCELLED, rule=permissions.can_run, event="visits.cancelled"),
        Transition(V.CONFIRMED, V.CANCELLED, rule=permissions.can_run, event="visits.cancelled"),
    ],
)  # fmt: skip


def _is_ready(letter) -> object:
    """What a consulate needs on the letter: a confirmed, in-person visit and a traveller
    who needs a visa, with a passport number and a nationality."""
    visit, traveller = letter.visit, letter.traveller
    if visit.status != V.CONFIRMED:
        return deny(_("The host confirms the visit before it issues a letter."), "state")
    if visit.mode != Visit.Mode.PHYSICAL:
        return deny(_("An online visit needs no visa invitation letter."), "state")
    if not traveller.needs_visa:
        return deny(_("This traveller does not need a visa."), "incomplete")
    if not (traveller.passport_number and traveller.nationality):
        return deny(_("Enter the traveller's passport number and nationality first."), "incomplete")
    return ALLOW


def _stamp_issue(letter, by):
    now = timezone.now()
    letter.issued_at = now
    letter.issued_by = by
    # The number follows the letter's row: unique without a counter to lock.
    letter.number = f"CSE-{now:%Y}-{letter.pk:06d}"
    return ["issued_at", "issued_by", "number"]


def _stamp_revoke(letter, by):
    letter.revoked_at = timezone.now()
    return ["revoked_at", "revoked_reason"]


LETTER = Workflow(
    "visits.letter",
    InvitationLetter,
    L,
    [
        Transition(L.DRAFT, L.ISSUED, rule=permissions.can_issue, guards=[_is_ready],
                   stamps=[_stamp_issue], event="visits.letter_issued"),
        # The platform revokes the letters of a cancelled visit.
        Transition(L.ISSUED, L.REVOKED, rule=or_system(permissions.can_revoke_letter),
                   stamps=[_stamp_revoke], event="visits.letter_revoked"),
    ],
)  # fmt: skip
