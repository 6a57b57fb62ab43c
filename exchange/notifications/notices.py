"""The catalogue: which events tell whom, what, and where the link goes.

Domains emit events (core.events) and know nothing of this module. For each event name a
`Notice` says its kind (what people choose e-mail, digest or in-app for), its audience (read
through the domains' selectors, inside the emitting transaction), the link (a page that
checks permissions itself), and the facts the message is written from. Messages are whole
translated sentences with placeholders; facts that depend on the language (a call's title,
a status label) are kept in each language and picked for the reader.

Nothing sensitive goes into a notice: no message text, no participant, no document, only
names of organisations and calls and a link. A new domain adds its notices here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from exchange.applications import selectors as application_selectors
from exchange.applications.models import Application, PartnerInvitation
from exchange.core.events import Event
from exchange.organisations import selectors as organisation_selectors
from exchange.organisations.models import Organisation
from exchange.selection import selectors as selection_selectors
from exchange.selection.pairing.models import PairProposal

from .models import Channel


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    help: str
    default: str = Channel.EMAIL


KINDS = {
    k.key: k
    for k in (
        Kind(
            "applications",
            _("Applications"),
            _("Invitations to apply together, submissions, decisions and extensions."),
        ),
        Kind(
            "contacts",
            _("Contact requests"),
            _("Requests to get in touch, and their answers."),
        ),
        Kind(
            "messages",
            _("Conversations"),
            _("New messages in your organisations' conversations (at most one e-mail an hour)."),
        ),
        Kind(
            "board",
            _("Partner-search board"),
            _("Replies to your posts and answers to your replies."),
        ),
        Kind(
            "organisations",
            _("Your organisations"),
            _("Invitations to join an organisation, and who joined."),
        ),
        Kind(
            "workspace",
            _("Partnership workspace"),
            _(
                "Visits and letters, meetings, expenses and reports of your partnerships, "
                "and the reminders of their due dates."
            ),
        ),
        Kind(
            "library",
            _("Model library"),
            _("Your models' review and publication, and organisations adopting them."),
        ),
        Kind(
            "reviews",
            _("Reviews and selection"),
            _("Applications assigned to you as a reviewer; for staff, reviewers and free places."),
        ),
    )
}


@dataclass(frozen=True)
class Address:
    """Someone without an account: an invited e-mail address, in the inviter's language."""

    email: str
    language: str = ""


@dataclass(frozen=True)
class Notice:
    kind: str
    subject: str
    body: str
    audience: Callable[[Event], Iterable]
    link: Callable[[Event], str]
    params: Callable[[Event], dict] = lambda event: {}
    key: Callable[[Event], str] | None = None  # notices sharing a key are told once
    include_actor: bool = False  # a receipt goes to the person who acted, too


def each_language(make: Callable[[], str]) -> dict:
    """A fact in every language of the interface, to be picked for each reader."""
    result = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            result[code] = str(make())
    return result


def pick(value, language: str):
    if isinstance(value, dict):
        return value.get(language) or value.get(settings.LANGUAGE_CODE) or ""
    if isinstance(value, list):
        return [pick(v, language) for v in value]
    return value


def _call_title(call) -> dict:
    return each_language(lambda: call.title)


def _application_params(event: Event) -> dict:
    application = event.target
    return {
        "call": _call_title(application.call),
        "status": each_language(lambda: Application.Status(application.status).label),
        "reason": event.data.get("reason", ""),
    }


def _invitation_params(event: Event) -> dict:
    invitation: PartnerInvitation = event.target
    return {
        "call": _call_title(invitation.application.call),
        "inviters": application_selectors.inviting_names(invitation),
        "invitee": invitation.invitee,
        "person": invitation.invited_by.name if invitation.invited_by else "",
    }


def _admins_of_invitee(event: Event):
    invitation: PartnerInvitation = event.target
    if invitation.organisation_id:
        return organisation_selectors.people_of(invitation.organisation, admins_only=True)
    language = invitation.invited_by.language if invitation.invited_by else ""
    return [Address(invitation.email, language)]


def _inviting_admins(event: Event):
    return application_selectors.people_of(event.target.application, admins_only=True)


def _invitation_link(event: Event) -> str:
    return reverse("applications:invitation", args=[event.data["token"]])


def _application_link(event: Event) -> str:
    target = event.target
    application = target.application if isinstance(target, PartnerInvitation) else target
    return application.get_absolute_url()


def _decision_params(event: Event) -> dict:
    """The call's own text for the decision, in each language, under the status line."""
    params = _application_params(event)
    texts = selection_selectors.decision_texts(event.target.call, event.data.get("status", ""))
    if texts:
        params["lines"] = {code: [text] for code, text in texts.items()}
    return params


def _reviewer_invitation(event: Event):
    reviewer = event.target
    return [Address(reviewer.email, reviewer.language)]


def _reviewer_params(event: Event) -> dict:
    reviewer = event.target
    call = selection_selectors.call_of(event.data.get("call"))
    return {
        "programme": reviewer.programme.name,
        "person": event.actor.name if event.actor else "",
        "reviewer": reviewer.name,
        "count": event.data.get("count", 0),
        "call": _call_title(call) if call else reviewer.programme.name,
    }


def _programme_staff(event: Event):
    target = event.target
    programme = target.programme if hasattr(target, "programme") else target.call.programme
    return list(programme.staff.all())


def _pair_params(event: Event) -> dict:
    proposal: PairProposal = event.target
    return {
        "call": _call_title(proposal.call),
        "first": proposal.first_organisation.name,
        "second": proposal.second_organisation.name,
    }


def _pair_admins(event: Event):
    proposal: PairProposal = event.target
    return organisation_selectors.people_of(
        proposal.first_organisation, proposal.second_organisation, admins_only=True
    )


def _pair_other_admins(event: Event):
    """The administrators of the organisation that did not decline."""
    proposal: PairProposal = event.target
    other = (
        proposal.second_organisation
        if event.data.get("organisation") == proposal.first_organisation_id
        else proposal.first_organisation
    )
    return organisation_selectors.people_of(other, admins_only=True)


def _hour(moment: datetime) -> int:
    return int(moment.timestamp() // 3600)


NOTICES: dict[str, Notice] = {
    # --- Applications ---------------------------------------------------------------
    "applications.invitation_sent": Notice(
        "applications",
        _("Invitation to apply together: %(call)s"),
        _(
            "%(person)s of %(inviters)s invites %(invitee)s to apply together to “%(call)s” on "
            "Civil Society Exchange. Open the link to accept or decline."
        ),
        audience=_admins_of_invitee,
        link=_invitation_link,
        params=_invitation_params,
    ),
    "applications.invitation_accepted": Notice(
        "applications",
        _("%(invitee)s joined your application"),
        _("%(invitee)s accepted the invitation to apply together to “%(call)s”."),
        audience=_inviting_admins,
        link=_application_link,
        params=_invitation_params,
    ),
    "applications.invitation_declined": Notice(
        "applications",
        _("%(invitee)s declined your invitation"),
        _(
            "%(invitee)s declined the invitation to apply together to “%(call)s”. "
            "You can invite another organisation."
        ),
        audience=_inviting_admins,
        link=_application_link,
        params=_invitation_params,
    ),
    "applications.invitation_expired": Notice(
        "applications",
        _("Your invitation to %(invitee)s has expired"),
        _(
            "%(invitee)s did not answer the invitation to apply together to “%(call)s” in "
            "time. The place in your partnership is free again: you can invite them again or "
            "invite another organisation."
        ),
        audience=_inviting_admins,
        link=_application_link,
        params=_invitation_params,
    ),
    "applications.invitation_cancelled": Notice(
        "applications",
        _("An invitation to apply together was withdrawn"),
        _("%(inviters)s withdrew their invitation to apply together to “%(call)s”."),
        audience=_admins_of_invitee,
        link=lambda event: reverse("calls:detail", args=[event.target.application.call.slug]),
        params=_invitation_params,
    ),
    "applications.submitted": Notice(
        "applications",
        _("Application submitted: %(call)s"),
        _(
            "Your joint application to “%(call)s” was submitted. Every partner organisation "
            "confirmed it. The submitted version can be read and downloaded as a PDF on the "
            "application's page."
        ),
        audience=lambda event: application_selectors.people_of(event.target),
        link=_application_link,
        params=_application_params,
        include_actor=True,
    ),
    "applications.withdrawn": Notice(
        "applications",
        _("Application withdrawn: %(call)s"),
        _("The joint application to “%(call)s” was withdrawn."),
        audience=lambda event: application_selectors.people_of(event.target, former=True),
        link=_application_link,
        params=_application_params,
    ),
    "applications.decided": Notice(
        "applications",
        _("Your application: %(status)s"),
        _("The status of your application to “%(call)s” is now: %(status)s."),
        audience=lambda event: application_selectors.people_of(event.target),
        link=_application_link,
        params=_decision_params,
    ),
    "applications.screened": Notice(
        "applications",
        _("Your application: %(status)s"),
        _(
            "The programme's staff checked the eligibility of your application to “%(call)s”. "
            "Its status is now: %(status)s."
        ),
        audience=lambda event: application_selectors.people_of(event.target),
        link=_application_link,
        params=_application_params,
    ),
    "applications.extension_granted": Notice(
        "applications",
        _("More time for your application"),
        _("The programme's staff gave your application to “%(call)s” more time."),
        audience=lambda event: application_selectors.people_of(event.target),
        link=_application_link,
        params=_application_params,
    ),
    # --- Contacts -------------------------------------------------------------------
    "contacts.request_sent": Notice(
        "contacts",
        _("%(name)s would like to get in touch"),
        _(
            "%(name)s sent your organisation a contact request on Civil Society Exchange. "
            "Read it and answer here:"
        ),
        audience=lambda event: organisation_selectors.people_of(
            event.target.recipient, admins_only=True
        ),
        link=lambda event: reverse("contacts:inbox"),
        params=lambda event: {"name": event.target.sender.name},
    ),
    "contacts.request_accepted": Notice(
        "contacts",
        _("%(name)s accepted your contact request"),
        _("You can now see each other's contact details and talk in a conversation:"),
        audience=lambda event: organisation_selectors.people_of(event.target.sender),
        link=lambda event: reverse("contacts:conversation", args=[event.target.conversation.pk]),
        params=lambda event: {"name": event.target.recipient.name},
    ),
    "contacts.request_declined": Notice(
        "contacts",
        _("About your contact request to %(name)s"),
        _(
            "Thank you for your interest. %(name)s is not looking for this contact at the "
            "moment; we wish you luck in finding a partner."
        ),
        audience=lambda event: organisation_selectors.people_of(
            event.target.sender, admins_only=True
        ),
        link=lambda event: reverse("organisations:list"),
        params=lambda event: {"name": event.target.recipient.name},
    ),
    "contacts.message_posted": Notice(
        "messages",
        _("New message from %(name)s"),
        _("%(name)s wrote in your conversation on Civil Society Exchange:"),
        audience=lambda event: organisation_selectors.people_of(
            *Organisation.objects.filter(pk__in=event.data["to_organisations"])
        ),
        link=lambda event: reverse("contacts:conversation", args=[event.target.conversation_id]),
        params=lambda event: {"name": event.target.organisation.name},
        # One notice per thread and hour, however many messages arrive.
        key=lambda event: (
            f"contacts.message_posted:{event.target.conversation_id}:"
            f"{_hour(event.target.created_at)}"
        ),
    ),
    # --- Board ----------------------------------------------------------------------
    "board.reply_received": Notice(
        "board",
        _("A reply to your partner-search post"),
        _("%(name)s replied to your post on the partner-search board:"),
        audience=lambda event: organisation_selectors.people_of(event.target.post.organisation),
        link=lambda event: reverse("contacts:board-post", args=[event.target.post_id]),
        params=lambda event: {"name": event.target.organisation.name},
    ),
    "board.reply_declined": Notice(
        "board",
        _("About your reply on the partner-search board"),
        _(
            "Thank you for your reply to %(name)s. They have chosen other partners this time; "
            "we wish you luck with your search."
        ),
        audience=lambda event: organisation_selectors.people_of(event.target.organisation),
        link=lambda event: reverse("contacts:board"),
        params=lambda event: {"name": event.target.post.organisation.name},
    ),
    "board.digest": Notice(
        "board",
        _("New partner-search posts that match your needs"),
        _("These organisations look for partners on what you also want to strengthen:"),
        audience=lambda event: [event.target],
        link=lambda event: reverse("contacts:board"),
        params=lambda event: {"lines": event.data["lines"]},
        include_actor=True,
    ),
    # --- Selection ------------------------------------------------------------------
    "selection.reviewer_invited": Notice(
        "reviews",
        _("Invitation to review for %(programme)s"),
        _(
            "%(person)s invites you to review applications for %(programme)s on Civil Society "
            "Exchange. Reviewers sign in with two factors. Open the link to accept or decline:"
        ),
        audience=_reviewer_invitation,
        link=lambda event: reverse("selection:invitation", args=[event.data["token"]]),
        params=_reviewer_params,
    ),
    "selection.reviewer_joined": Notice(
        "reviews",
        _("%(reviewer)s accepted to review"),
        _("%(reviewer)s accepted your invitation to review for %(programme)s."),
        audience=_programme_staff,
        link=lambda event: reverse("calls:staff-home"),
        params=_reviewer_params,
    ),
    "selection.reviews_assigned": Notice(
        "reviews",
        _("Applications to review: %(call)s"),
        _("%(count)s more applications to “%(call)s” were assigned to you for review."),
        audience=lambda event: [event.target.user] if event.target.user else [],
        link=lambda event: reverse("selection:my-reviews"),
        params=_reviewer_params,
    ),
    "selection.place_freed": Notice(
        "reviews",
        _("A place in the cohort is free: %(call)s"),
        _(
            "A selected partnership of “%(call)s” withdrew. Offer its place to the next "
            "partnership on the waiting list."
        ),
        audience=_programme_staff,
        link=lambda event: reverse("selection:decisions", args=[event.target.call.slug]),
        params=_application_params,
    ),
    "selection.pair_proposed": Notice(
        "applications",
        _("A proposed partner for “%(call)s”"),
        _(
            "The programme team proposes that %(first)s and %(second)s apply together to "
            "“%(call)s”. Open the link to see why, and to accept or decline."
        ),
        audience=_pair_admins,
        link=lambda event: reverse("selection:pair", args=[event.target.pk]),
        params=_pair_params,
    ),
    "selection.pair_accepted": Notice(
        "applications",
        _("You apply together: %(call)s"),
        _(
            "%(first)s and %(second)s both accepted to apply together to “%(call)s”: they now "
            "share one joint application."
        ),
        audience=_pair_admins,
        link=lambda event: event.target.first.get_absolute_url(),
        params=_pair_params,
        include_actor=True,
    ),
    "selection.pair_declined": Notice(
        "applications",
        _("A proposed pair was declined: %(call)s"),
        _(
            "The proposal that %(first)s and %(second)s apply together to “%(call)s” was "
            "declined. The programme team may propose another partner."
        ),
        audience=_pair_other_admins,
        link=lambda event: reverse("selection:pair", args=[event.target.pk]),
        params=_pair_params,
    ),
    # --- Organisations --------------------------------------------------------------
    "organisations.invitation_sent": Notice(
        "organisations",
        _("Invitation to join %(organisation)s"),
        _(
            "%(person)s invites you to join %(organisation)s on Civil Society Exchange. "
            "Open this link to accept (valid until %(until)s):"
        ),
        audience=lambda event: [
            Address(
                event.target.email,
                event.target.invited_by.language if event.target.invited_by else "",
            )
        ],
        link=lambda event: reverse("organisations:invitation-accept", args=[event.data["token"]]),
        params=lambda event: {
            "organisation": event.target.organisation.name,
            "person": event.target.invited_by.name if event.target.invited_by else "",
            "until": event.target.expires_at.date().isoformat(),
        },
    ),
    "organisations.invitation_accepted": Notice(
        "organisations",
        _("%(person)s joined %(organisation)s"),
        _("%(person)s accepted the invitation and is now a member of %(organisation)s."),
        audience=lambda event: organisation_selectors.people_of(
            event.target.organisation, admins_only=True
        ),
        link=lambda event: reverse("organisations:members", args=[event.target.organisation.slug]),
        params=lambda event: {
            "organisation": event.target.organisation.name,
            "person": event.actor.name if event.actor else event.target.email,
        },
    ),
}


def _workspace_notices() -> dict:
    from .library import NOTICES as LIBRARY
    from .workspace import NOTICES as WORKSPACE

    return {**WORKSPACE, **LIBRARY}


NOTICES.update(_workspace_notices())
