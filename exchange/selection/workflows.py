"""The life of a reviewer's invitation and of a review, as tables (core.workflow)."""

from django.utils import timezone

from exchange.core.workflow import Transition, Workflow

from . import permissions
from .models import Review, Reviewer

R = Reviewer.Status
V = Review.Status


def stamp_acceptance(reviewer: Reviewer, by) -> list[str]:
    reviewer.user = by
    reviewer.accepted_at = timezone.now()
    return ["user", "accepted_at"]


REVIEWER = Workflow(
    "selection.reviewer",
    Reviewer,
    R,
    [
        Transition(
            R.INVITED,
            R.ACTIVE,
            rule=permissions.can_accept_invitation,
            stamps=[stamp_acceptance],
            event="selection.reviewer_joined",
        ),
        Transition(R.INVITED, R.DECLINED, rule=permissions.can_accept_invitation),
        Transition(R.INVITED, R.REMOVED, rule=permissions.can_manage_reviewer),
        Transition(R.ACTIVE, R.REMOVED, rule=permissions.can_manage_reviewer),
        Transition(R.REMOVED, R.ACTIVE, rule=permissions.can_manage_reviewer),
    ],
)


def stamp_submission(review: Review, by) -> list[str]:
    review.submitted_at = timezone.now()
    return ["submitted_at", "total"]


REVIEW = Workflow(
    "selection.review",
    Review,
    V,
    [
        Transition(V.ASSIGNED, V.DRAFT, rule=permissions.can_score),
        Transition(
            V.ASSIGNED,
            V.SUBMITTED,
            rule=permissions.can_score,
            guards=[permissions.is_complete],
            stamps=[stamp_submission],
            event="selection.review_submitted",
        ),
        Transition(
            V.DRAFT,
            V.SUBMITTED,
            rule=permissions.can_score,
            guards=[permissions.is_complete],
            stamps=[stamp_submission],
            event="selection.review_submitted",
        ),
        # A declared conflict, or staff taking the review back, releases it.
        Transition(V.ASSIGNED, V.RELEASED, rule=permissions.can_release),
        Transition(V.DRAFT, V.RELEASED, rule=permissions.can_release),
        # Staff reopen a submitted review when the reviewer asks to correct it.
        Transition(V.SUBMITTED, V.DRAFT, rule=permissions.can_reopen),
    ],
)
