"""The pairing of single applicants: suggest (a read), propose, answer. Each change runs in
one transaction, writes its audit entries and emits its event (core.events)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.applications.models import Answer, Application, Participant, Partner
from exchange.applications.workflows import APPLICATION
from exchange.core import events
from exchange.core.permissions import Refused, require
from exchange.matching import services as matching_services
from exchange.matching.engine import Index
from exchange.matching.pairing import pair_pool
from exchange.organisations.models import Organisation

from .. import services as selection_services
from . import permissions, reasons
from .models import PairProposal
from .workflows import PAIR

S = Application.Status
P = PairProposal.Status


@dataclass(frozen=True)
class SuggestedPair:
    first: Application  # stays; the second organisation joins it
    second: Application  # closed once both accept
    first_organisation: Organisation
    second_organisation: Organisation
    score: float
    reasons: list[dict]  # reason data (pairing.reasons renders it)
    closable: bool  # staff can close the second application now (it is under review)


def single_applicants(call) -> dict[int, tuple[Application, Organisation]]:
    """{organisation id: (application, organisation)} of the call's applications to be
    matched, still in selection, by one organisation, and in no live proposal."""
    in_proposal = PairProposal.objects.filter(call=call, status=P.PROPOSED)
    partners = (
        Partner.objects.filter(
            call=call,
            is_active=True,
            application__seeking_partner=True,
            application__status__in=permissions.PAIRABLE,
        )
        .exclude(application__in=in_proposal.values("first"))
        .exclude(application__in=in_proposal.values("second"))
        .select_related("application__call", "organisation")
        .order_by("application_id")
    )
    by_application: dict[int, list[Partner]] = {}
    for partner in partners:
        by_application.setdefault(partner.application_id, []).append(partner)
    return {
        ps[0].organisation_id: (ps[0].application, ps[0].organisation)
        for ps in by_application.values()
        if len(ps) == 1
    }


def can_close(application: Application, by) -> bool:
    """Whether staff `by` may close the application now (the applications' workflow: an
    application under review; one waiting for screening is screened first)."""
    return bool(APPLICATION.check(application, S.WITHDRAWN, by=None))


def suggest_pairs(*, call, by) -> list[SuggestedPair]:
    """The optimal pairing of the call's single applicants (Turkey x Europe), best pair
    first. A read: nothing is written until staff propose a pair."""
    require(permissions.can_suggest_pairs(by, call))
    singles = single_applicants(call)
    if not singles:
        return []
    index = Index(matching_services.profiles(Organisation.objects.filter(pk__in=singles)))
    out = []
    for pair in pair_pool(index):
        (turkish, t_org), (european, e_org) = singles[pair.turkey], singles[pair.europe]
        first, second, first_org, second_org = turkish, european, t_org, e_org
        # The Turkish application stays unless only it can be closed now.
        if not can_close(european, by) and can_close(turkish, by):
            first, second, first_org, second_org = european, turkish, e_org, t_org
            data = reasons.to_data(
                index.reasons(index.position[e_org.pk], index.position[t_org.pk])
            )
        else:
            data = reasons.to_data(pair.reasons)
        out.append(
            SuggestedPair(
                first, second, first_org, second_org, pair.score, data, can_close(second, by)
            )
        )
    return out


def _organisation_of(application: Application) -> Organisation:
    partners = list(
        Partner.objects.filter(application=application, is_active=True).select_related(
            "organisation"
        )[:2]
    )
    if len(partners) != 1:
        raise Refused(
            _("Application #%(pk)s is no longer waiting to be matched.") % {"pk": application.pk},
            "state",
        )
    return partners[0].organisation


def _lock(*applications: Application) -> list[Application]:
    """The applications re-read under row locks, in one order (two staff at once)."""
    ids = sorted(a.pk for a in applications)
    locked = {
        a.pk: a
        for a in Application.objects.select_for_update().filter(pk__in=ids).select_related("call")
    }
    return [locked[a.pk] for a in applications]


def propose_pair(*, call, first: Application, second: Application, by) -> PairProposal:
    """Propose to the two organisations that they apply together. The pair's score and
    reasons are computed again here, from the profiles as they are now."""
    require(permissions.can_run_selection(by, call))
    with transaction.atomic():
        first, second = _lock(first, second)
        require(permissions.can_propose_pair(by, call, first, second))
        if not can_close(second, by):
            raise Refused(
                _(
                    "Application #%(pk)s cannot be closed now: screen it first, or propose the "
                    "pair the other way round."
                )
                % {"pk": second.pk},
                "state",
            )
        live = PairProposal.objects.filter(status=P.PROPOSED).filter(
            Q(first__in=(first, second)) | Q(second__in=(first, second))
        )
        if live.exists():
            raise Refused(_("One of these applications is already in a proposed pair."), "state")
        first_org, second_org = _organisation_of(first), _organisation_of(second)
        index = Index(
            matching_services.profiles(
                Organisation.objects.filter(pk__in=(first_org.pk, second_org.pk))
            )
        )
        if first_org.pk not in index.position or second_org.pk not in index.position:
            raise Refused(_("These organisations cannot be paired."), "state")  # no side
        a, b = index.position[first_org.pk], index.position[second_org.pk]
        rows = np.array([a])
        if not index.allowed(rows)[0, b]:
            raise Refused(
                _(
                    "These organisations cannot be paired: they are on the same side, share "
                    "no working language, or one of them takes no part in matching."
                ),
                "state",
            )
        score = round(float(index.scores(rows)[0, b]), 4)
        try:
            with transaction.atomic():
                proposal = PairProposal.objects.create(
                    call=call,
                    first=first,
                    second=second,
                    first_organisation=first_org,
                    second_organisation=second_org,
                    score=score,
                    reasons=reasons.to_data(index.reasons(a, b)),
                    proposed_by=by,
                )
        except IntegrityError:
            raise Refused(
                _("One of these applications is already in a proposed pair."), "state"
            ) from None
        for application in (first, second):
            selection_services.audit(
                call, "pair_proposed", by=by, application=application, proposal=proposal.pk
            )
        events.emit(
            "selection.pair_proposed",
            key=f"selection.pair_proposed:{proposal.pk}",
            target=proposal,
            actor=by,
        )
    return proposal


def answer_pair(*, proposal: PairProposal, organisation: Organisation, by, accept: bool):
    """An administrator answers for one of the two organisations. When both have accepted,
    the second organisation joins the first application and the second application is
    closed; a refusal ends the proposal and tells the other organisation."""
    with transaction.atomic():
        proposal = (
            PairProposal.objects.select_for_update()
            .select_related("call", "first_organisation", "second_organisation")
            .get(pk=proposal.pk)
        )
        require(permissions.can_answer_pair(by, proposal, organisation))
        side = proposal.side_of(organisation)
        first, second = _lock(proposal.first, proposal.second)
        now = timezone.now()
        if not accept:
            proposal.answered_at = now
            proposal.save(update_fields=["answered_at"])
            PAIR.transition(proposal, P.DECLINED, by=by, locked=True)
            for application in (first, second):
                selection_services.audit(
                    proposal.call,
                    "pair_declined",
                    by=by,
                    application=application,
                    proposal=proposal.pk,
                    organisation=organisation.pk,
                )
            events.emit(
                "selection.pair_declined",
                key=f"selection.pair_declined:{proposal.pk}",
                target=proposal,
                actor=by,
                organisation=organisation.pk,
            )
            return proposal
        if getattr(proposal, f"{side}_accepted_at") is not None:
            return proposal  # a second click accepts nothing new
        for application in (first, second):
            require(permissions.is_pairable(application))
        setattr(proposal, f"{side}_accepted_at", now)
        setattr(proposal, f"{side}_accepted_by", by)
        fields = [f"{side}_accepted_at", f"{side}_accepted_by"]
        for application in (first, second):
            selection_services.audit(
                proposal.call,
                "pair_accepted",
                by=by,
                application=application,
                proposal=proposal.pk,
                organisation=organisation.pk,
            )
        both = proposal.first_accepted_at and proposal.second_accepted_at
        if both:
            _join(proposal, first, second, by)
            proposal.answered_at = now
            fields.append("answered_at")
        proposal.save(update_fields=fields)
        if both:
            PAIR.transition(proposal, P.ACCEPTED, by=by, locked=True)
        if proposal.status == P.ACCEPTED:
            events.emit(
                "selection.pair_accepted",
                key=f"selection.pair_accepted:{proposal.pk}",
                target=proposal,
                actor=by,
            )
    return proposal


def _join(proposal: PairProposal, first: Application, second: Application, by) -> None:
    """The second organisation joins the first application, bringing its participants and
    its own answers; the platform closes the second application (a change only the platform
    may make in the applications' workflow; both organisations' acceptance is in the audit
    trail).

    Written here rather than in applications.services because only the pairing joins an
    organisation to an application after submission; the applications' workflow still
    makes the change of status."""
    joining = proposal.second_organisation
    old = Partner.objects.get(application=second, organisation=joining)
    # The database allows one active application per organisation and call: leave the
    # second application first.
    Partner.objects.filter(pk=old.pk).update(is_active=False)
    APPLICATION.transition(
        second,
        S.WITHDRAWN,
        by=None,  # the platform, on both organisations' acceptance (in the audit trail)
        reason=_("%(org)s joined application #%(pk)s through the pairing.")
        % {"org": joining.name, "pk": first.pk},
        locked=True,
    )
    partner = Partner.objects.create(
        application=first, call=first.call, organisation=joining, is_lead=False
    )
    Participant.objects.bulk_create(
        [
            Participant(
                partner=partner,
                name=p.name,
                role=p.role,
                email=p.email,
                needs_visa=p.needs_visa,
                position=p.position,
            )
            for p in old.participants.all()
        ]
    )
    Answer.objects.bulk_create(
        [
            Answer(
                application=first,
                organisation=joining,
                question_key=a.question_key,
                value=a.value,
                version=1,
                form_version_id=a.form_version_id,
                updated_by=a.updated_by,
            )
            for a in Answer.objects.filter(application=second, organisation=joining)
        ]
    )
    first.seeking_partner = False
    first.save(update_fields=["seeking_partner", "updated_at"])
    for application in (first, second):
        selection_services.audit(
            proposal.call, "paired", by=by, application=application, proposal=proposal.pk
        )
    selection_services.refresh_standing(first)
