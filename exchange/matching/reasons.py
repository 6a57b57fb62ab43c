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

from .engine import AREA_INDEX, Candidate, Reason

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


# Which statements an area reason rests on: (my kind, the partner's kind).
SIDES = {
    "common_need": ("need", "need"),
    "they_offer": ("need", "offer"),
    "you_offer": ("offer", "need"),
}
QUOTE_LENGTH = 90  # characters of a statement quoted in a reason


def excerpt(text: str, length: int = QUOTE_LENGTH) -> str:
    """The statement's first sentence, cut at a word within `length` characters."""
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        if end in text:
            text = text.split(end, 1)[0] + end.strip()
            break
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def source(statements, kind: str, area: str) -> str:
    """The text of the statement written in words only (no area chosen) of `kind` that
    reads most as `area`; "" when the area was chosen or no such statement exists.
    `statements`: (kind, chosen area, text, read probabilities) of one organisation."""
    if any(k == kind and chosen == area for k, chosen, _t, _p in statements):
        return ""
    index = AREA_INDEX[area]
    best, best_p = "", 0.0
    for k, chosen, text, probabilities in statements:
        if k != kind or chosen or not text or not probabilities:
            continue
        if probabilities[index] > best_p:
            best, best_p = text, probabilities[index]
    return best


def add_sources(shown: list[dict], mine, theirs, name: str) -> list[dict]:
    """Each reason on an area read from words says which words, as a whole sentence:
    "Read from your words: »…«" / "Read from the words of X: »…«"."""
    for reason in shown:
        if not reason["inferred"] or reason["kind"] not in SIDES:
            continue
        my_kind, their_kind = SIDES[reason["kind"]]
        quotes = []
        for whose, statements, kind in (("yours", mine, my_kind), ("partner", theirs, their_kind)):
            words = excerpt(source(statements, kind, reason["key"]))
            if not words:
                continue
            if whose == "yours":
                said = _("Read from your words: “%(words)s”") % {"words": words}
            else:
                said = _("Read from the words of %(name)s: “%(words)s”") % {
                    "name": name,
                    "words": words,
                }
            quotes.append({"whose": whose, "words": words, "text": said})
        reason["read_from"] = quotes
    return shown
