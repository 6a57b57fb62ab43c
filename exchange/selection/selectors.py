"""Reads of the selection that need care: permissions, facts read in bulk, paging."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, F, Prefetch, Q, When
from django.http import Http404
from django.urls import reverse

from exchange.applications import selectors as application_selectors
from exchange.applications.models import Answer, Application, Participant, Partner
from exchange.calls import selectors as call_selectors
from exchange.calls.models import Call
from exchange.core.permissions import require
from exchange.organisations.models import Membership

from . import audit_texts, conflicts, permissions
from .models import (
    AuditEntry,
    Conflict,
    Decision,
    DecisionMessage,
    Habit,
    Review,
    Reviewer,
    Score,
    Standing,
    Suggestion,
)

S = Application.Status
IN_SELECTION = (S.SUBMITTED, S.UNDER_REVIEW, S.INELIGIBLE, S.SELECTED, S.WAITING_LIST, S.REJECTED)


def get_call_for_staff(user, slug: str):
    return call_selectors.get_call_for_staff(user, slug)


def get_application_of_call(call, pk: int) -> Application:
    application = (
        Application.objects.select_related("call__programme", "standing")
        .filter(call=call, pk=pk, status__in=IN_SELECTION)
        .first()
    )
    if application is None:
        raise Http404
    return application


# --- Facts of applications and reviewers, read in bulk ---------------------------------


@dataclass(frozen=True)
class Facts:
    """What an application is, for screening, conflicts, filters and the cohort."""

    application: int
    organisations: tuple[int, ...]
    names: str
    countries: tuple[str, ...]
    europe_countries: tuple[str, ...]
    lead_side: str
    area: str
    emails: frozenset[str]
    first_time: int


def facts_of(applications: list[Application]) -> dict[int, Facts]:
    ids = [a.pk for a in applications]
    calls = {a.pk: a.call for a in applications}
    partners = list(
        Partner.objects.filter(application_id__in=ids, is_active=True)
        .select_related("organisation")
        .order_by("application_id", "-is_lead", "joined_at", "pk")
    )
    org_ids = {p.organisation_id for p in partners}
    emails: dict[int, set[str]] = {}
    for org, email in Membership.objects.filter(organisation_id__in=org_ids).values_list(
        "organisation_id", "user__email"
    ):
        emails.setdefault(org, set()).add((email or "").lower())
    participant_emails: dict[int, set[str]] = {}
    for application, email in Participant.objects.filter(
        partner__application_id__in=ids
    ).values_list("partner__application_id", "email"):
        participant_emails.setdefault(application, set()).add(email.lower())
    areas = dict(
        Answer.objects.filter(
            application_id__in=ids, organisation=None, question_key="capacity_area"
        ).values_list("application_id", "value")
    )
    # Organisations that took part before: selected in an earlier call.
    veterans = set(
        Partner.objects.filter(
            organisation_id__in=org_ids, application__status__in=(S.SELECTED,)
        ).values_list("organisation_id", "application__call_id")
    )
    by_application: dict[int, list[Partner]] = {}
    for p in partners:
        by_application.setdefault(p.application_id, []).append(p)
    result = {}
    for application_id in ids:
        mine = by_application.get(application_id, [])
        call = calls[application_id]
        europe = set(call.europe_countries)
        turkey = set(call.turkey_countries)
        countries = tuple(p.organisation.country.code for p in mine)
        lead = countries[0] if countries else ""
        first = sum(
            1 for p in mine if not any(o == p.organisation_id and c != call.pk for o, c in veterans)
        )
        area = areas.get(application_id)
        result[application_id] = Facts(
            application=application_id,
            organisations=tuple(p.organisation_id for p in mine),
            names=" – ".join(p.organisation.name for p in mine),
            countries=countries,
            europe_countries=tuple(c for c in countries if c in europe and c not in turkey),
            lead_side="turkey" if lead in turkey else "europe",
            area=area if isinstance(area, str) else "",
            emails=frozenset(
                set().union(*(emails.get(p.organisation_id, set()) for p in mine))
                | participant_emails.get(application_id, set())
            ),
            first_time=first,
        )
    return result


def reviewers_of(call, *, active_only: bool = True) -> list[Reviewer]:
    """The call's reviewers: its own and its programme's."""
    reviewers = Reviewer.objects.filter(Q(call=call) | Q(call=None), programme=call.programme)
    if active_only:
        reviewers = reviewers.filter(status=Reviewer.Status.ACTIVE)
    return list(reviewers.select_related("user").prefetch_related("conflicts"))


def reviewer_profiles(reviewers: list[Reviewer]) -> dict[int, conflicts.ReviewerFacts]:
    user_ids = [r.user_id for r in reviewers if r.user_id]
    own: dict[int, set[int]] = {}
    for user, org in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "organisation_id"
    ):
        own.setdefault(user, set()).add(org)
    return {r.pk: conflicts.profile(r, own.get(r.user_id, set())) for r in reviewers}


def conflict_pairs(facts: dict[int, Facts], profiles) -> set[tuple[int, int]]:
    """Every (application, reviewer) in conflict, through inverted indexes: the cost grows
    with the conflicts, not with applications × reviewers. `conflicts.reason` says why for
    one pair; a test checks both agree."""
    by_organisation: dict[int, set[int]] = {}
    by_country: dict[str, set[int]] = {}
    by_email: dict[str, set[int]] = {}
    for a, fact in facts.items():
        for organisation in fact.organisations:
            by_organisation.setdefault(organisation, set()).add(a)
        for country in fact.countries:
            by_country.setdefault(country, set()).add(a)
        for email in fact.emails:
            by_email.setdefault(email, set()).add(a)
    pairs = set()
    for r, profile in profiles.items():
        hit = {a for a in profile.applications if a in facts}
        for organisation in profile.own_organisations | profile.organisations:
            hit |= by_organisation.get(organisation, set())
        for country in profile.countries:
            hit |= by_country.get(country, set())
        for email in profile.emails:
            hit |= by_email.get(email, set())
        pairs.update((a, r) for a in hit)
    return pairs


# --- Staff pages -------------------------------------------------------------------------


def count_by_status(call) -> dict[str, int]:
    return dict(
        Application.objects.filter(call=call)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def list_standings(call, *, filters: dict | None = None, order: str = "rank"):
    """The call's standings, filtered and ordered (real columns, one indexed query)."""
    filters = filters or {}
    standings = Standing.objects.filter(call=call)
    status = filters.get("status")
    if status:
        standings = standings.filter(status=status)
    else:
        standings = standings.filter(status__in=IN_SELECTION)
    if filters.get("country"):
        standings = standings.filter(countries__contains=f",{filters['country']},")
    if filters.get("side"):
        standings = standings.filter(lead_side=filters["side"])
    if filters.get("area"):
        standings = standings.filter(area=filters["area"])
    if filters.get("first_time"):
        standings = standings.filter(first_time=True)
    if filters.get("disagreement"):
        standings = standings.filter(disagreement=True)
    orders = {
        # Screening: the applications still waiting for it first.
        "screening": [
            Case(When(status=S.SUBMITTED, then=0), default=1),
            "application_id",
        ],
        "rank": [F("rank").asc(nulls_last=True), "application_id"],
        "raw": ["-raw", "application_id"],
        "submitted": ["application_id"],
        "name": ["names", "application_id"],
    }
    return standings.order_by(*orders.get(order, orders["rank"]))


def habits_of(call) -> list:
    """Reviewers' strictness, strictest first."""
    return list(Habit.objects.filter(call=call).select_related("reviewer"))


def extreme_habits(call, each: int = 5) -> tuple[list, int]:
    """The strictest and the most lenient reviewers (for the ranking page), and how many
    reviewers there are in all: one query of plain rows."""
    habits = [
        HabitLine(*row)
        for row in Habit.objects.filter(call=call)
        .order_by("strictness", "reviewer_id")
        .values_list("reviewer__name", "reviews", "mean", "strictness", "corrected")
    ]
    if len(habits) <= 2 * each:
        return habits, len(habits)
    return habits[:each] + habits[-each:], len(habits)


@dataclass(frozen=True)
class HabitLine:
    name: str
    reviews: int
    mean: float
    strictness: float
    corrected: bool


def review_counts(ids) -> dict[int, tuple[int, int]]:
    """{application: (live reviews, submitted reviews)} for the applications of one page."""
    counts: dict[int, list[int]] = {}
    for application, status, n in (
        Review.objects.filter(application_id__in=list(ids))
        .exclude(status=Review.Status.RELEASED)
        .values_list("application_id", "status")
        .annotate(n=Count("pk"))
    ):
        row = counts.setdefault(application, [0, 0])
        row[0] += n
        if status == Review.Status.SUBMITTED:
            row[1] += n
    return {a: (live, submitted) for a, (live, submitted) in counts.items()}


@dataclass(frozen=True)
class Row:
    """One application of a staff list, with what the page shows beside its standing."""

    standing: Standing
    area: str
    status: str
    url: str
    live: int
    submitted: int


def rows_of(call, standings, area_labels: dict[str, str]) -> list[Row]:
    standings = list(standings)
    counts = review_counts(s.application_id for s in standings)
    labels = {value: str(label) for value, label in S.choices}
    # One reverse for the page: each row's link differs only by its number.
    link = reverse("selection:application", args=[call.slug, 999999999]).replace("999999999", "%d")
    return [
        Row(
            s,
            area_labels.get(s.area, ""),
            labels.get(s.status, s.status),
            link % s.application_id,
            *counts.get(s.application_id, (0, 0)),
        )
        for s in standings
    ]


def decisions_of(call) -> dict[int, Decision]:
    return {d.application_id: d for d in Decision.objects.filter(call=call)}


def decision_messages(call) -> dict[str, DecisionMessage]:
    return {m.outcome: m for m in DecisionMessage.objects.filter(call=call)}


def waiting_list(call) -> list[Application]:
    return list(
        Application.objects.filter(call=call, status=S.WAITING_LIST)
        .select_related("decision", "standing")
        .order_by("decision__waiting_position", "standing__rank", "pk")
    )


def audit_of(application: Application, limit: int = 500) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(application=application).select_related("actor")[:limit])


def reviews_of_application(application: Application) -> list[Review]:
    return list(
        Review.objects.filter(application=application)
        .select_related("reviewer")
        .prefetch_related("scores__criterion")
        .order_by("pk")
    )


def reviewer_loads(call) -> dict[int, dict[str, int]]:
    rows = (
        Review.objects.filter(application__call=call)
        .exclude(status=Review.Status.RELEASED)
        .values("reviewer_id")
        .annotate(
            live=Count("pk"),
            submitted=Count("pk", filter=Q(status=Review.Status.SUBMITTED)),
        )
    )
    return {r["reviewer_id"]: {"live": r["live"], "submitted": r["submitted"]} for r in rows}


# --- Reviewers' pages --------------------------------------------------------------------


def roles_of(user) -> list[Reviewer]:
    return list(
        Reviewer.objects.filter(user=user)
        .exclude(status=Reviewer.Status.REMOVED)
        .select_related("programme", "call")
    )


def reviewing_of(user) -> dict | None:
    """For a reviewer's start page: how many reviews wait for them (None for others)."""
    if not user.is_authenticated or not Reviewer.objects.filter(user=user).exists():
        return None
    waiting = list_reviews_of(user).exclude(status=Review.Status.SUBMITTED)
    return {"waiting": waiting.count()}


def list_reviews_of(user):
    """A reviewer's live reviews, newest call first."""
    return (
        Review.objects.filter(reviewer__user=user, reviewer__status=Reviewer.Status.ACTIVE)
        .exclude(status=Review.Status.RELEASED)
        .select_related("application__call", "application__standing")
        .order_by("-application__call__closes_at", "status", "application_id")
    )


def get_review_for_user(user, pk: int, action: str = "view") -> Review:
    review = (
        Review.objects.select_related("application__call__programme", "reviewer__user")
        .prefetch_related(Prefetch("scores", to_attr="score_list"))
        .filter(pk=pk)
        .first()
    )
    if review is None:
        raise Http404
    rule = {
        "view": permissions.can_view_review,
        "score": permissions.can_score,
        "release": permissions.can_release,
        "declare": permissions.can_declare_on_review,
    }[action]
    decision = rule(user, review)
    if not decision and decision.code == "not_found":
        raise Http404
    require(decision)
    return review


def get_reviewer_for_user(user, pk: int) -> Reviewer:
    reviewer = Reviewer.objects.select_related("programme", "call").filter(pk=pk).first()
    if reviewer is None or not permissions.can_declare_conflicts(user, reviewer):
        raise Http404
    return reviewer


def other_reviews(review: Review) -> list[Review]:
    return list(
        Review.objects.filter(application=review.application, status=Review.Status.SUBMITTED)
        .exclude(pk=review.pk)
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", Score.objects.select_related("criterion")))
    )


def shown_application(application: Application, *, blind: bool):
    """The application as a reviewer reads it: its sections and answers; participants only
    when the call is not blind."""
    partners = application_selectors.active_partners(application)
    sections = application_selectors.sections_with_answers(application, None, partners)
    participants = [] if blind else [p for partner in partners for p in partner.participants.all()]
    return partners, sections, participants


def conflicts_declared(reviewer: Reviewer) -> list[Conflict]:
    return list(reviewer.conflicts.select_related("organisation", "application"))


def decision_texts(call, outcome: str) -> dict[str, str]:
    """The call's text for an outcome in each language ({} when it has none)."""
    message = DecisionMessage.objects.filter(call=call, outcome=outcome).first()
    if message is None:
        return {}
    return {code: message.text_in(code) for code in ("en", "tr", "de")}


def call_of(pk):
    return Call.objects.filter(pk=pk).first() if pk else None


def live_reviews_by_application(ids) -> dict[int, list[Review]]:
    result: dict[int, list[Review]] = {}
    for review in (
        Review.objects.filter(application_id__in=ids)
        .exclude(status=Review.Status.RELEASED)
        .select_related("reviewer")
        .order_by("pk")
    ):
        result.setdefault(review.application_id, []).append(review)
    return result


def get_review_of_call(call, pk: int) -> Review:
    review = (
        Review.objects.select_related("application__call__programme", "reviewer")
        .filter(pk=pk, application__call=call)
        .first()
    )
    if review is None:
        raise Http404
    return review


def latest_suggestion(call):
    return Suggestion.objects.filter(call=call).select_related("by").first()


def count_decisions(call) -> dict[str, int]:
    """Recorded decisions of applications still under review (not yet published), and the
    published ones, by outcome."""
    counts = dict(
        Decision.objects.filter(call=call, application__status=S.UNDER_REVIEW)
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .values_list("outcome", "n")
    )
    for status in (S.SELECTED,):
        counts[status] = (
            counts.get(status, 0) + Application.objects.filter(call=call, status=status).count()
        )
    return counts


def count_undecided(call) -> int:
    return Application.objects.filter(call=call, status=S.UNDER_REVIEW, decision=None).count()


def free_places(call) -> int:
    """Places of the cohort left free by withdrawals, once decisions are published."""
    published = Decision.objects.filter(call=call).exclude(published_at=None).exists()
    if not published:
        return 0
    selected = Application.objects.filter(call=call, status=S.SELECTED).count()
    return max(0, call.partnerships_to_select - selected)


@dataclass(frozen=True)
class AuditLine:
    at: object
    actor: str
    text: str


def audit_lines(application: Application) -> list[AuditLine]:
    names = {
        r.pk: r.name
        for r in Reviewer.objects.filter(programme=application.call.programme).only("pk", "name")
    }
    return [
        AuditLine(e.at, e.actor.name if e.actor else "", audit_texts.text(e, names))
        for e in audit_of(application)
    ]
