"""Who may do what with a partnership's grant, on top of the workspace's rules
(exchange.partnerships.permissions).

The partnership's people log and submit expenses while it is active; the programme's
staff approve or return them, plan instalments and transfer them. A checklist item about
one organisation is ticked by that organisation's admins or by staff; an item about the
partnership as a whole by an admin of either organisation or by staff. Importing the ECB's
rates is for the staff of any programme (the rates are the same for all)."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.organisations.models import Membership
from exchange.partnerships import permissions as ws
from exchange.partnerships.permissions import can_follow, can_view, can_work  # noqa: F401

from .models import Expense, Instalment


def can_add_expense(user, partnership) -> Decision:
    return can_work(user, partnership)


def can_edit_expense(user, expense: Expense) -> Decision:
    decision = can_work(user, expense.partnership)
    if not decision:
        return decision
    if not expense.is_editable:
        return deny(_("Only a draft or a returned expense can be changed."), "state")
    return ALLOW


def can_submit_expense(user, expense: Expense) -> Decision:
    return can_work(user, expense.partnership)


def can_decide_expense(user, expense: Expense) -> Decision:
    """Approve or return: the programme's staff."""
    return can_follow(user, expense.partnership)


def can_plan_instalments(user, partnership) -> Decision:
    decision = can_follow(user, partnership)
    if decision and partnership.status != partnership.Status.ACTIVE:
        return deny(_("This partnership has ended; its workspace can be read only."), "state")
    return decision


def can_transfer(user, instalment: Instalment) -> Decision:
    return can_follow(user, instalment.partnership)


def can_tick(user, check) -> Decision:
    """Tick (or untick) a checklist item before a transfer."""
    partnership = check.instalment.partnership
    if ws.is_staff_of(user, partnership):
        decision = ALLOW
    else:
        roles = ws.roles_in(user, partnership)
        if not roles:
            return deny(ws.NOT_FOUND, "not_found")
        wanted = [check.organisation_id] if check.organisation_id else list(roles)
        if not any(roles.get(pk) == Membership.Role.ADMIN for pk in wanted):
            if check.organisation_id:
                return deny(
                    _("Only an admin of %(organisation)s or the programme's staff can tick this.")
                    % {"organisation": check.organisation.name}
                )
            return deny(_("Only an admin of the partnership's organisations can tick this."))
        decision = ALLOW
    if check.instalment.status == Instalment.Status.TRANSFERRED:
        return deny(_("This instalment has been transferred; its checklist is closed."), "state")
    return decision


def can_move_instalment(user, instalment: Instalment) -> Decision:
    """Planned ⇄ ready follows the checklist: whoever ticks its last item (or unticks one)."""
    if ws.is_staff_of(user, instalment.partnership) or any(
        role == Membership.Role.ADMIN for role in ws.roles_in(user, instalment.partnership).values()
    ):
        return ALLOW
    return deny(_("Only an admin of the partnership's organisations can tick this."))


def can_import_rates(user) -> Decision:
    return ws.can_run_any_programme(user)
