from django.utils.translation import override

from exchange.core.templatetags.numbers import decimal0, decimal1


def test_one_decimal_in_the_readers_format():
    with override("en"):
        assert decimal1(3.456) == "3.5" and decimal1(None) == "—" and decimal1("x") == "—"
    with override("de"):
        assert decimal1(72.25) == "72,2" or decimal1(72.25) == "72,3"
    with override("tr"):
        assert decimal1(10) == "10,0"
    assert decimal0(24.6) == "25" and decimal0(None) == "—"
