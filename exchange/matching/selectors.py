"""Recommendations as a page shows them: candidates loaded in a fixed number of queries."""

from dataclasses import dataclass

from exchange.organisations.models import CapacityStatement, Organisation
from exchange.organisations.selectors import with_profile

from . import services
from .models import CandidateMark
from .reasons import add_sources, explain

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
    shown = [c for c in candidates if c.id in by_id][:limit]
    words = statements_of([organisation.pk, *(c.id for c in shown)])
    return [
        Recommendation(
            by_id[c.id],
            c.score,
            add_sources(
                explain(c, by_id[c.id].name),
                words.get(organisation.pk, []),
                words.get(c.id, []),
                by_id[c.id].name,
            ),
            c.id in saved,
        )
        for c in shown
    ]


def statements_of(organisation_ids) -> dict[int, list[tuple]]:
    """organisation id -> [(kind, chosen area, text, read probabilities)], one query: what
    a reason on an area read from words quotes."""
    out: dict[int, list[tuple]] = {}
    rows = CapacityStatement.objects.filter(organisation_id__in=organisation_ids).values_list(
        "organisation_id", "kind", "area", "text", "reading__areas"
    )
    for organisation_id, kind, area, text, areas in rows:
        out.setdefault(organisation_id, []).append((kind, area, text, areas or []))
    return out


def list_saved(organisation):
    return with_profile(
        Organisation.objects.filter(
            pk__in=CandidateMark.objects.filter(
                organisation=organisation, kind=CandidateMark.Kind.SAVED
            ).values("candidate_id")
        )
    ).order_by("name")
