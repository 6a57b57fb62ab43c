"""One setting of the directory_search benchmark, in its own process (see directory_search)."""

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench._http_load import load, paths_for  # noqa: E402
from bench.common import figure, median, percentile, synthetic_records  # noqa: E402
from exchange.organisations import taxonomy  # noqa: E402
from exchange.organisations.importing import import_lines  # noqa: E402
from exchange.organisations.models import Organisation  # noqa: E402

WORDS = [
    "gönüllü",
    "gonullu",
    "gönüllüler",
    "bağış",
    "bagiscilar",
    "ehrenamt",
    "Ehrenamtlichen",
    "volunteer",
    "volunteers",
    "istanbul",
    "İZMİR",
    "izmir",
    "koln",
    "Köln",
    "wien",
    "gençlik",
    "genclik",
    "youth",
    "jugend",
    "climate",
    "klima",
    "bildung",
    "eğitim",
    "advocacy",
    "savunuculuk",
    "lobbyarbeit",
    "strategy",
    "strateji",
    "donors",
    "spenden",
    "dernek",
    "derneği",
    "vakfı",
    "foundation",
    "stiftung",
    "network",
    "ağ",
    "mülteci",
    "migration",
    "kadın",
    "frauen",
    "women",
    "medya",
    "medien",
    "evaluation",
    "etki",
    "impact",
    "digital",
    "dijital",
    "datenschutz",
    "governance",
    "yönetim",
    "vorstand",
    "finanz",
    "muhasebe",
    "budget",
    "partnership",
    "ortaklık",
    "netzwerk",
]
SIDES = ["tr", "eu"]
COUNTRIES = ["TR", "DE", "AT", "NL", "FR", "IT", "PL"]
LANGS = ["tr", "de", "en", "nl", "fr"]
KINDS = [k for k, _ in Organisation.Kind.choices]
GOAL_MS = 100  # p95 at 100,000 organisations, on SQLite and on PostgreSQL


def ensure_data(size):
    call_command("migrate", verbosity=0)
    if (
        Organisation.objects.count() == size
        and Organisation.objects.filter(ref=f"b{size - 1:06d}").exists()
    ):
        return 0.0
    Organisation.objects.all().delete()
    started = time.perf_counter()
    report = import_lines(
        (json.dumps(r, ensure_ascii=False) for r in synthetic_records(size)), batch_size=1000
    )
    assert report.ok, report.errors[:3]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE") if connection.get_autocommit() else None
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def queries(n=200, seed=11):
    rng = random.Random(seed)
    areas = sorted(taxonomy.AREA_KEYS)
    fields = sorted(taxonomy.FIELD_KEYS)
    out = []
    for _ in range(n):
        params = {}
        if rng.random() < 0.7:
            params["q"] = " ".join(rng.sample(WORDS, rng.choice([1, 1, 2])))
        for key, choices, p in [
            ("side", SIDES, 0.3),
            ("country", COUNTRIES, 0.15),
            ("need", areas, 0.3),
            ("offer", areas, 0.2),
            ("field", fields, 0.2),
            ("language", LANGS, 0.2),
            ("kind", KINDS, 0.1),
        ]:
            if rng.random() < p:
                params[key] = rng.choice(choices)
        if rng.random() < 0.15:
            params["hosts_visits"] = "on"
        if rng.random() < 0.3:
            params["sort"] = rng.choice(["relevance", "name", "newest"])
        if rng.random() < 0.2:
            params["page"] = rng.choice([2, 3])
        out.append(params)
    return out


def timed(client, path, params=None):
    started = time.perf_counter()
    response = client.get(path, params or {})
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, params, response.status_code)
    return elapsed


def served(size, vendor, qs):
    """The same searches served by gunicorn (2 workers) to 16 concurrent connections, beside
    the privacy notice served the same way: throughput, p50, p95, errors of each."""
    if size < 100_000:
        return []
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "exchange.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=os.environ.copy(),
        start_new_session=True,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        search_paths = paths_for(qs)
        load(port, search_paths[:40], connections=4, requests=80)  # warm both workers
        search = load(port, search_paths, connections=16, requests=400)
        trivial = load(port, ["/privacy/"], connections=16, requests=400)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    setting = f"{size:,} organisations, {vendor}, gunicorn -w 2, 16 concurrent connections"
    out = []
    for name, result in (("served search", search), ("served static page", trivial)):
        out += [
            figure(
                f"{name} throughput",
                result["throughput"],
                "req/s",
                better="higher",
                setting=setting,
            ),
            figure(f"{name} p50", result["p50"], "ms", setting=setting),
            figure(f"{name} p95", result["p95"], "ms", setting=setting),
            figure(f"{name} errors", result["errors"], "", goal=0, setting=setting),
        ]
    return out


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    size, vendor = int(sys.argv[1]), sys.argv[2]
    load_seconds = ensure_data(size)
    client = Client()
    qs = queries()
    for params in qs[:20]:  # warm caches (templates, stemmer, database pages)
        timed(client, "/organisations/", params)
    times = [timed(client, "/organisations/", params) for params in qs]
    reference = [timed(client, "/privacy/") for _ in range(100)]
    setting = f"{size:,} organisations, {vendor}, Django test client in-process, 200 queries"
    p95 = percentile(times, 95)
    figures = [
        figure("directory_search p50", round(median(times), 2), "ms", setting=setting),
        figure(
            "directory_search p95",
            round(p95, 2),
            "ms",
            goal=GOAL_MS if size >= 100_000 else None,
            setting=setting,
        ),
        figure("directory_search max", round(max(times), 2), "ms", setting=setting),
        figure("reference: static page p50", round(median(reference), 2), "ms", setting=setting),
        figure(
            "directory_search p95 / reference p50",
            round(p95 / median(reference), 1),
            "x",
            setting=setting,
        ),
    ]
    figures += served(size, vendor, qs)
    if load_seconds:
        figures.append(
            figure(
                "import rate",
                round(size / load_seconds),
                "organisations/s",
                better="higher",
                setting=setting,
            )
        )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
