"""The selection's services: screening, reviewers and conflicts, assignment, scoring,
ranking, the suggested cohort, decisions and their publication."""

import pytest
from django.core.exceptions import ValidationError

from exchange.applications.models import Application
from exchange.core.permissions import Refused
from exchange.notifications.models import Notification
from exchange.partnerships.models import Partnership
from exchange.selection import services
from exchange.selection.cohort import Rules
from exchange.selection.models import AuditEntry, Conflict, Review, Standing

S = Application.Status
V = Review.Status


def score_all(review, user, value, submit=True):
    criteria = review.application.call.criteria.all()
    return services.save_review(
        review=review,
        by=user,
        scores={c.key: (value, "ok") for c in criteria},
        comment="Fine.",
        submit=submit,
    )


def test_screening_moves_applications_and_needs_a_reason_to_refuse(selection, call):
    application = selection.applications[0]
    assert application.status == S.UNDER_REVIEW
    with pytest.raises(ValidationError):
        services.screen(application=application, eligible=False, reason=" ", by=selection.staff)
    services.screen(
        application=application, eligible=False, reason="No Turkish partner.", by=selection.staff
    )
    application.refresh_from_db()
    assert application.status == S.INELIGIBLE
    change = application.status_changes.first()
    assert change.reason == "No Turkish partner."
    assert AuditEntry.objects.filter(application=application, action="screened").count() == 2
    standing = Standing.objects.get(application=application)
    assert standing.checklist_ok and standing.countries.startswith(",TR,")


def test_assignment_gives_every_application_two_reviewers_with_even_loads(selection, call):
    plan = services.assign_reviewers(call=call, by=selection.staff)
    assert plan.feasible
    live = Review.objects.exclude(status=V.RELEASED)
    for application in selection.applications:
        reviewers = live.filter(application=application).values_list("reviewer__country", flat=True)
        assert len(reviewers) == 2
        assert "TR" in reviewers and ({"DE", "NL"} & set(reviewers))  # both sides
    loads = [live.filter(reviewer=r).count() for r in selection.reviewers]
    assert max(loads) - min(loads) <= 1
    assert Notification.objects.filter(event="selection.reviews_assigned").count() == 4


def test_a_member_of_an_organisation_never_reviews_its_application(selection, call):
    reviewer = selection.reviewers[0]
    own = selection.applications[0].partners.first().organisation
    own.memberships.create(user=reviewer.user, role="member")
    services.assign_reviewers(call=call, by=selection.staff)
    assert not Review.objects.filter(
        application=selection.applications[0], reviewer=reviewer
    ).exists()


def test_declaring_a_conflict_releases_and_reassigns(selection, call):
    services.assign_reviewers(call=call, by=selection.staff)
    review = Review.objects.filter(status=V.ASSIGNED).select_related("reviewer__user").first()
    reviewer = review.reviewer
    conflict, released = services.declare_conflict(
        reviewer=reviewer,
        by=reviewer.user,
        kind=Conflict.Kind.APPLICATION,
        application=review.application,
        reason="I advised them last year.",
    )
    assert released == [review]
    review.refresh_from_db()
    assert review.status == V.RELEASED
    live = Review.objects.filter(application=review.application).exclude(status=V.RELEASED)
    assert live.count() == 2 and reviewer.pk not in live.values_list("reviewer", flat=True)
    # A new run never assigns it back.
    services.assign_reviewers(call=call, by=selection.staff)
    assert not Review.objects.filter(
        application=review.application, reviewer=reviewer, status=V.ASSIGNED
    ).exists()


def test_an_impossible_pool_is_explained_and_changes_nothing(selection, call):
    plan = services.assign_reviewers(call=call, by=selection.staff, per_application=5)
    assert not plan.feasible
    assert {b.needed for b in plan.blockers} == {5}
    assert not Review.objects.exists()


def test_scores_draft_submit_and_ranking(selection, call):
    services.assign_reviewers(call=call, by=selection.staff)
    review = Review.objects.select_related("reviewer__user", "application__call").first()
    user = review.reviewer.user
    score_all(review, user, 4, submit=False)
    review.refresh_from_db()
    assert review.status == V.DRAFT and review.total is None
    score_all(review, user, 4)
    review.refresh_from_db()
    assert review.status == V.SUBMITTED and review.total == 75.0
    call.refresh_from_db()
    assert call.reviews_started_at is not None
    from exchange.selection import selectors

    standing = Standing.objects.get(application=review.application)
    assert standing.raw == 75.0 and standing.rank == 1
    assert selectors.review_counts([review.application_id])[review.application_id] == (2, 1)
    with pytest.raises(Refused):
        score_all(review, user, 2)  # submitted is final


def test_a_score_outside_the_scale_is_refused(selection, call):
    services.assign_reviewers(call=call, by=selection.staff)
    review = Review.objects.select_related("reviewer__user").first()
    with pytest.raises(ValidationError):
        score_all(review, review.reviewer.user, 9)


def test_reviewers_without_two_factors_cannot_score(selection, call, programme):
    from tests.selection.fixtures import make_reviewer

    lazy = make_reviewer(programme, "Eda", "TR", by=selection.staff, mfa=False)
    application = selection.applications[0]
    review = services.assign_by_hand(application=application, reviewer=lazy, by=selection.staff)
    with pytest.raises(Refused) as refused:
        score_all(review, lazy.user, 3)
    assert refused.value.code == "two_factor"


def review_everything(selection, call):
    services.assign_reviewers(call=call, by=selection.staff)
    for k, review in enumerate(Review.objects.select_related("reviewer__user", "application")):
        score_all(review, review.reviewer.user, 1 + (review.application_id + k) % 5)


def test_suggestion_decisions_and_publication(selection, call, mailoutbox):
    review_everything(selection, call)
    call.partnerships_to_select = 2
    call.save()
    suggestion = services.suggest_cohort(call=call, by=selection.staff, rules=Rules(2, areas=2))
    assert suggestion.chosen and not suggestion.problems
    services.take_suggestion(suggestion=suggestion, by=selection.staff)
    chosen = set(suggestion.chosen)
    rest = [a for a in selection.applications if a.pk not in chosen]
    with pytest.raises(Refused):  # not every application is decided yet
        services.publish_decisions(call=call, by=selection.staff)
    with pytest.raises(ValidationError):  # a third selected needs an override
        services.record_decision(
            application=rest[0], outcome="selected", reason="Strong", by=selection.staff
        )
    services.record_decision(
        application=rest[0], outcome="waiting_list", reason="Close", by=selection.staff
    )
    for application in rest[1:]:
        services.record_decision(
            application=application, outcome="rejected", reason="Weaker", by=selection.staff
        )
    counts = services.publish_decisions(call=call, by=selection.staff)
    assert counts == {"selected": 2, "waiting_list": 1, "rejected": 3}
    from exchange.selection import selectors

    trail = " | ".join(line.text for line in selectors.audit_lines(rest[0]))
    for said in (
        "Found eligible",
        "Assigned to",
        "submitted a review",
        "Decision recorded: Waiting list. Reason: Close",
        "Decision published to the applicants: Waiting list.",
    ):
        assert said in trail, trail
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert {statuses[pk] for pk in chosen} == {S.SELECTED}
    assert Partnership.objects.filter(cohort__call=call).count() == 2
    assert Notification.objects.filter(event="applications.decided").count() >= 12

    # A selected partnership withdraws: staff are told, and offer the place.
    selected = Application.objects.get(pk=min(chosen))
    lead = selected.partners.get(is_lead=True).organisation.memberships.get(role="admin").user
    from exchange.applications import services as application_services

    application_services.withdraw_application(application=selected, by=lead, reason="Moved")
    assert Notification.objects.filter(
        event="selection.place_freed", recipient=selection.staff
    ).exists()
    waiting = Application.objects.get(pk=rest[0].pk)
    services.offer_place(application=waiting, by=selection.staff)
    waiting.refresh_from_db()
    assert waiting.status == S.SELECTED
    assert Partnership.objects.filter(application=waiting).exists()
    assert Partnership.objects.get(application=selected).status == "withdrawn"


def test_the_conflict_index_agrees_with_the_rule_for_every_pair(selection, call):
    from exchange.selection import conflicts, selectors

    first, second = selection.applications[:2]
    reviewer = selection.reviewers[0]
    services.declare_conflict(reviewer=reviewer, by=reviewer.user, kind="country", country="AT")
    services.declare_conflict(
        reviewer=selection.reviewers[1],
        by=selection.reviewers[1].user,
        kind="person",
        person_email=first.partners.first().participants.first().email,
    )
    selection.reviewers[2].user.memberships.create(
        organisation=second.partners.last().organisation, role="member"
    )
    facts = selectors.facts_of(list(Application.objects.filter(call=call)))
    profiles = selectors.reviewer_profiles(selectors.reviewers_of(call))
    brute = {
        (a, r)
        for a, fact in facts.items()
        for r, profile in profiles.items()
        if conflicts.reason(profile, fact) is not None
    }
    assert selectors.conflict_pairs(facts, profiles) == brute
    assert len(brute) >= 3
