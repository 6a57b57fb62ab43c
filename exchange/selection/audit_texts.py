"""The audit trail in words: one whole translated sentence per kind of action."""

from django.utils.translation import gettext as _

from .models import Decision


def text(entry, reviewers: dict[int, str]) -> str:
    d = entry.detail or {}
    reviewer = reviewers.get(d.get("reviewer"), _("a reviewer"))
    action = entry.action
    if action == "screened":
        if d.get("eligible"):
            return _("Found eligible; the application goes to review.")
        return _("Found not eligible: %(reason)s") % {"reason": d.get("reason", "")}
    if action == "conflict_declared":
        return _("%(reviewer)s declared a conflict of interest; the review was released.") % {
            "reviewer": reviewer
        }
    if action == "assigned":
        return _("Assigned to %(reviewer)s.") % {"reviewer": reviewer}
    if action == "unassigned":
        return _("Taken from %(reviewer)s when the assignment changed.") % {"reviewer": reviewer}
    if action == "decision_published":
        outcome = d.get("outcome", "")
        label = Decision.Outcome(outcome).label if outcome in Decision.Outcome.values else outcome
        return _("Decision published to the applicants: %(outcome)s.") % {"outcome": label}
    if action == "pair_proposed":
        return _("Proposed as a pair with another single applicant (proposal #%(pk)s).") % {
            "pk": d.get("proposal", "")
        }
    if action == "pair_accepted":
        return _("An organisation accepted the proposed pair (proposal #%(pk)s).") % {
            "pk": d.get("proposal", "")
        }
    if action == "pair_declined":
        return _("An organisation declined the proposed pair (proposal #%(pk)s).") % {
            "pk": d.get("proposal", "")
        }
    if action == "paired":
        return _("Both organisations accepted: they apply together (proposal #%(pk)s).") % {
            "pk": d.get("proposal", "")
        }
    if action == "reassigned":
        return _("Given to %(reviewer)s after a release.") % {"reviewer": reviewer}
    if action == "assigned_by_hand":
        return _("%(reviewer)s assigned by hand.") % {"reviewer": reviewer}
    if action == "review_released":
        return _("The review of %(reviewer)s was taken back.") % {"reviewer": reviewer}
    if action == "review_saved":
        return _("%(reviewer)s saved a draft review.") % {"reviewer": reviewer}
    if action == "review_submitted":
        return _("%(reviewer)s submitted a review.") % {"reviewer": reviewer}
    if action == "review_reopened":
        return _("The review of %(reviewer)s was reopened: %(reason)s") % {
            "reviewer": reviewer,
            "reason": d.get("reason", ""),
        }
    if action == "decision_recorded":
        outcome = d.get("outcome", "")
        label = Decision.Outcome(outcome).label if outcome in Decision.Outcome.values else outcome
        line = _("Decision recorded: %(outcome)s. Reason: %(reason)s") % {
            "outcome": label,
            "reason": d.get("reason", ""),
        }
        if d.get("override"):
            line += " " + _("Beyond the call's number because: %(why)s") % {"why": d["override"]}
        return line
    if action == "place_offered":
        return _("Offered a place that became free in the cohort.")
    if action == "selected_withdrew":
        return _("The selected partnership withdrew.")
    return _("Other action: %(action)s") % {"action": action}
