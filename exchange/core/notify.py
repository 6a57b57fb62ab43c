"""E-mails to people, each in their own language, queued after the transaction commits.
E-mails carry a link, not the content (STYLE: sensitive content stays on the platform)."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils.translation import override

from .tasks import send_email


def email_people(
    people: Iterable, *, subject: Callable[[], str], body: Callable[[], str], link: str
):
    """`subject` and `body` are called once per person inside that person's language, so
    that a message written by a Turkish user reaches a German partner in German."""
    url = settings.SITE_URL.rstrip("/") + link
    for person in {p.pk: p for p in people}.values():
        with override(person.language or None):
            text_subject, text_body = str(subject()), str(body()) + "\n\n" + url + "\n"
        transaction.on_commit(
            lambda s=text_subject, b=text_body, to=person.email: send_email.enqueue(
                subject=s, body=b, to=[to]
            )
        )
