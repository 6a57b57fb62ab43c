"""Reading a grant: its expenses, instalments and checklists, the budget per category, the
rate of a currency on a day, and the progress figures of many partnerships at once.

Totals are summed in Python with `money.total` from the stored converted amounts, never
with SQL's SUM: SQLite keeps decimal columns as floating-point values and its SUM adds
them as floats, so only the exact sum of the stored amounts is the same on every database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404

from exchange.partnerships.models import Partnership

from . import money
from .models import ExchangeRate, Expense, Instalment, InstalmentCheck, RateImport

E = Expense.Status
# What counts as spent of the grant: the expenses staff approved and those waiting for
# their decision (a returned or a draft expense is not claimed yet).
SPENT = (E.APPROVED, E.SUBMITTED)
# How far back a day's missing rate is looked for (weekends, holidays: the ECB publishes
# no rates on TARGET closing days, at most four in a row).
LOOKBACK_DAYS = 7


def get_expense(partnership: Partnership, pk: int) -> Expense:
    expense = (
        Expense.objects.select_related("paid_by", "created_by", "decided_by")
        .filter(partnership=partnership, pk=pk)
        .first()
        if 0 < pk < 2**63
        else None
    )
    if expense is None:
        raise Http404
    expense.partnership = partnership
    return expense


def expenses_of(partnership: Partnership, *, status: str = ""):
    expenses = Expense.objects.filter(partnership=partnership).select_related("paid_by")
    if status:
        expenses = expenses.filter(status=status)
    return expenses


def instalments_of(partnership: Partnership) -> list[Instalment]:
    instalments = list(
        Instalment.objects.filter(partnership=partnership).prefetch_related(
            Prefetch(
                "checks",
                queryset=InstalmentCheck.objects.select_related("organisation", "done_by"),
            )
        )
    )
    for instalment in instalments:
        instalment.partnership = partnership
        for check in instalment.checks.all():
            check.instalment = instalment
    return instalments


def get_instalment(partnership: Partnership, pk: int) -> Instalment:
    found = (
        Instalment.objects.filter(partnership=partnership, pk=pk).first()
        if 0 < pk < 2**63
        else None
    )
    if found is None:
        raise Http404
    found.partnership = partnership
    return found


def get_check(partnership: Partnership, pk: int) -> InstalmentCheck:
    found = (
        InstalmentCheck.objects.select_related("instalment", "organisation")
        .filter(instalment__partnership=partnership, pk=pk)
        .first()
        if 0 < pk < 2**63
        else None
    )
    if found is None:
        raise Http404
    found.instalment.partnership = partnership
    return found


@dataclass(frozen=True)
class CategoryLine:
    key: str
    label: str
    amount: Decimal
    percent: int  # of the grant


@dataclass(frozen=True)
class Summary:
    grant: Decimal
    currency: str
    approved: Decimal
    submitted: Decimal
    spent: Decimal  # approved + submitted
    remaining: Decimal
    is_over: bool
    over_by: Decimal
    categories: list[CategoryLine]
    spent_percent: int
    instalments_total: Decimal
    transferred: Decimal


def summary_of(partnership: Partnership, *, excluding: int | None = None) -> Summary:
    """The grant and what of it is spent, per category (one query for the expenses, one
    for the instalments)."""
    rows = Expense.objects.filter(partnership=partnership, status__in=SPENT)
    if excluding:
        rows = rows.exclude(pk=excluding)
    rows = list(rows.values_list("category", "status", "converted"))
    grant = partnership.grant_amount
    currency = partnership.grant_currency
    order = {key: i for i, key in enumerate(Expense.Category.values)}
    budget = money.budget(
        grant, currency, sorted(((c, a) for c, _s, a in rows), key=lambda r: order.get(r[0], 99))
    )
    approved = money.total(a for _c, s, a in rows if s == E.APPROVED)
    instalments = list(
        Instalment.objects.filter(partnership=partnership).values_list("amount", "status")
    )
    return Summary(
        grant=grant,
        currency=currency,
        approved=approved,
        submitted=money.remaining(budget.spent, approved),
        spent=budget.spent,
        remaining=budget.remaining,
        is_over=budget.is_over,
        over_by=budget.over_by,
        categories=[
            CategoryLine(key, str(Expense.Category(key).label), amount, money.share(amount, grant))
            for key, amount in budget.by_category.items()
        ],
        spent_percent=money.share(budget.spent, grant),
        instalments_total=money.total(a for a, _s in instalments),
        transferred=money.total(a for a, s in instalments if s == Instalment.Status.TRANSFERRED),
    )


def spent_of(partnership: Partnership, *, excluding: int | None = None) -> Decimal:
    rows = Expense.objects.filter(partnership=partnership, status__in=SPENT)
    if excluding:
        rows = rows.exclude(pk=excluding)
    return money.total(rows.values_list("converted", flat=True))


def figures(ids: list[int]) -> dict[int, dict]:
    """Progress figures of many partnerships: grant, spent (approved and submitted),
    remaining, over_budget, and the risk "over_budget" (two queries for all of them)."""
    grants = dict(Partnership.objects.filter(pk__in=ids).values_list("pk", "grant_amount"))
    spent: dict[int, list] = {pk: [] for pk in grants}
    for pk, amount in Expense.objects.filter(partnership_id__in=ids, status__in=SPENT).values_list(
        "partnership_id", "converted"
    ):
        spent[pk].append(amount)
    result = {}
    for pk, grant in grants.items():
        total = money.total(spent[pk])
        over = total > grant
        result[pk] = {
            "grant": grant,
            "spent": total,
            "remaining": money.remaining(grant, total),
            "over_budget": over,
            "risks": ["over_budget"] if over else [],
        }
    return result


@dataclass(frozen=True)
class FoundRate:
    rate: Decimal  # 1 unit of the currency = rate of the other
    day: datetime.date | None  # the table's day; None for the same currency
    asked: datetime.date

    @property
    def is_earlier(self) -> bool:
        return self.day is not None and self.day != self.asked


def find_rate(currency: str, to: str, on: datetime.date) -> FoundRate | None:
    """The rate of `currency` into `to` on `on` from the table (ECB rates per euro), or on
    the latest business day before it within LOOKBACK_DAYS; a cross rate through the euro
    when neither is EUR. None when the table has no such rate."""
    currency, to = currency.upper(), to.upper()
    if currency == to:
        return FoundRate(Decimal(1), None, on)
    needed = {currency, to} - {"EUR"}
    rows = ExchangeRate.objects.filter(
        currency__in=needed,
        date__lte=on,
        date__gte=on - datetime.timedelta(days=LOOKBACK_DAYS),
    ).values_list("date", "currency", "rate")
    days: dict[datetime.date, dict[str, Decimal]] = {}
    for day, code, rate in rows:
        days.setdefault(day, {})[code] = rate
    for day in sorted(days, reverse=True):
        if needed <= set(days[day]):
            return FoundRate(money.rate_from_table(currency, to, days[day]), day, on)
    return None


def latest_imports(limit: int = 10):
    return RateImport.objects.select_related("imported_by")[:limit]


def rates_span() -> dict:
    """The first and the last day the table has, and its currencies."""
    first = ExchangeRate.objects.order_by("date").values_list("date", flat=True).first()
    last = ExchangeRate.objects.order_by("-date").values_list("date", flat=True).first()
    currencies = (
        sorted(ExchangeRate.objects.filter(date=last).values_list("currency", flat=True))
        if last
        else []
    )
    return {"first": first, "last": last, "currencies": currencies}
