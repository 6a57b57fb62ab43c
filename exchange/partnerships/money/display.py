"""Amounts as a reader sees them: grouped and with the decimal mark of their language,
with the currency's own number of decimals (2 for EUR and TRY, 0 for JPY)."""

from django.utils import formats
from django.utils.translation import get_language

from . import money


def number(amount, currency: str) -> str:
    if amount is None or amount == "":
        return ""
    places = money.MINOR_UNITS.get(str(currency).upper(), 2)
    return formats.number_format(
        money.to_decimal(amount), places, use_l10n=True, force_grouping=True
    )


def show(amount, currency: str) -> str:
    if amount is None or amount == "":
        return ""
    return f"{number(amount, currency)}\u00a0{currency}"


def percent(value) -> str:
    """A share in the reader's language: "%35" in Turkish, "35 %" in German, "35%" in
    English."""
    language = (get_language() or "en")[:2]
    if language == "tr":
        return f"%{value}"
    if language == "de":
        return f"{value}\u00a0%"
    return f"{value}%"
