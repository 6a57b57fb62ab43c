"""Recommendations as a page shows them: candidates loaded in a fixed number of queries."""

from dataclasses import dataclass

from exchange.organisations.models import CapacityStatement, Organisation
from exchange.organisations.selectors import with_profile

from . import services
from .models import CandidateMark
from .reasons import explain

POOL = 200  # recommendations considered before the page's filters


@dataclass
class Recommendation:
    organisation: Organisation
    score: float
    reasons: list[dict]
    saved: bool


def list_recommendations(
    organisation, *, country="", field="", area="", limit=20
) -> list[Recommendation]:
    candidates = services.recommend(organisation, POOL)
    orgs = with_profile(Organisation.objects.filter(pk__in=[c.id for c in candidates]))
    if country:
        orgs = orgs.filter(country=country)
    if field:
        orgs = orgs.filter(fields__key=field)
    if area:
        orgs = orgs.filter(
            pk__in=CapacityStatement.objects.filter(area=area).values("organisation_id")
        )
    by_id = {o.pk: o for o in orgs}
    saved = set(
        CandidateMark.objects.filter(
            organisation=organisation, kind=CandidateMark.Kind.SAVED
        ).values_list("candidate_id", flat=True)
    )
    out = []
    for candidate in candidates:
        if candidate.id in by_id:
            out.append(
                Recommendation(
                    by_id[candidate.id],
                    candidate.score,
                    explain(candidate, by_id[candidate.id].name),
                    candidate.id in saved,
                )
            )
            if len(out) == limit:
                break
    return out


def list_saved(organisation):
    return with_profile(
        Organisation.objects.filter(
            pk__in=CandidateMark.objects.filter(
                organisation=organisation, kind=CandidateMark.Kind.SAVED
            ).values("candidate_id")
        )
    ).order_by("name")
