"""Who may do what in the selection. The only place these rules are written.

Staff of the call's programme run the selection. Reviewers are people with an active
reviewer role for the programme (every call) or the call, who use two factors; a reviewer
sees an application only through a live review assigned to them, and never one they are
in conflict with (their conflicts release the review)."""

from django.utils.translation import gettext_lazy as _

from exchange.accounts.services import has_two_factor
from exchange.applications.models import Application
from exchange.calls.permissions import can_manage_call, can_run_programme
from exchange.core.permissions import ALLOW, Decision, deny, first_refusal, memo

from .models import Review, Reviewer

TWO_FACTOR = _(
    "Reviewers sign in with two factors. Set up an authenticator app in your account "
    "settings, then open this page again."
)


def can_run_selection(user, call) -> Decision:
    return can_manage_call(user, call)


def can_manage_reviewer(user, reviewer: Reviewer) -> Decision:
    return can_run_programme(user, reviewer.programme)


def has_two_factors(user) -> Decision:
    if memo(user, "two_factor", user.pk, lambda: has_two_factor(user)):
        return ALLOW
    return deny(TWO_FACTOR, "two_factor")


def can_accept_invitation(user, reviewer: Reviewer) -> Decision:
    if user is None or not user.is_authenticated:
        return deny(_("Sign in to answer the invitation."))
    if (user.email or "").lower() != reviewer.email.lower():
        return deny(
            _("This invitation was sent to %(email)s. Sign in with that address to answer it.")
            % {"email": reviewer.email},
            "mismatch",
        )
    return ALLOW


def is_reviewer(user) -> bool:
    """Whether the person has any active reviewer role (for the menu)."""
    if user is None or not user.is_authenticated:
        return False
    return memo(
        user,
        "is_reviewer",
        user.pk,
        lambda: Reviewer.objects.filter(user=user, status=Reviewer.Status.ACTIVE).exists(),
    )


def _owns(user, review: Review) -> Decision:
    reviewer = review.reviewer
    if (
        user is None
        or not user.is_authenticated
        or reviewer.user_id != user.pk
        or reviewer.status != Reviewer.Status.ACTIVE
        or not review.is_live
    ):
        return deny(_("This review is not assigned to you."), "not_found")
    return ALLOW


def can_view_review(user, review: Review) -> Decision:
    """The reviewer it is assigned to (with two factors), and the programme's staff."""
    if can_run_selection(user, review.application.call):
        return ALLOW
    return first_refusal(lambda: _owns(user, review), lambda: has_two_factors(user))


def in_review(review: Review) -> Decision:
    if review.application.status != Application.Status.UNDER_REVIEW:
        return deny(_("The application is no longer under review: scores are closed."), "state")
    return ALLOW


def can_score(user, review: Review) -> Decision:
    """Only the assigned reviewer scores, with two factors, while the application is
    under review."""
    return first_refusal(
        lambda: _owns(user, review), lambda: has_two_factors(user), lambda: in_review(review)
    )


def is_complete(review: Review) -> Decision:
    values = {s.criterion_id: s.value for s in review.scores.all()}
    missing = [c for c in review.application.call.criteria.all() if values.get(c.pk) is None]
    if missing:
        return deny(
            _("Give a score for every criterion first: %(criteria)s.")
            % {"criteria": ", ".join(c.title for c in missing)},
            "incomplete",
        )
    return ALLOW


def can_release(user, review: Review) -> Decision:
    """The reviewer steps back (a conflict), or staff take the review back."""
    if can_run_selection(user, review.application.call):
        return ALLOW
    return first_refusal(lambda: _owns(user, review), lambda: has_two_factors(user))


def can_declare_on_review(user, review: Review) -> Decision:
    """Only the reviewer it is assigned to declares a conflict with it."""
    return first_refusal(lambda: _owns(user, review), lambda: has_two_factors(user))


def can_reopen(user, review: Review) -> Decision:
    return can_run_selection(user, review.application.call)


def can_see_other_scores(user, review: Review) -> Decision:
    """Reviewers see each other's scores only once they have submitted their own."""
    if can_run_selection(user, review.application.call):
        return ALLOW
    if review.status == Review.Status.SUBMITTED:
        return ALLOW
    return deny(_("You see the other reviewers' scores once you have submitted yours."))


def can_declare_conflicts(user, reviewer: Reviewer) -> Decision:
    if user is None or reviewer.user_id != user.pk:
        return deny(_("Only the reviewer declares their conflicts."), "not_found")
    return ALLOW
