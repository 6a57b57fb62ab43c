"""Who may do what with an organisation. The only place these rules are written."""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny, memo

from .models import Membership, Organisation


def role_in(user, organisation: Organisation) -> str | None:
    """The user's role in the organisation, read once per loaded organisation."""
    if user is None or not user.is_authenticated:
        return None
    return memo(
        organisation,
        "role",
        user.pk,
        lambda: (
            Membership.objects.filter(user=user, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        ),
    )


def can_view(user, organisation: Organisation) -> Decision:
    if organisation.visibility == Organisation.Visibility.PUBLIC:
        return ALLOW
    if user.is_authenticated:
        return ALLOW
    return deny(_("This profile is visible to signed-in members only."))


def can_view_private(user, organisation: Organisation) -> Decision:
    """Contact details, members and invitations: the organisation's own people (and staff)."""
    if user.is_authenticated and (user.is_superuser or role_in(user, organisation)):
        return ALLOW
    return deny(_("Only members of this organisation can see this."))


# Higher apps tell whether a person's organisations are in contact with another one
# (contacts registers its check in its AppConfig.ready): this app never imports them.
_contact_checks: list[Callable] = []


def register_contact_check(check: Callable) -> None:
    """`check(user, organisation) -> bool`: whether the user is in contact with it."""
    if check not in _contact_checks:
        _contact_checks.append(check)


def is_in_contact(user, organisation: Organisation) -> bool:
    return user.is_authenticated and any(check(user, organisation) for check in _contact_checks)


def can_view_contact_details(user, organisation: Organisation) -> Decision:
    """Contact e-mail and phone: the organisation's own people, and the people of an
    organisation whose contact request was accepted (either way)."""
    if can_view_private(user, organisation) or is_in_contact(user, organisation):
        return ALLOW
    return deny(_("Contact details are shown once a contact request is accepted."))


def can_request_contact(user, organisation: Organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to get in touch."))
    if can_view_private(user, organisation):
        return deny(_("This is your own organisation."))
    if is_in_contact(user, organisation):
        return deny(_("You are already in contact: write in your conversation."))
    return ALLOW


def can_edit(user, organisation: Organisation) -> Decision:
    if user.is_authenticated and (
        user.is_superuser or role_in(user, organisation) == Membership.Role.ADMIN
    ):
        return ALLOW
    return deny(_("Only the organisation's administrators can change it."))


can_manage_members = can_edit


def can_leave(user, organisation: Organisation) -> Decision:
    role = role_in(user, organisation)
    if role is None:
        return deny(_("You are not a member of this organisation."))
    if (
        role == Membership.Role.ADMIN
        and organisation.memberships.filter(role=Membership.Role.ADMIN).count() == 1
    ):
        return deny(_("You are the only administrator. Make someone else an administrator first."))
    return ALLOW


def can_create_organisation(user) -> Decision:
    return ALLOW if user.is_authenticated else deny(_("Sign in to create an organisation."))


def can_answer_invitation(user, invitation) -> Decision:
    """Accept or decline an invitation: only the person it was sent to. The link alone
    is not enough: a forwarded or leaked link opens nothing for another account."""
    if user is None or not user.is_authenticated:
        return deny(_("Sign in to answer the invitation."))
    if user.email.lower() != invitation.email.lower():
        return deny(
            _(
                "This invitation was sent to %(email)s. Sign in with that address to accept it, "
                "or ask the organisation's administrators to invite the address you use here."
            )
            % {"email": invitation.email},
            "mismatch",
        )
    return ALLOW


def can_cancel_invitation(user, invitation) -> Decision:
    return can_manage_members(user, invitation.organisation)


RULES = {
    "view": can_view,
    "view_private": can_view_private,
    "edit": can_edit,
    "manage_members": can_manage_members,
}
