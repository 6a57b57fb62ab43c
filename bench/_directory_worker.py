"""One setting of the directory_search benchmark, in its own process (see directory_search)."""

import json
import os
import random
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

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
            goal=150 if size >= 100_000 else None,
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
