"""The life of an expense and of an instalment, as tables (core.workflow)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, deny
from exchange.core.workflow import Guard, Transition, Workflow

from . import permissions
from .models import Expense, Instalment

E = Expense.Status
I = Instalment.Status  # noqa: E741


def checklist_complete(instalment) -> object:
    if instalment.checks.filter(done_at__isnull=True).exists():
        return deny(_("The checklist of this instalment is not complete yet."), "incomplete")
    return ALLOW


def checklist_open(instalment) -> object:
    if instalment.checks.filter(done_at__isnull=True).exists():
        return ALLOW
    return deny(_("The checklist of this instalment is complete."), "state")


def stamp_submitted(expense, by):
    expense.submitted_at = timezone.now()
    return ["submitted_at", "over_grant_confirmed"]


def stamp_decided(expense, by):
    expense.decided_at = timezone.now()
    expense.decided_by = by
    return ["decided_at", "decided_by", "return_reason"]


def stamp_transferred(instalment, by):
    instalment.transferred_at = timezone.now()
    instalment.transferred_by = by
    return ["transferred_at", "transferred_by"]


EXPENSE = Workflow(
    "money.expense",
    Expense,
    E,
    [
        Transition(E.DRAFT, E.SUBMITTED, rule=permissions.can_submit_expense,
                   stamps=[stamp_submitted], event="money.expense_submitted"),
        Transition(E.RETURNED, E.SUBMITTED, rule=permissions.can_submit_expense,
                   stamps=[stamp_submitted], event="money.expense_submitted"),
        Transition(E.SUBMITTED, E.APPROVED, rule=permissions.can_decide_expense,
                   stamps=[stamp_decided], event="money.expense_approved"),
        Transition(E.SUBMITTED, E.RETURNED, rule=permissions.can_decide_expense,
                   stamps=[stamp_decided], event="money.expense_returned"),
    ],
)  # fmt: skip

INSTALMENT = Workflow(
    "money.instalment",
    Instalment,
    I,
    [
        # Follows the checklist: its last item ticked makes it ready, an item unticked
        # makes it planned again.
        Transition(I.PLANNED, I.READY, rule=permissions.can_move_instalment,
                   guards=[checklist_complete]),
        Transition(I.READY, I.PLANNED, rule=permissions.can_move_instalment,
                   guards=[checklist_open]),
        Transition(I.READY, I.TRANSFERRED, rule=permissions.can_transfer,
                   guards=[Guard(checklist_complete)], stamps=[stamp_transferred],
                   event="money.instalment_transferred"),
    ],
)  # fmt: skip
