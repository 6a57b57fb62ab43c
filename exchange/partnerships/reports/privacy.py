"""What reports and self-assessments hold about a person: the reports they submitted or
reviewed and the assessments they last changed. The texts are their partnership's (kept as
its record to the programme); an erased person shows as "a former member"."""

from exchange.accounts.privacy import Section

from .models import Assessment, Report


def export(user) -> dict:
    return {
        "reports_you_submitted": [
            {"partnership": r.partnership_id, "kind": r.kind, "status": r.status}
            for r in Report.objects.filter(submitted_by=user)
        ],
        "reports_you_reviewed": [
            {"partnership": r.partnership_id, "kind": r.kind, "feedback": r.feedback}
            for r in Report.objects.filter(reviewed_by=user)
        ],
        "self_assessments_you_changed": [
            {"partnership": a.partnership_id, "organisation": a.organisation_id, "stage": a.stage}
            for a in Assessment.objects.filter(updated_by=user)
        ],
    }


def erase(user) -> None:
    """The partnership keeps its reports; the account, once erased, reads "a former member"."""


SECTION = Section(
    "reports",
    ("reports.Report", "reports.Assessment", "reports.Schedule", "reports.ReminderSent"),
    export,
    erase,
)
