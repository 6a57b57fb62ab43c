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


def _probabilities(area: str, p: float) -> list[float]:
    from exchange.matching.engine import AREAS

    out = [round((1 - p) / (len(AREAS) - 1), 4)] * len(AREAS)
    out[AREAS.index(area)] = p
    return out


def test_a_reason_read_from_words_quotes_the_words_of_the_side_that_wrote_them():
    from exchange.matching.reasons import add_sources

    mine = [("need", "volunteer-management", "", [])]  # chosen: nothing to quote
    theirs = [
        ("need", "", "Unsere Freiwilligen bleiben nicht lange. Wir suchen neue Wege.",
         _probabilities("volunteer-management", 0.8)),
        ("need", "", "Wir brauchen mehr Spenden.", _probabilities("individual-giving", 0.9)),
        ("offer", "", "Wir haben Erfahrung mit Freiwilligen.", _probabilities("volunteer-management", 0.95)),
    ]  # fmt: skip
    candidate = Candidate(1, 2.0, [Reason("common_need", "volunteer-management", 2.0, True)])
    for language, expected in [
        ("en", "Read from the words of Ehrenamt Köln: “Unsere Freiwilligen bleiben nicht lange.”"),
        ("de", "Gelesen aus den Worten von Ehrenamt Köln: »Unsere Freiwilligen bleiben nicht lange.«"),
        ("tr", "Ehrenamt Köln tarafından yazılandan okundu: “Unsere Freiwilligen bleiben nicht lange.”"),
    ]:  # fmt: skip
        with translation.override(language):
            shown = add_sources(explain(candidate, "Ehrenamt Köln"), mine, theirs, "Ehrenamt Köln")
        # Their need, not their offer, and only the sentence that says it.
        assert [q["whose"] for q in shown[0]["read_from"]] == ["partner"]
        assert shown[0]["read_from"][0]["text"] == expected, language


def test_a_long_statement_is_quoted_up_to_a_word():
    from exchange.matching.reasons import QUOTE_LENGTH, excerpt

    words = (
        "Gönüllülerimizin çoğu ilk etkinlikten sonra bir daha gelmiyor ve nedenini bilmiyoruz, " * 3
    )
    quoted = excerpt(words)
    assert len(quoted) <= QUOTE_LENGTH + 1 and quoted.endswith("…")
    assert words.startswith(quoted[:-1]) and not quoted[:-1].endswith(" ")
