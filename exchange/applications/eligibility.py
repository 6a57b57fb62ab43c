"""Eligibility of an application as a checklist, from plain facts (no database): sides and
countries, number of organisations and participants, required answers, word limits, and
each organisation in at most one application per call."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Rules:
    turkey_countries: frozenset
    europe_countries: frozenset
    organisations_per_partnership: int = 2
    participants_per_organisation: int = 2
    single_applicants_allowed: bool = True


@dataclass(frozen=True)
class OrganisationFacts:
    name: str
    country: str
    participants: int
    in_other_application: bool = False


@dataclass(frozen=True)
class Facts:
    rules: Rules
    organisations: tuple
    seeking_partner: bool = False
    missing: tuple = ()  # (organisation name or "", question label)
    over_limit: tuple = ()  # (organisation name or "", question label, words, limit)


@dataclass(frozen=True)
class Item:
    ok: bool
    label: str
    problems: tuple = field(default_factory=tuple)


def side_of(rules: Rules, country: str) -> str | None:
    if country in rules.turkey_countries:
        return "turkey"
    if country in rules.europe_countries:
        return "europe"
    return None


def checklist(facts: Facts) -> list[Item]:
    rules = facts.rules
    items = []

    # Sides and countries
    problems = []
    sides = []
    for org in facts.organisations:
        side = side_of(rules, org.country)
        if side is None:
            problems.append(
                _("%(org)s is based in a country that is not eligible for this call.")
                % {"org": org.name}
            )
        sides.append(side)
    if not facts.seeking_partner and len(facts.organisations) >= 2:
        if "turkey" not in sides:
            problems.append(_("The partnership needs an organisation from Turkey."))
        if "europe" not in sides:
            problems.append(_("The partnership needs an organisation from a European country."))
    items.append(Item(not problems, _("Sides and countries"), tuple(problems)))

    # Number of organisations
    count = len(facts.organisations)
    problems = []
    if facts.seeking_partner:
        if not rules.single_applicants_allowed:
            problems.append(_("This call does not accept organisations applying alone."))
        elif count != 1:
            problems.append(_("An application to be matched is made by one organisation."))
    elif count < 2:
        problems.append(_("Invite your partner organisation: a partnership needs two."))
    elif count > rules.organisations_per_partnership:
        problems.append(
            ngettext(
                "This call allows at most %(max)s organisation per partnership.",
                "This call allows at most %(max)s organisations per partnership.",
                rules.organisations_per_partnership,
            )
            % {"max": rules.organisations_per_partnership}
        )
    items.append(Item(not problems, _("Number of organisations"), tuple(problems)))

    # Participants
    wanted = rules.participants_per_organisation
    problems = [
        ngettext(
            "%(org)s names %(count)s participant; the call asks for %(wanted)s.",
            "%(org)s names %(count)s participants; the call asks for %(wanted)s.",
            org.participants,
        )
        % {"org": org.name, "count": org.participants, "wanted": wanted}
        for org in facts.organisations
        if org.participants != wanted
    ]
    items.append(Item(not problems, _("Participants"), tuple(problems)))

    # Required answers
    problems = [
        (_("%(org)s: “%(q)s” is not answered.") % {"org": org, "q": label})
        if org
        else (_("“%(q)s” is not answered.") % {"q": label})
        for org, label in facts.missing
    ]
    items.append(Item(not problems, _("Required answers"), tuple(problems)))

    # Word limits
    problems = [
        (
            _("“%(q)s” has %(words)s words; the limit is %(limit)s.")
            % {"q": label, "words": words, "limit": limit}
        )
        if not org
        else (
            _("%(org)s: “%(q)s” has %(words)s words; the limit is %(limit)s.")
            % {"org": org, "q": label, "words": words, "limit": limit}
        )
        for org, label, words, limit in facts.over_limit
    ]
    items.append(Item(not problems, _("Word limits"), tuple(problems)))

    # One application per call
    problems = [
        _("%(org)s is already in another application to this call.") % {"org": org.name}
        for org in facts.organisations
        if org.in_other_application
    ]
    items.append(Item(not problems, _("One application per organisation"), tuple(problems)))
    return items


def is_eligible(items: list[Item]) -> bool:
    return all(item.ok for item in items)
