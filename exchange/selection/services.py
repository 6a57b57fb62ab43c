"""Every change of state of the selection. Each runs in one transaction, writes its audit
entry, and leaves notifications to events (core.events)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exchange.applications import selectors as application_selectors
from exchange.applications import services as application_services
from exchange.applications.models import Application
from exchange.calls import services as call_services
from exchange.calls.models import Call
from exchange.core import events, tokens
from exchange.core.permissions import Refused, require

from . import assignment, cohort, conflicts, permissions, ranking, selectors
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
from .workflows import REVIEW, REVIEWER

S = Application.Status
V = Review.Status
TOKEN_SALT = "selection.reviewer"


def audit(call, action: str, *, by, application=None, **detail) -> AuditEntry:
    return AuditEntry.objects.create(
        call=call, application=application, actor=by, action=action, detail=detail
    )


# --- Standings: the facts and figures of each application in its call ----------------------


def refresh_standing(application: Application) -> Standing:
    """The application's facts as they are now (after submission and screening)."""
    facts = selectors.facts_of([application])[application.pk]
    items = application_selectors.eligibility_of(application)
    problems = [str(p) for item in items for p in item.problems]
    standing, _created = Standing.objects.update_or_create(
        application=application,
        defaults={
            "call": application.call,
            "status": application.status,
            "names": facts.names[:500],
            "countries": "," + ",".join(facts.countries) + ",",
            "lead_side": facts.lead_side,
            "area": facts.area,
            "first_time": facts.first_time > 0,
            "first_time_organisations": facts.first_time,
            "organisations": len(facts.organisations),
            "checklist_ok": not problems,
            "checklist_problems": problems,
        },
    )
    return standing


def refresh_standings(*, call: Call) -> int:
    applications = list(
        Application.objects.filter(call=call, status__in=selectors.IN_SELECTION).select_related(
            "call"
        )
    )
    with transaction.atomic():
        for application in applications:
            refresh_standing(application)
        refresh_ranking(call=call)
    return len(applications)


def follow_status(application: Application) -> None:
    """Repeat the application's new status in its standing (selection.listeners)."""
    Standing.objects.filter(application=application).update(status=application.status)


def refresh_ranking(*, call: Call) -> int:
    """Recompute every application's figures from the submitted reviews: one read of the
    totals, and one write of the rows whose figures changed. Returns how many changed."""
    reviewed = [
        ranking.Reviewed(a, r, t)
        for a, r, t in Review.objects.filter(
            application__call=call, status=V.SUBMITTED
        ).values_list("application_id", "reviewer_id", "total")
    ]
    standings, habits = ranking.rank(reviewed)
    Habit.objects.filter(call=call).delete()
    Habit.objects.bulk_create(
        [
            Habit(
                call=call,
                reviewer_id=h.reviewer,
                reviews=h.reviews,
                mean=h.mean,
                strictness=h.strictness,
                corrected=h.corrected,
            )
            for h in habits
        ]
    )
    figures = {
        s.application: (s.raw, s.adjusted, s.spread, s.disagreement, position)
        for position, s in enumerate(standings, start=1)
    }
    empty = (None, None, None, False, None)
    changed = [
        (application, *figures.get(application, empty))
        for application, *now in Standing.objects.filter(call=call).values_list(
            "application_id", "raw", "adjusted", "spread", "disagreement", "rank"
        )
        if tuple(now) != figures.get(application, empty)
    ]
    _write_figures(changed)
    return len(changed)


FIGURES = ("raw", "adjusted", "spread", "disagreement", "rank")


def _write_figures(rows) -> None:
    """(application, raw, adjusted, spread, disagreement, rank) rows into the standings: on
    PostgreSQL one UPDATE … FROM (VALUES …) per thousand rows (bulk_update's CASE
    expressions take seconds at 2,000 rows there), elsewhere bulk_update."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = Standing._meta.db_table
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 1000):
                chunk = rows[start : start + 1000]
                values = ", ".join(
                    ["(%s::bigint, %s::float8, %s::float8, %s::float8, %s::boolean, %s::int)"]
                    * len(chunk)
                )
                cursor.execute(
                    f"UPDATE {table} AS s SET raw = v.raw, adjusted = v.adjusted, "
                    "spread = v.spread, disagreement = v.disagreement, rank = v.rank "
                    f"FROM (VALUES {values}) AS v(id, raw, adjusted, spread, disagreement, rank) "
                    "WHERE s.application_id = v.id",
                    [value for row in chunk for value in row],
                )
        return
    objects = [
        Standing(application_id=row[0], **dict(zip(FIGURES, row[1:], strict=True))) for row in rows
    ]
    Standing.objects.bulk_update(objects, list(FIGURES), batch_size=500)


# --- Screening -----------------------------------------------------------------------------


def screen(*, application: Application, eligible: bool, reason: str, by) -> Application:
    reason = (reason or "").strip()
    if not eligible and not reason:
        raise ValidationError({"reason": _("Say why the application is not eligible.")})
    target = S.UNDER_REVIEW if eligible else S.INELIGIBLE
    with transaction.atomic():
        application_services.change_status(application=application, to=target, by=by, reason=reason)
        audit(
            application.call,
            "screened",
            by=by,
            application=application,
            eligible=eligible,
            reason=reason,
        )
        refresh_standing(application)
        if not eligible:
            for review in application.reviews.exclude(status__in=(V.RELEASED, V.SUBMITTED)):
                REVIEW.transition(review, V.RELEASED, by=by, reason=reason)
    return application


# --- Reviewers -------------------------------------------------------------------------------


def reviewer_token(reviewer: Reviewer) -> str:
    return tokens.make(TOKEN_SALT, reviewer.pk)


def reviewer_from_token(token: str) -> Reviewer | None:
    claims = tokens.read(TOKEN_SALT, token)
    if claims is None:
        return None
    return Reviewer.objects.select_related("programme", "call").filter(pk=claims["i"]).first()


def invite_reviewer(
    *, programme, by, email: str, name: str, call=None, country="", expertise=""
) -> Reviewer:
    require(permissions.can_run_programme(by, programme))
    email = email.strip().lower()
    existing = Reviewer.objects.filter(programme=programme, call=call, email__iexact=email)
    if existing.exclude(status=Reviewer.Status.DECLINED).exists():
        raise ValidationError({"email": _("This person is already a reviewer here.")})
    existing.delete()  # a declined invitation may be sent again
    with transaction.atomic():
        reviewer = Reviewer.objects.create(
            programme=programme,
            call=call,
            email=email,
            name=name.strip(),
            country=country,
            expertise=expertise.strip(),
            invited_by=by,
            language=(get_language() or "en")[:2],
        )
        target_call = call or programme.calls.order_by("-closes_at").first()
        if target_call:
            audit(target_call, "reviewer_invited", by=by, reviewer=reviewer.pk, email=email)
        events.emit(
            "selection.reviewer_invited",
            key=f"selection.reviewer_invited:{reviewer.pk}",
            target=reviewer,
            actor=by,
            token=reviewer_token(reviewer),
        )
    return reviewer


def accept_invitation(*, reviewer: Reviewer, by) -> Reviewer:
    with transaction.atomic():
        REVIEWER.transition(reviewer, Reviewer.Status.ACTIVE, by=by)
        _audit_reviewer(reviewer, "reviewer_joined", by)
    return reviewer


def decline_invitation(*, reviewer: Reviewer, by) -> Reviewer:
    with transaction.atomic():
        REVIEWER.transition(reviewer, Reviewer.Status.DECLINED, by=by)
        _audit_reviewer(reviewer, "reviewer_declined", by)
    return reviewer


def _audit_reviewer(reviewer, action, by, **detail):
    call = reviewer.call or reviewer.programme.calls.order_by("-closes_at").first()
    if call:
        audit(call, action, by=by, reviewer=reviewer.pk, **detail)


def remove_reviewer(*, reviewer: Reviewer, by) -> Reviewer:
    """The reviewer stops reviewing: their unsubmitted reviews are released (to be
    assigned again); what they submitted stays in the ranking."""
    with transaction.atomic():
        REVIEWER.transition(reviewer, Reviewer.Status.REMOVED, by=by)
        for review in reviewer.reviews.filter(status__in=(V.ASSIGNED, V.DRAFT)):
            REVIEW.transition(review, V.RELEASED, by=by, reason=_("The reviewer was removed."))
        _audit_reviewer(reviewer, "reviewer_removed", by)
    return reviewer


def declare_conflict(
    *,
    reviewer: Reviewer,
    by,
    kind: str,
    organisation=None,
    country: str = "",
    person_email: str = "",
    application=None,
    reason: str = "",
) -> tuple[Conflict, list[Review]]:
    """Record a conflict and release every unfinished review it touches (each then gets
    another reviewer where the pool allows: `reassign`)."""
    require(permissions.can_declare_conflicts(by, reviewer))
    fields = {
        Conflict.Kind.ORGANISATION: ("organisation", organisation),
        Conflict.Kind.COUNTRY: ("country", country),
        Conflict.Kind.PERSON: ("person_email", (person_email or "").strip().lower()),
        Conflict.Kind.APPLICATION: ("application", application),
    }
    if kind not in fields:
        raise ValidationError({"kind": _("Choose what the conflict is with.")})
    name, value = fields[kind]
    if not value:
        raise ValidationError({name: _("Say with whom or what the conflict is.")})
    with transaction.atomic():
        conflict = Conflict.objects.create(
            reviewer=reviewer, kind=kind, reason=(reason or "").strip()[:300], **{name: value}
        )
        released = []
        profile = selectors.reviewer_profiles([reviewer])[reviewer.pk]
        live = list(
            reviewer.reviews.filter(status__in=(V.ASSIGNED, V.DRAFT, V.SUBMITTED)).select_related(
                "application__call"
            )
        )
        facts = selectors.facts_of([r.application for r in live])
        for review in live:
            why = conflicts.reason(profile, facts[review.application_id])
            if why is None:
                continue
            REVIEW.transition(review, V.RELEASED, by=by, reason=why)
            audit(
                review.application.call,
                "conflict_declared",
                by=by,
                application=review.application,
                reviewer=reviewer.pk,
                kind=kind,
            )
            released.append(review)
        if not released:
            for call in _calls_of(reviewer):
                audit(call, "conflict_declared", by=by, reviewer=reviewer.pk, kind=kind)
        for review in released:
            reassign(application=review.application, by=None)
        for call in {r.application.call for r in released}:
            refresh_ranking(call=call)
    return conflict, released


def _calls_of(reviewer):
    return [reviewer.call] if reviewer.call else list(reviewer.programme.calls.all()[:1])


# --- Assignment -------------------------------------------------------------------------------


def _side(call: Call, country: str) -> str:
    if country in call.turkey_countries:
        return "turkey"
    if country in call.europe_countries:
        return "europe"
    return ""


def pool_of(call: Call, *, per_application: int | None = None) -> tuple[assignment.Pool, dict]:
    applications = list(
        Application.objects.filter(call=call, status=S.UNDER_REVIEW).select_related("call")
    )
    reviewers = selectors.reviewers_of(call)
    facts = selectors.facts_of(applications)
    profiles = selectors.reviewer_profiles(reviewers)
    live = Review.objects.filter(application__call=call, application__status=S.UNDER_REVIEW)
    live = live.exclude(status=V.RELEASED)
    kept: dict[int, set[int]] = {}
    active = {r.pk for r in reviewers}
    for a, r, status, by_hand in live.values_list(
        "application_id", "reviewer_id", "status", "by_hand"
    ):
        if r in active and (status != V.ASSIGNED or by_hand):
            kept.setdefault(a, set()).add(r)
    pool = assignment.Pool(
        applications=[a.pk for a in applications],
        reviewers={r.pk: _side(call, str(r.country)) for r in reviewers},
        conflicts=frozenset(selectors.conflict_pairs(facts, profiles)),
        per_application=per_application or call.reviewers_per_application,
        kept={a: frozenset(rs) for a, rs in kept.items()},
    )
    return pool, {"applications": {a.pk: a for a in applications}, "reviewers": reviewers}


def assign_reviewers(*, call: Call, by, per_application: int | None = None) -> assignment.Plan:
    """Assign reviewers to every application under review. Reviews begun or placed by hand
    stay; the others may move to even out the loads. An impossible pool changes nothing
    and returns what blocks it."""
    require(permissions.can_run_selection(by, call))
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=call.pk).first()  # one run at a time
        pool, loaded = pool_of(call, per_application=per_application)
        plan = assignment.assign(pool)
        if not plan.feasible:
            audit(call, "assignment_blocked", by=by, blockers=len(plan.blockers))
            return plan
        existing = {}
        for review in Review.objects.filter(application__call=call, status=V.ASSIGNED):
            existing[(review.application_id, review.reviewer_id)] = review
        started = set(
            Review.objects.filter(
                application__call=call, status__in=(V.DRAFT, V.SUBMITTED)
            ).values_list("application_id", "reviewer_id")
        )
        wanted = {(a, r) for a, rs in plan.assignments.items() for r in rs}
        released = 0
        trail = []
        for pair, review in existing.items():
            if pair not in wanted:
                REVIEW.transition(review, V.RELEASED, by=by, reason=_("Assignment changed."))
                released += 1
                trail.append(
                    AuditEntry(call=call, application_id=pair[0], actor=by,
                               action="unassigned", detail={"reviewer": pair[1]})
                )  # fmt: skip
        new = [
            Review(application_id=a, reviewer_id=r, assigned_by=by)
            for a, r in sorted(wanted)
            if (a, r) not in existing and (a, r) not in started
        ]
        Review.objects.bulk_create(new, batch_size=500)
        # Each application's trail says who was given it, in one write for the whole run.
        trail += [
            AuditEntry(call=call, application_id=review.application_id, actor=by,
                       action="assigned", detail={"reviewer": review.reviewer_id})
            for review in new
        ]  # fmt: skip
        AuditEntry.objects.bulk_create(trail, batch_size=1000)
        audit(
            call,
            "assignment_run",
            by=by,
            applications=len(plan.assignments),
            created=len(new),
            released=released,
            per_application=pool.per_application,
        )
        counts: dict[int, int] = {}
        for review in new:
            counts[review.reviewer_id] = counts.get(review.reviewer_id, 0) + 1
        run = AuditEntry.objects.filter(call=call, action="assignment_run").first()
        for reviewer in loaded["reviewers"]:
            if counts.get(reviewer.pk):
                events.emit(
                    "selection.reviews_assigned",
                    key=f"selection.reviews_assigned:{run.pk}:{reviewer.pk}",
                    target=reviewer,
                    actor=by,
                    call=call.pk,
                    count=counts[reviewer.pk],
                )
    return plan


def reassign(*, application: Application, by) -> Review | None:
    """Give an application whose review was released another reviewer: the least loaded one
    without a conflict, from the other side if the application lacks it."""
    call = application.call
    need = call.reviewers_per_application
    live = list(
        application.reviews.exclude(status=V.RELEASED).values_list("reviewer_id", flat=True)
    )
    if len(live) >= need or application.status != S.UNDER_REVIEW:
        return None
    reviewers = selectors.reviewers_of(call)
    profiles = selectors.reviewer_profiles(reviewers)
    facts = selectors.facts_of([application])[application.pk]
    loads = selectors.reviewer_loads(call)
    released = set(
        application.reviews.filter(status=V.RELEASED).values_list("reviewer_id", flat=True)
    )
    sides = {_side(call, str(r.country)) for r in reviewers if r.pk in live}
    candidates = [
        r
        for r in reviewers
        if r.pk not in live
        and r.pk not in released
        and conflicts.reason(profiles[r.pk], facts) is None
    ]
    if not candidates:
        audit(call, "reassignment_blocked", by=by, application=application)
        return None
    chosen = min(
        candidates,
        key=lambda r: (
            loads.get(r.pk, {}).get("live", 0),
            _side(call, str(r.country)) in sides,
            r.pk,
        ),
    )
    review = Review.objects.create(application=application, reviewer=chosen, assigned_by=by)
    audit(call, "reassigned", by=by, application=application, reviewer=chosen.pk)
    events.emit(
        "selection.reviews_assigned",
        key=f"selection.reviews_assigned:review:{review.pk}",
        target=chosen,
        actor=by,
        call=call.pk,
        count=1,
    )
    return review


def assign_by_hand(*, application: Application, reviewer: Reviewer, by) -> Review:
    call = application.call
    require(permissions.can_run_selection(by, call))
    if application.status != S.UNDER_REVIEW:
        raise Refused(_("Only applications under review get reviewers."), "state")
    if reviewer.status != Reviewer.Status.ACTIVE:
        raise Refused(_("This reviewer has not accepted the invitation yet."), "state")
    profile = selectors.reviewer_profiles([reviewer])[reviewer.pk]
    why = conflicts.reason(profile, selectors.facts_of([application])[application.pk])
    if why:
        raise Refused(why, "conflict")
    if application.reviews.filter(reviewer=reviewer).exclude(status=V.RELEASED).exists():
        raise Refused(_("This reviewer already reviews this application."), "state")
    with transaction.atomic():
        review = Review.objects.create(
            application=application, reviewer=reviewer, assigned_by=by, by_hand=True
        )
        audit(call, "assigned_by_hand", by=by, application=application, reviewer=reviewer.pk)
        events.emit(
            "selection.reviews_assigned",
            key=f"selection.reviews_assigned:review:{review.pk}",
            target=reviewer,
            actor=by,
            call=call.pk,
            count=1,
        )
    return review


def release_review(*, review: Review, by, reason: str = "") -> Review:
    with transaction.atomic():
        REVIEW.transition(review, V.RELEASED, by=by, reason=reason)
        audit(
            review.application.call,
            "review_released",
            by=by,
            application=review.application,
            reviewer=review.reviewer_id,
        )
    return review


# --- Scoring -----------------------------------------------------------------------------------


def save_review(*, review: Review, by, scores: dict, comment: str = "", submit: bool = False):
    """Save a reviewer's scores ({criterion key: (score or None, comment)}) as a draft, or
    submit them. A submitted review is final unless staff reopen it."""
    require(permissions.can_score(by, review))
    criteria = list(review.application.call.criteria.all())
    errors = {}
    for criterion in criteria:
        value, _note = scores.get(criterion.key, (None, ""))
        if value is not None and value not in criterion.scores:
            errors[criterion.key] = _("Choose a score from %(low)s to %(high)s.") % {
                "low": criterion.scale_min,
                "high": criterion.scale_max,
            }
    if errors:
        raise ValidationError(errors)
    if submit and any(scores.get(c.key, (None, ""))[0] is None for c in criteria):
        # Keep what was given as a draft, then say what is missing.
        save_review(review=review, by=by, scores=scores, comment=comment, submit=False)
        require(permissions.is_complete(review))
    with transaction.atomic():
        if review.status == V.SUBMITTED:
            raise Refused(_("This review was submitted; ask the staff to reopen it."), "state")
        stored = {s.criterion_id: s for s in Score.objects.filter(review=review)}
        for criterion in criteria:
            value, note = scores.get(criterion.key, (None, ""))
            row = stored.get(criterion.pk) or Score(review=review, criterion=criterion)
            row.value, row.comment = value, (note or "")[:5000]
            row.save()
        review.comment = (comment or "")[:5000]
        review.save(update_fields=["comment", "updated_at"])
        if review.status == V.ASSIGNED and not submit:
            REVIEW.transition(review, V.DRAFT, by=by)
        if submit:
            values = {s.criterion.key: s.value for s in review.scores.select_related("criterion")}
            rubric = [
                ranking.Criterion(c.key, c.weight, c.scale_min, c.scale_max) for c in criteria
            ]
            if all(values.get(c.key) is not None for c in criteria) and criteria:
                review.total = ranking.review_total(values, rubric)
            REVIEW.transition(review, V.SUBMITTED, by=by)
            call_services.mark_reviews_started(review.application.call)
            refresh_ranking(call=review.application.call)
        audit(
            review.application.call,
            "review_submitted" if submit else "review_saved",
            by=by,
            application=review.application,
            reviewer=review.reviewer_id,
        )
    return review


def reopen_review(*, review: Review, by, reason: str) -> Review:
    with transaction.atomic():
        REVIEW.transition(review, V.DRAFT, by=by, reason=reason)
        review.total = None
        review.submitted_at = None
        review.save(update_fields=["total", "submitted_at"])
        audit(
            review.application.call,
            "review_reopened",
            by=by,
            application=review.application,
            reviewer=review.reviewer_id,
            reason=reason,
        )
        refresh_ranking(call=review.application.call)
    return review


# --- The suggested cohort and the decisions ----------------------------------------------------------


def candidates_of(call: Call) -> list[cohort.Candidate]:
    """The applications found eligible at screening (both sides eligible), with a score."""
    applications = list(
        Application.objects.filter(call=call, status=S.UNDER_REVIEW).select_related(
            "call", "standing"
        )
    )
    facts = selectors.facts_of(applications)
    result = []
    for a in applications:
        standing = getattr(a, "standing", None)
        if standing is None or standing.adjusted is None:
            continue
        f = facts[a.pk]
        result.append(
            cohort.Candidate(
                a.pk,
                standing.adjusted,
                frozenset(f.europe_countries),
                frozenset({f.area}) if f.area else frozenset(),
                len(f.organisations),
                f.first_time,
            )
        )
    return result


def suggest_cohort(*, call: Call, by, rules: cohort.Rules) -> Suggestion:
    require(permissions.can_run_selection(by, call))
    result = cohort.suggest(candidates_of(call), rules)
    suggestion = Suggestion.objects.create(
        call=call,
        rules={k: v for k, v in rules.__dict__.items()},
        chosen=result.chosen,
        total=result.total,
        costs=result.costs,
        problems=result.problems,
        by=by,
    )
    audit(call, "cohort_suggested", by=by, suggestion=suggestion.pk, feasible=result.feasible)
    return suggestion


def take_suggestion(*, suggestion: Suggestion, by, reason: str = "") -> int:
    """Record the suggested partnerships as selected (staff still publish)."""
    call = suggestion.call
    require(permissions.can_run_selection(by, call))
    if suggestion.problems or not suggestion.chosen:
        raise Refused(_("This suggestion has no cohort to take."), "state")
    reason = reason or _("Taken from the suggested cohort.")
    with transaction.atomic():
        for application in Application.objects.filter(
            pk__in=suggestion.chosen, call=call, status=S.UNDER_REVIEW
        ):
            _decide(application, Decision.Outcome.SELECTED, reason, by, override="")
        suggestion.taken_at = timezone.now()
        suggestion.save(update_fields=["taken_at"])
        audit(call, "suggestion_taken", by=by, suggestion=suggestion.pk)
    return len(suggestion.chosen)


def _decide(application, outcome, reason, by, override):
    decision, _created = Decision.objects.update_or_create(
        application=application,
        defaults={
            "call": application.call,
            "outcome": outcome,
            "reason": reason,
            "override": override,
            "decided_by": by,
        },
    )
    audit(
        application.call,
        "decision_recorded",
        by=by,
        application=application,
        outcome=outcome,
        reason=reason,
        override=override,
    )
    return decision


def record_decision(
    *, application: Application, outcome: str, reason: str, by, override: str = ""
) -> Decision:
    call = application.call
    require(permissions.can_run_selection(by, call))
    if application.status != S.UNDER_REVIEW:
        raise Refused(_("Decisions are made on applications under review."), "state")
    reason = (reason or "").strip()
    override = (override or "").strip()
    if outcome not in Decision.Outcome.values:
        raise ValidationError({"outcome": _("Choose a decision.")})
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    if outcome == Decision.Outcome.SELECTED:
        others = (
            Decision.objects.filter(call=call, outcome=Decision.Outcome.SELECTED)
            .exclude(application=application)
            .count()
        )
        already = Application.objects.filter(call=call, status=S.SELECTED).count()
        if others + already + 1 > call.partnerships_to_select and not override:
            raise ValidationError(
                {
                    "override": _(
                        "The call selects %(n)s partnerships. Say why this one is selected "
                        "beyond that number."
                    )
                    % {"n": call.partnerships_to_select}
                }
            )
    with transaction.atomic():
        decision = _decide(application, outcome, reason, by, override)
        if outcome == Decision.Outcome.WAITING_LIST and decision.waiting_position is None:
            last = (
                Decision.objects.filter(call=call, outcome=Decision.Outcome.WAITING_LIST)
                .exclude(waiting_position=None)
                .order_by("-waiting_position")
                .values_list("waiting_position", flat=True)
                .first()
            )
            decision.waiting_position = (last or 0) + 1
            decision.save(update_fields=["waiting_position"])
    return decision


def save_decision_message(*, call: Call, outcome: str, by, text_en, text_tr="", text_de=""):
    require(permissions.can_run_selection(by, call))
    if not (text_en or "").strip():
        raise ValidationError({"text_en": _("The English text is needed.")})
    message, _created = DecisionMessage.objects.update_or_create(
        call=call,
        outcome=outcome,
        defaults={"text_en": text_en, "text_tr": text_tr or "", "text_de": text_de or ""},
    )
    audit(call, "decision_message_saved", by=by, outcome=outcome)
    return message


DEFAULT_MESSAGES = {
    Decision.Outcome.SELECTED: (
        "Congratulations: the selection committee chose your partnership for the cohort. "
        "The programme's staff will write to you about the opening meeting.",
        "Tebrikler: seçim kurulu ortaklığınızı döneme seçti. Program ekibi açılış toplantısı "
        "hakkında size yazacak.",
        "Herzlichen Glückwunsch: Die Auswahlkommission hat Ihre Partnerschaft für den "
        "Jahrgang ausgewählt. Das Programmteam schreibt Ihnen zum Eröffnungstreffen.",
    ),
    Decision.Outcome.WAITING_LIST: (
        "Your partnership is on the waiting list. If a place becomes free, we will offer it "
        "to you in the order of the list.",
        "Ortaklığınız yedek listede. Bir yer boşalırsa, listedeki sıraya göre size önereceğiz.",
        "Ihre Partnerschaft steht auf der Warteliste. Wird ein Platz frei, bieten wir ihn "
        "in der Reihenfolge der Liste an.",
    ),
    Decision.Outcome.REJECTED: (
        "Thank you for applying. This time the committee could not select your partnership; "
        "the reason is on the application's page. We hope you apply again.",
        "Başvurunuz için teşekkür ederiz. Kurul bu kez ortaklığınızı seçemedi; gerekçe "
        "başvuru sayfasında. Yeniden başvurmanızı umuyoruz.",
        "Danke für Ihre Bewerbung. Dieses Mal konnte die Kommission Ihre Partnerschaft nicht "
        "auswählen; die Begründung steht auf der Seite der Bewerbung. Bewerben Sie sich gern "
        "wieder.",
    ),
}


def add_default_messages(call: Call) -> None:
    for outcome, (en, tr, de) in DEFAULT_MESSAGES.items():
        DecisionMessage.objects.get_or_create(
            call=call, outcome=outcome, defaults={"text_en": en, "text_tr": tr, "text_de": de}
        )


def publish_decisions(*, call: Call, by) -> dict[str, int]:
    """Tell every applicant of the call their decision at once: each application under
    review moves to its decided status, and the notifications go out in each recipient's
    language from the call's texts."""
    require(permissions.can_run_selection(by, call))
    with transaction.atomic():
        Call.objects.select_for_update().filter(pk=call.pk).first()
        pending = list(
            Application.objects.filter(call=call, status=S.UNDER_REVIEW).select_related("call")
        )
        decisions = selectors.decisions_of(call)
        undecided = [a for a in pending if a.pk not in decisions]
        if not pending:
            raise Refused(_("No application is waiting for a decision."), "state")
        if undecided:
            raise Refused(
                _("%(n)s applications under review have no decision yet.") % {"n": len(undecided)},
                "incomplete",
            )
        add_default_messages(call)
        counts = dict.fromkeys(Decision.Outcome.values, 0)
        now = timezone.now()
        for application in pending:
            decision = decisions[application.pk]
            application_services.change_status(
                application=application, to=decision.outcome, by=by, reason=decision.reason
            )
            decision.published_at = now
            decision.save(update_fields=["published_at"])
            counts[decision.outcome] += 1
            audit(
                call,
                "decision_published",
                by=by,
                application=application,
                outcome=decision.outcome,
            )
        audit(call, "decisions_published", by=by, **counts)
        events.emit(
            "selection.published",
            key=f"selection.published:{call.pk}:{now.timestamp()}",
            target=call,
            actor=by,
        )
    return counts


def offer_place(*, application: Application, by) -> Application:
    """A place became free: the waiting list's application is selected."""
    call = application.call
    require(permissions.can_run_selection(by, call))
    with transaction.atomic():
        application_services.change_status(
            application=application,
            to=S.SELECTED,
            by=by,
            reason=_("A place in the cohort became free."),
        )
        Decision.objects.filter(application=application).update(
            outcome=Decision.Outcome.SELECTED, published_at=timezone.now()
        )
        audit(call, "place_offered", by=by, application=application)
    return application
