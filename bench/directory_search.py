"""Directory search latency: p50/p95 over 200 varied queries with filters, through the
whole view (Django test client: routing, filters, search, templates), on 1,000 and
100,000 organisations, on SQLite and PostgreSQL. Beside it, a reference in the same
process: a trivial page (the privacy notice) rendered the same way, so the figures can be
read as a ratio on a noisy machine. Goal: p95 <= 150 ms at 100,000 organisations.

Data sets are synthetic (bench.common) and kept between runs: var/bench/*.sqlite3 and the
PostgreSQL databases exchange_bench_<size>.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
PG = os.environ.get("BENCH_PG", "postgres://postgres:postgres@127.0.0.1:5432")
GOAL_MS = 150


def schema_version():
    """A short hash of every migration and of the indexing code: a data set built on an
    older schema or with older search keys is rebuilt."""
    import hashlib

    digest = hashlib.sha256()
    indexing = [
        "exchange/core/textsearch.py",
        "exchange/organisations/services.py",
        "exchange/organisations/taxonomy.py",
    ]
    for path in sorted(ROOT.glob("exchange/*/migrations/*.py")) + [ROOT / p for p in indexing]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def pg_available():
    try:
        import psycopg

        psycopg.connect(PG + "/postgres", connect_timeout=3).close()
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means: skip PostgreSQL
        print(
            f"PostgreSQL not reachable at {PG} ({exc.__class__.__name__}); measuring SQLite only",
            file=sys.stderr,
        )
        return False


def create_pg_database(name):
    import psycopg

    with psycopg.connect(PG + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def run():
    version = schema_version()
    for old in (ROOT / "var" / "bench").glob("directory-*.sqlite3*"):
        if version not in old.name:
            old.unlink()
    databases = [
        (
            "sqlite",
            lambda n: f"sqlite:///{ROOT / 'var' / 'bench' / f'directory-{n}-{version}.sqlite3'}",
        )
    ]
    if pg_available():
        databases.append(("postgresql", lambda n: f"{PG}/exchange_bench_{n}_{version}"))
    figures = []
    for vendor, url in databases:
        for size in SIZES:
            if vendor == "postgresql":
                create_pg_database(f"exchange_bench_{size}_{version}")
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
                [sys.executable, "-m", "bench._directory_worker", str(size), vendor],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise SystemExit(
                    f"directory_search worker failed on {vendor}/{size}:\n{result.stderr}"
                )
            sys.stderr.write(result.stderr)
            figures += json.loads(result.stdout)
    return figures
