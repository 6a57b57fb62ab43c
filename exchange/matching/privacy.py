"""What matching holds about a person: the partners they saved or dismissed for their
organisation (the marks stay the organisation's)."""

from exchange.accounts.privacy import Section

from .models import CandidateMark


def export(user) -> dict:
    return {
        "partners_you_marked": [
            {"for": m.organisation.name, "partner": m.candidate.name, "mark": m.kind}
            for m in CandidateMark.objects.filter(by=user).select_related(
                "organisation", "candidate"
            )
        ]
    }


SECTION = Section(
    "matching", models=("matching.CandidateMark",), export=export, erase=lambda user: None
)
