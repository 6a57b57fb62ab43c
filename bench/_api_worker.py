"""The api benchmark's measurements, in their own process (see bench/api.py)."""

import json
import os
import signal
import socket
import subprocess
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench._directory_worker import ensure_data, free_port, queries  # noqa: E402
from bench._http_load import load  # noqa: E402
from bench.common import figure, median, percentile  # noqa: E402
from exchange.accounts.models import User  # noqa: E402
from exchange.api import tokens  # noqa: E402
from exchange.applications.models import Application  # noqa: E402
from exchange.organisations.models import Organisation  # noqa: E402

ROUNDS = 200


def prepare(size):
    ensure_data(size)  # synthetic organisations (kept between runs)
    if not User.objects.filter(email="ayse@demo.exchange").exists():
        call_command("load_demo", stdout=open(os.devnull, "w"))
    call_command("collectstatic", "--noinput", verbosity=0)
    ayse = User.objects.get(email="ayse@demo.exchange")
    application = Application.objects.filter(
        partners__organisation__memberships__user=ayse, status="draft"
    ).first()
    return ayse, application


def stats(times):
    return median(times), percentile(times, 95)


def in_process(ayse, application):
    secret = tokens.create_token(user=ayse, name="bench", scope="write")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    page = Client()
    page.force_login(ayse)
    searches = [{k: v for k, v in q.items() if k != "page"} for q in queries(ROUNDS)]

    def timed(fn):
        out = []
        for i in range(ROUNDS):
            started = time.perf_counter()
            response = fn(i)
            out.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (response.status_code, response.content[:200])
        return out

    key = "common_issue"
    section = f"/applications/{application.pk}/edit/issue/"
    url = f"/api/v1/applications/{application.pk}/answers/issue/"
    results = {
        "search through the page": timed(lambda i: page.get("/organisations/", searches[i])),
        "search through the API": timed(lambda i: api.get("/api/v1/organisations/", searches[i])),
        "trivial page (privacy notice)": timed(lambda i: page.get("/privacy/")),
        "trivial API read (me)": timed(lambda i: api.get("/api/v1/me/")),
        # Autosave as the page sends it (htmx, no versions: the last save wins) and the API.
        "answer save through the page": timed(
            lambda i: page.post(section, {key: f"Text {i}"}, HTTP_HX_REQUEST="true")
        ),
        "answer save through the API": timed(
            lambda i: api.put(
                url,
                json.dumps({"answers": {key: f"API text {i}"}}),
                content_type="application/json",
            )
        ),
    }
    setting = (
        f"{Organisation.objects.count():,} organisations, sqlite, in-process, {ROUNDS} requests"
    )
    out = []
    for name, times in results.items():
        p50, p95 = stats(times)
        out += [
            figure(f"{name} p50", round(p50, 1), "ms", setting=setting),
            figure(f"{name} p95", round(p95, 1), "ms", setting=setting),
        ]
    return out, secret, searches


def served(secret, searches):
    from urllib.parse import urlencode

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
        page_paths = ["/organisations/?" + urlencode(q) for q in searches]
        api_paths = ["/api/v1/organisations/?" + urlencode(q) for q in searches]
        headers = {"Authorization": f"Bearer {secret}"}
        load(port, page_paths[:40], connections=4, requests=80)
        load(port, api_paths[:40], connections=4, requests=80, headers=headers)
        measured = {
            "served search page": load(port, page_paths, connections=16, requests=400),
            "served search API": load(
                port, api_paths, connections=16, requests=400, headers=headers
            ),
            "served trivial API (taxonomy)": load(
                port, ["/api/v1/taxonomy/"], connections=16, requests=400
            ),
            "served static page": load(port, ["/privacy/"], connections=16, requests=400),
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    setting = "sqlite, gunicorn -w 2, 16 concurrent connections, 400 requests"
    out = []
    for name, result in measured.items():
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


def main():
    ayse, application = prepare(int(sys.argv[1]))
    figures, secret, searches = in_process(ayse, application)
    figures += served(secret, searches)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
