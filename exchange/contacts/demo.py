"""Demo contacts and board posts (idempotent): a pending and an accepted contact request
with a short conversation, and a few open partner-search posts."""

import datetime

from django.db import transaction
from django.utils import timezone

from exchange.organisations.demo import demo_admin as _admin
from exchange.organisations.models import Organisation

from . import board, services
from .models import BoardPost, ContactRequest


@transaction.atomic
def load_demo_contacts() -> None:
    orgs = {o.ref: o for o in Organisation.objects.filter(ref__startswith="demo-")}
    istanbul, berlin = orgs.get("demo-tr-01"), orgs.get("demo-de-16")
    if not istanbul or not berlin or ContactRequest.objects.filter(sender=istanbul).exists():
        return
    ayse, anna = _admin(istanbul), _admin(berlin)
    # Accepted, with a conversation.
    request = services.send_contact_request(
        sender=istanbul,
        recipient=berlin,
        by=ayse,
        message="Merhaba! We saw that you also want to strengthen volunteer management. Shall we talk?",
    )
    conversation = services.accept_request(request=request, by=anna)
    services.post_message(
        conversation=conversation,
        by=anna,
        body="Gern! How about a call next Tuesday? Our plan: https://example.org/plan",
    )
    services.post_message(
        conversation=conversation, by=ayse, body="Tuesday works. Salı görüşmek üzere!"
    )
    # Pending, waiting for the İstanbul organisation's answer.
    for ref, text in [
        ("demo-at-21", "Wir suchen einen Partner für Einzelspenden – hätten Sie Interesse?"),
        ("demo-nl-23", "Hello from Amsterdam! Interested in a visit exchange on advocacy?"),
    ]:
        sender = orgs.get(ref)
        if sender:
            services.send_contact_request(
                sender=sender, recipient=istanbul, by=_admin(sender), message=text
            )
    # Board posts.
    today = timezone.localdate()
    posts = [
        (
            "demo-tr-02",
            "individual-giving",
            "Düzenli bağışçı programı kurmak için Avrupa'dan bir ortak arıyoruz.",
            ["DE", "AT", "NL"],
        ),
        (
            "demo-de-17",
            "volunteer-management",
            "Wir möchten gemeinsam ein Einarbeitungsprogramm für Ehrenamtliche entwickeln.",
            ["TR"],
        ),
        (
            "demo-gr-28",
            "digital-transformation",
            "We look for a Turkish partner to work on digital security for small CSOs.",
            [],
        ),
    ]
    for ref, area, description, countries in posts:
        org = orgs.get(ref)
        if org and not BoardPost.objects.filter(organisation=org).exists():
            board.create_post(
                organisation=org,
                by=_admin(org),
                area=area,
                description=description,
                offers="",
                preferred_countries=countries,
                reply_deadline=today + datetime.timedelta(days=30),
                period_start=today + datetime.timedelta(days=60),
                period_end=today + datetime.timedelta(days=240),
                max_replies=10,
            )
