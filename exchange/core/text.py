"""Free text as people type it, made safe to store and show.

NUL bytes cannot be stored by PostgreSQL and mean nothing in a name; control characters
other than line breaks and tabs are never meant; the bidirectional overrides and isolates
(U+202A-U+202E, U+2066-U+2069) turn a line around when shown, which is how a name can be
made to read as something else in a PDF or a list. All are removed."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .textsearch import lower_tr

_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean(text: str) -> str:
    return _UNWANTED.sub("", text)


def has_unwanted(text: str) -> bool:
    return bool(_UNWANTED.search(text))


def inline_term(text: str, language: str) -> str:
    """A term (a label such as "Human rights") as it is written inside a sentence: lower
    case in English and in Turkish (by Turkish rules: "İnsan" -> "insan", never the "i̇"
    with a combining dot that str.lower() gives), unchanged in German, where nouns keep
    their capital."""
    text = str(text)
    if language.startswith("de"):
        return text
    if language.startswith("tr"):
        return lower_tr(text)
    return text[:1].lower() + text[1:]


def no_hidden_characters(value: str) -> None:
    """A validator: an address or a key with invisible or line-reversing characters is
    refused (a website that reads one way and leads another)."""
    if has_unwanted(value or ""):
        raise ValidationError(
            _("This contains invisible or direction-changing characters; type it again."),
            code="hidden_characters",
        )
