"""Who may do what in a partnership's six months. The only place these rules are written;
the workspace's parts (visits, money, reports, meetings) build on them.

A partnership's workspace is for the people of its organisations and for the staff of the
programme that runs its call; for anyone else it does not exist (404). Members of the
organisations work in it; staff follow, confirm and approve. What an organisation signs
(a visa invitation letter) is its admins' alone."""

from django.utils.translation import gettext_lazy as _

from exchange.calls.permissions import can_run_programme
from exchange.core.permissions import ALLOW, Decision, deny, memo
from exchange.organisations.models import Membership, Organisation

from .models import Cohort, Partnership

NOT_FOUND = _("There is no such partnership, or it is not yours to see.")


def roles_in(user, partnership: Partnership) -> dict[int, str]:
    """organisation id -> the user's role, for the partnership's member organisations."""
    if user is None or not user.is_authenticated:
        return {}
    return memo(
        partnership,
        "roles",
        user.pk,
        lambda: dict(
            Membership.objects.filter(
                user=user, organisation__partnership_memberships__partnership=partnership
            ).values_list("organisation_id", "role")
        ),
    )


def is_staff_of(user, partnership: Partnership) -> bool:
    return bool(can_run_programme(user, partnership.cohort.call.programme))


def can_view(user, partnership: Partnership) -> Decision:
    """The workspace: its organisations' people and the programme's staff."""
    if roles_in(user, partnership) or is_staff_of(user, partnership):
        return ALLOW
    return deny(NOT_FOUND, "not_found")


def can_work(user, partnership: Partnership) -> Decision:
    """Plan, visits, meetings, expenses, reports: the organisations' own people, while the
    partnership is active. Staff see, and confirm or approve, but do not write for them."""
    if not roles_in(user, partnership):
        if is_staff_of(user, partnership):
            return deny(_("Only the partnership's own people can change this."))
        return deny(NOT_FOUND, "not_found")
    if partnership.status != Partnership.Status.ACTIVE:
        return deny(_("This partnership has ended; its workspace can be read only."), "state")
    return ALLOW


def can_follow(user, partnership: Partnership) -> Decision:
    """What staff do in a workspace: approve expenses, give feedback on reports, close."""
    if is_staff_of(user, partnership):
        return ALLOW
    if roles_in(user, partnership):
        return deny(_("Only the programme's staff can do this."))
    return deny(NOT_FOUND, "not_found")


def is_admin_of(user, organisation: Organisation) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return (
        memo(
            organisation,
            "role",
            user.pk,
            lambda: (
                Membership.objects.filter(user=user, organisation=organisation)
                .values_list("role", flat=True)
                .first()
            ),
        )
        == Membership.Role.ADMIN
    )


def can_act_for(user, partnership: Partnership, organisation: Organisation) -> Decision:
    """What one organisation of the partnership answers alone (a host confirms a visit,
    signs a letter): that organisation's admins."""
    decision = can_work(user, partnership)
    if not decision:
        return decision
    if roles_in(user, partnership).get(organisation.pk) == Membership.Role.ADMIN:
        return ALLOW
    return deny(
        _("Only an admin of %(organisation)s can do this.") % {"organisation": organisation.name}
    )


def can_view_cohort(user, cohort: Cohort) -> Decision:
    """The cohort space: the people of all its partnerships, and the programme's staff."""
    if can_run_programme(user, cohort.call.programme):
        return ALLOW
    if (
        user is not None
        and user.is_authenticated
        and memo(
            cohort,
            "in_cohort",
            user.pk,
            lambda: Membership.objects.filter(
                user=user,
                organisation__partnership_memberships__partnership__cohort=cohort,
            ).exists(),
        )
    ):
        return ALLOW
    return deny(_("There is no such cohort, or you are not part of it."), "not_found")


def can_run_cohort(user, cohort: Cohort) -> Decision:
    """The staff's view of a cohort's progress, its calendar and its events."""
    decision = can_run_programme(user, cohort.call.programme)
    return decision if decision else deny(decision.reason, "not_found")


def can_close(user, partnership: Partnership) -> Decision:
    return can_follow(user, partnership)


def can_change_activity(user, activity) -> Decision:
    return can_work(user, activity.partnership)


def can_run_any_programme(user) -> Decision:
    """The staff's list of cohorts: programme staff (of any programme) and superusers."""
    if (
        user is not None
        and user.is_authenticated
        and (user.is_superuser or memo(user, "runs_any", user.pk, lambda: user.programmes.exists()))
    ):
        return ALLOW
    return deny(_("Only the programme's staff can do this."), "not_found")
