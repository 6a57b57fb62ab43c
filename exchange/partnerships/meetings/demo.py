"""Demo meetings and cohort events, and the benchmark's year of meetings.

Deterministic and fast: rows are made with bulk_create (no notices are sent for demo
data). Meetings are planned at 10:00 in İstanbul, so that a Berlin reader sees 08:00 in
winter and 09:00 in summer."""

from __future__ import annotations

import datetime
import random
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from exchange.organisations.models import Membership
from exchange.partnerships.models import Partnership

from .models import CohortEvent, Meeting, Registration

ISTANBUL = "Europe/Istanbul"
BERLIN = "Europe/Berlin"
LINK = "https://meet.jit.si/cse-demo-{pk}-{n}"

MEETINGS = [
    # (title, weeks after the start, agenda, notes)
    (
        "Kick-off: who is who",
        1,
        "1. Introductions\n2. Our common issue in our own words\n3. Shared glossary",
        "We agreed on a shared glossary (Ehrenamt / gönüllülük / volunteering) and on a "
        "monthly call on the first Tuesday.",
    ),
    (
        "Planning the survey of our volunteers",
        3,
        "1. Questions of the survey\n2. Who translates\n3. Dates",
        "Survey in Turkish and German, 12 questions; Zeynep translates, Jonas sets it up.",
    ),
    (
        "Preparing the visit to Berlin",
        5,
        "1. Programme of the visit\n2. Visa letters\n3. Who travels",
        "Two people travel; the visa invitation letters are requested from the host.",
    ),
    (
        "What the visit taught us",
        8,
        "1. Impressions\n2. What we try at home",
        "We try the buddy system with new volunteers in both organisations.",
    ),
    (
        "Mid-term report",
        12,
        "1. Results so far\n2. Who writes which part",
        "Mehmet drafts the Turkish part, Anna the German one; submit by the end of the month.",
    ),
    (
        "Drafting our model",
        18,
        "1. The steps of the model\n2. Templates",
        "The model has four steps; templates in three languages.",
    ),
]
STAGE_WEEKS = {"starting": 2, "midway": 13, "late": 13, "finished": 26}


def _at(day: datetime.date, hour: int = 10, zone: str = ISTANBUL) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def _start(partnership) -> datetime.date:
    return partnership.cohort.starts_on or timezone.localdate()


def load_demo_meetings(partnership: Partnership, *, stage: str) -> list[Meeting]:
    """Meetings as a partnership at `stage` has them: the past ones with notes; the next
    one planned (none when the partnership is late and has nothing planned)."""
    weeks_done = STAGE_WEEKS.get(stage, 13)
    today = timezone.localdate()
    # As far into its six months as the stage says, whatever day the demo is loaded.
    start = min(_start(partnership), today - datetime.timedelta(weeks=weeks_done))
    now = timezone.now()
    author = (
        get_user_model()
        .objects.filter(memberships__organisation__partnership_memberships__partnership=partnership)
        .order_by("pk")
        .first()
    )
    rows = []
    for n, (title, week, agenda, notes) in enumerate(MEETINGS):
        starts = _at(start + datetime.timedelta(weeks=week))
        if starts >= now:
            break  # what lies ahead is the "monthly call" below (none when late)
        rows.append(
            Meeting(
                partnership=partnership,
                title=title,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=60 if n % 2 else 90),
                time_zone=ISTANBUL if n % 3 else BERLIN,
                link=LINK.format(pk=partnership.pk, n=n),
                agenda=agenda,
                notes=notes,
                created_by=author,
            )
        )
    if stage in ("starting", "midway"):
        # The next meeting is always a week ahead of today, whatever day the demo loads.
        soon = _at(timezone.localdate() + datetime.timedelta(days=7))
        rows.append(
            Meeting(
                partnership=partnership,
                title="Monthly call",
                starts_at=soon,
                ends_at=soon + datetime.timedelta(hours=1),
                time_zone=ISTANBUL,
                link=LINK.format(pk=partnership.pk, n=99),
                agenda="1. News from both sides\n2. Next steps of the plan",
                created_by=author,
            )
        )
    return Meeting.objects.bulk_create(rows)


NEEDS = [
    # (arriving from, book travel, dietary, accessibility)
    ("İzmir", True, "Vejetaryen", ""),
    ("Köln", False, "", "Rollstuhl: stufenloser Zugang"),
    ("Diyarbakır", True, "Helal", ""),
    ("München", True, "Vegan, keine Nüsse", ""),
    ("Ankara", False, "", "Büyük puntolu belgeler"),
    ("Hamburg", False, "Glutenfrei", "Gebärdensprache (DGS)"),
]


def load_demo_cohort_events(cohort, *, finished: bool) -> list[CohortEvent]:
    """The opening meeting (in person, İstanbul) and the closing one (in person and online,
    Berlin), published, with registrations of the cohort's people and their needs."""
    starts = cohort.starts_on or timezone.localdate()
    ends = cohort.ends_on or starts + datetime.timedelta(days=183)
    staff = cohort.call.programme.staff.order_by("pk").first()
    opening_at = _at(starts, 9, ISTANBUL)
    closing_at = _at(ends, 9, BERLIN)
    events = CohortEvent.objects.bulk_create(
        [
            CohortEvent(
                cohort=cohort,
                kind=CohortEvent.Kind.OPENING,
                title=f"Opening meeting – {cohort.call.cohort_en}",
                starts_at=opening_at,
                ends_at=opening_at + datetime.timedelta(hours=32),
                time_zone=ISTANBUL,
                format=CohortEvent.Format.IN_PERSON,
                place="Kadıköy Kültür Merkezi, Caferağa Mah., İstanbul",
                agenda="Day 1: the partnerships meet, the common issues\n"
                "Day 2: planning the six months, the grant and the reports",
                registration_closes_at=opening_at - datetime.timedelta(days=21),
                status=CohortEvent.Status.PUBLISHED,
                created_by=staff,
            ),
            CohortEvent(
                cohort=cohort,
                kind=CohortEvent.Kind.CLOSING,
                title=f"Closing meeting – {cohort.call.cohort_en}",
                starts_at=closing_at,
                ends_at=closing_at + datetime.timedelta(hours=8),
                time_zone=BERLIN,
                format=CohortEvent.Format.HYBRID,
                place="Haus der Demokratie, Greifswalder Straße 4, Berlin",
                link="https://meet.jit.si/cse-closing-meeting",
                agenda="The models of the partnerships, and what other organisations can adopt",
                registration_closes_at=closing_at - datetime.timedelta(days=14),
                status=CohortEvent.Status.PUBLISHED,
                created_by=staff,
            ),
        ]
    )
    memberships = list(
        Membership.objects.filter(
            organisation__partnership_memberships__partnership__cohort=cohort,
            organisation__partnership_memberships__partnership__status__in=[
                Partnership.Status.ACTIVE,
                Partnership.Status.COMPLETED,
            ],
            user__is_active=True,
        )
        .values_list(
            "user_id", "organisation_id", "organisation__partnership_memberships__partnership_id"
        )
        .order_by("organisation_id", "user_id")
    )
    seen, rows = set(), []
    for k, (user_id, organisation_id, partnership_id) in enumerate(memberships):
        for event in events:
            if event.kind == CohortEvent.Kind.CLOSING and not finished and k % 2:
                continue  # the closing meeting is months away: half registered so far
            if (event.pk, user_id) in seen:
                continue
            seen.add((event.pk, user_id))
            arriving, book, diet, access = NEEDS[k % len(NEEDS)]
            online = event.format == CohortEvent.Format.HYBRID and k % 3 == 0
            rows.append(
                Registration(
                    event=event,
                    person_id=user_id,
                    organisation_id=organisation_id,
                    partnership_id=partnership_id,
                    mode=Registration.Mode.ONLINE if online else Registration.Mode.IN_PERSON,
                    arriving_from="" if online else arriving,
                    needs_travel_booking=book and not online,
                    dietary_needs=diet,
                    accessibility_needs=access,
                    registered_by_id=user_id,
                )
            )
    Registration.objects.bulk_create(rows)
    return events


def bulk_meetings(partnerships, *, seed: int) -> int:
    """A year of meetings for each partnership (two a month, some with notes), for the
    benchmark. Returns the number made."""
    rng = random.Random(seed)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    rows = []
    for partnership in partnerships:
        for n in range(24):
            starts = now + datetime.timedelta(days=15 * n - 180, hours=rng.randint(-4, 4))
            rows.append(
                Meeting(
                    partnership_id=getattr(partnership, "pk", partnership),
                    title=f"Meeting {n + 1}",
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(minutes=rng.choice((45, 60, 90))),
                    time_zone=rng.choice((ISTANBUL, BERLIN)),
                    link=f"https://meet.jit.si/bench-{n}",
                    agenda="1. News\n2. Next steps",
                    notes="Done." if n < 12 else "",
                )
            )
    Meeting.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
