"""Notices of the workspace's money (kind "workspace"; see notifications/notices.py): an
expense submitted (to the programme's staff), approved or returned (to the partnership's
people), an instalment transferred, and an expense submitted over the grant (to staff).
No amounts of the receipts and no documents in them: the link leads to the page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchange.partnerships import selectors as partnership_selectors

from ..notices import Notice


def _partnership(event):
    return event.target.partnership


def _people(event):
    return partnership_selectors.people_of(_partnership(event))


def _staff(event):
    return partnership_selectors.staff_of(_partnership(event))


def _expense_link(event):
    expense = event.target
    return reverse("money:expense", args=[expense.partnership_id, expense.pk])


def _grant_link(event):
    return reverse("money:grant", args=[event.target.partnership_id])


def _params(event):
    return {"partnership": str(_partnership(event)), "reason": event.data.get("reason", "")}


NOTICES = {
    "money.expense_submitted": Notice(
        "workspace",
        _("An expense to approve"),
        _("The partnership %(partnership)s submitted an expense for your approval."),
        audience=_staff,
        link=_expense_link,
        params=_params,
    ),
    "money.expense_approved": Notice(
        "workspace",
        _("Your expense is approved"),
        _("The programme's staff approved an expense of the partnership %(partnership)s."),
        audience=_people,
        link=_expense_link,
        params=_params,
    ),
    "money.expense_returned": Notice(
        "workspace",
        _("Your expense is returned"),
        _(
            "The programme's staff returned an expense of the partnership %(partnership)s: "
            "%(reason)s Correct it and submit it again."
        ),
        audience=_people,
        link=_expense_link,
        params=_params,
    ),
    "money.instalment_transferred": Notice(
        "workspace",
        _("An instalment of your grant is transferred"),
        _(
            "The programme transferred an instalment of the grant of the partnership %(partnership)s."
        ),
        audience=_people,
        link=_grant_link,
        params=_params,
    ),
    "money.over_grant": Notice(
        "workspace",
        _("A partnership goes over its grant"),
        _(
            "The partnership %(partnership)s submitted an expense that takes its spending above "
            "the grant."
        ),
        audience=_staff,
        link=_expense_link,
        params=_params,
    ),
}
