"""The life of an application and of an invitation to apply together, as tables.

Each row: from, to, who decides (a rule of permissions.py), the guards that refuse with a
stable code, the effects in the database, and the event emitted for notifications.
`APPLICATION.transition(...)` / `INVITATION.transition(...)` (core.workflow) is the only
code that changes their status."""

from django.utils.translation import gettext as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.core.workflow import SYSTEM, Guard, Transition, Workflow, has_expired, or_system

from . import deadline, permissions, selectors
from .models import Application, PartnerInvitation

S = Application.Status
I = PartnerInvitation.Status  # noqa: E741 - reads as a column in the tables

IN_TIME = Guard(permissions.in_time, at_completion=True)  # what counts is the completion


def is_complete(application: Application) -> Decision:
    """The checklist is met and every organisation confirmed the current version."""
    partners = selectors.active_partners(application)  # read once for both checks
    items = selectors.eligibility_of(application, partners=partners)
    problems = [str(p) for item in items for p in item.problems]
    waiting = selectors.unconfirmed(application, partners)
    if waiting:
        problems.append(
            _("Waiting for the confirmation of: %(orgs)s.")
            % {"orgs": ", ".join(o.name for o in waiting)}
        )
    return deny(" ".join(problems), "incomplete") if problems else ALLOW


def stamp_submission(application: Application, by) -> list[str]:
    application.submitted_at = deadline.now()
    application.submitted_revision = application.revision
    return ["submitted_at", "submitted_revision"]


def free_organisations(change) -> None:
    """A withdrawn application frees its organisations for another application to the same
    call (the database allows one *active* application) and closes its invitations."""
    application = change.obj
    for invitation in application.invitations.filter(status=I.PENDING):
        INVITATION.transition(invitation, I.CANCELLED, by=change.by)
    application.partners.update(is_active=False)


def staff(user, application) -> Decision:
    return permissions.can_decide(user, application)


APPLICATION = Workflow(
    "applications.application",
    Application,
    S,
    [
        Transition(
            S.DRAFT,
            S.SUBMITTED,
            rule=permissions.can_submit,
            guards=[IN_TIME, is_complete],
            stamps=[stamp_submission],
            event="applications.submitted",
        ),
        Transition(
            S.DRAFT,
            S.WITHDRAWN,
            rule=permissions.can_withdraw,
            effects=[free_organisations],
            event="applications.withdrawn",
        ),
        Transition(
            S.SUBMITTED,
            S.WITHDRAWN,
            rule=permissions.can_withdraw,
            guards=[IN_TIME],
            effects=[free_organisations],
            event="applications.withdrawn",
        ),
        # Screening: staff find a submitted application eligible (it goes to review) or not,
        # with a reason; a mistake in screening is corrected the same way.
        Transition(S.SUBMITTED, S.UNDER_REVIEW, rule=staff, event="applications.screened"),
        Transition(S.SUBMITTED, S.INELIGIBLE, rule=staff, event="applications.screened"),
        Transition(S.UNDER_REVIEW, S.INELIGIBLE, rule=staff, event="applications.screened"),
        Transition(S.INELIGIBLE, S.UNDER_REVIEW, rule=staff, event="applications.screened"),
        Transition(S.SUBMITTED, S.REJECTED, rule=staff, event="applications.decided"),
        Transition(S.UNDER_REVIEW, S.SELECTED, rule=staff, event="applications.decided"),
        Transition(S.UNDER_REVIEW, S.WAITING_LIST, rule=staff, event="applications.decided"),
        Transition(S.UNDER_REVIEW, S.REJECTED, rule=staff, event="applications.decided"),
        Transition(S.WAITING_LIST, S.SELECTED, rule=staff, event="applications.decided"),
        Transition(S.WAITING_LIST, S.REJECTED, rule=staff, event="applications.decided"),
        # The platform closes an application under review whose organisation joined another
        # application of the call (the selection's pairing, once both organisations
        # accepted): no person may close someone's application.
        Transition(
            S.UNDER_REVIEW,
            S.WITHDRAWN,
            rule=SYSTEM,
            effects=[free_organisations],
            event="applications.withdrawn",
        ),
        # A selected partnership may still step back; staff are offered the waiting list.
        Transition(
            S.SELECTED,
            S.WITHDRAWN,
            rule=permissions.can_withdraw,
            effects=[free_organisations],
            event="applications.withdrawn",
        ),
    ],
)


def answer(user, invitation) -> Decision:
    return permissions.can_answer_invitation(user, invitation)


def still_valid(invitation: PartnerInvitation) -> Decision:
    if invitation.is_open:
        return ALLOW
    return deny(
        _("This invitation has expired. Ask the inviting organisation for a new one."), "expired"
    )


def draft_in_time(invitation: PartnerInvitation) -> Decision:
    application = invitation.application
    if application.status != S.DRAFT:
        return deny(_("The application is no longer a draft."), "state")
    return permissions.in_time(application)


INVITATION = Workflow(
    "applications.invitation",
    PartnerInvitation,
    I,
    [
        Transition(
            I.PENDING,
            I.ACCEPTED,
            rule=answer,
            guards=[still_valid, Guard(draft_in_time, at_completion=True)],
            event="applications.invitation_accepted",
        ),
        Transition(
            I.PENDING,
            I.DECLINED,
            rule=answer,
            guards=[still_valid],
            event="applications.invitation_declined",
        ),
        Transition(
            I.PENDING,
            I.CANCELLED,
            rule=or_system(permissions.can_cancel_invitation),
            event="applications.invitation_cancelled",
        ),
        Transition(
            I.PENDING,
            I.EXPIRED,
            rule=SYSTEM,
            guards=[has_expired],
            event="applications.invitation_expired",
        ),
    ],
)
