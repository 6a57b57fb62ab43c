"""The sentences that explain a recommendation, translated, with each part's share."""

from django.utils.translation import gettext as _

from exchange.organisations import taxonomy

from .engine import Candidate, Reason


def sentence(reason: Reason) -> str:
    if reason.kind == "common_need":
        return _("You both want to strengthen %(area)s") % {
            "area": str(taxonomy.area(reason.key).label).lower()
        }
    if reason.kind == "they_offer":
        return _("They have experience in %(area)s, which you need") % {
            "area": str(taxonomy.area(reason.key).label).lower()
        }
    if reason.kind == "you_offer":
        return _("You have experience in %(area)s, which they need") % {
            "area": str(taxonomy.area(reason.key).label).lower()
        }
    if reason.kind == "shared_field":
        return _("You both work on %(field)s") % {
            "field": str(taxonomy.field(reason.key).label).lower()
        }
    if reason.kind == "hosts_visits":
        return _("They can host a study visit")
    if reason.kind == "shared_language":
        return _("You share %(language)s") % {"language": taxonomy.language_label(reason.key)}
    return reason.kind


def explain(candidate: Candidate) -> list[dict]:
    """[{"text", "points", "share", "inferred"}] for a candidate, largest part first;
    `inferred` when an area in it was read from someone's words rather than chosen."""
    total = sum(r.points for r in candidate.reasons) or 1.0
    return [
        {
            "text": sentence(r),
            "points": round(r.points, 3),
            "share": round(100 * r.points / total),
            "inferred": r.inferred,
        }
        for r in candidate.reasons
    ]
