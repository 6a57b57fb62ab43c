"""What visits hold about a person: the visits they planned, the traveller records that
carry their e-mail address, the letters they issued. A passport number is never exported
(it is not the kind of data a download should carry, and it is deleted after the visit);
erasure removes the traveller's personal data and keeps the visit and the letter's number,
so that a consulate's question about a letter still has an answer."""

from django.utils import timezone

from exchange.accounts.privacy import Section

from .models import InvitationLetter, Traveller, Visit


def _travellers(user):
    return (
        Traveller.objects.filter(email__iexact=user.email)
        if user.email
        else Traveller.objects.none()
    )


def export(user) -> dict:
    return {
        "visits_you_planned": [
            {
                "visit": v.pk,
                "host": v.host.name,
                "starts_on": v.starts_on.isoformat(),
                "ends_on": v.ends_on.isoformat(),
                "purpose": v.purpose,
                "status": v.status,
            }
            for v in Visit.objects.filter(created_by=user).select_related("host")
        ],
        "you_as_a_traveller": [
            {
                "visit": t.visit_id,
                "host": t.visit.host.name,
                "starts_on": t.visit.starts_on.isoformat(),
                "ends_on": t.visit.ends_on.isoformat(),
                "name": t.name,
                "organisation": t.organisation.name,
                "needs_visa": t.needs_visa,
                "nationality": str(t.nationality.code or ""),
                "date_of_birth": t.date_of_birth.isoformat() if t.date_of_birth else None,
                "passport_number_on_file": bool(t.passport_number),
                "accessibility_needs": t.accessibility_needs,
                "other_needs": t.other_needs,
                "costs_covered": t.costs_covered,
                "letters": [letter.number for letter in t.letters.exclude(number=None)],
            }
            for t in _travellers(user).select_related("visit__host", "organisation")
        ],
        "letters_you_issued": [
            {"number": letter.number, "visit": letter.visit_id, "status": letter.status}
            for letter in InvitationLetter.objects.filter(issued_by=user).exclude(number=None)
        ],
    }


def erase(user) -> None:
    _travellers(user).update(
        name="",
        email="",
        nationality="",
        date_of_birth=None,
        passport_number=None,
        passport_deleted_at=timezone.now(),
        accessibility_needs="",
        other_needs="",
        costs_covered="",
    )


SECTION = Section(
    "visits",
    models=("visits.Visit", "visits.Traveller", "visits.InvitationLetter"),
    export=export,
    erase=erase,
)
