"""Review and selection at the size of a large call: 2,000 applications, 100 reviewers, on
PostgreSQL (SQLite when PostgreSQL does not answer). Measures the assignment and the cohort
suggestion, the queries of the staff's pages, and the staff's list and ranking, a reviewer's
list and score form served by gunicorn -w 2 to 16 concurrent connections, beside a trivial
page with a signed-in session served the same way in the same run.

BENCH_SELECTION_SIZE (default 2000) and BENCH_SELECTION_REVIEWERS (default 100) change the
size; the data set is kept between runs (rebuilt when a migration changes)."""

import json
import os
import subprocess
import sys

from bench.directory_search import PG, ROOT, create_pg_database, pg_available, schema_version


def run():
    size = int(os.environ.get("BENCH_SELECTION_SIZE", "2000"))
    reviewers = int(os.environ.get("BENCH_SELECTION_REVIEWERS", "100"))
    version = schema_version()
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    name = f"exchange_bench_selection_{size}_{reviewers}_{version}"
    if pg_available():
        create_pg_database(name)
        url, vendor = f"{PG}/{name}", "postgresql"
    else:
        url, vendor = f"sqlite:///{ROOT / 'var' / 'bench' / f'{name}.sqlite3'}", "sqlite"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "EXCHANGE_TESTING": "1",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "testserver",
        "MEDIA_ROOT": str(ROOT / "var" / "bench" / "media"),
        "BENCH_VENDOR": vendor,
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench._selection_worker", str(size), str(reviewers)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"selection worker failed:\n{result.stderr[-4000:]}")
    sys.stderr.write(result.stderr[-2000:])
    return json.loads(result.stdout)
