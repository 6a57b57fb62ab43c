"""Who may do what with an application, and whether now. The only place these rules are
written; the workflow table (workflows.py) names them, pages and services call them.

Applications are seen by the members of their organisations and by the staff of the call's
programme (reviewers come with the selection issue). `in_time` is the deadline rule, the
one guard of every applicant's change: a rule here or a guard in the table, never both."""

from django.utils.translation import gettext_lazy as _

from exchange.calls.permissions import can_run_programme
from exchange.core.permissions import ALLOW, Decision, deny, first_refusal, memo
from exchange.organisations import permissions as organisation_permissions
from exchange.organisations.models import Membership

from . import deadline
from .models import Application, PartnerInvitation

S = Application.Status

LATE = _(
    "The deadline has passed. What counts is the moment an application is submitted, not "
    "when it was opened: this change arrived too late and was not saved."
)


def roles_in(user, application: Application) -> dict[int, str]:
    """{organisation id: role} for the user in the application's active organisations,
    read once per loaded application (services re-read the application under lock)."""
    if user is None or not user.is_authenticated:
        return {}
    return memo(
        application,
        "roles",
        user.pk,
        lambda: dict(
            Membership.objects.filter(
                user=user,
                organisation__application_partners__application=application,
                organisation__application_partners__is_active=True,
            ).values_list("organisation_id", "role")
        ),
    )


def was_member(user, application: Application) -> bool:
    """Members of organisations that took part, even after a withdrawal."""
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation__application_partners__application=application
        ).exists()
    )


def is_staff_of(user, application: Application) -> Decision:
    return can_run_programme(user, application.call.programme)


# --- Guards: whether now ----------------------------------------------------------------


def in_time(application: Application) -> Decision:
    """Applicants act until the (extended) deadline, its exact instant included."""
    if deadline.is_in_time(deadline.now(), application.call.closes_at, application.extended_until):
        return ALLOW
    return deny(LATE, "deadline")


def is_draft(application: Application) -> Decision:
    if application.status == S.DRAFT:
        return ALLOW
    return deny(_("The application is no longer a draft: it cannot be changed."), "state")


# --- Rules: who --------------------------------------------------------------------------


def can_view(user, application: Application) -> Decision:
    # Applicants first: they make most requests, and their roles are needed anyway.
    if roles_in(user, application) or is_staff_of(user, application):
        return ALLOW
    if was_member(user, application):
        return ALLOW
    return deny(_("Only the application's organisations and the programme's staff can see it."))


def is_applicant(user, application: Application, organisation=None) -> Decision:
    roles = roles_in(user, application)
    if not roles:
        return deny(_("Only members of the application's organisations can change it."))
    if organisation is not None and organisation.pk not in roles:
        return deny(_("Each organisation answers its own questions."))
    return ALLOW


def can_edit(user, application: Application, organisation=None) -> Decision:
    """Answers of the partnership (organisation None) or of one organisation."""
    return first_refusal(
        lambda: is_applicant(user, application, organisation),
        lambda: is_draft(application),
        lambda: in_time(application),
    )


def can_manage(user, application: Application) -> Decision:
    """Invite partners, submit, withdraw: an administrator of one of its organisations."""
    if Membership.Role.ADMIN not in roles_in(user, application).values():
        return deny(_("Only administrators of the application's organisations can do this."))
    return ALLOW


def has_room(application: Application) -> Decision:
    """A place is left for another organisation: active partners and pending invitations
    that have not expired hold the places."""
    from_partners = application.partners.filter(is_active=True).count()
    pending = sum(1 for i in application.invitations.all() if i.is_open)
    if from_partners + pending < application.call.organisations_per_partnership:
        return ALLOW
    return deny(
        _("The partnership is complete: this call allows %(max)s organisations.")
        % {"max": application.call.organisations_per_partnership},
        "full",
    )


def can_invite(user, application: Application) -> Decision:
    """Invite another organisation: an administrator, while the draft can change and a
    place is left."""
    return first_refusal(
        lambda: can_manage(user, application),
        lambda: is_draft(application),
        lambda: in_time(application),
        lambda: has_room(application),
    )


def can_confirm(user, application: Application, organisation) -> Decision:
    if roles_in(user, application).get(organisation.pk) != Membership.Role.ADMIN:
        return deny(_("Only an administrator of the organisation can confirm for it."))
    return first_refusal(lambda: is_draft(application), lambda: in_time(application))


can_submit = can_manage
can_withdraw = can_manage


def can_decide(user, application: Application) -> Decision:
    """Change the status after submission, grant extensions: the programme's staff."""
    if is_staff_of(user, application):
        return ALLOW
    return deny(_("Only the programme's staff can do this."))


def _is_admin_of(user, organisation) -> bool:
    return organisation_permissions.role_in(user, organisation) == Membership.Role.ADMIN


def can_start(user, organisation) -> Decision:
    if not user.is_authenticated:
        return deny(_("Sign in to apply."))
    if not _is_admin_of(user, organisation):
        return deny(_("Only an administrator of the organisation can start an application."))
    return ALLOW


def can_answer_invitation(user, invitation: PartnerInvitation, organisation=None) -> Decision:
    """Accept or decline an invitation to apply together, for `organisation` (the invited
    one, or for an e-mailed invitation one the invited address administers)."""
    organisation = organisation or invitation.organisation
    if invitation.email:  # e-mailed to someone not registered yet: that address only
        if user.email.lower() != invitation.email.lower():
            return deny(
                _(
                    "This invitation was sent to %(email)s. Sign in with that address to answer "
                    "it, or ask the inviting organisation to invite you."
                )
                % {"email": invitation.email},
                "mismatch",
            )
    elif organisation is None or organisation.pk != invitation.organisation_id:
        return deny(_("This invitation is for another organisation."), "mismatch")
    if organisation is None or not _is_admin_of(user, organisation):
        return deny(_("Only an administrator of the organisation can accept."))
    return ALLOW


def can_cancel_invitation(user, invitation: PartnerInvitation) -> Decision:
    return can_manage(user, invitation.application)


RULES = {
    "view": can_view,
    "edit": can_edit,
    "manage": can_manage,
    "invite": can_invite,
    "decide": can_decide,
}
