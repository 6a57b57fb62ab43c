"""Who may do what with an application. The only place these rules are written.

Applications are seen by the members of their organisations and by the staff of the call's
programme (reviewers come with the selection issue)."""

from django.utils.translation import gettext_lazy as _

from exchange.calls.permissions import is_programme_staff
from exchange.core.permissions import ALLOW, Decision, deny
from exchange.organisations import permissions as organisation_permissions
from exchange.organisations.models import Membership

from . import deadline
from .models import Application


def roles_in(user, application: Application) -> dict[int, str]:
    """{organisation id: role} for the user in the application's active organisations."""
    if not user.is_authenticated:
        return {}
    cache = user.__dict__.setdefault("_application_roles", {})
    if application.pk not in cache:
        cache[application.pk] = dict(
            Membership.objects.filter(
                user=user,
                organisation__application_partners__application=application,
                organisation__application_partners__is_active=True,
            ).values_list("organisation_id", "role")
        )
    return cache[application.pk]


def was_member(user, application: Application) -> bool:
    """Members of organisations that took part, even after a withdrawal."""
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation__application_partners__application=application
        ).exists()
    )


def can_view(user, application: Application) -> Decision:
    # Applicants first: they make most requests, and their roles are needed anyway.
    if roles_in(user, application) or is_programme_staff(user, application.call.programme):
        return ALLOW
    if was_member(user, application):
        return ALLOW
    return deny(_("Only the application's organisations and the programme's staff can see it."))


def _open_for_applicants(application: Application, now=None) -> Decision:
    if application.status != Application.Status.DRAFT:
        return deny(_("The application is no longer a draft: it cannot be changed."))
    if not deadline.is_in_time(
        now or deadline.now(), application.call.closes_at, application.extended_until
    ):
        return deny(_("The deadline has passed: the application can no longer be changed."))
    return ALLOW


def can_edit(user, application: Application, organisation=None) -> Decision:
    """Answers of the partnership (organisation None) or of one organisation."""
    roles = roles_in(user, application)
    if not roles:
        return deny(_("Only members of the application's organisations can change it."))
    if organisation is not None and organisation.pk not in roles:
        return deny(_("Each organisation answers its own questions."))
    return _open_for_applicants(application)


def can_manage(user, application: Application) -> Decision:
    """Invite partners, submit, withdraw: an administrator of one of its organisations."""
    if Membership.Role.ADMIN not in roles_in(user, application).values():
        return deny(_("Only administrators of the application's organisations can do this."))
    return ALLOW


def can_confirm(user, application: Application, organisation) -> Decision:
    if roles_in(user, application).get(organisation.pk) != Membership.Role.ADMIN:
        return deny(_("Only an administrator of the organisation can confirm for it."))
    return _open_for_applicants(application)


def can_submit(user, application: Application) -> Decision:
    decision = can_manage(user, application)
    return decision if not decision else _open_for_applicants(application)


def can_withdraw(user, application: Application) -> Decision:
    decision = can_manage(user, application)
    if not decision:
        return decision
    if application.status not in (Application.Status.DRAFT, Application.Status.SUBMITTED):
        return deny(_("Only a draft or a submitted application can be withdrawn."))
    if application.status == Application.Status.SUBMITTED and not deadline.is_in_time(
        deadline.now(), application.call.closes_at, application.extended_until
    ):
        return deny(_("After the deadline a submitted application can no longer be withdrawn."))
    return ALLOW


def can_decide(user, application: Application) -> Decision:
    """Change the status after submission, grant extensions: the programme's staff."""
    if is_programme_staff(user, application.call.programme):
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


def can_answer_invitation(user, organisation) -> Decision:
    """Accept or decline an invitation to apply together, for `organisation`."""
    if not _is_admin_of(user, organisation):
        return deny(_("Only an administrator of the organisation can accept."))
    return ALLOW


RULES = {
    "view": can_view,
    "edit": can_edit,
    "manage": can_manage,
    "submit": can_submit,
    "withdraw": can_withdraw,
    "decide": can_decide,
}
