"""{{ amount|money:"EUR" }} → "3.500,00 EUR" in the reader's language (the currency's own
number of decimals; never through float)."""

from django import template

from ..display import percent, show

register = template.Library()


@register.filter(name="money")
def money_filter(amount, currency="EUR"):
    return show(amount, currency)


@register.filter(name="percent")
def percent_filter(value):
    return percent(value)
