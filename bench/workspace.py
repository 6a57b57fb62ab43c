"""A cohort's six months at full size: 50 partnerships with a year of visits, meetings,
expenses and reports. Measures the staff's progress page (queries, p50/p95) and a member's
personal iCalendar feed, beside a trivial page in the same run, in-process, on PostgreSQL
(SQLite when PostgreSQL does not answer). BENCH_WORKSPACE_SIZE (default 50) changes the
number of partnerships; the data set is kept between runs (rebuilt on a migration)."""

import json
import os
import subprocess
import sys

from bench.directory_search import PG, ROOT, create_pg_database, pg_available, schema_version


def run():
    size = int(os.environ.get("BENCH_WORKSPACE_SIZE", "50"))
    version = schema_version()
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    name = f"exchange_bench_workspace_{size}_{version}"
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
        [sys.executable, "-m", "bench._workspace_worker", str(size)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"workspace worker failed:\n{result.stderr[-4000:]}")
    sys.stderr.write(result.stderr[-2000:])
    return json.loads(result.stdout)
