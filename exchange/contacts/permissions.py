"""Who may do what with contact requests and conversations. The only place these rules live."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.organisations import permissions as organisation_permissions
from exchange.organisations.models import Membership
from exchange.organisations.permissions import role_in

from .models import ContactRequest


def is_in_contact(user, organisation) -> bool:
    """Whether one of the user's organisations and `organisation` accepted a contact."""
    mine = Membership.objects.filter(user=user).values("organisation_id")
    return ContactRequest.objects.filter(
        Q(sender_id__in=mine, recipient=organisation)
        | Q(recipient_id__in=mine, sender=organisation),
        status=ContactRequest.Status.ACCEPTED,
    ).exists()


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


def can_view_post(user, post) -> Decision:
    """A post shows its organisation: only to those who may see the organisation's profile."""
    return organisation_permissions.can_view(user, post.organisation)


def can_manage_post(user, post) -> Decision:
    """Close a post, read its replies: the members of the organisation that posted."""
    if role_in(user, post.organisation):
        return ALLOW
    return deny(_("Only the organisation that posted can do this."))


def can_answer_reply(user, reply) -> Decision:
    if role_in(user, reply.post.organisation):
        return ALLOW
    return deny(_("Only the organisation that posted can answer replies."))


def can_post_for(user, organisation) -> Decision:
    return can_send_from(user, organisation)
