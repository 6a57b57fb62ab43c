"""Who writes, submits, reviews a report and fills a self-assessment: the workspace's
rules (partnerships.permissions) with what is particular to reports."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny
from exchange.partnerships import permissions as workspace


def can_write_report(user, report) -> Decision:
    """The partnership's people, while the report is a draft or was returned to them."""
    decision = workspace.can_work(user, report.partnership)
    if not decision:
        return decision
    if not report.is_open:
        return deny(
            _(
                "This report is submitted; it can be changed again only if the programme returns it."
            ),
            "state",
        )
    return ALLOW


def can_submit_report(user, report) -> Decision:
    return can_write_report(user, report)


def can_review_report(user, report) -> Decision:
    """Feedback, accepting and returning a report: the programme's staff."""
    return workspace.can_follow(user, report.partnership)


def can_assess(user, partnership, organisation) -> Decision:
    """An organisation rates itself: its own people, none of the partner's."""
    decision = workspace.can_work(user, partnership)
    if not decision:
        return decision
    if organisation.pk not in workspace.roles_in(user, partnership):
        return deny(
            _("Only the people of %(organisation)s can fill its self-assessment.")
            % {"organisation": organisation.name}
        )
    return ALLOW


def can_submit_assessment(user, assessment) -> Decision:
    return can_assess(user, assessment.partnership, assessment.organisation)


def can_set_schedule(user, cohort) -> Decision:
    return workspace.can_run_cohort(user, cohort)
