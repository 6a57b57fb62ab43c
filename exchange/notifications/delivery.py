"""Rendering notices in each recipient's language and e-mailing them.

Delivery and the daily digest lock each row and stamp `emailed_at` before sending, in one
transaction: a task that runs twice, or a retried one, never sends a notice twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from exchange.core.links import absolute_url

from .models import Channel, Notification
from .notices import NOTICES, pick


def site_url(path: str) -> str:
    """An absolute link: the one configured site address (SITE_URL) and a path."""
    return absolute_url(path)


def language_of(user) -> str:
    return (
        (getattr(user, "language", "") or settings.LANGUAGE_CODE)
        if user
        else settings.LANGUAGE_CODE
    )


# --- Rendering ---------------------------------------------------------------------------


def render(notification: Notification, language: str | None = None) -> tuple[str, str]:
    """Subject and body in `language` (the recipient's by default)."""
    language = language or notification.language or language_of(notification.recipient)
    notice = NOTICES[notification.event]
    with override(language):
        params = {k: pick(v, language) for k, v in notification.params.items()}
        subject = str(notice.subject) % params
        body = str(notice.body) % params
        lines = params.get("lines") or []
    if lines:
        body += "\n\n" + "\n".join(f"- {line}" for line in lines)
    return subject, body


def _email_text(notification: Notification, language: str) -> tuple[str, str]:
    subject, body = render(notification, language)
    with override(language):
        footer = (
            _("You receive this e-mail from Civil Society Exchange.")
            if notification.recipient is None
            else _("Choose which e-mails you receive: %(url)s")
            % {"url": site_url(reverse("notifications:preferences"))}
        )
    return subject, f"{body}\n\n{site_url(notification.link)}\n\n-- \n{footer}\n"


def _address(notification: Notification) -> str:
    return notification.recipient.email if notification.recipient else notification.email


# --- Delivery ----------------------------------------------------------------------------


def deliver(ids) -> int:
    """E-mail the notices of `ids` that are wanted at once and not e-mailed yet."""
    sent = 0
    for pk in ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient")
                .filter(pk=pk, emailed_at__isnull=True, channel=Channel.EMAIL)
                .first()
            )
            if notification is None:
                continue  # sent already (a retry), or not wanted by e-mail
            language = notification.language or language_of(notification.recipient)
            subject, body = _email_text(notification, language)
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            # Inside the transaction: if sending fails, the stamp is rolled back and a retry
            # sends it; once it is committed, no retry sends it again.
            send_mail(subject, body, None, [_address(notification)])
            sent += 1
    return sent


def send_daily_digests(*, now=None) -> int:
    """One e-mail per person with every notice they chose to receive as a daily digest and
    that was not e-mailed yet. Returns the number of e-mails sent."""
    now = now or timezone.now()
    people = (
        Notification.objects.filter(channel=Channel.DAILY, emailed_at__isnull=True)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(people):
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient")
                .filter(
                    recipient_id=user_id,
                    channel=Channel.DAILY,
                    emailed_at__isnull=True,
                    created_at__lte=now,
                )
                .order_by("created_at", "pk")
            )
            if not rows:
                continue
            user = rows[0].recipient
            language = language_of(user)
            items = []
            for row in rows:
                subject, _body = render(row, language)
                items.append(f"- {subject}\n  {site_url(row.get_absolute_url())}")
            with override(language):
                subject = _("Civil Society Exchange: what happened today")
                body = (
                    _("Here is what happened since your last digest:")
                    + "\n\n"
                    + "\n".join(items)
                    + "\n\n-- \n"
                    + _("Choose which e-mails you receive: %(url)s")
                    % {"url": site_url(reverse("notifications:preferences"))}
                    + "\n"
                )
            Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=now)
            send_mail(subject, body, None, [user.email])
            sent += 1
    return sent
