"""The life of a proposed pair, as a table (core.workflow): the one history of its changes."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.core.workflow import Transition, Workflow

from . import permissions
from .models import PairProposal

P = PairProposal.Status


def both_accepted(proposal: PairProposal) -> Decision:
    if proposal.first_accepted_at and proposal.second_accepted_at:
        return ALLOW
    return deny(_("Both organisations accept first."), "incomplete")


# The events (who declined, the merged application) are emitted by services.answer_pair,
# which knows the organisation that answered.
PAIR = Workflow(
    "selection.pair",
    PairProposal,
    P,
    [
        Transition(P.PROPOSED, P.ACCEPTED, rule=permissions.can_view_pair, guards=[both_accepted]),
        Transition(P.PROPOSED, P.DECLINED, rule=permissions.can_view_pair),
    ],
)
