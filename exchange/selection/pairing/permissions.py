"""Who may do what with pair proposals. Staff of the call's programme run the pairing and
propose; only administrators of the two organisations see a proposal and answer it (for
anyone else it does not exist)."""

from django.utils.translation import gettext_lazy as _

from exchange.applications.models import Application
from exchange.core.permissions import ALLOW, Decision, deny, first_refusal
from exchange.organisations.models import Membership
from exchange.organisations.permissions import role_in

from ..permissions import can_run_selection
from .models import PairProposal

S = Application.Status
PAIRABLE = (S.SUBMITTED, S.UNDER_REVIEW)
NOT_FOUND = _("This proposal is not addressed to your organisations.")


def can_suggest_pairs(user, call) -> Decision:
    return can_run_selection(user, call)


def is_pairable(application: Application) -> Decision:
    if not application.seeking_partner or application.status not in PAIRABLE:
        return deny(
            _("Application #%(pk)s is no longer waiting to be matched.") % {"pk": application.pk},
            "state",
        )
    return ALLOW


def can_propose_pair(user, call, first: Application, second: Application) -> Decision:
    return first_refusal(
        lambda: can_run_selection(user, call),
        lambda: (
            ALLOW
            if first.pk != second.pk and first.call_id == call.pk == second.call_id
            else deny(_("Choose two applications of this call."), "state")
        ),
        lambda: is_pairable(first),
        lambda: is_pairable(second),
    )


def administers(user, organisation) -> bool:
    return role_in(user, organisation) == Membership.Role.ADMIN


def can_view_pair(user, proposal: PairProposal) -> Decision:
    """The administrators of the two organisations."""
    if user is None or not user.is_authenticated:
        return deny(NOT_FOUND, "not_found")
    if administers(user, proposal.first_organisation) or administers(
        user, proposal.second_organisation
    ):
        return ALLOW
    return deny(NOT_FOUND, "not_found")


def is_open(proposal: PairProposal) -> Decision:
    if proposal.is_live:
        return ALLOW
    return deny(
        _("This proposal was answered: %(status)s.") % {"status": proposal.get_status_display()},
        "state",
    )


def can_answer_pair(user, proposal: PairProposal, organisation) -> Decision:
    """An administrator of one of the two organisations, for that organisation, while the
    proposal is open (accepting twice accepts nothing new; declining after accepting is
    a change of mind the organisation may have)."""
    side = proposal.side_of(organisation)
    if not side:
        return deny(NOT_FOUND, "not_found")
    if not administers(user, organisation):
        return deny(_("Only an administrator of the organisation can answer for it."))
    return is_open(proposal)
