"""The grant's money without the database: conversion rounds once (half up, to the target
currency's minor unit), totals are exact sums of the converted parts, floats are refused;
and the ECB's reference-rates CSV as it is published, with its quirks, and files of other
shapes refused with a clear message."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from exchange.partnerships.money import ecb, money

DATA = Path(__file__).parent / "money_data"

amounts = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("999999999.99"), places=2, allow_nan=False
)
rates = st.decimals(
    min_value=Decimal("0.000001"), max_value=Decimal("50000"), places=6, allow_nan=False
)
currencies = st.sampled_from(sorted(money.MINOR_UNITS))
categories = st.sampled_from(["travel", "accommodation", "per_diem", "venue", "materials", "other"])


# --- Conversion -------------------------------------------------------------------------


@given(amounts, rates, currencies)
def test_a_conversion_is_a_decimal_rounded_once_to_the_minor_unit(amount, rate, to):
    converted = money.convert(amount, rate, to)
    assert isinstance(converted, Decimal)
    assert converted == converted.quantize(money.quantum(to))
    # Within half a minor unit of the exact product: one rounding, no second one.
    assert abs(converted - amount * rate) <= money.quantum(to) / 2


@given(amounts, rates)
@example(Decimal("0.25"), Decimal("0.5"))  # 0.125: a tie
@example(Decimal("1.01"), Decimal("0.5"))  # 0.505
def test_a_tie_is_rounded_half_up(amount, rate):
    exact = amount * rate
    converted = money.convert(amount, rate, "EUR")
    cents = exact * 100
    if cents == cents.to_integral_value() + Decimal("0.5"):
        assert converted * 100 == cents + Decimal("0.5")


def test_documented_examples():
    assert money.convert(Decimal("0.25"), Decimal("0.5"), "EUR") == Decimal("0.13")
    assert money.convert(Decimal("1000.00"), money.cross_rate("34.7793", "1"), "EUR") == Decimal(
        "28.75"
    )
    assert money.convert(Decimal("100"), Decimal("167.85"), "JPY") == Decimal("16785")
    assert money.convert(Decimal("9.99"), Decimal("1.005"), "JPY") == Decimal("10")


@given(rates, rates)
def test_a_cross_rate_goes_through_the_euro(a, b):
    rate = money.cross_rate(a, b)
    assert isinstance(rate, Decimal)
    assert rate == rate.quantize(money.RATE_QUANTUM)
    assert abs(rate - b / a) <= money.RATE_QUANTUM / 2


def test_the_rate_of_try_into_eur_is_one_over_the_ecbs_rate():
    per_eur = {"TRY": Decimal("34.7793"), "USD": Decimal("1.0686")}
    assert money.rate_from_table("TRY", "EUR", per_eur) == Decimal("0.028752735104")
    assert money.rate_from_table("EUR", "TRY", per_eur) == Decimal("34.779300000000")
    # A grant in TRY, an expense in USD: TRY per EUR / USD per EUR.
    assert money.rate_from_table("USD", "TRY", per_eur) == Decimal("32.546603032004")
    assert money.rate_from_table("TRY", "TRY", per_eur) == 1


# --- Totals -------------------------------------------------------------------------------


@given(
    st.lists(st.tuples(categories, amounts, rates), max_size=60),
    st.sampled_from(["EUR", "TRY", "JPY"]),
)
def test_totals_per_category_add_up_to_the_sum_of_the_converted_parts(rows, currency):
    parts = [(category, money.convert(amount, rate, currency)) for category, amount, rate in rows]
    budget = money.budget(Decimal("3500.00"), currency, parts)
    assert budget.spent == sum((p for _c, p in parts), Decimal(0))
    assert money.total(budget.by_category.values()) == budget.spent
    for category, amount in budget.by_category.items():
        assert amount == sum((p for c, p in parts if c == category), Decimal(0))
        assert isinstance(amount, Decimal)
    assert budget.remaining == Decimal("3500.00") - budget.spent
    assert budget.is_over == (budget.spent > Decimal("3500.00"))
    assert all(isinstance(v, Decimal) for v in (budget.spent, budget.remaining, budget.over_by))


@given(amounts, amounts, amounts)
def test_the_exceed_check(grant, spent, adding):
    assert money.would_exceed(grant, spent, adding) == (spent + adding > grant)


def test_a_grant_reached_exactly_is_not_exceeded():
    assert not money.would_exceed(Decimal("3500.00"), Decimal("3000.00"), Decimal("500.00"))
    assert money.would_exceed(Decimal("3500.00"), Decimal("3000.00"), Decimal("500.01"))


# --- No float, anywhere ---------------------------------------------------------------------


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_float_is_refused_loudly(value):
    with pytest.raises(TypeError, match="never float"):
        money.to_decimal(value)
    with pytest.raises(TypeError):
        money.convert(value, Decimal("1"), "EUR")
    with pytest.raises(TypeError):
        money.convert(Decimal("1"), value, "EUR")
    with pytest.raises(TypeError):
        money.total([Decimal("1"), value])


def test_strings_and_integers_are_amounts_and_nonsense_is_not():
    assert money.to_decimal("12.50") == Decimal("12.50")
    assert money.to_decimal(12) == Decimal(12)
    for bad in ("twelve", "NaN", "Infinity", ""):
        with pytest.raises(money.MoneyError):
            money.to_decimal(bad)
    with pytest.raises(TypeError):
        money.to_decimal(True)
    with pytest.raises(money.MoneyError):
        money.convert(Decimal("1"), Decimal("0"), "EUR")
    with pytest.raises(money.MoneyError):
        money.currency_code("XXX")


def test_an_amount_has_no_more_decimals_than_its_currency():
    assert money.has_valid_places(Decimal("12.34"), "EUR")
    assert not money.has_valid_places(Decimal("12.345"), "TRY")
    assert money.has_valid_places(Decimal("1200"), "JPY")
    assert not money.has_valid_places(Decimal("1200.5"), "JPY")


# --- The ECB's file -----------------------------------------------------------------------


def test_the_whole_history_file_as_published():
    rates = ecb.parse((DATA / "eurofxref-hist.csv").read_bytes())
    assert rates.first == datetime.date(1999, 1, 4)
    assert rates.last == datetime.date(2024, 6, 14)
    day = rates.days[datetime.date(2024, 6, 14)]
    assert day["TRY"] == Decimal("34.7793")
    assert day["IDR"] == Decimal("17567.71")
    assert "CYP" not in day  # N/A
    assert rates.days[datetime.date(1999, 1, 4)]["TRL"] == Decimal("0.3723")
    assert "TRY" not in rates.days[datetime.date(1999, 1, 4)]
    assert all(isinstance(rate, Decimal) for _d, _c, rate in rates.rows())


def test_the_daily_file_with_its_spaces_and_date_in_words():
    rates = ecb.parse((DATA / "eurofxref.csv").read_bytes())
    assert list(rates.days) == [datetime.date(2024, 6, 14)]
    assert rates.days[datetime.date(2024, 6, 14)]["TRY"] == Decimal("34.7793")
    assert len(rates.currencies) == 30


def test_spreadsheet_quirks_are_read():
    data = (
        "\ufeffDate,USD,TRY\r\n\r\n2024-06-14,1.0686,34.7793\r\n2024-06-13 , 1.0784 , N/A \r\n"
    ).encode()
    rates = ecb.parse(data)
    assert rates.days[datetime.date(2024, 6, 13)] == {"USD": Decimal("1.0784")}
    assert rates.days[datetime.date(2024, 6, 14)]["TRY"] == Decimal("34.7793")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"Currency,Rate\nTRY,34.7\n", "header"),
        (b"USD,TRY,\n1.07,34.7,\n", "header"),
        (b"Date,Dollar,TRY,\n2024-06-14,1.07,34.7,\n", "not currency codes"),
        (b"Date,USD,USD,\n2024-06-14,1.07,1.08,\n", "twice"),
        (b"Date,USD,TRY,\n", "no rates"),
        (b"Date,USD,TRY,\n2024-06-14,1.07\n", "values"),
        (b"Date,USD,TRY,\n14/06/2024,1.07,34.7,\n", "not a date"),
        (b"Date,USD,TRY,\n2024-06-14,1,07,34.7,\n", "values"),
        (b"Date,USD,TRY,\n2024-06-14,1.07,abc,\n", "not a rate"),
        (b"Date,USD,TRY,\n2024-06-14,1.07,-3,\n", "not a rate"),
        (b"Date,USD,TRY,\n2024-06-14,1.07,0,\n", "not a rate"),
        (b"Date,USD,TRY,\n2024-06-14,1.07,1e5,\n", "not a rate"),
        (b"Date,USD,\n2024-06-14,1.07,\n2024-06-14,1.08,\n", "twice"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"Date,USD\n\xff\xfe2024", "not a text file"),
    ],
)
def test_a_file_of_another_shape_is_refused_with_a_clear_message(data, says):
    with pytest.raises(ecb.NotEcbFile) as refused:
        ecb.parse(data)
    assert says.lower() in " ".join(refused.value.messages).lower()


def test_a_file_too_big_is_refused_before_reading_it():
    with pytest.raises(ecb.NotEcbFile, match="too large"):
        ecb.check_size(ecb.MAX_BYTES + 1)


def test_errors_name_their_lines_and_stop_after_a_few():
    lines = "".join(f"2024-06-{d:02d},x,\n" for d in range(1, 20))
    with pytest.raises(ecb.NotEcbFile) as refused:
        ecb.parse(f"Date,USD,\n{lines}".encode())
    assert len(refused.value.messages) == ecb.MAX_ERRORS
    assert "Line 2" in refused.value.messages[0]


def test_messages_are_translated():
    from django.utils import translation

    with translation.override("de"), pytest.raises(ecb.NotEcbFile) as refused:
        ecb.parse(b"")
    assert refused.value.messages  # the German text once the lead merges the catalogue
