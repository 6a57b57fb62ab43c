"""Who may do what with contact requests and conversations. The only place these rules live."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.organisations.models import Membership
from exchange.organisations.permissions import role_in


def can_send_from(user, organisation) -> Decision:
    if role_in(user, organisation):
        return ALLOW
    return deny(_("Only members of an organisation can write in its name."))


def can_decide(user, request) -> Decision:
    if role_in(user, request.recipient) == Membership.Role.ADMIN:
        return ALLOW
    return deny(
        _("Only the administrators of %(name)s can answer this request.")
        % {"name": request.recipient.name}
    )


def can_read_request(user, request) -> Decision:
    if role_in(user, request.sender) or role_in(user, request.recipient):
        return ALLOW
    return deny(_("This request belongs to other organisations."))


def can_take_part(user, conversation) -> Decision:
    if any(role_in(user, org) for org in conversation.organisations.all()):
        return ALLOW
    return deny(_("This conversation belongs to other organisations."))


def can_block_or_report(user, organisation) -> Decision:
    if role_in(user, organisation) == Membership.Role.ADMIN:
        return ALLOW
    return deny(_("Only administrators can block or report in the organisation's name."))
