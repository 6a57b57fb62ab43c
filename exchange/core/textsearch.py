"""One full-text search for Turkish, German and English, on SQLite FTS5 and PostgreSQL.

Neither engine knows all three languages at once, and a text's language is not known in
advance (a German profile quotes a Turkish name). So the product normalises text itself
and lets the database only match and rank *keys*:

* folding: Turkish-aware lower case (``I`` -> ``ı``, ``İ`` -> ``i``), then diacritics
  removed and ``ı`` -> ``i``, ``ß`` -> ``ss``: ``İZMİR``, ``izmir`` and ``Izmir`` meet, and
  so do ``ışık`` and ``ISIK``, ``Köln`` and ``koln``.
* word forms: each word is stemmed with the Turkish, German and English Snowball stemmers
  (on the text with its diacritics, where they work best) and with a light Turkish suffix
  stripper on the folded text (for ``gonulluler`` typed without Turkish letters, where
  Snowball's vowel-harmony rules do not apply).

A document is indexed as the set of keys of its words. A query word matches when any of
its keys is among a document's keys, or its folded form is a prefix of one (search as you
type). Every query word must match. Both back-ends receive the same keys, so they match
the same documents; they only differ in how they rank ties (bm25 vs ts_rank).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMERS = tuple(snowballstemmer.stemmer(lang) for lang in ("turkish", "german", "english"))
_TR_UPPER = str.maketrans({"I": "ı", "İ": "i"})
_FOLD_EXTRA = str.maketrans(
    {"ı": "i", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe"}
)
# Plural, possessive and case endings, longest first, as they look after folding.
_TR_SUFFIXES = tuple(
    sorted(
        {
            "lerimiz",
            "larimiz",
            "leriniz",
            "lariniz",
            "lerinin",
            "larinin",
            "lerinde",
            "larinda",
            "lerini",
            "larini",
            "lerine",
            "larina",
            "lerden",
            "lardan",
            "lerde",
            "larda",
            "lerin",
            "larin",
            "leri",
            "lari",
            "ler",
            "lar",
            "imiz",
            "umuz",
            "iniz",
            "unuz",
            "nin",
            "nun",
            "den",
            "dan",
            "ten",
            "tan",
            "de",
            "da",
        },
        key=len,
        reverse=True,
    )
)
MIN_WORD = 2
MAX_QUERY_WORDS = 12


def lower_tr(text: str) -> str:
    """Lower case that is right for Turkish and harmless for German and English."""
    return text.translate(_TR_UPPER).lower()


def fold(text: str) -> str:
    """The search form of a text: Turkish-aware lower case, no diacritics."""
    decomposed = unicodedata.normalize("NFKD", lower_tr(text).translate(_FOLD_EXTRA))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_FOLD_EXTRA).casefold()


def _strip_turkish(word: str) -> str:
    for _ in range(2):
        for suffix in _TR_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


@lru_cache(maxsize=200_000)
def word_keys(word: str) -> frozenset[str]:
    """Every key under which a single word is indexed and searched."""
    lowered = lower_tr(word)
    folded = fold(word)
    keys = {folded, _strip_turkish(folded)}
    for stemmer in _STEMMERS:
        keys.add(fold(stemmer.stemWord(lowered)))
        keys.add(stemmer.stemWord(folded))
    return frozenset(k for k in keys if len(k) >= MIN_WORD)


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text or "") if len(w) >= MIN_WORD]


def document_keys(*texts: str) -> str:
    """The indexed form of one or more texts: their keys, space-separated, each once."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            for key in sorted(word_keys(word)):
                seen.setdefault(key, None)
    return " ".join(seen)


def query_terms(query: str) -> list[tuple[str, frozenset[str]]]:
    """(folded prefix, keys) for each word of a query, at most MAX_QUERY_WORDS words."""
    terms = []
    for word in words(query)[:MAX_QUERY_WORDS]:
        terms.append((fold(word), word_keys(word)))
    return terms


def fts5_query(query: str) -> str:
    """An FTS5 MATCH expression, or '' when the query has no searchable word."""
    groups = []
    for prefix, keys in query_terms(query):
        alternatives = [f'"{k}"' for k in sorted(keys)] + [f'"{prefix}" *']
        groups.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(groups)


def tsquery(query: str) -> str:
    """A PostgreSQL to_tsquery('simple', …) expression, or '' when nothing is searchable."""
    groups = []
    for prefix, keys in query_terms(query):
        alternatives = [f"'{k}'" for k in sorted(keys)] + [f"'{prefix}':*"]
        groups.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(groups)


# --- Binding to the database -------------------------------------------------------------
# The two engines take different SQL, so the binding uses QuerySet.extra(): a join to the
# FTS5 table on SQLite (so bm25() is computed once per matching row, driven by the index)
# and a GIN-indexed tsvector expression on PostgreSQL. Both get the same keys.


def sqlite_fts_table(db_table: str) -> str:
    return f"{db_table}_fts"


def pg_vector_expression() -> str:
    return (
        "(setweight(to_tsvector('simple'::regconfig, search_name), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, search_body), 'B'))"
    )


def apply_search(queryset, query: str):
    """Keep the rows matching `query` and annotate `search_rank` (higher is better).

    The model needs `search_name` and `search_body` columns holding `document_keys(...)`,
    and the index created by `sqlite_fts_sql` / `pg_index_sql` in a migration.
    """
    from django.db import connections

    table = queryset.model._meta.db_table
    vendor = connections[queryset.db].vendor
    if vendor == "sqlite":
        expression = fts5_query(query)
        if not expression:
            return queryset
        fts = sqlite_fts_table(table)
        return queryset.extra(
            tables=[fts],
            where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
            params=[expression],
            select={"search_rank": f"-bm25({fts}, 8.0, 1.0)"},
        )
    if vendor == "postgresql":
        expression = tsquery(query)
        if not expression:
            return queryset
        # A stored generated column (see pg_index_sql): ranking reads it instead of
        # re-parsing every matching row's keys.
        vector = f"{table}.search_vector"
        return queryset.extra(
            where=[f"{vector} @@ to_tsquery('simple'::regconfig, %s)"],
            params=[expression],
            select={"search_rank": f"ts_rank({vector}, to_tsquery('simple'::regconfig, %s))"},
            select_params=[expression],
        )
    raise NotImplementedError(f"full-text search is not available on {vendor}")


def sqlite_fts_sql(db_table: str) -> list[str]:
    fts = sqlite_fts_table(db_table)
    cols = "search_name, search_body"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{db_table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {db_table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, new.search_name, new.search_body); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {db_table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) "
        f"VALUES ('delete', old.id, old.search_name, old.search_body); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {db_table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) "
        f"VALUES ('delete', old.id, old.search_name, old.search_body); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, new.search_name, new.search_body); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def sqlite_fts_drop_sql(db_table: str) -> list[str]:
    fts = sqlite_fts_table(db_table)
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def pg_index_sql(db_table: str) -> list[str]:
    # The column is PostgreSQL's alone: Django never names it, so inserts and updates
    # from the ORM leave it to the database.
    return [
        f"ALTER TABLE {db_table} ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({pg_vector_expression()}) STORED",
        f"CREATE INDEX {db_table}_search_gin ON {db_table} USING gin (search_vector)",
    ]


def pg_index_drop_sql(db_table: str) -> list[str]:
    return [
        f"DROP INDEX IF EXISTS {db_table}_search_gin",
        f"ALTER TABLE {db_table} DROP COLUMN IF EXISTS search_vector",
    ]
