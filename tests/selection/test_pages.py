"""The selection's pages, as staff and reviewers use them."""

import re

import pytest
from django.urls import reverse

from exchange.applications.models import Application
from exchange.notifications.models import Notification
from exchange.selection import services
from exchange.selection.models import Conflict, Decision, Review, Reviewer
from tests.accounts.factories import UserFactory
from tests.selection.fixtures import make_reviewer, two_factor

S = Application.Status


def url(name, call, *args):
    return reverse(f"selection:{name}", args=[call.slug, *args])


def test_staff_screen_an_application_with_a_reason(client, selection, call):
    client.force_login(selection.staff)
    application = selection.applications[0]
    page = client.get(url("screening", call))
    assert page.status_code == 200 and "The checklist is met." in page.text
    refused = client.post(
        url("screen", call, application.pk), {"eligible": "no", "reason": ""}, follow=True
    )
    assert "Say why the application is not eligible." in refused.text
    client.post(url("screen", call, application.pk), {"eligible": "no", "reason": "No visits."})
    application.refresh_from_db()
    assert application.status == S.INELIGIBLE
    trail = client.get(url("application", call, application.pk)).text
    assert "Found not eligible: No visits." in trail


def test_staff_invite_a_reviewer_who_accepts_by_the_link(
    client, selection, call, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(selection.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("reviewers", call),
            {"name": "Elif", "email": "elif@review.example", "country": "TR", "scope": "call"},
        )
    assert response.status_code == 302
    mail = [m for m in mailoutbox if "elif@review.example" in m.to][0]
    link = re.search(r"https?://[^/\s]+(/reviewing/invitations/\S+/)", mail.body).group(1)
    again = client.post(
        url("reviewers", call),
        {"name": "Elif", "email": "elif@review.example", "scope": "call"},
    )
    assert again.status_code == 400 and "already a reviewer" in again.text
    elif_ = two_factor(UserFactory(email="elif@review.example"))
    client.force_login(elif_)
    assert client.get(link).status_code == 200
    client.post(link, {"answer": "accept"})
    assert Reviewer.objects.get(email="elif@review.example").status == "active"
    # Someone else cannot use the link.
    client.force_login(UserFactory())
    assert client.get(link).status_code == 403


def test_an_impossible_assignment_is_explained_on_the_page(client, selection, call):
    call.reviewers_per_application = 5
    call.save()
    client.force_login(selection.staff)
    page = client.post(url("assignment", call))
    assert page.status_code == 409
    assert "only 4 reviewers without a conflict of interest; it needs 5" in page.text
    assert not Review.objects.exists()


def test_a_reviewer_scores_drafts_submits_and_then_sees_the_others(client, selection, call):
    services.assign_reviewers(call=call, by=selection.staff)
    review = Review.objects.select_related("reviewer__user").first()
    user = review.reviewer.user
    client.force_login(user)
    assert str(review.pk) in client.get(reverse("selection:my-reviews")).text
    page = client.get(reverse("selection:review", args=[review.pk]))
    assert page.status_code == 200
    assert "once you have submitted yours" in page.text
    criteria = list(call.criteria.all())
    data = {f"score_{c.key}": "4" for c in criteria[:2]}
    data["action"] = "submit"
    incomplete = client.post(reverse("selection:review", args=[review.pk]), data)
    assert incomplete.status_code == 400 and "Give a score for every criterion" in incomplete.text
    assert re.search(r'value="4"[^>]*checked', incomplete.text)  # what was chosen stays
    assert Review.objects.get(pk=review.pk).status == "draft"  # and was saved as a draft
    data.update({f"score_{c.key}": "3" for c in criteria})
    client.post(reverse("selection:review", args=[review.pk]), data)
    review.refresh_from_db()
    assert review.status == "submitted" and review.total == 50.0
    assert "The other reviewers" in client.get(reverse("selection:review", args=[review.pk])).text


def test_another_reviewer_never_sees_a_review_not_assigned_to_them(client, selection, call):
    services.assign_reviewers(call=call, by=selection.staff)
    review = Review.objects.first()
    other = next(r for r in selection.reviewers if r.pk != review.reviewer_id)
    client.force_login(other.user)
    assert client.get(reverse("selection:review", args=[review.pk])).status_code == 404


def test_a_reviewer_declares_a_conflict_on_an_assigned_application(client, selection, call):
    services.assign_reviewers(call=call, by=selection.staff)
    review = Review.objects.select_related("reviewer__user").first()
    client.force_login(review.reviewer.user)
    client.post(reverse("selection:review-conflict", args=[review.pk]), {"reason": "Friends"})
    assert client.get(reverse("selection:review", args=[review.pk])).status_code == 404
    assert Conflict.objects.filter(application=review.application).exists()
    live = Review.objects.filter(application=review.application).exclude(status="released")
    assert live.count() == 2


def test_up_front_conflicts_name_an_organisation_country_or_person(client, selection, call):
    reviewer = selection.reviewers[2]
    client.force_login(reviewer.user)
    page = reverse("selection:conflicts", args=[reviewer.pk])
    wrong = client.post(page, {"kind": "organisation", "organisation": "Nobody e.V."})
    assert wrong.status_code == 400 and "copy its name from the directory" in wrong.text
    assert 'value="Nobody e.V."' in wrong.text  # what was typed stays
    client.post(page, {"kind": "country", "country": "AT"})
    services.assign_reviewers(call=call, by=selection.staff)
    austrian = [a for a in selection.applications if "AT" in a.standing.countries]
    assert austrian
    assert not Review.objects.filter(reviewer=reviewer, application__in=austrian).exists()
    client.force_login(selection.reviewers[0].user)
    assert client.get(page).status_code == 404  # someone else's declarations


def test_ranking_cohort_decisions_and_publication_through_the_pages(
    client, selection, call, mailoutbox, django_capture_on_commit_callbacks
):
    services.assign_reviewers(call=call, by=selection.staff)
    for k, review in enumerate(Review.objects.select_related("reviewer__user")):
        services.save_review(
            review=review,
            by=review.reviewer.user,
            scores={c.key: (1 + (k + review.application_id) % 5, "") for c in call.criteria.all()},
            submit=True,
        )
    call.partnerships_to_select = 2
    call.save()
    client.force_login(selection.staff)
    ranking = client.get(url("ranking", call))
    assert ranking.status_code == 200 and "Reviewers' strictness" in ranking.text
    assert client.get(url("ranking", call), {"country": "DE"}).status_code == 200
    client.post(url("cohort", call), {"size": 2, "areas": 2})
    page = client.get(url("cohort", call))
    assert "“at least so many capacity areas” costs" in page.text
    suggestion = selection.call.suggestions.first()
    client.post(url("suggestion-take", call, suggestion.pk))
    for application in selection.applications:
        if application.pk not in suggestion.chosen:
            client.post(
                url("decide", call, application.pk), {"outcome": "rejected", "reason": "Weaker"}
            )
    over = client.post(
        url("decide", call, selection.applications[0].pk),
        {"outcome": "selected", "reason": "Strong"},
    )
    if selection.applications[0].pk not in suggestion.chosen:
        assert over.status_code == 400 and "beyond that number" in over.text
    # Turkish applicants read their decision in Turkish.
    lead = selection.applications[0].partners.get(is_lead=True).organisation
    for m in lead.memberships.all():
        m.user.language = "tr"
        m.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("publish", call))
    assert Decision.objects.exclude(published_at=None).count() == 6
    rejected = Notification.objects.filter(event="applications.decided").first()
    assert rejected is not None
    turkish = [m for m in mailoutbox if "Başvurunuz" in m.subject or "Başvuru" in m.body]
    assert turkish, [m.subject for m in mailoutbox][-3:]


@pytest.mark.parametrize("name", ["screening", "ranking", "assignment", "decisions"])
def test_staff_lists_cost_the_same_queries_at_10_and_100(
    client, selection, call, name, django_assert_max_num_queries
):
    from tests.selection.bulk import add_submitted

    client.force_login(selection.staff)
    add_submitted(call, 4)
    services.refresh_standings(call=call)
    with django_assert_max_num_queries(15):
        assert client.get(url(name, call)).status_code == 200
    add_submitted(call, 90)
    services.refresh_standings(call=call)
    with django_assert_max_num_queries(15):
        assert client.get(url(name, call)).status_code == 200


def test_reviewer_pages_need_two_factors(client, selection, call, programme):
    lazy = make_reviewer(programme, "Eda", "TR", by=selection.staff, mfa=False)
    review = services.assign_by_hand(
        application=selection.applications[0], reviewer=lazy, by=selection.staff
    )
    client.force_login(lazy.user)
    page = client.get(reverse("selection:review", args=[review.pk]))
    assert page.status_code == 403 and "two factors" in page.text
    assert "Set up an authenticator app" in client.get(reverse("selection:my-reviews")).text


def test_a_reviewers_start_page_says_how_many_reviews_wait(client, selection, call):
    services.assign_reviewers(call=call, by=selection.staff)
    reviewer = selection.reviewers[0]
    waiting = Review.objects.filter(reviewer=reviewer).count()
    client.force_login(reviewer.user)
    page = client.get(reverse("site:home"))
    assert f"{waiting} applications wait for your review." in page.text
    client.force_login(UserFactory())
    assert "wait for your review" not in client.get(reverse("site:home")).text


def test_screening_lists_the_applications_still_waiting_for_it_first(client, selection, call):
    from tests.selection.bulk import add_submitted

    (waiting,) = add_submitted(call, 1, status=S.SUBMITTED)
    services.refresh_standings(call=call)
    client.force_login(selection.staff)
    page = client.get(url("screening", call)).text
    first = re.search(r'<article class="screening-row" id="application-(\d+)"', page).group(1)
    assert int(first) == waiting
