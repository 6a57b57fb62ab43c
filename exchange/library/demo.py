"""The demo's library, made through the services as people would: the finished cohort's
partnerships publish four models (in English, Turkish and German), other demo organisations
adopt them and publish their adaptations (lineages of up to four generations), the demo's
İstanbul and Berlin organisations adopt models, the active showcase partnership has a draft
and one outside submission waits for staff."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from exchange.organisations.demo import demo_admin
from exchange.organisations.models import Membership, Organisation
from exchange.partnerships.models import Partnership

from . import permissions, services
from .demo_texts import MODELS
from .models import Adoption, PracticeModel

SHOWCASE_TR, SHOWCASE_DE = "demo-tr-01", "demo-de-16"

# Where each adaptation was made (the texts name the place), in order of preference.
ADAPTERS = {
    "volunteer-tandems-leipzig": [("DE", "Leipzig"), ("DE", "")],
    "peer-buddies-izmir": [("TR", "İzmir"), ("TR", "")],
    "remote-buddy-circles": [("BE", "Brussels"), ("NL", "")],
    "cooperative-companions-kars": [("TR", "Kars"), ("TR", "")],
    "match-sponsors-dortmund": [("DE", "Dortmund"), ("DE", "")],
    "team-friends-eskisehir": [("TR", "Eskişehir"), ("TR", "")],
    "environment-indicator-sheet": [("SI", ""), ("AT", "Graz"), ("AT", "")],
    "volunteer-team-charter-mardin": [("TR", "Mardin"), ("TR", "Diyarbakır"), ("TR", "")],
}


# The names the demo's authors agreed to show (the demo's placeholder teams have none).
AUTHOR_NAMES = {
    "TR": ("Elif Yıldız", "Murat Kaya", "Zeynep Arslan", "Emre Demir", "Selin Aydın"),
    "DE": ("Jana Becker", "Lukas Wagner", "Miriam Schulz"),
    "": ("Sofia Rossi", "Pieter de Vries", "Katarzyna Nowak", "Anna Gruber", "Nikos Papadakis"),
}


def _author_name(organisation: Organisation, model: PracticeModel) -> str:
    admin = _admin(organisation)
    if admin.has_usable_password():  # one of the demo's people: their own name
        return admin.name
    names = AUTHOR_NAMES.get(organisation.country.code, AUTHOR_NAMES[""])
    return names[(model.pk + organisation.pk) % len(names)]


def _admin(organisation: Organisation):
    return demo_admin(organisation)


def _staff():
    users = get_user_model().objects
    return (
        users.filter(email="staff@demo.exchange").first() or users.filter(is_superuser=True).first()
    )


def _write(model: PracticeModel, entry: dict, by) -> None:
    """The entry's texts in each of its languages, its facts, and only its languages."""
    for language, values in entry["texts"].items():
        services.save_text(model=model, language=language, by=by, values=values)
    services.save_facts(
        model=model,
        by=by,
        capacity_areas=entry["areas"],
        thematic_fields=entry["fields"],
        original_language=entry["original"],
        show_assessment=model.partnership_id is not None,
    )
    for text in model.texts.exclude(language__in=list(entry["texts"])):
        services.remove_translation(model=model, language=text.language, by=by)


def _approve_and_publish(model: PracticeModel, staff, writer) -> None:
    for organisation in Organisation.objects.filter(pk__in=permissions.author_ids(model)):
        admin = _admin(organisation)
        services.approve(model=model, by=admin)
        services.name_me(model=model, by=admin, name=_author_name(organisation, model))
    services.submit_for_review(model=model, by=writer)
    services.publish(model=model, by=staff)


def _adopter(places, excluded: set[int]) -> Organisation | None:
    """A demo organisation in the first of `places` that has one, not yet an author."""
    demo = (
        Organisation.objects.filter(ref__startswith="demo-")
        .exclude(pk__in=excluded)
        .exclude(ref__in=(SHOWCASE_TR, SHOWCASE_DE))
        .order_by("ref")
    )
    for country, city in places:
        found = demo.filter(country=country, **({"city": city} if city else {})).first()
        if found is not None:
            return found
    return None


def _partnership_for(entry: dict, partnerships: list[Partnership]) -> Partnership | None:
    """The finished partnership whose common issue is one of the model's areas."""
    for partnership in partnerships:
        if partnership.capacity_area in entry["areas"]:
            return partnership
    return partnerships[0] if partnerships else None


@transaction.atomic
def load_demo_library() -> None:
    staff = _staff()
    if staff is None or PracticeModel.objects.exists():
        return
    finished = list(
        Partnership.objects.filter(
            cohort__call__slug="cohort-2026", status=Partnership.Status.COMPLETED
        ).order_by("pk")
    )
    roots = [m for m in MODELS if m["origin"] is None]
    if len(finished) < len(roots):
        return
    published: dict[str, PracticeModel] = {}
    used: set[int] = set()
    for entry in roots:
        partnership = _partnership_for(entry, finished)
        finished.remove(partnership)
        organisations = list(partnership.members_organisations())
        used.update(o.pk for o in organisations)
        writer = _admin(organisations[0])
        model = services.start_for_partnership(
            partnership=partnership, by=writer, language=entry["original"]
        )
        _write(model, entry, writer)
        _approve_and_publish(model, staff, writer)
        published[entry["key"]] = model
    for entry in MODELS:
        if entry["origin"] is None:
            continue
        organisation = _adopter(ADAPTERS[entry["key"]], used)
        if organisation is None:
            continue
        used.add(organisation.pk)
        writer = _admin(organisation)
        original = entry["texts"][entry["original"]]
        adoption = services.adopt(
            model=published[entry["origin"]],
            organisation=organisation,
            by=writer,
            adaptation=original["summary"],
        )
        services.report_adoption(
            adoption=adoption, by=writer, status=Adoption.Status.DONE, outcome=original["results"]
        )
        model = services.publish_adaptation(
            adoption=adoption, by=writer, language=entry["original"]
        )
        _write(model, entry, writer)
        _approve_and_publish(model, staff, writer)
        published[entry["key"]] = model
    _showcase_people(published, staff)


def _showcase_people(published: dict[str, PracticeModel], staff) -> None:
    """ayse@'s organisation is adopting the monthly-friends model, anna@'s has adopted the
    buddy model; their active partnership drafts its own; one outside model waits."""
    turkish = Organisation.objects.filter(ref=SHOWCASE_TR).first()
    german = Organisation.objects.filter(ref=SHOWCASE_DE).first()
    if turkish is not None and (by := _admin(turkish)) and "monthly-friends" in published:
        services.adopt(
            model=published["monthly-friends"],
            organisation=turkish,
            by=by,
            adaptation=(
                "Aylık bağışçılarımızı velilerden ve mezunlarımızdan bulmayı deniyoruz; "
                "teşekkür mektuplarını Türkçe ve Kürtçe yazacağız."
            ),
        )
    if german is not None and (by := _admin(german)) and "volunteer-buddy" in published:
        adoption = services.adopt(
            model=published["volunteer-buddy"],
            organisation=german,
            by=by,
            adaptation=(
                "Patenschaften für neue Freiwillige in unserer Lernhilfe, mit einem "
                "Kennenlerntreffen statt des Infoabends."
            ),
        )
        services.report_adoption(
            adoption=adoption,
            by=by,
            status=Adoption.Status.DONE,
            outcome=(
                "Nach einem halben Jahr sind 14 von 20 neuen Freiwilligen noch dabei; "
                "die Checkliste haben wir um Fragen zur Kinderschutz-Schulung ergänzt."
            ),
        )
    showcase = (
        Partnership.objects.filter(
            cohort__call__slug="autumn-2026", members__organisation__ref=SHOWCASE_TR
        )
        .order_by("pk")
        .first()
    )
    if showcase is not None and turkish is not None and (by := _admin(turkish)):
        services.start_for_partnership(partnership=showcase, by=by, language="en")
    outside = (
        Organisation.objects.filter(
            ref__startswith="demo-", memberships__role=Membership.Role.ADMIN
        )
        .exclude(
            pk__in=PracticeModel.objects.values("organisation"),
        )
        .exclude(adoptions__isnull=False)
        .exclude(ref__in=(SHOWCASE_TR, SHOWCASE_DE))
        .distinct()
        .order_by("-ref")
        .first()
    )
    if outside is None or (by := _admin(outside)) is None:
        return
    model = services.start_own(
        organisation=outside,
        by=by,
        language="en",
        title="A yearly open day for members and neighbours",
        summary=(
            "Once a year we open our doors for an afternoon: members, neighbours and local "
            "officials see our work, meet our volunteers and sign up for a team."
        ),
    )
    services.save_text(
        model=model,
        language="en",
        by=by,
        values={
            "title": "A yearly open day for members and neighbours",
            "summary": model.texts.get(language="en").summary,
            "problem": "Few people in our neighbourhood knew what we do, and new members "
            "came only through friends.",
            "approach": "An afternoon of short talks, a walk through our rooms, a table per "
            "team and a sign-up list; invitations through schools and the local market.",
            "steps": "1. Fix the date three months ahead.\n2. Ask each team for a table.\n"
            "3. Invite through schools, the market and local radio.\n4. Call everyone who "
            "signed up within a week.",
            "results": "About 150 visitors; 19 signed up and 11 still take part after three "
            "months.",
        },
    )
    services.save_facts(
        model=model, by=by, capacity_areas=["community-engagement", "communication"]
    )
    services.approve(model=model, by=by)
    services.submit_for_review(model=model, by=by)
