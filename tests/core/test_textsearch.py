import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from exchange.core.textsearch import document_keys, fold, fts5_query, tsquery, word_keys


def matches(query_word: str, document: str) -> bool:
    doc = set(document_keys(document).split())
    prefix = fold(query_word)
    return bool(word_keys(query_word) & doc) or any(k.startswith(prefix) for k in doc)


def test_turkish_case_folding():
    assert fold("İZMİR") == fold("izmir") == fold("Izmir") == "izmir"
    assert fold("ISIK") == fold("ışık") == "isik"
    assert fold("ÇAĞRI") == fold("çağrı") == "cagri"


def test_accents_and_german_letters():
    assert fold("Köln") == "koln"
    assert fold("Straße") == "strasse"
    assert fold("Çanakkale") == "canakkale"


def test_word_forms_in_three_languages():
    assert matches("gönüllüler", "Bir gönüllü ağı")
    assert matches("gonulluler", "Bir gönüllü ağı")  # typed without Turkish letters
    assert matches("Ehrenamtlichen", "Das Ehrenamt stärken")
    assert matches("volunteering", "Our volunteers")
    assert matches("kitaplarını", "kitap okuma")
    assert not matches("advocacy", "Das Ehrenamt stärken")


def test_prefix_while_typing():
    assert matches("ehrenam", "Ehrenamtliche gesucht")


@given(st.text(max_size=80))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=120))
def test_any_query_is_valid_fts5_syntax(text):
    expression = fts5_query(text)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    db.execute("INSERT INTO t VALUES ('izmir gonullu')")
    if expression:
        db.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression]).fetchall()
    assert bool(expression) == bool(tsquery(text))
