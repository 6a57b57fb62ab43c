"""One setting of the library_search benchmark, in its own process (see library_search)."""

import json
import os
import random
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import figure, median, percentile  # noqa: E402
from exchange.library.models import PracticeModel, SearchDocument, Version  # noqa: E402
from exchange.library.services import search_keys  # noqa: E402
from exchange.organisations import taxonomy  # noqa: E402
from exchange.organisations.models import Organisation  # noqa: E402

# Words practitioners use, in three languages and in several forms each.
VOCABULARY = {
    "tr": ["gönüllü", "gönüllülerimiz", "gönüllülerin", "bağışçı", "bağışçılarımız", "yönetim",
           "kurulu", "strateji", "etki", "ölçüm", "gençlik", "kadınlar", "mülteciler", "eğitim",
           "savunuculuk", "iletişim", "dijital", "şeffaflık", "mahalle", "kooperatif"],
    "de": ["Ehrenamt", "Ehrenamtlichen", "Spenden", "Spenderinnen", "Vorstand", "Satzung",
           "Wirkung", "Messung", "Jugendarbeit", "Frauen", "Geflüchtete", "Bildung",
           "Lobbyarbeit", "Kommunikation", "Digitalisierung", "Transparenz", "Nachbarschaft"],
    "en": ["volunteers", "volunteering", "donors", "giving", "board", "governance", "strategy",
           "impact", "monitoring", "youth", "women", "refugees", "education", "advocacy",
           "communication", "digital", "transparency", "neighbourhood", "cooperative"],
}  # fmt: skip
QUERY_WORDS = ["gönüllü", "gonulluler", "GÖNÜLLÜLERİN", "bağış", "bagisci", "ehrenamt",
               "Ehrenamtliche", "volunteer", "spenden", "donors", "vorstand", "yönetim",
               "governance", "etki", "impact", "wirkung", "gençlik", "jugend", "youth",
               "mülteci", "refugees", "dijital", "digital", "şeffaflık"]  # fmt: skip
COUNTRIES = ["TR", "DE", "AT", "NL", "FR", "IT", "PL"]
TREE_SIZES = (2, 4, 8, 16, 50, 120)  # 200 descendants over 6 generations
GOAL_SEARCH_MS, GOAL_TREE_MS = 150, 200


def sentence(rng, language, n):
    return " ".join(rng.choice(VOCABULARY[language]) for _ in range(n)).capitalize() + "."


def ensure_data(size):
    call_command("migrate", verbosity=0)
    if PracticeModel.objects.filter(published_number__gt=0).count() >= size + sum(TREE_SIZES):
        return 0.0
    started = time.perf_counter()
    PracticeModel.objects.all().delete()
    rng = random.Random(5)
    organisation = Organisation.objects.first() or Organisation.objects.create(
        name="Bench", slug="bench", country="TR", city="Ankara"
    )
    areas, fields = sorted(taxonomy.AREA_KEYS), sorted(taxonomy.FIELD_KEYS)
    now = timezone.now()
    batch = 2000
    for start in range(0, size, batch):
        rows, contents = [], []
        for i in range(start, min(size, start + batch)):
            languages = rng.sample(["tr", "de", "en"], rng.choice([1, 1, 2, 3]))
            content = {
                lang: {
                    "title": sentence(rng, lang, 4),
                    "summary": sentence(rng, lang, 14),
                    "problem": sentence(rng, lang, 30),
                    "approach": sentence(rng, lang, 50),
                }
                for lang in languages
            }
            facts = {
                "capacity_areas": rng.sample(areas, rng.choice([1, 2])),
                "thematic_fields": rng.sample(fields, 1),
                "countries": rng.sample(COUNTRIES, rng.choice([1, 2])),
            }
            rows.append(PracticeModel(
                slug=f"bench-{i}", organisation=organisation, status="published",
                published_number=1, published_at=now, first_published_at=now,
                original_language=languages[0], titles={k: v["title"] for k, v in content.items()},
                summaries={k: v["summary"] for k, v in content.items()},
                capacity_areas=facts["capacity_areas"], thematic_fields=facts["thematic_fields"],
                countries=facts["countries"],
            ))  # fmt: skip
            contents.append((content, facts))
        with transaction.atomic():
            made = PracticeModel.objects.bulk_create(rows)
            Version.objects.bulk_create(
                Version(model=m, number=1, content=c, facts=f, published_at=now)
                for m, (c, f) in zip(made, contents, strict=True)
            )
            SearchDocument.objects.bulk_create(
                SearchDocument(model=m, **search_keys(content=c, facts=f, organisation="Bench"))
                for m, (c, f) in zip(made, contents, strict=True)
            )
    root = PracticeModel.objects.get(slug="bench-0")
    level = [root]
    for generation, count in enumerate(TREE_SIZES):
        made = PracticeModel.objects.bulk_create(
            PracticeModel(
                slug=f"family-{generation}-{k}", organisation=organisation,
                origin=level[k % len(level)], status="published", published_number=1,
                published_at=now, first_published_at=now, titles={"en": f"Adaptation {generation}.{k}"},
            )
            for k in range(count)
        )  # fmt: skip
        level = made
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def queries(n=200, seed=13):
    rng = random.Random(seed)
    areas, fields = sorted(taxonomy.AREA_KEYS), sorted(taxonomy.FIELD_KEYS)
    out = []
    for _ in range(n):
        params = {}
        if rng.random() < 0.75:
            params["q"] = " ".join(rng.sample(QUERY_WORDS, rng.choice([1, 1, 2])))
        for key, choices, p in (("area", areas, 0.35), ("field", fields, 0.15),
                                ("country", COUNTRIES, 0.15), ("language", ["tr", "de", "en"], 0.2)):  # fmt: skip
            if rng.random() < p:
                params[key] = rng.choice(choices)
        if rng.random() < 0.25:
            params["sort"] = "newest"
        if rng.random() < 0.15:
            params["page"] = 2
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
    for params in qs[:20]:
        timed(client, "/library/", params)
        timed(client, "/api/v1/library/models/", params)
    page = [timed(client, "/library/", params) for params in qs]
    api = [timed(client, "/api/v1/library/models/", params) for params in qs]
    tree_path = "/library/family-3-0/family/"
    for _ in range(5):
        timed(client, tree_path)
    tree = [timed(client, tree_path) for _ in range(60)]
    reference = [timed(client, "/privacy/") for _ in range(100)]
    setting = f"{size:,} models, {vendor}, Django test client in-process"
    ref = median(reference)
    figures = [
        figure("library search page p50", round(median(page), 2), "ms", setting=setting),
        figure("library search page p95", round(percentile(page, 95), 2), "ms", goal=GOAL_SEARCH_MS, setting=setting),
        figure("library search API p95", round(percentile(api, 95), 2), "ms", goal=GOAL_SEARCH_MS, setting=setting),
        figure("family tree page (200 descendants, 6 generations) p95", round(percentile(tree, 95), 2), "ms",
               goal=GOAL_TREE_MS, setting=setting),
        figure("reference: static page p50", round(ref, 2), "ms", setting=setting),
        figure("library search p95 / reference p50", round(percentile(page, 95) / ref, 1), "x", setting=setting),
    ]  # fmt: skip
    if load_seconds:
        figures.append(figure("data set built in", round(load_seconds, 1), "s", setting=setting))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
