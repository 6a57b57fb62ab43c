"""The life of an invitation to join an organisation, as a table (core.workflow)."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.core.workflow import SYSTEM, Transition, Workflow, has_expired, or_system

from . import permissions
from .models import Invitation

I = Invitation.Status  # noqa: E741 - reads as a column in the table


def still_valid(invitation: Invitation) -> Decision:
    if invitation.is_open:
        return ALLOW
    return deny(
        _("This invitation has expired. Ask the organisation's administrators for a new one."),
        "expired",
    )


INVITATION = Workflow(
    "organisations.invitation",
    Invitation,
    I,
    [
        Transition(
            I.PENDING,
            I.ACCEPTED,
            rule=permissions.can_answer_invitation,
            guards=[still_valid],
            event="organisations.invitation_accepted",
        ),
        Transition(
            I.PENDING, I.DECLINED, rule=permissions.can_answer_invitation, guards=[still_valid]
        ),
        Transition(I.PENDING, I.CANCELLED, rule=or_system(permissions.can_cancel_invitation)),
        Transition(I.PENDING, I.EXPIRED, rule=SYSTEM, guards=[has_expired]),
    ],
)
