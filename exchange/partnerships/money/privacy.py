"""What the grant's records hold about a person: the expenses they entered, the checks they
ticked, the transfers and rate imports they made. The programme keeps its accounts (the
partnership's and the funder's record); an erased person shows as "a former member"."""

from exchange.accounts.privacy import Section

from .models import Expense, Instalment, InstalmentCheck, RateImport


def export(user) -> dict:
    return {
        "expenses_you_entered": [
            {
                "partnership": e.partnership_id,
                "category": e.category,
                "description": e.description,
                "amount": str(e.amount),
                "currency": e.currency,
                "status": e.status,
            }
            for e in Expense.objects.filter(created_by=user)
        ],
        "expenses_you_decided": list(
            Expense.objects.filter(decided_by=user).values_list("pk", flat=True)
        ),
        "instalments_you_transferred": list(
            Instalment.objects.filter(transferred_by=user).values_list("pk", flat=True)
        ),
        "checks_you_ticked": list(
            InstalmentCheck.objects.filter(done_by=user).values_list("pk", flat=True)
        ),
        "rate_imports_you_made": list(
            RateImport.objects.filter(imported_by=user).values_list("pk", flat=True)
        ),
    }


def erase(user) -> None:
    """Accounts are kept; the account itself, once erased, reads "a former member"."""


SECTION = Section(
    "money",
    (
        "money.Expense",
        "money.Instalment",
        "money.InstalmentCheck",
        "money.RateImport",
        "money.ExchangeRate",  # rates per currency and day: no person
    ),
    export,
    erase,
)
