"""The only way out by e-mail and in-app.

`on_event` (subscribed to every domain event) writes one Notification per recipient inside
the emitting transaction, then queues the delivery of those wanted at once after commit
(delivery.py sends them). The in-app list and each person's choices live here too.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from exchange.core.events import Event

from .delivery import language_of, render
from .models import Channel, Notification, Preference
from .notices import KINDS, NOTICES, Address
from .tasks import deliver_notifications


def channel_for(user, kind: str) -> str:
    preference = Preference.objects.filter(user=user, kind=kind).values_list("channel", flat=True)
    return preference.first() or KINDS[kind].default


# --- Turning events into notices ---------------------------------------------------------


def on_event(event: Event) -> list[Notification]:
    notice = NOTICES.get(event.name)
    if notice is None:
        return []
    key = (notice.key(event) if notice.key else event.key)[:200]
    params = notice.params(event)
    link = notice.link(event)
    created = []
    for recipient in notice.audience(event):
        if isinstance(recipient, Address):
            fields = {"language": recipient.language}
            lookup = {"key": key, "recipient": None, "email": recipient.email.lower()}
            channel = Channel.EMAIL
        else:
            if (
                not notice.include_actor
                and event.actor is not None
                and recipient.pk == event.actor.pk
            ):
                continue  # nobody is told about what they did themselves
            if not recipient.is_active:
                continue
            fields = {"language": ""}
            lookup = {"key": key, "recipient": recipient}
            channel = channel_for(recipient, notice.kind)
        if Notification.objects.filter(**lookup).exists():
            continue  # this event (or its hour, for messages) was already told to them
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        **lookup,
                        **fields,
                        event=event.name,
                        kind=notice.kind,
                        channel=channel,
                        params=params,
                        link=link,
                    )
                )
        except IntegrityError:  # told by a concurrent transaction a moment ago
            continue
    now_ids = [n.pk for n in created if n.channel == Channel.EMAIL]
    if now_ids:
        transaction.on_commit(lambda: deliver_notifications.enqueue(now_ids))
    return created


# --- In the app --------------------------------------------------------------------------


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def list_for(user, *, limit: int = 50) -> list[Notification]:
    notifications = list(Notification.objects.filter(recipient=user)[:limit])
    for notification in notifications:
        notification.subject, notification.text = render(notification, language_of(user))
    return notifications


def get_for_user(user, pk: int) -> Notification | None:
    return Notification.objects.filter(recipient=user, pk=pk).first() if 0 < pk < 2**63 else None


def mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_of(user) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    return {key: chosen.get(key, kind.default) for key, kind in KINDS.items()}


@transaction.atomic
def set_preferences(*, user, choices: dict[str, str]) -> None:
    for kind, channel in choices.items():
        if kind not in KINDS or channel not in Channel.values:
            raise ValueError(f"unknown kind or channel: {kind}, {channel}")
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})
