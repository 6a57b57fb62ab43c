"""The programme's vocabularies: thematic fields, capacity areas, working languages.

Keys are stable (they are stored and exchanged in imports); labels and one-line
descriptions are translated in the catalogues like every other string.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from exchange.core import languages
from exchange.core.textsearch import tag, word_keys, words


@dataclass(frozen=True)
class Term:
    key: str
    label: Promise
    description: Promise


THEMATIC_FIELDS = (
    Term(
        "human-rights", _("Human rights"), _("Protecting and promoting the rights of every person.")
    ),
    Term("youth", _("Youth"), _("Work with and for young people.")),
    Term("education", _("Education"), _("Formal, non-formal and lifelong learning.")),
    Term(
        "culture-arts",
        _("Culture and arts"),
        _("Artistic work, cultural heritage and cultural participation."),
    ),
    Term(
        "environment-climate",
        _("Environment and climate"),
        _("Nature protection, climate action and sustainability."),
    ),
    Term(
        "gender-equality",
        _("Gender equality"),
        _("Equal rights and opportunities for women and men."),
    ),
    Term("lgbti", _("LGBTI+ rights"), _("Rights and inclusion of LGBTI+ people.")),
    Term(
        "migration-refugees",
        _("Migration and refugees"),
        _("Support for migrants, refugees and asylum seekers."),
    ),
    Term("disability", _("Disability"), _("Rights and participation of people with disabilities.")),
    Term("children", _("Children"), _("Children's rights, protection and well-being.")),
    Term("elderly", _("Older people"), _("Dignity, care and participation of older people.")),
    Term("health", _("Health"), _("Public health, mental health and access to care.")),
    Term(
        "urban-development",
        _("Urban development"),
        _("Liveable cities, housing and neighbourhoods."),
    ),
    Term(
        "rural-development",
        _("Rural development"),
        _("Villages, agriculture and rural livelihoods."),
    ),
    Term(
        "media-journalism",
        _("Media and journalism"),
        _("Independent media, journalism and media literacy."),
    ),
    Term(
        "democracy-participation",
        _("Democracy and participation"),
        _("Civic participation, elections and good governance."),
    ),
    Term(
        "peacebuilding-dialogue",
        _("Peacebuilding and dialogue"),
        _("Dialogue between communities and conflict transformation."),
    ),
    Term(
        "social-entrepreneurship",
        _("Social entrepreneurship"),
        _("Enterprises that serve a social purpose."),
    ),
    Term("animal-rights", _("Animal rights"), _("Animal welfare and protection.")),
    Term(
        "poverty-social-inclusion",
        _("Poverty and social inclusion"),
        _("Fighting poverty and exclusion."),
    ),
    Term(
        "minority-rights",
        _("Minority rights"),
        _("Rights of ethnic, religious and linguistic minorities."),
    ),
    Term("sports", _("Sports"), _("Sport for all and sport for social change.")),
)

CAPACITY_AREAS = (
    Term(
        "volunteer-management",
        _("Volunteer management"),
        _("Recruiting, training, keeping and recognising volunteers."),
    ),
    Term(
        "individual-giving",
        _("Individual giving"),
        _("Raising donations from individuals and building a donor base."),
    ),
    Term(
        "institutional-funding",
        _("Institutional funding"),
        _("Applying for and managing grants from foundations and public funders."),
    ),
    Term(
        "financial-management",
        _("Financial management"),
        _("Budgets, bookkeeping, financial reports and controls."),
    ),
    Term("governance", _("Governance"), _("Boards, decision-making, statutes and accountability.")),
    Term(
        "strategic-planning",
        _("Strategic planning"),
        _("Setting direction, goals and priorities for the years ahead."),
    ),
    Term(
        "communication",
        _("Communication"),
        _("Telling the organisation's story in media and social media."),
    ),
    Term("advocacy", _("Advocacy"), _("Influencing laws, policies and public opinion.")),
    Term(
        "community-engagement",
        _("Community engagement"),
        _("Involving the people and communities the organisation serves."),
    ),
    Term(
        "monitoring-evaluation",
        _("Monitoring and evaluation"),
        _("Measuring results and learning from them."),
    ),
    Term(
        "digital-transformation",
        _("Digital transformation"),
        _("Digital tools, data protection and digital security."),
    ),
    Term(
        "human-resources", _("Human resources"), _("Recruiting, developing and caring for staff.")
    ),
    Term(
        "networking-partnerships",
        _("Networking and partnerships"),
        _("Building coalitions, networks and joint projects."),
    ),
    Term(
        "knowledge-management",
        _("Knowledge management"),
        _("Keeping and sharing what the organisation learns."),
    ),
    Term(
        "inclusion-diversity",
        _("Inclusion and diversity"),
        _("Making the organisation open and accessible to all."),
    ),
    Term(
        "legal-compliance",
        _("Legal compliance"),
        _("Registration, reporting duties and the legal framework for CSOs."),
    ),
)

# Working languages live in core (people speak them too): see core.languages.
WORKING_LANGUAGES = languages.WORKING_LANGUAGES

FIELD_KEYS = frozenset(t.key for t in THEMATIC_FIELDS)
AREA_KEYS = frozenset(t.key for t in CAPACITY_AREAS)
LANGUAGE_CODES = frozenset(code for code, _label in WORKING_LANGUAGES)
_FIELDS = {t.key: t for t in THEMATIC_FIELDS}
_AREAS = {t.key: t for t in CAPACITY_AREAS}
_LANGUAGES = dict(WORKING_LANGUAGES)


def field_choices():
    return [(t.key, t.label) for t in THEMATIC_FIELDS]


def area_choices():
    return [(t.key, t.label) for t in CAPACITY_AREAS]


language_choices = languages.language_choices


def field(key: str) -> Term:
    return _FIELDS[key]


def area(key: str) -> Term:
    return _AREAS[key]


def language_label(code: str):
    return _LANGUAGES.get(code, code)


def search_tag(term: Term) -> str:
    kind = "area" if term.key in AREA_KEYS else "field"
    return tag(kind, term.key)


_LABEL_KEYS: dict[str, set[str]] | None = None


def label_synonyms(keys) -> set[str]:
    """The search tags of the terms whose label, in EN, TR or DE, has a word with one of
    these keys: a Turkish searcher typing 'gönüllü' finds a German organisation that
    chose 'volunteer management' (profiles are indexed under the term's tag)."""
    global _LABEL_KEYS
    if _LABEL_KEYS is None:
        index: dict[str, set[str]] = {}
        for term in CAPACITY_AREAS + THEMATIC_FIELDS:
            for lang in ("en", "tr", "de"):
                with override(lang):
                    label = str(term.label)
                for word in words(label):
                    for key in word_keys(word):
                        index.setdefault(key, set()).add(search_tag(term))
        _LABEL_KEYS = index
    found: set[str] = set()
    for key in keys:
        found |= _LABEL_KEYS.get(key, set())
    return found
