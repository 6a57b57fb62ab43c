"""Helpers shared by benchmarks: figures, percentiles, synthetic organisations."""

import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

from exchange.organisations import taxonomy
from exchange.organisations.demo import PLACES, TOPIC_WORDS
from exchange.organisations.demo_texts import AREA_TEXTS, DESCRIPTIONS


def figure(name, value, unit, *, goal=None, better="lower", setting=""):
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "goal": goal,
        "better": better,
        "setting": setting,
    }


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values):
    return statistics.median(values)


EXTRA_CITIES = {
    "TR": [
        "İstanbul",
        "Ankara",
        "İzmir",
        "Bursa",
        "Adana",
        "Konya",
        "Şanlıurfa",
        "Kayseri",
        "Samsun",
        "Denizli",
        "Malatya",
        "Erzurum",
        "Sivas",
        "Ordu",
        "Tekirdağ",
        "Batman",
        "Muş",
        "Iğdır",
        "Kırşehir",
        "Ağrı",
    ],
    "DE": [
        "Berlin",
        "Köln",
        "Düsseldorf",
        "Nürnberg",
        "Dresden",
        "Frankfurt am Main",
        "Bremen",
        "Münster",
    ],
    "AT": ["Wien", "Linz", "Salzburg", "Innsbruck"],
    "NL": ["Amsterdam", "Utrecht", "Den Haag"],
    "FR": ["Paris", "Marseille", "Lille"],
    "IT": ["Roma", "Milano", "Napoli"],
    "ES": ["Madrid", "Sevilla"],
    "PL": ["Warszawa", "Gdańsk", "Łódź"],
    "GR": ["Athína", "Pátra"],
    "BG": ["Sofia", "Varna"],
    "SE": ["Göteborg"],
}


def synthetic_records(n, seed=7):
    """n organisations in the import format, about half from Turkey, texts in TR/DE/EN."""
    rng = random.Random(seed)
    areas = list(AREA_TEXTS)
    fields = sorted(taxonomy.FIELD_KEYS)
    topics = list(TOPIC_WORDS["en"])
    for i in range(n):
        country = "TR" if rng.random() < 0.5 else rng.choice(list(EXTRA_CITIES)[1:])
        city = rng.choice(EXTRA_CITIES[country] + [p[1] for p in PLACES if p[0] == country])
        lang = (
            "tr"
            if country == "TR" and rng.random() < 0.8
            else ("de" if country in {"DE", "AT"} and rng.random() < 0.7 else "en")
        )
        col = {"en": 0, "tr": 1, "de": 2}[lang]
        topic = rng.choice(topics)
        chosen = rng.sample(areas, rng.randint(2, 5))
        split = rng.randint(1, len(chosen) - 1)
        labelled = rng.random() > 0.3
        name_word = TOPIC_WORDS[lang][topic]
        suffix = {
            "tr": ["Derneği", "Vakfı", "Platformu", "Kooperatifi"],
            "de": ["e.V.", "gGmbH", "Initiative", "Netzwerk"],
            "en": ["Association", "Foundation", "Network", "Collective"],
        }[lang]
        yield {
            "ref": f"b{i:06d}",
            "name": f"{city} {name_word} {rng.choice(suffix)} {i}",
            "country": country,
            "city": city,
            "kind": rng.choice(
                ["association", "foundation", "initiative", "cooperative", "network", "other"]
            ),
            "founded": rng.randint(1980, 2024),
            "staff": rng.randint(0, 50),
            "volunteers": rng.randint(0, 900),
            "languages": sorted(
                {lang, "en"}
                | ({"tr"} if country in {"DE", "AT", "NL"} and rng.random() < 0.2 else set())
            ),
            "fields": sorted(
                {
                    topic if topic in fields else rng.choice(fields),
                    *rng.sample(fields, rng.randint(0, 2)),
                }
            ),
            "needs": [
                {"area": a if labelled else None, "text": AREA_TEXTS[a][col]}
                for a in chosen[:split]
            ],
            "offers": [
                {"area": a if labelled else None, "text": AREA_TEXTS[a][3 + col]}
                for a in chosen[split:]
            ],
            "description": DESCRIPTIONS[lang].format(
                kind="organisation",
                city=city,
                topic=name_word.lower(),
                year=rng.randint(1980, 2024),
            ),
            "hosts_visits": rng.random() < 0.5,
        }


# --- Running a benchmark's worker once per database and size ------------------------------

PG = os.environ.get("BENCH_PG", "postgres://postgres:postgres@127.0.0.1:5432")
ROOT = Path(__file__).resolve().parent.parent


def schema_version(indexing=()) -> str:
    """A short hash of every migration and of the indexing code: a data set built on an
    older schema or with older search keys is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("exchange/**/migrations/*.py")) + [ROOT / p for p in indexing]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG + "/postgres", connect_timeout=3).close()
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means: skip PostgreSQL
        print(f"PostgreSQL not reachable at {PG} ({exc.__class__.__name__}); SQLite only",
              file=sys.stderr)  # fmt: skip
        return False


def create_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def run_worker_per_database(prefix: str, module: str, sizes, *, indexing=()) -> list[dict]:
    """Run `python -m module <size> <vendor>` against a kept data set per (database, size);
    the worker prints its figures as JSON."""
    version = schema_version(indexing)
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{prefix}-*.sqlite3*"):
        if version not in old.name:
            old.unlink()
    databases = [("sqlite", lambda n: f"sqlite:///{folder / f'{prefix}-{n}-{version}.sqlite3'}")]
    if pg_available():
        databases.append(("postgresql", lambda n: f"{PG}/exchange_bench_{prefix}_{n}_{version}"))
    figures = []
    for vendor, url in databases:
        for size in sizes:
            if vendor == "postgresql":
                create_pg_database(f"exchange_bench_{prefix}_{size}_{version}")
            env = {
                **os.environ,
                "DATABASE_URL": url(size),
                "DEBUG": "0",
                "SECRET_KEY": "bench-" + "x" * 50,
                "EXCHANGE_TESTING": "1",
                "SECURE_SSL_REDIRECT": "0",
                "ALLOWED_HOSTS": "testserver",
            }
            result = subprocess.run(
                [sys.executable, "-m", module, str(size), vendor],
                cwd=ROOT, env=env, capture_output=True, text=True,
            )  # fmt: skip
            if result.returncode != 0:
                raise SystemExit(f"{module} failed on {vendor}/{size}:\n{result.stderr}")
            sys.stderr.write(result.stderr)
            figures += json.loads(result.stdout)
    return figures
