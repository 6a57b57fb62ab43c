"""Demo partnerships: an active cohort (autumn-2026, half-way through its six months, its
partnerships at different stages) and a finished one (cohort-2026, every report accepted,
closed). The demo's İstanbul and Berlin people (ayse@, mehmet@, anna@) work together in
one of the active partnerships."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from exchange.applications.models import Application, Partner
from exchange.calls import services as call_services
from exchange.calls.models import Call
from exchange.organisations.models import Organisation
from exchange.selection import services as selection_services
from exchange.selection.demo import decide_demo_call

from . import services
from .meetings.demo import load_demo_cohort_events, load_demo_meetings
from .models import Activity, Member, Partnership, Update
from .money.demo import load_demo_money
from .reports.demo import load_demo_reports
from .visits.demo import load_demo_visits
from .workflows import PARTNERSHIP

STAGES = ("midway", "starting", "late")  # the active cohort's partnerships, in turn

PLAN = [
    # (title, start week, weeks, lead is the Turkish side, done by stage)
    ("Kick-off call and shared glossary", 0, 2, True, {"starting", "midway", "late", "finished"}),
    ("Survey of our volunteers (both organisations)", 1, 4, True, {"midway", "finished"}),
    ("Visit to Berlin: volunteer coordination in practice", 5, 1, False, {"midway", "finished"}),
    ("Visit to İstanbul: recognition events", 10, 1, True, {"finished"}),
    ("Draft the volunteer-retention model", 12, 8, False, {"finished"}),
    ("Test the model with two teams", 16, 6, True, {"finished"}),
]

UPDATES = {
    "midway": (
        "What our volunteers told us",
        "Our survey got 84 answers. Volunteers stay when someone thanks them by name and "
        "when they can choose their tasks; they leave when the schedule changes at short "
        "notice. We now try a monthly 'thank-you round' in both organisations.",
        True,
    ),
    "starting": (
        "We have started",
        "Our first online meeting agreed on a shared glossary: 'Ehrenamt', 'gönüllülük' "
        "and 'volunteering' do not mean quite the same thing.",
        False,
    ),
    "finished": (
        "The buddy system worked",
        "New volunteers get a buddy for their first three months. After six months, 70 % "
        "of them are still with us, against 40 % a year ago.",
        True,
    ),
}


def _staff(call):
    return (
        call.programme.staff.first() or get_user_model().objects.filter(is_superuser=True).first()
    )


def _plan(partnership: Partnership, stage: str) -> None:
    start = partnership.cohort.starts_on or datetime.date.today()
    members = list(partnership.members.select_related("organisation"))
    turkish = next((m.organisation for m in members if m.organisation.country == "TR"), None)
    other = next((m.organisation for m in members if m.organisation != turkish), turkish)
    partnership.goals = (
        "Keep more of our volunteers for longer than a year, and write down how we did it "
        "so that other organisations can do the same."
    )
    partnership.planned_model = (
        "A volunteer-retention model: buddy system, recognition rounds and a short exit "
        "interview, with templates in Turkish, German and English."
    )
    partnership.save(update_fields=["goals", "planned_model"])
    activities = []
    for title, week, weeks, turkish_lead, done in PLAN:
        begins = start + datetime.timedelta(weeks=week)
        status = Activity.Status.DONE if stage in done else Activity.Status.PLANNED
        activities.append(
            Activity(
                partnership=partnership,
                title=title,
                starts_on=begins,
                ends_on=begins + datetime.timedelta(weeks=weeks),
                owner=(turkish if turkish_lead else other) or other,
                status=status,
            )
        )
    Activity.objects.bulk_create(activities)
    if stage in UPDATES:
        title, body, story = UPDATES[stage]
        Update.objects.create(partnership=partnership, title=title, body=body, is_story=story)


def _parts(partnership: Partnership, stage: str) -> None:
    """What each part of the workspace holds at this stage."""
    for load in PART_LOADERS:
        load(partnership, stage=stage)


PART_LOADERS = (load_demo_visits, load_demo_meetings, load_demo_money, load_demo_reports)


def _showcase(call: Call) -> Partnership | None:
    """The demo's people's organisations take the place of the first selected pair."""
    turkish = Organisation.objects.filter(ref="demo-tr-01").first()
    german = Organisation.objects.filter(ref="demo-de-16").first()
    partnership = Partnership.objects.filter(cohort__call=call).order_by("pk").first()
    if partnership is None or turkish is None or german is None:
        return partnership
    lead = partnership.members.get(is_lead=True)
    other = partnership.members.exclude(pk=lead.pk).first()
    for member, organisation in ((lead, turkish), (other, german)):
        Partner.objects.filter(
            application=partnership.application, organisation=member.organisation
        ).update(organisation=organisation)
        Member.objects.filter(pk=member.pk).update(organisation=organisation)
    return partnership


@transaction.atomic
def load_demo_partnerships() -> None:
    active = Call.objects.filter(slug="autumn-2026").first()
    finished = Call.objects.filter(slug="cohort-2026").first()
    if active is None or finished is None or Activity.objects.exists():
        return
    if not Application.objects.filter(call=active).exists():
        call_services.add_default_form(active)
        call_services.add_default_rubric(active)
        selection_services.add_default_messages(active)
        decide_demo_call(active, n=12, seed=31)
    services.create_cohort(call=active)
    showcase = _showcase(active)
    partnerships = list(Partnership.objects.filter(cohort__call=active).order_by("pk"))
    for k, partnership in enumerate(partnerships):
        stage = "midway" if partnership == showcase else STAGES[k % len(STAGES)]
        _plan(partnership, stage)
        _parts(partnership, stage)
    if partnerships:
        load_demo_cohort_events(partnerships[0].cohort, finished=False)
    services.create_cohort(call=finished)
    staff = _staff(finished)
    for partnership in Partnership.objects.filter(
        cohort__call=finished, status=Partnership.Status.ACTIVE
    ).order_by("pk"):
        _plan(partnership, "finished")
        _parts(partnership, "finished")
        PARTNERSHIP.transition(
            partnership, Partnership.Status.COMPLETED, by=staff, reason="Final report accepted."
        )
    cohort = Partnership.objects.filter(cohort__call=finished).first()
    if cohort is not None:
        load_demo_cohort_events(cohort.cohort, finished=True)
