"""Demo data of the grant: instalments and their checklists, expenses in TRY and EUR at
each stage of a partnership, a generated table of plausible rates covering the demo's
dates (never downloaded), and the benchmark's year of expenses for many partnerships.

Deterministic: the same partnership and stage give the same rows; rates are computed with
Decimal arithmetic from the day's number, never drawn from a float."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from . import money, services
from .models import ExchangeRate, Expense, Instalment, InstalmentCheck

E = Expense.Status
C = Expense.Category
I = Instalment.Status  # noqa: E741

# Rates per EUR around which the demo table moves: a slow trend and a weekly wobble.
BASE = {
    "TRY": (Decimal("32.5000"), Decimal("0.0150")),  # a lira that keeps losing value
    "USD": (Decimal("1.0800"), Decimal("0.0000")),
    "GBP": (Decimal("0.8550"), Decimal("0.0000")),
    "CHF": (Decimal("0.9600"), Decimal("0.0000")),
    "PLN": (Decimal("4.3200"), Decimal("0.0000")),
}
WOBBLE = [Decimal(x) for x in ("0", "0.002", "0.004", "0.001", "-0.002", "-0.004", "-0.001")]
EPOCH = datetime.date(2024, 1, 1)


def demo_rate(code: str, day: datetime.date) -> Decimal:
    base, trend = BASE[code]
    n = (day - EPOCH).days
    value = (base + trend * n) * (1 + WOBBLE[n % len(WOBBLE)])
    return value.quantize(Decimal("0.0001"))


def ensure_demo_rates(first: datetime.date, last: datetime.date) -> int:
    """Rates for every business day (Monday to Friday) from `first` to `last` that the table
    lacks; real imported rates are never replaced."""
    rows = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            rows += [
                ExchangeRate(
                    date=day,
                    currency=code,
                    rate=demo_rate(code, day),
                    source=ExchangeRate.Source.DEMO,
                )
                for code in BASE
            ]
        day += datetime.timedelta(days=1)
    ExchangeRate.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


def _period(partnership):
    today = timezone.localdate()
    starts = partnership.cohort.starts_on or today - datetime.timedelta(days=90)
    ends = partnership.cohort.ends_on or starts + datetime.timedelta(days=183)
    return starts, ends


# (category, description, amount, currency, days after the start)
PLAN = [
    (C.TRAVEL, "Flights Istanbul – Berlin, two participants", "412.80", "EUR", 20),
    (C.ACCOMMODATION, "Guest house in Berlin, 4 nights", "9850.00", "TRY", 21),
    (C.PER_DIEM, "Per diem, two participants, 4 days", "240.00", "EUR", 24),
    (C.VENUE, "Workshop room for the volunteer day", "6500.00", "TRY", 60),
    (C.MATERIALS, "Printed volunteer handbook", "3275.50", "TRY", 75),
    (C.TRAVEL, "Train Berlin – Hamburg for the host visit", "89.90", "EUR", 100),
    (C.OTHER, "Translation of the model into Turkish", "180.00", "EUR", 130),
]
OVER = (C.VENUE, "Closing event with partners and volunteers", "2950.00", "EUR", 140)


def _expense(partnership, row, starts, *, status, by=None) -> Expense:
    category, description, amount, currency, after = row
    spent_on = starts + datetime.timedelta(days=after)
    today = timezone.localdate()
    spent_on = min(spent_on, today)
    values = services.conversion(
        partnership=partnership,
        currency=currency,
        amount=Decimal(amount),
        spent_on=spent_on,
        rate_source=Expense.RateSource.TABLE,
    )
    now = timezone.now()
    organisations = list(partnership.members_organisations())
    return Expense(
        partnership=partnership,
        category=category,
        description=description,
        spent_on=spent_on,
        paid_by=organisations[0]
        if currency == "TRY" or len(organisations) < 2
        else organisations[1],
        status=status,
        submitted_at=now if status in (E.SUBMITTED, E.APPROVED) else None,
        decided_at=now if status in (E.APPROVED, E.RETURNED) else None,
        return_reason="The receipt is not readable; please upload a clearer scan."
        if status == E.RETURNED
        else "",
        over_grant_confirmed=False,
        created_by=by,
        **values,
    )


def _tick_all(instalment, *, when=None):
    when = when or timezone.now()
    InstalmentCheck.objects.filter(instalment=instalment).update(done_at=when)


@transaction.atomic
def load_demo_money(partnership, *, stage: str) -> None:
    """The grant of a demo partnership at `stage` ("starting", "midway", "late", "finished"):
    at "late" the partnership is over its grant; "finished" has every instalment
    transferred and every expense approved."""
    if partnership.expenses.exists():
        return
    starts, ends = _period(partnership)
    ensure_demo_rates(starts - datetime.timedelta(days=10), max(ends, timezone.localdate()))
    instalments = services.default_instalments(partnership=partnership)
    now = timezone.now()
    if stage == "starting":
        rows = [(PLAN[0], E.SUBMITTED), (PLAN[1], E.DRAFT)]
        transferred = 0
    elif stage == "midway":
        rows = [(r, E.APPROVED) for r in PLAN[:4]] + [(PLAN[4], E.SUBMITTED), (PLAN[5], E.RETURNED)]
        transferred = 1
    elif stage == "late":
        rows = [(r, E.APPROVED) for r in PLAN] + [(OVER, E.SUBMITTED)]
        transferred = 1
    else:
        rows = [(r, E.APPROVED) for r in PLAN]
        transferred = 2
    expenses = [_expense(partnership, row, starts, status=status) for row, status in rows]
    if stage == "late":
        expenses[-1].over_grant_confirmed = True
    Expense.objects.bulk_create(expenses)
    for instalment in instalments:
        if instalment.number <= transferred:
            _tick_all(instalment)
            Instalment.objects.filter(pk=instalment.pk).update(
                status=I.TRANSFERRED, transferred_at=now
            )
        elif stage == "starting" and instalment.number == 1:
            # The agreement is signed, the rest of the checklist still open.
            InstalmentCheck.objects.filter(instalment=instalment, key="agreement_signed").update(
                done_at=now
            )


def bulk_money(partnerships, *, seed: int = 0) -> int:
    """A year of expenses for each partnership (about two a month, in TRY and EUR, with an
    entered rate), two instalments with their checklists: bulk_create, for the benchmark."""
    rng = random.Random(seed)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365)
    expenses, instalments = [], []
    categories = list(C.values)
    statuses = [E.APPROVED] * 6 + [E.SUBMITTED, E.DRAFT, E.RETURNED]
    now = timezone.now()
    partnerships = list(partnerships)
    for partnership in partnerships:
        grant = partnership.grant_amount or Decimal("3500")
        currency = partnership.grant_currency
        first = money.round_to(grant * Decimal("0.7"), currency)
        for number, amount in ((1, first), (2, money.remaining(grant, first))):
            instalments.append(
                Instalment(
                    partnership=partnership,
                    number=number,
                    amount=amount,
                    planned_on=start + datetime.timedelta(days=(number - 1) * 180),
                    status=I.TRANSFERRED if number == 1 else I.PLANNED,
                    transferred_at=now if number == 1 else None,
                )
            )
        for _n in range(24):
            day = start + datetime.timedelta(days=rng.randrange(365))
            if rng.random() < 0.5:
                ccy, amount = "TRY", Decimal(rng.randrange(50_000, 900_000)) / 100
                rate = (
                    money.cross_rate(demo_rate("TRY", day), Decimal(1))
                    if currency == "EUR"
                    else None
                )
            else:
                ccy, amount = "EUR", Decimal(rng.randrange(1_000, 20_000)) / 100
                rate = None
            if ccy == currency or rate is None:
                ccy, rate, source = currency, Decimal(1), Expense.RateSource.SAME
            else:
                source = Expense.RateSource.ENTERED
            status = rng.choice(statuses)
            expenses.append(
                Expense(
                    partnership=partnership,
                    category=rng.choice(categories),
                    description=f"Demo expense {_n + 1}",
                    spent_on=day,
                    amount=amount,
                    currency=ccy,
                    rate=rate,
                    rate_source=source,
                    converted=money.convert(amount, rate, currency),
                    status=status,
                    submitted_at=now if status in (E.SUBMITTED, E.APPROVED) else None,
                )
            )
    Instalment.objects.bulk_create(instalments, batch_size=1000)
    Expense.objects.bulk_create(expenses, batch_size=1000)
    return len(expenses)
