"""Every reason in every language: a whole sentence, the partner named, terms written as
each language writes them (German nouns capitalised, Turkish lower case by Turkish rules),
shares written as each language writes percentages, negligible parts left out."""

import pytest
from django.utils import translation

from exchange.matching.engine import Candidate, Reason
from exchange.matching.reasons import explain, sentence
from exchange.organisations import taxonomy

KINDS = [
    "common_need",
    "they_offer",
    "you_offer",
    "shared_field",
    "hosts_visits",
    "shared_language",
]


def key_for(kind):
    if kind == "shared_field":
        return taxonomy.THEMATIC_FIELDS[0].key
    if kind == "shared_language":
        return "de"
    return "strategic-planning"


@pytest.mark.parametrize("language", ["en", "tr", "de"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_reason_is_a_whole_sentence_in_every_language(kind, language):
    with translation.override(language):
        text = sentence(Reason(kind, key_for(kind), 1.0), "Ehrenamt Köln")
    assert text[0].isupper() and text.endswith(".") and "%" not in text
    if kind in ("they_offer", "you_offer", "hosts_visits"):
        assert "Ehrenamt Köln" in text
    if language != "en":
        with translation.override("en"):
            assert text != sentence(Reason(kind, key_for(kind), 1.0), "Ehrenamt Köln")


def test_german_keeps_nouns_capitalised_and_turkish_lowers_by_its_own_rules():
    with translation.override("de"):
        assert "„Strategische Planung“" in sentence(
            Reason("common_need", "strategic-planning", 1.0), "X"
        )
    with translation.override("tr"):
        text = sentence(Reason("common_need", "legal-compliance", 1.0), "X")
    assert "i̇" not in text  # no stray combining dot from str.lower() on "İ"


def test_negligible_parts_are_not_shown():
    candidate = Candidate(
        1, 3.0, [Reason("common_need", "advocacy", 2.9), Reason("hosts_visits", "", 0.1)]
    )
    assert [r["kind"] for r in explain(candidate, "X")] == ["common_need"]
