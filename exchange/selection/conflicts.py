"""Conflicts of interest as plain data: a reviewer never reviews an application of an
organisation they belong to or declared, of a country they declared, with a person they
declared (by e-mail: a member or participant of one of its organisations), or an
application they declared."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ReviewerFacts:
    reviewer: int
    own_organisations: frozenset[int]
    organisations: frozenset[int]
    countries: frozenset[str]
    emails: frozenset[str]
    applications: frozenset[int]


def profile(reviewer, own_organisations) -> ReviewerFacts:
    declared = list(reviewer.conflicts.all())
    return ReviewerFacts(
        reviewer=reviewer.pk,
        own_organisations=frozenset(own_organisations),
        organisations=frozenset(c.organisation_id for c in declared if c.organisation_id),
        countries=frozenset(str(c.country) for c in declared if c.country),
        emails=frozenset(c.person_email.lower() for c in declared if c.person_email),
        applications=frozenset(c.application_id for c in declared if c.application_id),
    )


def reason(reviewer: ReviewerFacts, application) -> str | None:
    """Why the reviewer may not review the application (`selectors.Facts`), or None."""
    organisations = set(application.organisations)
    if reviewer.own_organisations & organisations:
        return _("The reviewer is a member of one of its organisations.")
    if application.application in reviewer.applications:
        return _("The reviewer declared a conflict with this application.")
    if reviewer.organisations & organisations:
        return _("The reviewer declared a conflict with one of its organisations.")
    if reviewer.countries & set(application.countries):
        return _("The reviewer declared a conflict with one of its countries.")
    if reviewer.emails & application.emails:
        return _("The reviewer declared a conflict with one of its people.")
    return None
