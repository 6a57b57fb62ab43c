"""The API costs no more than the page: the directory search and an answer save, each
through the API beside the same through the page and beside a trivial view, in one run
(in-process p50/p95, then served by gunicorn -w 2 to 16 connections: throughput, p50, p95).

Data: the demo plus BENCH_API_SIZE (default 20,000) synthetic organisations, on SQLite in
var/bench/ (kept between runs)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run():
    size = int(os.environ.get("BENCH_API_SIZE", "20000"))
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'bench' / f'api-{size}.sqlite3'}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "EXCHANGE_TESTING": "1",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "testserver",
        "API_RATE_PER_TOKEN": "1000000/min",
        "API_RATE_PER_ADDRESS": "1000000/min",
        "MEDIA_ROOT": str(ROOT / "var" / "bench" / "media"),
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "bench._api_worker", str(size)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"api worker failed:\n{result.stderr[-4000:]}")
    sys.stderr.write(result.stderr[-2000:])
    return json.loads(result.stdout)
