"""The selection benchmark's measurements, in their own process (see bench/selection.py)."""

import datetime
import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings")
django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._http_load import load, serve  # noqa: E402
from bench.common import figure, median, percentile  # noqa: E402
from exchange.accounts.models import User  # noqa: E402
from exchange.applications.models import Application  # noqa: E402
from exchange.calls import services as call_services  # noqa: E402
from exchange.calls.models import Call, Programme  # noqa: E402
from exchange.selection import assignment, services  # noqa: E402
from exchange.selection.cohort import Rules  # noqa: E402
from exchange.selection.demo import bulk_reviewers, bulk_scores, bulk_submitted  # noqa: E402
from exchange.selection.models import Review  # noqa: E402

SLUG = "bench-selection"


def prepare(size, reviewers):
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call = Call.objects.filter(slug=SLUG).first()
    if call is None:
        programme, _ = Programme.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        now = timezone.now()
        call = Call.objects.create(
            programme=programme,
            slug=SLUG,
            cohort_en="Bench cohort",
            title_en="Bench call",
            text_en="A large call.",
            opens_at=now - datetime.timedelta(days=90),
            closes_at=now - datetime.timedelta(days=1),
            turkey_countries=["TR"],
            europe_countries=["DE", "FR", "IT", "NL", "AT", "ES", "PL", "BE", "SE", "GR"],
        )
        call_services.add_default_form(call)
        call_services.add_default_rubric(call)
        bulk_submitted(call, size, seed=5, status=Application.Status.UNDER_REVIEW)
        bulk_reviewers(call, reviewers, seed=5)
        services.refresh_standings(call=call)
    staff = User.objects.filter(email="staff@bench.example").first()
    if staff is None:
        staff = User.objects.create_user("staff@bench.example", "bench-password-1")
        Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"s": 1})
        call.programme.staff.add(staff)
    return call, staff


def session_cookie(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def counting(queries: list):
    """A database execute wrapper that notes each query (DEBUG is off here)."""

    def wrapper(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    return wrapper


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started


def main():
    # Mail stays in memory: stdout carries the figures only.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    size, reviewers = int(sys.argv[1]), int(sys.argv[2])
    vendor = os.environ.get("BENCH_VENDOR", "sqlite")
    call, staff = prepare(size, reviewers)
    setting = f"{size:,} applications, {reviewers} reviewers, {vendor}"
    out = []

    # Assignment from scratch, as staff start it (reading the pool, conflicts, writing).
    Review.objects.filter(application__call=call).delete()
    pool, _ = services.pool_of(call)
    plan, pure = timed(lambda: assignment.assign(pool))
    plan, whole = timed(lambda: services.assign_reviewers(call=call, by=staff))
    loads = plan.loads(pool.reviewers).values()
    out += [
        figure("assignment, the algorithm", round(pure, 2), "s", goal=5, setting=setting),
        figure("assignment, as staff run it", round(whole, 2), "s", goal=5, setting=setting),
        figure("assignment: loads max - min", max(loads) - min(loads), "reviews", goal=1,
               setting=setting),
    ]  # fmt: skip
    _, scoring = timed(lambda: bulk_scores(call, seed=5))
    _, refresh = timed(lambda: services.refresh_ranking(call=call))
    rules = Rules(call.partnerships_to_select, per_country=2, areas=5, first_time=0.3)
    suggestion, suggest = timed(lambda: services.suggest_cohort(call=call, by=staff, rules=rules))
    out += [
        figure("ranking refresh (all standings)", round(refresh, 2), "s", setting=setting),
        figure("cohort suggestion (4 rules, with costs)", round(suggest, 2), "s", goal=5,
               setting=f"{setting}, {len(suggestion.chosen)} chosen"),
    ]  # fmt: skip

    # Queries and size of each page, in-process.
    reviewer = Review.objects.filter(application__call=call).select_related("reviewer__user")
    review = reviewer.first()
    pages = {
        "staff list (screening, paged, filtered)": (
            staff,
            f"/staff/calls/{SLUG}/screening/?status=under_review&country=DE&page=2",
        ),
        "ranking page (filtered)": (staff, f"/staff/calls/{SLUG}/ranking/?area=governance"),
        "ranking page (all, page 3)": (staff, f"/staff/calls/{SLUG}/ranking/?page=3"),
        "reviewer's list": (review.reviewer.user, "/reviewing/"),
        "reviewer's score form": (review.reviewer.user, f"/reviewing/{review.pk}/"),
        "trivial page, signed in": (staff, "/privacy/"),
    }
    for name, (user, path) in pages.items():
        client = Client()
        client.force_login(user)
        queries = []
        with connection.execute_wrapper(counting(queries)):
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        times = []
        for _ in range(100):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        where = f"{setting}, in-process, 100 requests"
        out += [
            figure(f"{name}: queries", len(queries), "", goal=15 if "trivial" not in name else None,
                   setting=f"{setting}, {len(response.content) // 1024} KB"),
            figure(f"{name}: p50", round(median(times), 1), "ms", setting=where),
            figure(f"{name}: p95", round(percentile(times, 95), 1), "ms",
                   goal=100 if "reviewer" in name else None, setting=where),
        ]  # fmt: skip

    # Served: 2 gunicorn workers, 16 connections.
    staff_cookie = {"Cookie": session_cookie(staff)}
    reviewer_cookie = {"Cookie": session_cookie(review.reviewer.user)}
    reviews = list(
        Review.objects.filter(reviewer=review.reviewer).values_list("pk", flat=True)[:20]
    )
    countries = ["DE", "FR", "IT", "NL", "AT"]
    served = {
        "staff list (paged, filtered)": (
            [f"/staff/calls/{SLUG}/screening/?status=under_review&country={c}&page={p}"
             for c in countries for p in (1, 2)], staff_cookie, 104),
        "ranking page (paged, filtered)": (
            [f"/staff/calls/{SLUG}/ranking/?page={p}" for p in range(1, 6)]
            + [f"/staff/calls/{SLUG}/ranking/?country={c}" for c in countries], staff_cookie, 104),
        "reviewer's list": (["/reviewing/"], reviewer_cookie, None),
        "reviewer's score form": ([f"/reviewing/{pk}/" for pk in reviews], reviewer_cookie, None),
        "trivial page, signed in": (["/privacy/"], staff_cookie, None),
    }  # fmt: skip
    with serve(workers=2) as port:
        for paths, cookie, _goal in served.values():
            load(port, paths, connections=4, requests=40, headers=cookie)  # warm up
        for name, (paths, cookie, goal) in served.items():
            result = load(port, paths, connections=16, requests=800, headers=cookie)
            where = f"{setting}, gunicorn -w 2, 16 connections, 800 requests"
            out += [
                figure(f"served {name}", result["throughput"], "req/s", goal=goal,
                       better="higher", setting=where),
                figure(f"served {name} p50", result["p50"], "ms", setting=where),
                figure(f"served {name} p95", result["p95"], "ms", setting=where),
                figure(f"served {name} p99", result["p99"], "ms",
                       goal=300 if goal else None, setting=where),
                figure(f"served {name} errors", result["errors"], "", goal=0, setting=where),
            ]  # fmt: skip
    print(json.dumps(out))


if __name__ == "__main__":
    main()
