"""A proposed pair's reasons as sentences (the matching engine's reasons, matching.reasons).

The reasons are kept as the engine gives them, read from the first organisation's side:
that organisation reads them as they are, the second with "you" and "they" swapped, and
staff in the third person, naming both organisations."""

from django.utils.translation import gettext as _

from exchange.matching.engine import Candidate, Reason
from exchange.matching.reasons import explain, inline
from exchange.organisations import taxonomy

SWAPPED = {"they_offer": "you_offer", "you_offer": "they_offer"}


def to_data(reasons: list[Reason]) -> list[dict]:
    return [
        {"kind": r.kind, "key": r.key, "points": r.points, "inferred": r.inferred} for r in reasons
    ]


def _reasons(data: list[dict], *, swap: bool = False) -> list[Reason]:
    out = []
    for d in data:
        kind = SWAPPED.get(d["kind"], d["kind"]) if swap else d["kind"]
        if swap and kind == "hosts_visits":
            continue  # the second organisation is the host: it knows, and it is no reason
        out.append(Reason(kind, d["key"], d["points"], d.get("inferred", False)))
    return out


def for_organisation(proposal, side: str) -> list[dict]:
    """The reasons for the administrators of one side, naming the other organisation."""
    other = proposal.second_organisation if side == "first" else proposal.first_organisation
    reasons = _reasons(proposal.reasons, swap=side == "second")
    return explain(Candidate(other.pk, proposal.score, reasons), other.name)


def staff_sentence(kind: str, key: str, first: str, second: str) -> str:
    names = {"first": first, "second": second}
    if kind == "common_need":
        return _("%(first)s and %(second)s both want to strengthen %(area)s.") % {
            **names,
            "area": inline(taxonomy.area(key).label),
        }
    if kind == "they_offer":
        return _("%(second)s has experience in %(area)s, which %(first)s wants to strengthen.") % {
            **names,
            "area": inline(taxonomy.area(key).label),
        }
    if kind == "you_offer":
        return _("%(first)s has experience in %(area)s, which %(second)s wants to strengthen.") % {
            **names,
            "area": inline(taxonomy.area(key).label),
        }
    if kind == "shared_field":
        return _("%(first)s and %(second)s both work on %(field)s.") % {
            **names,
            "field": inline(taxonomy.field(key).label),
        }
    if kind == "hosts_visits":
        return _("%(second)s can host a study visit.") % names
    if kind == "shared_language":
        return _("%(first)s and %(second)s share %(language)s.") % {
            **names,
            "language": taxonomy.language_label(key),
        }
    return kind


def for_staff(data: list[dict], score: float, first: str, second: str) -> list[dict]:
    """The reasons staff read: each with its share, in the third person."""
    shown = explain(Candidate(0, score, _reasons(data)), second)
    for item in shown:
        item["text"] = staff_sentence(item["kind"], item["key"], first, second)
    return shown
