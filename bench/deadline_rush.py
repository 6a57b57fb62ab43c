"""The submit path under a deadline rush: 200 applicants, each saving answers (autosave and
Save), confirming and submitting in the last minutes before the deadline, with Locust against
gunicorn on PostgreSQL over loopback. Afterwards every application is read back from the
database: `lost` counts submissions the client was told succeeded that are not in the
database exactly as last saved. Goal: errors 0, lost 0, p95 ≤ 500 ms on 2 cores."""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time

from .common import figure
from .directory_search import PG, ROOT, pg_available

APPLICANTS = int(os.environ.get("RUSH_APPLICANTS", "200"))
DATABASE = "exchange_bench_rush"
OUT = ROOT / "var" / "bench"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{DATABASE}",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        TASKS_BACKEND="database",  # receipts and PDFs go to db_worker, as in production
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        **extra,
    )
    return env


def _redis_url():
    """Production runs several processes with Redis as the shared cache (sessions, limits)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return "redis://127.0.0.1:6379/3"
    except OSError:
        print(
            "Redis not reachable at 127.0.0.1:6379: sessions are read from PostgreSQL",
            file=sys.stderr,
        )
        return ""


def run():
    if not pg_available():
        print("deadline_rush needs PostgreSQL (127.0.0.1:5432); skipped", file=sys.stderr)
        return []
    import psycopg

    with psycopg.connect(PG + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    env = _env(REDIS_URL=_redis_url())
    python = sys.executable
    OUT.mkdir(parents=True, exist_ok=True)
    plan = OUT / "rush_plan.json"
    result = OUT / "rush_result.json"
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [python, "-m", "bench._rush_setup", str(APPLICANTS), str(plan)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = _free_port()
    workers = str(2 * (os.cpu_count() or 2) + 1)
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "exchange.wsgi",
            "-w",
            workers,
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        subprocess.run(
            [python, "-m", "bench._rush_load", f"http://127.0.0.1:{port}", str(plan), str(result)],
            cwd=ROOT,
            env=env,
            check=True,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    verified = subprocess.run(
        [python, "-m", "bench._rush_verify", str(plan), str(result)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    lost = json.loads(verified.stdout)
    load = json.loads(result.read_text())
    think = os.environ.get("RUSH_THINK", "3-10")
    setting = f"{APPLICANTS} applicants, {think} s between steps, gunicorn -w {workers}, PostgreSQL"
    return [
        figure("requests", load["requests"], "", setting=setting, better="higher"),
        figure("throughput", load["rps"], "req/s", setting=setting, better="higher"),
        figure("p50", load["p50"], "ms", setting=setting),
        figure("p95", load["p95"], "ms", goal=500, setting=setting),
        figure("errors", load["errors"], "", goal=0, setting=setting),
        figure("submitted", lost["submitted"], "", setting=setting, better="higher"),
        figure("lost", lost["lost"], "", goal=0, setting=setting),
    ]
