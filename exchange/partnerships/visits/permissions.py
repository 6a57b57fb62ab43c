"""Who may do what with visits and letters, on top of the partnership's rules.

A visit is planned and changed by the partnership's people; the host organisation's admins
confirm it (or withdraw their confirmation). A visa invitation letter is what the host
organisation signs: its admins, and the programme's staff, issue, read and revoke it; for
everyone else in the workspace a letter's contents (a passport number) do not exist."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.organisations.models import Membership
from exchange.partnerships import permissions as base

from .models import Visit

S = Visit.Status


def can_view(user, partnership) -> Decision:
    return base.can_view(user, partnership)


def can_plan(user, partnership) -> Decision:
    return base.can_work(user, partnership)


def can_change(user, visit: Visit) -> Decision:
    """Edit the visit itself (dates, host, programme): while it is only planned; once the
    host confirmed, the host withdraws the confirmation first."""
    decision = base.can_work(user, visit.partnership)
    if not decision:
        return decision
    if visit.status != S.PLANNED:
        return deny(
            _("Only a planned visit can be changed; the host can withdraw the confirmation."),
            "state",
        )
    return ALLOW


def can_change_travellers(user, visit: Visit) -> Decision:
    decision = base.can_work(user, visit.partnership)
    if not decision:
        return decision
    if visit.status not in (S.PLANNED, S.CONFIRMED):
        return deny(
            _("This visit is over or cancelled; its travellers can no longer change."), "state"
        )
    return ALLOW


def can_host(user, visit: Visit) -> Decision:
    """Confirm the visit, or withdraw the confirmation: the host organisation's admins."""
    return base.can_act_for(user, visit.partnership, visit.host)


def can_run(user, visit: Visit) -> Decision:
    """Cancel the visit, or mark it done: the partnership's people, either side."""
    return base.can_work(user, visit.partnership)


def can_handle_letters(user, visit: Visit) -> Decision:
    """Read and revoke the visit's invitation letters: the host's admins (also once the
    partnership has ended) and the programme's staff."""
    partnership = visit.partnership
    if base.is_staff_of(user, partnership):
        return ALLOW
    roles = base.roles_in(user, partnership)
    if roles.get(visit.host_id) == Membership.Role.ADMIN:
        return ALLOW
    if roles:
        return deny(
            _("Only an admin of %(organisation)s can do this.") % {"organisation": visit.host.name}
        )
    return deny(base.NOT_FOUND, "not_found")


def can_issue_letter(user, visit: Visit) -> Decision:
    """Issue a letter: as above, while the partnership is active."""
    decision = can_handle_letters(user, visit)
    if decision and visit.partnership.status != visit.partnership.Status.ACTIVE:
        return deny(_("This partnership has ended; its workspace can be read only."), "state")
    return decision


def can_issue(user, letter) -> Decision:
    """The workflow's rule for a letter being issued (draft -> issued)."""
    return can_issue_letter(user, letter.visit)


def can_revoke_letter(user, letter) -> Decision:
    return can_handle_letters(user, letter.visit)


def can_see_cohort_visits(user, cohort) -> Decision:
    return base.can_run_cohort(user, cohort)
