"""Money of a partnership's grant: plain functions over `Decimal`, no database.

Amounts are `Decimal` and never `float`: a float cannot hold 0.10 exactly, so a float that
reaches this module is a defect somewhere upstream, and it is refused loudly (`TypeError`)
instead of being converted into a number that looks right.

Rounding
--------
An expense in another currency is converted into the grant's currency **once**, when it is
saved: `convert(amount, rate, to)` multiplies at full precision and rounds the product a
single time to the minor unit of the target currency (cents for EUR and TRY, none for JPY).
The converted amount is stored, and every total is the exact sum of stored amounts, so the
totals per category always add up to the grand total and to the sum of the lines a
treasurer sees; nothing is converted or rounded again on the way.

The rounding mode is ROUND_HALF_UP (a tie goes away from zero: 0.125 → 0.13). Why not
banker's rounding (HALF_EVEN, Python's default)? Its advantage, no upward drift over many
roundings, does not apply here, because each amount is rounded only once and the sums are
exact. What does matter is that the partnership's treasurer, the programme's finance staff
and an auditor check the converted amounts with a calculator or a spreadsheet, whose ROUND
rounds ties away from zero, and that the EU's rule for conversions into the euro (Council
Regulation (EC) No 1103/97, art. 5) rounds a half up as well. With half-up every figure on
the page is the one they get by hand.

A rate says how much one unit of a currency is worth in another ("1 TRY = 0.0271 EUR").
The European Central Bank publishes rates per euro ("1 EUR = 36.8981 TRY"); the rate of a
currency into the grant's currency is then a quotient (`cross_rate`), which is kept to
RATE_PLACES decimal places — far below a cent for any realistic expense — and stored with
the expense, so that `amount × stored rate`, rounded once, is the stored converted amount
and anyone can recompute it.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ROUNDING = ROUND_HALF_UP
RATE_PLACES = 12
RATE_QUANTUM = Decimal(1).scaleb(-RATE_PLACES)
# Enough digits that a product or a quotient of amounts and rates is exact before the one
# rounding (amounts below 10^12, rates of 12 places).
PRECISION = 60

# ISO 4217 codes and their minor units: the currencies of the programme's countries, those
# the European Central Bank publishes, and a few frequent ones. Currencies the ECB used to
# publish before the euro (CYP, TRL, ...) are read from its file but not spent any more.
MINOR_UNITS: dict[str, int] = {
    "EUR": 2, "TRY": 2, "USD": 2, "GBP": 2, "CHF": 2, "JPY": 0, "BGN": 2, "CZK": 2,
    "DKK": 2, "HUF": 2, "PLN": 2, "RON": 2, "SEK": 2, "ISK": 0, "NOK": 2, "AUD": 2,
    "BRL": 2, "CAD": 2, "CNY": 2, "HKD": 2, "IDR": 2, "ILS": 2, "INR": 2, "KRW": 0,
    "MXN": 2, "MYR": 2, "NZD": 2, "PHP": 2, "SGD": 2, "THB": 2, "ZAR": 2, "RSD": 2,
    "MKD": 2, "ALL": 2, "BAM": 2, "MDL": 2, "UAH": 2, "GEL": 2, "AMD": 2, "AZN": 2,
}  # fmt: skip
# The currencies people choose from first (the programme's own).
COMMON = ("EUR", "TRY", "USD", "GBP", "CHF")


class MoneyError(ValueError):
    """An amount or a rate that cannot be used (not a number, negative rate, ...)."""


def _context() -> decimal.Context:
    return decimal.Context(prec=PRECISION, rounding=ROUNDING, traps=[InvalidOperation])


def to_decimal(value) -> Decimal:
    """`value` as a Decimal: a Decimal, an int or a string of digits. A float is refused."""
    if isinstance(value, bool):
        raise TypeError("Money is never a bool.")
    if isinstance(value, float):
        raise TypeError(f"Money is Decimal, never float (got {value!r}); pass a str or Decimal.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise MoneyError(f"Not a number: {value!r}") from None
    else:
        raise TypeError(f"Money is Decimal, not {type(value).__name__}.")
    if not result.is_finite():
        raise MoneyError(f"Not a finite number: {value!r}")
    return result


def currency_code(code: str) -> str:
    """The ISO 4217 code, upper case; an unknown one is refused."""
    if not isinstance(code, str) or code.strip().upper() not in MINOR_UNITS:
        raise MoneyError(f"Not a currency we know: {code!r}")
    return code.strip().upper()


def minor_unit(currency: str) -> int:
    return MINOR_UNITS[currency_code(currency)]


def quantum(currency: str) -> Decimal:
    """The smallest amount of `currency`: 0.01 for EUR and TRY, 1 for JPY."""
    return Decimal(1).scaleb(-minor_unit(currency))


def round_to(amount, currency: str) -> Decimal:
    """`amount` rounded (half up) to the minor unit of `currency`."""
    return to_decimal(amount).quantize(quantum(currency), rounding=ROUNDING, context=_context())


def has_valid_places(amount, currency: str) -> bool:
    """Whether `amount` is written with no more decimals than `currency` has (12.345 EUR is
    not an amount anyone paid)."""
    value = to_decimal(amount)
    return value == value.quantize(quantum(currency), context=_context())


def convert(amount, rate, to: str) -> Decimal:
    """`amount` of some currency in `to`, where 1 unit of that currency = `rate` units of
    `to`; the product is exact and rounded once, half up, to `to`'s minor unit."""
    amount, rate = to_decimal(amount), to_decimal(rate)
    if rate <= 0:
        raise MoneyError("A rate is greater than zero.")
    product = _context().multiply(amount, rate)
    return round_to(product, to)


def cross_rate(from_per_eur, to_per_eur) -> Decimal:
    """The rate of 1 unit of a currency in another, from their rates per euro as the ECB
    publishes them (1 EUR = x). EUR itself is 1. For a grant in EUR, the rate of TRY is
    1 / (TRY per EUR); for a grant in TRY, the rate of USD is (TRY per EUR) / (USD per EUR).
    Kept to RATE_PLACES places, half up."""
    from_per_eur, to_per_eur = to_decimal(from_per_eur), to_decimal(to_per_eur)
    if from_per_eur <= 0 or to_per_eur <= 0:
        raise MoneyError("A rate is greater than zero.")
    quotient = _context().divide(to_per_eur, from_per_eur)
    return quotient.quantize(RATE_QUANTUM, rounding=ROUNDING, context=_context())


def rate_from_table(currency: str, to: str, per_eur: Mapping[str, Decimal]) -> Decimal:
    """The rate of `currency` into `to` from one day's rates per euro (`{"TRY": ...}`; EUR
    is implicit). KeyError when the day has no rate for one of them."""
    currency, to = currency_code(currency), currency_code(to)
    if currency == to:
        return Decimal(1)
    table = {"EUR": Decimal(1), **per_eur}
    return cross_rate(table[currency], table[to])


def total(amounts: Iterable) -> Decimal:
    """The exact sum of amounts (each already rounded to its currency): an addition that
    would need rounding raises instead of rounding quietly."""
    context = _context()
    context.traps[decimal.Inexact] = True
    result = Decimal(0)
    for amount in amounts:
        result = context.add(result, to_decimal(amount))
    return result


def totals_by(items: Iterable[tuple[str, object]]) -> dict[str, Decimal]:
    """{key: exact sum} of (key, amount) pairs, in the order keys first appear."""
    sums: dict[str, list] = {}
    for key, amount in items:
        sums.setdefault(key, []).append(amount)
    return {key: total(values) for key, values in sums.items()}


def remaining(grant, spent) -> Decimal:
    """What is left of the grant; negative when it is exceeded."""
    return _context().subtract(to_decimal(grant), to_decimal(spent))


def would_exceed(grant, spent, adding) -> bool:
    """Whether adding `adding` to what is already `spent` takes the total above the grant."""
    return total([spent, adding]) > to_decimal(grant)


def share(part, whole) -> int:
    """`part` of `whole` in whole percent (for a bar; 0 when there is no whole)."""
    part, whole = to_decimal(part), to_decimal(whole)
    if whole <= 0:
        return 0
    return int((part * 100 / whole).quantize(Decimal(1), rounding=ROUNDING, context=_context()))


@dataclass(frozen=True)
class Budget:
    """A grant and what has been spent of it, per category."""

    grant: Decimal
    currency: str
    by_category: dict[str, Decimal]

    @property
    def spent(self) -> Decimal:
        return total(self.by_category.values())

    @property
    def remaining(self) -> Decimal:
        return remaining(self.grant, self.spent)

    @property
    def is_over(self) -> bool:
        return self.spent > self.grant

    @property
    def over_by(self) -> Decimal:
        return max(Decimal(0), -self.remaining)


def budget(grant, currency: str, parts: Iterable[tuple[str, object]]) -> Budget:
    """The budget of `grant` from (category, converted amount) pairs."""
    return Budget(to_decimal(grant), currency_code(currency), totals_by(parts))
