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


def tag(kind: str, key: str) -> str:
    """One index key standing for a vocabulary term (a capacity area, a thematic field):
    a profile is indexed under the term's tag instead of its label's words in three
    languages, and a query word that occurs in the label matches the tag (`synonyms`)."""
    return "zz" + kind + "".join(c for c in key if c.isalnum())


def document_keys(*texts: str) -> str:
    """The indexed form of one or more texts: their keys, space-separated, each once."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            for key in sorted(word_keys(word)):
                seen.setdefault(key, None)
    return " ".join(seen)


MIN_PREFIX = 4


def query_terms(query: str, synonyms=None) -> list[tuple[str, frozenset[str]]]:
    """(prefix or '', keys) for each word of a query, at most MAX_QUERY_WORDS words.

    Only the last word, the one being typed, is also matched as a prefix, and only from
    MIN_PREFIX letters on: a two-letter prefix matches most of the vocabulary and costs
    half a second on 100,000 profiles."""
    found = words(query)[:MAX_QUERY_WORDS]
    terms = []
    for i, word in enumerate(found):
        folded = fold(word)
        prefix = folded if i == len(found) - 1 and len(folded) >= MIN_PREFIX else ""
        keys = word_keys(word)
        if synonyms is not None:
            keys = keys | synonyms(keys)
        terms.append((prefix, keys))
    return terms


def fts5_query(query: str, synonyms=None, required=(), *, tags_alone=False) -> str:
    """An FTS5 MATCH expression, or '' when the query has no searchable word. `required`
    are groups of tags of which a document must have one each (structured filters); with
    `tags_alone` they are enough without words (a filtered listing)."""
    terms = query_terms(query, synonyms)
    if not terms and not (tags_alone and required):
        return ""
    groups = []
    for prefix, keys in terms:
        alternatives = [f'"{k}"' for k in sorted(keys)] + ([f'"{prefix}" *'] if prefix else [])
        groups.append("(" + " OR ".join(alternatives) + ")")
    groups += ["(" + " OR ".join(f'"{k}"' for k in sorted(g)) + ")" for g in required]
    return " AND ".join(groups)


def tsquery(query: str, synonyms=None, required=(), *, tags_alone=False) -> str:
    """A PostgreSQL to_tsquery('simple', …) expression, or '' when nothing is searchable
    (with `tags_alone`, the required tags are enough: a filtered listing without words)."""
    terms = query_terms(query, synonyms)
    if not terms and not (tags_alone and required):
        return ""
    groups = []
    for prefix, keys in terms:
        alternatives = [f"'{k}'" for k in sorted(keys)] + ([f"'{prefix}':*"] if prefix else [])
        groups.append("(" + " | ".join(alternatives) + ")")
    groups += ["(" + " | ".join(f"'{k}'" for k in sorted(g)) + ")" for g in required]
    return " & ".join(groups)


def is_searchable(query: str) -> bool:
    return bool(query_terms(query))


# --- Binding to the database -------------------------------------------------------------
# The keys live in a narrow table of their own, one row per searchable object:
# (object_id primary key, name_keys, body_keys). Narrow rows keep PostgreSQL's tsvector
# inline and uncompressed, so ranking 40,000 matches reads 60 MB, not 470 MB of TOAST
# (measured: 126 ms instead of 590 ms at 100,000 organisations). On SQLite an FTS5 table
# is kept in step by triggers; on PostgreSQL two generated tsvector columns and a GIN
# index. The binding uses QuerySet.extra(): the two engines need different SQL.


def fts_table(search_table: str) -> str:
    return f"{search_table}_fts"


def apply_search(
    queryset,
    query: str,
    *,
    search_table: str,
    key: str,
    synonyms=None,
    required=(),
    tags_alone=False,
):
    """Keep the rows matching `query` and annotate `search_rank` (higher is better).
    `required`: groups of tag keys a row must have one of each (structured filters folded
    into the same index lookup: one GIN or FTS5 intersection instead of joins).

    `search_table` has columns `key` (the queryset's primary key), `name_keys` and
    `body_keys` holding document_keys(...); see sqlite_index_sql / pg_index_sql.
    `synonyms(keys) -> set` adds keys a query word also matches (see `tag`). With
    `tags_alone`, the required tags select without words (rank 0 on PostgreSQL then)."""
    from django.db import connections

    table = queryset.model._meta.db_table
    vendor = connections[queryset.db].vendor
    join = f"{search_table}.{key} = {table}.id"
    if vendor == "sqlite":
        expression = fts5_query(query, synonyms, required, tags_alone=tags_alone)
        if not expression:
            return queryset
        fts = fts_table(search_table)
        return queryset.extra(
            tables=[fts],
            where=[f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"],
            params=[expression],
            select={"search_rank": f"-bm25({fts}, 8.0, 1.0)"},
        )
    if vendor == "postgresql":
        expression = tsquery(query, synonyms, required, tags_alone=tags_alone)
        if not expression:
            return queryset
        words_only = tsquery(query, synonyms)  # the rank and the name bonus: words, no tags
        q = "to_tsquery('simple'::regconfig, %s)"
        if not words_only:
            return queryset.extra(
                tables=[search_table],
                where=[join, f"{search_table}.vector @@ {q}"],
                params=[expression],
                select={"search_rank": "0"},
            )
        return queryset.extra(
            tables=[search_table],
            where=[join, f"{search_table}.vector @@ {q}"],
            params=[expression],
            # A match in the name counts for more than one in the texts.
            select={
                "search_rank": f"ts_rank({search_table}.vector, {q}) + "
                f"CASE WHEN {search_table}.name_vector @@ {q} THEN 1 ELSE 0 END"
            },
            select_params=[words_only, words_only],
        )
    raise NotImplementedError(f"full-text search is not available on {vendor}")


def ranked_ids(
    query: str,
    *,
    search_table: str,
    key: str,
    window: int,
    synonyms=None,
    required=(),
    order_table: str = "",
    order_by: tuple[str, ...] = ("name",),
    by_rank: bool = True,
    using: str = "default",
) -> list[int] | None:
    """PostgreSQL: the ids of up to `window` matching rows in order, found through the
    full-text index of the search table alone: the first `window` matches of one GIN
    lookup (words and filter tags intersected), then ordered by rank (`by_rank`, ties by
    `order_table.order_by`, then id) or by `order_by` ("-created_at" descends). Without
    words, the tags alone select (a filtered listing). None on other databases (FTS5 ranks
    from its own index) or when there is nothing to look up.

    Like the ranking window of `limit_ranking`, an order over more than `window` matches
    is the order of the first `window` found: the page then says "more than 1,000 found,
    narrow them down". Joining the rows' own table before limiting made the planner walk
    primary keys and test 20,000 vectors one by one (p95 ~200 ms at 100,000 profiles)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    expression = tsquery(query, synonyms, required, tags_alone=True)
    if not expression:
        return None
    q = "to_tsquery('simple'::regconfig, %s)"
    columns = ", ".join(f"t.{c[1:]} DESC" if c.startswith("-") else f"t.{c}" for c in order_by)
    join = f"JOIN {order_table} t ON t.id = s.{key}" if order_table else ""
    ties = f"{columns}, " if order_table else ""
    words_only = tsquery(query, synonyms)
    if by_rank and words_only:
        rank = f"ts_rank(s.vector, {q}) + CASE WHEN s.name_vector @@ {q} THEN 1 ELSE 0 END"
        order, order_params = f"{rank} DESC, {ties}s.{key}", [words_only, words_only]
    else:
        order, order_params = f"{ties}s.{key}", []
    sql = (
        f"WITH matches AS MATERIALIZED (SELECT {key} AS id FROM {search_table} "
        f"WHERE vector @@ {q} LIMIT %s) "
        f"SELECT s.{key} FROM {search_table} s {join} "
        f"WHERE s.{key} IN (SELECT id FROM matches) ORDER BY {order}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, window, *order_params])
        return [row[0] for row in cursor.fetchall()]


RANKING_WINDOW = 2000


def limit_ranking(queryset, *, window: int | None = None):
    """Returns (queryset, number of matches): the exact number below `window`, else
    window + 1 ("more than"). Callers that show counts keep their cap below the window."""
    return _limit_ranking(queryset, window or RANKING_WINDOW)


def _limit_ranking(queryset, window):
    """On PostgreSQL, rank a very large match set within its first `window` matches.

    ts_rank reads every matching row's vector: for a word found in 40% of 100,000
    profiles that is 400 ms, where finding the first 2,000 matches takes 30 ms. Lists that
    long are shown as "more than 1,000 found, narrow it down" anyway; below the window
    the ranking is exact. SQLite's FTS5 ranks from its index and needs no window."""
    from django.db import connections

    if connections[queryset.db].vendor != "postgresql":
        return queryset, None
    ids = list(queryset.order_by().values_list("pk", flat=True)[: window + 1])
    if len(ids) <= window:
        return queryset, len(ids)
    return queryset.filter(pk__in=ids[:window]), window + 1


def sqlite_index_sql(search_table: str, key: str) -> list[str]:
    fts = fts_table(search_table)
    cols = "name_keys, body_keys"
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{key}, new.name_keys, new.body_keys)"
    delete = (
        f"INSERT INTO {fts}({fts}, rowid, {cols}) "
        f"VALUES ('delete', old.{key}, old.name_keys, old.body_keys)"
    )
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{search_table}', "
        f"content_rowid='{key}', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {search_table} BEGIN {insert}; END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {search_table} BEGIN {delete}; END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {search_table} BEGIN {delete}; {insert}; END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def sqlite_index_drop_sql(search_table: str, key: str) -> list[str]:
    fts = fts_table(search_table)
    return [f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


def pg_index_sql(search_table: str, key: str) -> list[str]:
    # PostgreSQL's alone: Django never names these columns, so the ORM's inserts and
    # updates leave them to the database. Positions are stripped: ranking needs counts.
    return [
        # The key texts always go out of line, so the row keeps its vector inline and
        # uncompressed: a scan reads 140 MB instead of 330 MB at 100,000 organisations.
        f"ALTER TABLE {search_table} ALTER COLUMN name_keys SET STORAGE EXTERNAL, "
        f"ALTER COLUMN body_keys SET STORAGE EXTERNAL",
        f"ALTER TABLE {search_table} ADD COLUMN vector tsvector GENERATED ALWAYS AS "
        f"(strip(to_tsvector('simple'::regconfig, name_keys || ' ' || body_keys))) STORED",
        f"ALTER TABLE {search_table} ADD COLUMN name_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple'::regconfig, name_keys)) STORED",
        f"CREATE INDEX {search_table}_vector_gin ON {search_table} USING gin (vector)",
    ]


def pg_index_drop_sql(search_table: str, key: str) -> list[str]:
    return [
        f"DROP INDEX IF EXISTS {search_table}_vector_gin",
        f"ALTER TABLE {search_table} DROP COLUMN IF EXISTS vector",
        f"ALTER TABLE {search_table} DROP COLUMN IF EXISTS name_vector",
    ]
