"""The workspace benchmark's measurements, in their own process (see bench/workspace.py)."""

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
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench._selection_worker import counting  # noqa: E402
from bench.common import figure, median, percentile  # noqa: E402
from exchange.accounts.models import User  # noqa: E402
from exchange.calls import services as call_services  # noqa: E402
from exchange.calls.models import Call, Programme  # noqa: E402
from exchange.organisations.models import Membership  # noqa: E402
from exchange.partnerships import services  # noqa: E402
from exchange.partnerships.meetings.demo import bulk_meetings  # noqa: E402
from exchange.partnerships.meetings.services import renew_feed  # noqa: E402
from exchange.partnerships.models import Partnership  # noqa: E402
from exchange.partnerships.money.demo import bulk_money  # noqa: E402
from exchange.partnerships.reports.demo import bulk_reports  # noqa: E402
from exchange.partnerships.visits.demo import bulk_visits  # noqa: E402
from exchange.selection.demo import bulk_submitted  # noqa: E402

SLUG = "bench-workspace"


def prepare(size):
    call_command("migrate", verbosity=0)
    call = Call.objects.filter(slug=SLUG).first()
    if call is None:
        programme, _ = Programme.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        today = timezone.localdate()
        now = timezone.now()
        call = Call.objects.create(
            programme=programme,
            slug=SLUG,
            cohort_en="Bench cohort",
            title_en="Bench call",
            text_en="A cohort at work.",
            opens_at=now - datetime.timedelta(days=400),
            closes_at=now - datetime.timedelta(days=300),
            exchange_starts=today - datetime.timedelta(days=250),
            exchange_ends=today + datetime.timedelta(days=115),
            turkey_countries=["TR"],
            europe_countries=["DE", "FR", "IT", "NL", "AT"],
        )
        call_services.add_default_form(call)
        bulk_submitted(call, size, seed=13, status="selected")
        services.create_cohort(call=call)
        partnerships = list(Partnership.objects.filter(cohort__call=call))
        bulk_visits(partnerships, seed=13)
        bulk_meetings(partnerships, seed=13)
        bulk_money(partnerships, seed=13)
        bulk_reports(partnerships, seed=13)
    staff = User.objects.filter(email="staff@bench.example").first()
    if staff is None:
        staff = User.objects.create_user("staff@bench.example", "bench-password-1")
        Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"s": 1})
        call.programme.staff.add(staff)
    member = User.objects.filter(email="member@bench.example").first()
    if member is None:
        member = User.objects.create_user("member@bench.example", "bench-password-1")
        first = Partnership.objects.filter(cohort__call=call).order_by("pk").first()
        for m in first.members.all()[:1]:
            Membership.objects.create(organisation=m.organisation, user=member)
    return call, staff, member


def main():
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    size = int(sys.argv[1])
    vendor = os.environ.get("BENCH_VENDOR", "sqlite")
    call, staff, member = prepare(size)
    cohort = call.cohort_of
    setting = f"{size} partnerships with a year of visits, meetings, expenses, reports, {vendor}"
    token = renew_feed(user=member)
    pages = {
        "staff progress page": (staff, f"/staff/cohorts/{cohort.pk}/", 300),
        "staff progress page (at risk, by budget)": (
            staff, f"/staff/cohorts/{cohort.pk}/?risk=any&order=budget", 300),
        "a member's iCalendar feed": (None, f"/calendar/{token}.ics", 100),
        "a member's workspace": (member, f"/partnerships/{member_partnership(member)}/", None),
        "trivial page, signed in": (staff, "/privacy/", None),
    }  # fmt: skip
    out = []
    for name, (user, path, goal) in pages.items():
        client = Client()
        if user:
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
            figure(f"{name}: queries", len(queries), "", goal=15 if goal else None,
                   setting=f"{setting}, {len(response.content) // 1024} KB"),
            figure(f"{name}: p50", round(median(times), 1), "ms", setting=where),
            figure(f"{name}: p95", round(percentile(times, 95), 1), "ms", goal=goal,
                   setting=where),
        ]  # fmt: skip
    print(json.dumps(out))


def member_partnership(user) -> int:
    return (
        Partnership.objects.filter(members__organisation__memberships__user=user)
        .values_list("pk", flat=True)
        .first()
    )


if __name__ == "__main__":
    main()
