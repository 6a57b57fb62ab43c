"""A model's way to the library, as a table (core.workflow).

draft → approved (every author organisation approved the working copy as it stands) →
in review → published, or sent back with the staff's comments. An edit of an approved,
sent-back or published model makes it a draft again; a published model's last version
stays public while its update is written."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.core.workflow import Transition, Workflow

from . import permissions
from .models import PracticeModel

S = PracticeModel.Status


def every_organisation_approved(model) -> Decision:
    approved = set(model.approvals.values_list("organisation_id", flat=True))
    if set(permissions.author_ids(model)) <= approved:
        return ALLOW
    return deny(_("Every author organisation has to approve the model first."), "incomplete")


def complete(model) -> Decision:
    """A title, a summary, the problem and the approach in the language it was written in."""
    text = model.texts.filter(language=model.original_language).first()
    if text and all((text.title, text.summary, text.problem, text.approach)):
        return ALLOW
    return deny(
        _("Write at least the title, the summary, the problem and the approach first."),
        "incomplete",
    )


MODEL = Workflow(
    "library.model",
    PracticeModel,
    S,
    [
        Transition(S.DRAFT, S.APPROVED, rule=permissions.can_approve,
                   guards=[complete, every_organisation_approved]),
        Transition(S.APPROVED, S.DRAFT, rule=permissions.can_edit),
        Transition(S.APPROVED, S.IN_REVIEW, rule=permissions.can_submit,
                   guards=[every_organisation_approved], event="library.submitted"),
        Transition(S.IN_REVIEW, S.DRAFT, rule=permissions.can_submit),
        Transition(S.IN_REVIEW, S.PUBLISHED, rule=permissions.can_review,
                   guards=[complete], event="library.published"),
        Transition(S.IN_REVIEW, S.SENT_BACK, rule=permissions.can_review,
                   event="library.sent_back"),
        Transition(S.SENT_BACK, S.DRAFT, rule=permissions.can_edit),
        Transition(S.PUBLISHED, S.DRAFT, rule=permissions.can_edit),
    ],
)  # fmt: skip
