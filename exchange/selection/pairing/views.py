"""Pages of the pairing: the staff's pairing of a call's single applicants, and the page
where the two organisations answer a proposal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from exchange.core.permissions import Refused

from .. import selectors as selection_selectors
from . import reasons, selectors, services
from .forms import AnswerForm, ProposeForm


@login_required
@require_http_methods(["GET", "POST"])
def pairing(request, slug):
    """GET: the proposals made. POST: run the pairing and show the suggested pairs (a
    read: nothing is kept until a pair is proposed)."""
    call = selection_selectors.get_call_for_staff(request.user, slug)
    suggested = None
    if request.method == "POST":
        suggested = [
            (
                pair,
                reasons.for_staff(
                    pair.reasons,
                    pair.score,
                    pair.first_organisation.name,
                    pair.second_organisation.name,
                ),
            )
            for pair in services.suggest_pairs(call=call, by=request.user)
        ]
    context = {
        "call": call,
        "tab": "pairing",
        "suggested": suggested,
        "proposals": [
            (
                p,
                reasons.for_staff(
                    p.reasons, p.score, p.first_organisation.name, p.second_organisation.name
                ),
            )
            for p in selectors.list_proposals(call)
        ],
    }
    return render(request, "selection/pairing/pairing.html", context)


@login_required
@require_POST
def pair_propose(request, slug):
    call = selection_selectors.get_call_for_staff(request.user, slug)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a suggested pair to propose."))
        return redirect("selection:pairing", slug)
    first = selection_selectors.get_application_of_call(call, form.cleaned_data["first"])
    second = selection_selectors.get_application_of_call(call, form.cleaned_data["second"])
    try:
        services.propose_pair(call=call, first=first, second=second, by=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Pair proposed: applications #%(first)s and #%(second)s. Both organisations are asked to accept."
            )
            % {"first": first.pk, "second": second.pk},
        )
    return redirect("selection:pairing", slug)


@login_required
@require_http_methods(["GET", "POST"])
def pair(request, pk):
    proposal = selectors.get_proposal_for_user(request.user, pk)
    sides = selectors.sides_of(request.user, proposal)
    form = AnswerForm(request.POST or None, sides=sides)
    if request.method == "POST" and form.is_valid():
        side = form.cleaned_data["side"]
        accept = form.cleaned_data["answer"] == "accept"
        try:
            services.answer_pair(
                proposal=proposal,
                organisation=getattr(proposal, f"{side}_organisation"),
                by=request.user,
                accept=accept,
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("You accepted the proposal.") if accept else _("You declined the proposal."),
            )
        return redirect("selection:pair", proposal.pk)
    side = sides[0]
    other = proposal.other_than(getattr(proposal, f"{side}_organisation"))
    context = {
        "proposal": proposal,
        "form": form,
        "side": side,
        "organisation": getattr(proposal, f"{side}_organisation"),
        "other": other,
        "accepted": getattr(proposal, f"{side}_accepted_at") is not None,
        "other_accepted": getattr(
            proposal, f"{'second' if side == 'first' else 'first'}_accepted_at"
        )
        is not None,
        "reasons": reasons.for_organisation(proposal, side),
    }
    return render(
        request, "selection/pairing/pair.html", context, status=400 if form.errors else 200
    )
