"""What the selection holds about a person: their reviewer roles (name, e-mail, country),
the conflicts they declared and the reviews they wrote. The programme keeps reviews (the
record of why a cohort was chosen); an erased reviewer becomes "a former reviewer"."""

from exchange.accounts.privacy import Section

from .models import AuditEntry, Conflict, Review, Reviewer


def export(user) -> dict:
    roles = Reviewer.objects.filter(user=user).select_related("programme", "call")
    return {
        "reviewer_roles": [
            {
                "programme": r.programme.name,
                "call": r.call.title_en if r.call else None,
                "name": r.name,
                "email": r.email,
                "country": str(r.country),
                "status": r.status,
            }
            for r in roles
        ],
        "conflicts_you_declared": [
            {
                "kind": c.kind,
                "organisation": c.organisation.name if c.organisation else None,
                "country": str(c.country) or None,
                "person": c.person_email or None,
                "application": c.application_id,
                "reason": c.reason,
            }
            for c in Conflict.objects.filter(reviewer__user=user).select_related("organisation")
        ],
        "selection_actions_you_took": [
            {
                "call": e.call_id,
                "application": e.application_id,
                "action": e.action,
                "at": e.at.isoformat(),
            }
            for e in AuditEntry.objects.filter(actor=user)[:5000]
        ],  # fmt: skip
        "reviews_you_wrote": [
            {
                "application": r.application_id,
                "status": r.status,
                "total": r.total,
                "comment": r.comment,
                "scores": {s.criterion.key: [s.value, s.comment] for s in r.scores.all()},
            }
            for r in Review.objects.filter(reviewer__user=user).prefetch_related(
                "scores__criterion"
            )
        ],
    }


def erase(user) -> None:
    Conflict.objects.filter(reviewer__user=user, kind=Conflict.Kind.PERSON).delete()
    for reviewer in Reviewer.objects.filter(user=user):
        reviewer.name = "a former reviewer"
        reviewer.email = f"former-reviewer-{reviewer.pk}@invalid"
        reviewer.user = None
        reviewer.status = Reviewer.Status.REMOVED
        reviewer.save()


SECTION = Section(
    "selection",
    # Decisions, suggestions and the audit trail name the staff member who acted (kept as
    # the record of the selection; the account shows "a former member" after erasure).
    (
        "selection.Reviewer",
        "selection.Conflict",
        "selection.Review",
        "selection.Score",
        "selection.Decision",
        "selection.Suggestion",
        "selection.AuditEntry",
        "selection.PairProposal",  # who proposed and who accepted: the pairing's record
    ),
    export,
    erase,
)
