"""Models for the library's tests, made through the services as people would."""

from __future__ import annotations

from exchange.library import permissions, services
from exchange.library.models import SECTION_KEYS
from exchange.organisations.models import Membership, Organisation


def admin(organisation):
    return organisation.memberships.filter(role=Membership.Role.ADMIN).first().user


def text(title: str, **sections) -> dict:
    values = {
        "title": title,
        "summary": sections.pop("summary", f"{title}: a summary."),
        "problem": sections.pop("problem", "Volunteers leave after a few months."),
        "approach": sections.pop("approach", "Each new volunteer gets a buddy."),
    }
    values.update(sections)
    return {k: values.get(k, "") for k in ("title", "summary", *SECTION_KEYS)}


def own_model(organisation, texts: dict, *, areas=("volunteer-management",), fields=(),
              origin=None, countries=None):  # fmt: skip
    """A draft of `organisation`'s own, with `texts` {language: text(...)}."""
    by = admin(organisation)
    first = next(iter(texts))
    model = services.start_own(
        organisation=organisation,
        by=by,
        language=first,
        title=texts[first]["title"],
        summary=texts[first]["summary"],
    )
    if origin is not None:
        model.origin = origin
        model.save(update_fields=["origin"])
    for language, values in texts.items():
        services.save_text(model=model, language=language, by=by, values=values)
    services.save_facts(
        model=model,
        by=by,
        capacity_areas=list(areas),
        thematic_fields=list(fields),
        countries=countries if countries is not None else [organisation.country.code],
    )
    return model


def publish(model, staff, note=""):
    """Approve for every author organisation, send to review, publish."""
    for organisation in Organisation.objects.filter(pk__in=permissions.author_ids(model)):
        services.approve(model=model, by=admin(organisation))
    services.submit_for_review(model=model, by=admin(model.organisation))
    services.publish(model=model, by=staff, note=note)
    model.refresh_from_db()
    return model


def published_model(organisation, staff, texts: dict, **kw):
    return publish(own_model(organisation, texts, **kw), staff)
