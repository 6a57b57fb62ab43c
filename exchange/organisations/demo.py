"""The demo: realistic organisations from Turkey and eleven European countries, written in
Turkish, German and English, plus demo people for each role. Idempotent."""

from __future__ import annotations

import json
import random

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import override

from exchange.accounts.models import User
from exchange.accounts.services import record_consent
from exchange.core.text import inline_term

from . import taxonomy
from .demo_texts import AREA_TEXTS, DESCRIPTIONS
from .importing import import_lines
from .models import Membership, Organisation

# (country, city, text language, extra working languages)
PLACES = [
    ("TR", "İstanbul", "tr", ["en"]),
    ("TR", "Ankara", "tr", ["en"]),
    ("TR", "İzmir", "tr", ["en", "de"]),
    ("TR", "Diyarbakır", "tr", ["ku", "en"]),
    ("TR", "Gaziantep", "tr", ["ar", "en"]),
    ("TR", "Eskişehir", "tr", ["en"]),
    ("TR", "Trabzon", "tr", []),
    ("TR", "Antalya", "en", ["tr", "de"]),
    ("TR", "Mersin", "tr", ["ar"]),
    ("TR", "Van", "tr", ["ku"]),
    ("TR", "Bursa", "tr", ["en"]),
    ("TR", "Çanakkale", "tr", ["en"]),
    ("TR", "Kars", "tr", ["en"]),
    ("TR", "Muğla", "en", ["tr"]),
    ("TR", "Hatay", "tr", ["ar", "en"]),
    ("DE", "Berlin", "de", ["en", "tr"]),
    ("DE", "Köln", "de", ["en", "tr"]),
    ("DE", "Hamburg", "de", ["en"]),
    ("DE", "München", "de", ["en"]),
    ("DE", "Leipzig", "en", ["de"]),
    ("AT", "Wien", "de", ["en", "tr"]),
    ("AT", "Graz", "de", ["en"]),
    ("NL", "Amsterdam", "en", ["nl"]),
    ("NL", "Rotterdam", "en", ["nl", "tr"]),
    ("FR", "Strasbourg", "en", ["fr", "de"]),
    ("FR", "Lyon", "en", ["fr"]),
    ("BE", "Brussels", "en", ["fr", "nl"]),
    ("GR", "Thessaloniki", "en", ["el"]),
    ("GR", "Athens", "en", ["el"]),
    ("BG", "Plovdiv", "en", ["bg", "tr"]),
    ("PL", "Kraków", "en", ["pl"]),
    ("IT", "Bologna", "en", ["it"]),
    ("ES", "Barcelona", "en", ["es"]),
    ("SE", "Malmö", "en", ["sv"]),
    ("CZ", "Brno", "en", ["cs", "de"]),
    ("HU", "Budapest", "en", ["hu"]),
]

NAME_PATTERNS = {
    "tr": {
        "association": "{city} {topic} Derneği",
        "foundation": "{city} {topic} Vakfı",
        "initiative": "{topic} İnisiyatifi {city}",
        "cooperative": "{city} {topic} Kooperatifi",
        "network": "{topic} Platformu {city}",
        "other": "{city} {topic} Merkezi",
    },
    "de": {
        "association": "{topic} {city} e.V.",
        "foundation": "Stiftung {topic} {city}",
        "initiative": "Initiative {topic} {city}",
        "cooperative": "{topic}genossenschaft {city}",
        "network": "Netzwerk {topic} {city}",
        "other": "Zentrum {topic} {city}",
    },
    "en": {
        "association": "{city} {topic} Association",
        "foundation": "{topic} Foundation {city}",
        "initiative": "{topic} Initiative {city}",
        "cooperative": "{city} {topic} Cooperative",
        "network": "{topic} Network {city}",
        "other": "{city} {topic} Centre",
    },
}
TOPIC_WORDS = {
    "tr": {
        "youth": "Gençlik",
        "education": "Eğitim",
        "human-rights": "İnsan Hakları",
        "environment-climate": "Ekoloji",
        "gender-equality": "Kadın Dayanışma",
        "migration-refugees": "Göç ve Mülteci",
        "culture-arts": "Kültür Sanat",
        "disability": "Engelsiz Yaşam",
        "children": "Çocuk",
        "media-journalism": "Bağımsız Medya",
        "peacebuilding-dialogue": "Diyalog",
        "rural-development": "Kırsal Kalkınma",
        "health": "Toplum Sağlığı",
    },
    "de": {
        "youth": "Jugend",
        "education": "Bildung",
        "human-rights": "Menschenrechte",
        "environment-climate": "Klima",
        "gender-equality": "Frauen",
        "migration-refugees": "Migration",
        "culture-arts": "Kultur",
        "disability": "Inklusion",
        "children": "Kinder",
        "media-journalism": "Medien",
        "peacebuilding-dialogue": "Dialog",
        "rural-development": "Land",
        "health": "Gesundheit",
    },
    "en": {
        "youth": "Youth",
        "education": "Learning",
        "human-rights": "Human Rights",
        "environment-climate": "Climate",
        "gender-equality": "Women's Solidarity",
        "migration-refugees": "Migrant Support",
        "culture-arts": "Arts",
        "disability": "Accessibility",
        "children": "Children",
        "media-journalism": "Independent Media",
        "peacebuilding-dialogue": "Dialogue",
        "rural-development": "Rural Futures",
        "health": "Community Health",
    },
}
KINDS = [
    "association",
    "association",
    "foundation",
    "initiative",
    "cooperative",
    "network",
    "other",
]
AREA_COLUMN = {"en": 0, "tr": 1, "de": 2}

PASSWORD = "demo-exchange-2026"
# "We are {kind}": the English descriptions need the article (Turkish and German do not
# name the kind).
KIND_PHRASES = {
    "association": "an association",
    "foundation": "a foundation",
    "initiative": "an informal initiative",
    "cooperative": "a cooperative",
    "network": "a network",
    "other": "a civil society organisation",
}

ZONES = {"anna@demo.exchange": "Europe/Berlin", "lena@demo.exchange": "Europe/Vienna"}

PEOPLE = [
    # (e-mail, name, role description, staff, organisation ref, role)
    (
        "reviewer@demo.exchange",
        "Elif Reviewer",
        "reviewer of the spring round (two factors before reviewing)",
        False,
        None,
        None,
    ),
    (
        "staff@demo.exchange",
        "Selin Programme",
        "programme staff (two-factor set-up on first sign-in)",
        True,
        None,
        None,
    ),
    (
        "ayse@demo.exchange",
        "Ayşe Yılmaz",
        "organisation admin (İstanbul)",
        False,
        "demo-tr-01",
        "admin",
    ),
    (
        "mehmet@demo.exchange",
        "Mehmet Demir",
        "organisation member (İstanbul)",
        False,
        "demo-tr-01",
        "member",
    ),
    (
        "anna@demo.exchange",
        "Anna Schneider",
        "organisation admin (Berlin)",
        False,
        "demo-de-16",
        "admin",
    ),
    ("lena@demo.exchange", "Lena Novak", "person without an organisation yet", False, None, None),
]


def demo_records(seed: int = 2017) -> list[dict]:
    rng = random.Random(seed)
    records = []
    number = 0
    topics = list(TOPIC_WORDS["en"])
    areas = list(AREA_TEXTS)
    # Two organisations per place: 72 organisations, 30 from Turkey, 42 from 11 European countries.
    for round_ in range(2):
        for country, city, text_lang, extra in PLACES:
            number += 1
            topic = topics[(number * 7 + round_) % len(topics)]
            other_fields = rng.sample(
                [k for k in taxonomy.FIELD_KEYS if k != topic], rng.randint(0, 2)
            )
            kind = KINDS[(number + round_) % len(KINDS)]
            name_lang = text_lang if text_lang in NAME_PATTERNS else "en"
            name = NAME_PATTERNS[name_lang][kind].format(
                city=city, topic=TOPIC_WORDS[name_lang][topic]
            )
            chosen = rng.sample(areas, rng.randint(3, 5))
            split = rng.randint(1, len(chosen) - 1)
            needs, offers = chosen[:split], chosen[split:]
            labelled = number % 4 != 0  # a quarter describe their needs only in words
            native = {"TR": "tr", "DE": "de", "AT": "de"}.get(country)
            languages = list(dict.fromkeys([native or text_lang, *extra, text_lang]))
            with override(text_lang):
                topic_label = inline_term(taxonomy.field(topic).label, text_lang)
            year = rng.randint(1995, 2022)
            records.append(
                {
                    "ref": f"demo-{country.lower()}-{number:02d}",
                    "name": name,
                    "country": country,
                    "city": city,
                    "kind": kind,
                    "founded": year,
                    "staff": rng.randint(0, 25),
                    "volunteers": rng.randint(3, 400),
                    "languages": languages,
                    "fields": [topic, *other_fields],
                    "needs": [
                        {
                            "area": a if labelled else None,
                            "text": AREA_TEXTS[a][AREA_COLUMN[text_lang]],
                        }
                        for a in needs
                    ],
                    "offers": [
                        {
                            "area": a if labelled else None,
                            "text": AREA_TEXTS[a][3 + AREA_COLUMN[text_lang]],
                        }
                        for a in offers
                    ],
                    "description": DESCRIPTIONS[text_lang].format(
                        kind=KIND_PHRASES[kind], city=city, topic=topic_label, year=year
                    ),
                    "hosts_visits": rng.random() < 0.6,
                }
            )
    return records


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Load the demo organisations and people; returns (e-mail, password, role) to print."""
    report = import_lines(json.dumps(r, ensure_ascii=False) for r in demo_records())
    assert report.ok, report.errors
    logins = []
    for email, name, role_text, staff, ref, role in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, PASSWORD, display_name=name, is_staff=staff, is_superuser=staff
            )
        zone = ZONES.get(email, "Europe/Istanbul")
        if user.timezone != zone:  # each demo person lives where their organisation does
            user.timezone = zone
            user.save(update_fields=["timezone"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        record_consent(user=user)
        if ref:
            organisation = Organisation.objects.get(ref=ref)
            Membership.objects.update_or_create(
                organisation=organisation, user=user, defaults={"role": role}
            )
            if role == "admin" and not organisation.contact_email:
                organisation.contact_email = f"info@{organisation.slug[:40]}.example"
                organisation.save(update_fields=["contact_email"])
        logins.append((email, PASSWORD, role_text))
    return logins


def demo_admin(organisation):
    """The organisation's first admin; demo organisations without people get one that
    cannot sign in (so that they can write and post)."""
    membership = (
        organisation.memberships.filter(role=Membership.Role.ADMIN).select_related("user").first()
    )
    if membership:
        return membership.user
    user, _created = User.objects.get_or_create(
        email=f"{organisation.ref or organisation.slug}@demo.exchange",
        defaults={"display_name": f"{organisation.name} team"},
    )
    if _created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": Membership.Role.ADMIN}
    )
    return user
