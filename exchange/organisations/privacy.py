"""What organisations hold about a person: memberships and invitations."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from exchange.accounts.privacy import Section, declare_impersonal

from .models import Invitation, Membership
from .workflows import INVITATION


def export(user) -> dict:
    return {
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_you_sent": [
            {"to": i.email, "organisation": i.organisation.name, "status": i.status}
            for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
        ],
        "invitations_to_you": [
            {
                "organisation": i.organisation.name,
                "status": i.status,
                "sent": i.created_at.isoformat(),
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
    }


def blockers(user) -> list[str]:
    """An organisation keeps an administrator: its last one hands over first."""
    alone = (
        Membership.objects.filter(user=user, role=Membership.Role.ADMIN)
        .annotate(
            admins=Count(
                "organisation__memberships",
                filter=Q(organisation__memberships__role=Membership.Role.ADMIN),
            )
        )
        .filter(admins=1)
        .select_related("organisation")
    )
    return [
        _(
            "You are the only administrator of %(organisation)s: make someone else an "
            "administrator first (Members page), or ask the programme team to close it."
        )
        % {"organisation": m.organisation.name}
        for m in alone
    ]


def erase(user) -> None:
    Membership.objects.filter(user=user).delete()
    for invitation in Invitation.objects.filter(email__iexact=user.email):
        if invitation.status == Invitation.Status.PENDING:
            INVITATION.transition(invitation, Invitation.Status.CANCELLED, by=None, reason="erased")
        Invitation.objects.filter(pk=invitation.pk).update(
            email=f"former-member-{user.pk}@erased.invalid"
        )


SECTION = Section(
    "organisations",
    models=("organisations.Membership", "organisations.Invitation"),
    export=export,
    erase=erase,
    blockers=blockers,
)
declare_impersonal(
    "organisations.Organisation",
    "an organisation's name and its contact e-mail and phone are the organisation's, "
    "published by it for partners; they are not a person's",
)
