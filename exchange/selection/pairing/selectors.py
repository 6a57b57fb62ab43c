"""Reads of the pairing that need care: the proposal only for its two organisations."""

from django.http import Http404

from . import permissions
from .models import PairProposal


def get_proposal_for_user(user, pk: int) -> PairProposal:
    """A proposal for the administrators of its two organisations: 404 for anyone else."""
    proposal = (
        PairProposal.objects.select_related(
            "call", "first_organisation", "second_organisation", "first", "second"
        )
        .filter(pk=pk)
        .first()
        if 0 < pk < 2**63
        else None
    )
    if proposal is None or not permissions.can_view_pair(user, proposal):
        raise Http404
    return proposal


def sides_of(user, proposal: PairProposal) -> list[str]:
    """The sides ("first", "second") the user answers for: those they administer."""
    return [
        side
        for side in ("first", "second")
        if permissions.administers(user, getattr(proposal, f"{side}_organisation"))
    ]


def list_proposals(call):
    return PairProposal.objects.filter(call=call).select_related(
        "first_organisation", "second_organisation", "proposed_by"
    )
