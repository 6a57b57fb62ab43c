"""Reads that need care: permissions and prefetching."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from exchange.core.permissions import require

from . import permissions
from .models import CapacityStatement, Invitation, Membership, Organisation
from .services import filter_tags


def with_profile(queryset):
    """What a profile card shows, in a fixed number of queries whatever the count."""
    return queryset.prefetch_related(
        "languages",
        "fields",
        Prefetch(
            "statements", queryset=CapacityStatement.objects.order_by("kind", "position", "id")
        ),
    )


def get_organisation_for_user(user, slug: str, action: str = "view") -> Organisation:
    """404 when the user may not see the organisation, 403 when they may see it but not
    do `action` with it."""
    organisation = with_profile(Organisation.objects.all()).filter(slug=slug).first()
    if organisation is None or not permissions.can_view(user, organisation):
        raise Http404
    if action != "view":
        require(permissions.RULES[action](user, organisation))
    return organisation


def list_visible_organisations(user):
    qs = Organisation.objects.all()
    if not user.is_authenticated:
        qs = qs.filter(visibility=Organisation.Visibility.PUBLIC)
    return qs


def visibility_tag(user) -> str:
    """The rule of list_visible_organisations as a key of the search index ('' when the
    user may see every profile)."""
    if user.is_authenticated:
        return ""
    return filter_tags(visibility=Organisation.Visibility.PUBLIC)[0]


def list_memberships_of_user(user):
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def list_members(organisation):
    return organisation.memberships.select_related("user").order_by(
        "-role", "user__display_name", "user__email"
    )


def list_open_invitations(organisation):
    return organisation.invitations.filter(
        status=Invitation.Status.PENDING, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def get_membership(organisation, membership_id: int) -> Membership:
    membership = (
        organisation.memberships.select_related("user").filter(pk=membership_id).first()
        if 0 < membership_id < 2**63
        else None
    )
    if membership is None:
        raise Http404
    return membership


def get_invitation(organisation, pk: int) -> Invitation:
    invitation = organisation.invitations.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if invitation is None:
        raise Http404
    return invitation


def people_of(*organisations, admins_only: bool = False) -> list:
    """The people of one or more organisations (each once), for notices."""
    members = Membership.objects.filter(organisation__in=organisations).select_related("user")
    if admins_only:
        members = members.filter(role=Membership.Role.ADMIN)
    return list({m.user.pk: m.user for m in members}.values())
