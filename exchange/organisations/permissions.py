"""Who may do what with an organisation. The only place these rules are written."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny

from .models import Membership, Organisation


def role_in(user, organisation: Organisation) -> str | None:
    """The user's role in the organisation, cached on the user object for the request."""
    if not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_org_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            Membership.objects.filter(user=user, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation.pk]


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


RULES = {
    "view": can_view,
    "view_private": can_view_private,
    "edit": can_edit,
    "manage_members": can_manage_members,
}
