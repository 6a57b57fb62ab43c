"""Demo and benchmark data of the selection: many submitted applications written straight
to the database (the services' path is tested elsewhere and takes ~50 queries each), a
pool of reviewers, and reviews scored by strict, fair and lenient reviewers."""

from __future__ import annotations

import datetime
import random

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from exchange.applications.models import Answer, Application, Participant, Partner
from exchange.calls import services as call_services
from exchange.calls.models import Call, FormQuestion, FormSection
from exchange.organisations.models import Organisation
from exchange.organisations.taxonomy import CAPACITY_AREAS

from . import ranking, services
from .cohort import Rules
from .models import Review, Reviewer, Score

S = Application.Status
ISSUES = [
    "Keeping volunteers involved for more than a year.",
    "Raising funds from individual donors instead of one grant.",
    "A board that governs, and staff that manage.",
    "Speaking to decision makers with one voice.",
    "Measuring what our trainings change.",
]
CITIES_TR = ["İstanbul", "Ankara", "İzmir", "Diyarbakır", "Trabzon", "Gaziantep", "Eskişehir"]
EUROPE = {
    "DE": "Berlin", "FR": "Lyon", "IT": "Bologna", "NL": "Utrecht", "AT": "Graz", "ES": "Sevilla",
    "PL": "Kraków", "BE": "Gent", "SE": "Malmö", "GR": "Thessaloniki",
}  # fmt: skip


@transaction.atomic
def bulk_submitted(call: Call, n: int, *, seed: int = 1, status=S.SUBMITTED) -> list[int]:
    """`n` submitted two-organisation applications (Turkey + an EU country) to `call`."""
    rng = random.Random(seed)
    call_services.add_default_form(call)
    version = call_services.published_form_version(call)
    start = Organisation.objects.count()
    countries = [c for c in EUROPE if c in call.europe_countries] or ["DE"]
    organisations = []
    for _k in range(n):
        for country, city in (
            ("TR", rng.choice(CITIES_TR)),
            (c := rng.choice(countries), EUROPE.get(c, "Berlin")),
        ):
            number = start + len(organisations)
            name = f"{'Dernek' if country == 'TR' else 'Verein'} {number} {city}"
            organisations.append(
                Organisation(
                    name=name,
                    slug=slugify(f"{name}-{call.pk}-{seed}") or f"org-{number}",
                    country=country,
                    city=city,
                    city_key=city.lower(),
                )
            )
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    now = timezone.now()
    applications = [
        Application(
            call=call,
            status=status,
            submitted_at=min(now, call.closes_at) - datetime.timedelta(hours=rng.uniform(1, 400)),
            submitted_revision=1,
            revision=1,
        )
        for _ in range(n)
    ]
    Application.objects.bulk_create(applications, batch_size=1000)
    partners, answers = [], []
    areas = [t.key for t in CAPACITY_AREAS]
    for k, application in enumerate(applications):
        lead, other = organisations[2 * k], organisations[2 * k + 1]
        partners.append(
            Partner(application=application, call=call, organisation=lead, is_lead=True,
                    confirmed_revision=1)
        )  # fmt: skip
        partners.append(
            Partner(application=application, call=call, organisation=other, confirmed_revision=1)
        )
        for key, value in (
            ("capacity_area", rng.choice(areas)),
            ("common_issue", rng.choice(ISSUES)),
        ):
            answers.append(
                Answer(
                    application=application,
                    organisation=None,
                    question_key=key,
                    value=value,
                    form_version=version,
                )
            )
    Partner.objects.bulk_create(partners, batch_size=1000)
    # Every other required answer and two participants per organisation: complete
    # applications, as the checklist expects of submitted ones.
    required = list(
        FormQuestion.objects.filter(call=call, required=True, section__purpose="application")
        .exclude(key__in=("capacity_area", "common_issue"))
        .select_related("section")
    )
    participants = []
    for k, application in enumerate(applications):
        pair = (partners[2 * k], partners[2 * k + 1])
        for question in required:
            value = _answer_for(question, rng)
            if value is None:
                continue
            owners = (
                [p.organisation for p in pair]
                if question.section.scope == FormSection.Scope.ORGANISATION
                else [None]
            )
            for owner in owners:
                answers.append(
                    Answer(
                        application=application,
                        organisation=owner,
                        question_key=question.key,
                        value=value,
                        form_version=version,
                    )
                )
        for partner in pair:
            for position in range(call.participants_per_organisation):
                participants.append(
                    Participant(
                        partner=partner,
                        name=f"Participant {position + 1}",
                        role="Coordinator",
                        email=f"p{position}-{partner.organisation.slug[:40]}@example.org",
                        needs_visa=partner.organisation.country == "TR",
                        position=position,
                    )
                )
    Answer.objects.bulk_create(answers, batch_size=1000)
    Participant.objects.bulk_create(participants, batch_size=1000)
    return [a.pk for a in applications]


TEXTS = [
    "Two visits of three days, monthly online meetings between them.",
    "A handbook in Turkish and in the partner's language, and a webinar for other organisations.",
    "Our volunteers leave after a few months; theirs stay for years. We want to learn how.",
    "Travel 1,200 EUR, accommodation 900 EUR, meetings and translation 1,400 EUR.",
]


def _answer_for(question, rng):
    kind = question.kind
    K = FormQuestion.Kind
    if kind in (K.LONG_TEXT, K.SHORT_TEXT):
        return rng.choice(TEXTS)[: 200 if kind == K.SHORT_TEXT else None]
    if kind == K.CAPACITY_AREA:
        return rng.choice([t.key for t in CAPACITY_AREAS])
    if kind in (K.SINGLE_CHOICE, K.MULTIPLE_CHOICE):
        first = (question.choices.splitlines() or [""])[0].split("|")[0].strip()
        return [first] if kind == K.MULTIPLE_CHOICE else first
    if kind == K.NUMBER:
        return "1000"
    if kind == K.DATE:
        return timezone.localdate().isoformat()
    if kind == K.YES_NO:
        return True
    return None


def bulk_reviewers(call: Call, n: int, *, seed: int = 1) -> list[Reviewer]:
    """`n` active reviewers of the call with accounts and two factors, half from each side."""
    rng = random.Random(seed)
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(email=f"reviewer{seed}-{k}@bench.example", display_name=f"Reviewer {k}")
            for k in range(n)
        ]
    )
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_update(users, ["password"])
    Authenticator.objects.bulk_create(
        [Authenticator(user=u, type=Authenticator.Type.TOTP, data={"secret": "x"}) for u in users]
    )
    europe = [c for c in EUROPE if c in call.europe_countries] or ["DE"]
    return Reviewer.objects.bulk_create(
        [
            Reviewer(
                programme=call.programme,
                call=call,
                email=user.email,
                name=user.display_name,
                country="TR" if k % 2 == 0 else rng.choice(europe),
                user=user,
                status=Reviewer.Status.ACTIVE,
                accepted_at=timezone.now(),
            )
            for k, user in enumerate(users)
        ]
    )


@transaction.atomic
def bulk_scores(call: Call, *, share: float = 1.0, seed: int = 1) -> int:
    """Score a share of the call's assigned reviews as reviewers would: each application
    has a true quality; a third of the reviewers are strict, a third lenient."""
    rng = random.Random(seed)
    criteria = list(call.criteria.all())
    rubric = [ranking.Criterion(c.key, c.weight, c.scale_min, c.scale_max) for c in criteria]
    quality: dict[int, float] = {}
    habit: dict[int, float] = {}
    reviews = list(Review.objects.filter(application__call=call, status=Review.Status.ASSIGNED))
    rng.shuffle(reviews)
    reviews = reviews[: int(len(reviews) * share)]
    scores = []
    now = timezone.now()
    for review in reviews:
        q = quality.setdefault(review.application_id, rng.uniform(1.5, 4.8))
        h = habit.setdefault(review.reviewer_id, rng.choice([-1.0, 0.0, 0.0, 1.0]) * 0.8)
        values = {}
        for c in criteria:
            value = round(q + h + rng.gauss(0, 0.5))
            values[c.key] = min(c.scale_max, max(c.scale_min, value))
            scores.append(Score(review=review, criterion=c, value=values[c.key]))
        review.total = ranking.review_total(values, rubric)
        review.status = Review.Status.SUBMITTED
        review.submitted_at = now
    Score.objects.bulk_create(scores, batch_size=2000)
    Review.objects.bulk_update(reviews, ["total", "status", "submitted_at"], batch_size=1000)
    if reviews:
        call_services.mark_reviews_started(call)
    services.refresh_ranking(call=call)
    return len(reviews)


def _staff(call):
    return (
        call.programme.staff.first() or get_user_model().objects.filter(is_superuser=True).first()
    )


def load_demo_selection() -> None:
    """A past cohort fully decided (cohort-2026), and a call that closed a few days ago
    (spring-2027): screened, reviewers assigned, reviews under way — the demo reviewer's own
    still to do."""
    past = Call.objects.filter(slug="cohort-2026").first()
    spring = Call.objects.filter(slug="spring-2027").first()
    if past is None or spring is None or Review.objects.exists():
        return
    for call in (past, spring):
        call_services.add_default_form(call)
        call_services.add_default_rubric(call)
        services.add_default_messages(call)
    decide_demo_call(past)
    _in_review(spring)


def _screen_all(call, staff, ineligible: int):
    applications = list(
        Application.objects.filter(call=call, status=S.SUBMITTED).select_related("call")
    )
    for k, application in enumerate(applications):
        services.screen(
            application=application,
            eligible=k >= ineligible,
            reason="" if k >= ineligible else "Both organisations are registered in Turkey.",
            by=staff,
        )


@transaction.atomic
def decide_demo_call(call, *, n: int = 14, seed: int = 26):
    """`n` applications submitted, screened, reviewed, decided and published (the
    partnerships' demo decides its own active cohort's call the same way)."""
    staff = _staff(call)
    bulk_submitted(call, n, seed=seed)
    _screen_all(call, staff, ineligible=1)
    services.refresh_standings(call=call)  # the applications demo's one already under review
    bulk_reviewers(call, 6, seed=seed)
    services.assign_reviewers(call=call, by=staff)
    bulk_scores(call, seed=seed)
    suggestion = services.suggest_cohort(
        call=call, by=staff, rules=cohort_rules(call.partnerships_to_select)
    )
    if suggestion.chosen:
        services.take_suggestion(suggestion=suggestion, by=staff)
    rest = (
        Application.objects.filter(call=call, status=S.UNDER_REVIEW, decision=None)
        .select_related("standing")
        .order_by("standing__rank")
    )
    for k, application in enumerate(rest):
        waiting = k < 2
        services.record_decision(
            application=application,
            outcome="waiting_list" if waiting else "rejected",
            reason="Close to the selected ones." if waiting else "The plan of visits was thin.",
            by=staff,
            override="",
        )
    services.publish_decisions(call=call, by=staff)


def cohort_rules(size):
    return Rules(size, per_country=3, areas=3)


@transaction.atomic
def _in_review(call):
    staff = _staff(call)
    bulk_submitted(call, 40, seed=27)
    _screen_all(call, staff, ineligible=2)
    bulk_reviewers(call, 7, seed=27)
    person = get_user_model().objects.filter(email="reviewer@demo.exchange").first()
    if person:
        invited = services.invite_reviewer(
            programme=call.programme, call=call, by=staff, email=person.email, name=person.name,
            country="DE",
        )  # fmt: skip
        services.accept_invitation(reviewer=invited, by=person)
    services.assign_reviewers(call=call, by=staff)
    own = Review.objects.filter(reviewer__user=person) if person else Review.objects.none()
    mine = list(own.values_list("pk", flat=True))
    Review.objects.filter(pk__in=mine).update(status=Review.Status.DRAFT)  # kept aside
    bulk_scores(call, share=0.6, seed=27)
    Review.objects.filter(pk__in=mine).update(status=Review.Status.ASSIGNED)
    services.refresh_ranking(call=call)
