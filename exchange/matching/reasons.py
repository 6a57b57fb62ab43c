"""The sentences that explain a recommendation, translated whole, with each part's share.

Each kind of reason is one whole sentence per language with placeholders for the partner's
name and for a term (an area, a field, a language). A term stands where it needs no
declension (German puts it in quotes after "Bereich", Turkish before "alanı"), and is
written as each language writes a term inside a sentence: lower case in English and in
Turkish (by Turkish rules: "İ" -> "i"), capitalised as a noun in German."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from exchange.core.text import inline_term
from exchange.organisations import taxonomy

from .engine import Candidate, Reason

# A reason that carries this share of a score or less is not shown: it explains nothing.
# (A hard condition met, such as a shared working language, has no share and is shown.)
MIN_SHARE = 3


def inline(label) -> str:
    """A term as it is written inside a sentence of the active language."""
    return inline_term(label, get_language() or "en")


def sentence(reason: Reason, name: str) -> str:
    """The reason as a whole sentence; `name` is the recommended partner's name."""
    kind = reason.kind
    if kind == "common_need":
        return _("You both want to strengthen %(area)s.") % {
            "area": inline(taxonomy.area(reason.key).label)
        }
    if kind == "they_offer":
        return _("%(name)s has experience in %(area)s, which you want to strengthen.") % {
            "name": name,
            "area": inline(taxonomy.area(reason.key).label),
        }
    if kind == "you_offer":
        return _("You have experience in %(area)s, which %(name)s wants to strengthen.") % {
            "name": name,
            "area": inline(taxonomy.area(reason.key).label),
        }
    if kind == "shared_field":
        return _("You both work on %(field)s.") % {
            "field": inline(taxonomy.field(reason.key).label)
        }
    if kind == "hosts_visits":
        return _("%(name)s can host a study visit.") % {"name": name}
    if kind == "shared_language":
        return _("You share %(language)s.") % {"language": taxonomy.language_label(reason.key)}
    return kind


def explain(candidate: Candidate, name: str = "") -> list[dict]:
    """[{"kind", "key", "text", "points", "share", "inferred"}] for a candidate, largest
    part first, without the parts too small to explain anything; `inferred` when an area in
    it was read from someone's words rather than chosen."""
    total = sum(r.points for r in candidate.reasons) or 1.0
    name = name or _("This organisation")
    shown = []
    for r in candidate.reasons:
        share = round(100 * r.points / total)
        if 0 < r.points and share <= MIN_SHARE and len(candidate.reasons) > 1:
            continue  # a constraint met (a shared language) carries no points and is shown
        shown.append(
            {
                "kind": r.kind,
                "key": r.key,
                "text": sentence(r, name),
                "points": round(r.points, 3),
                "share": share,
                "inferred": r.inferred,
            }
        )
    return shown
