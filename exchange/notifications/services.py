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

# --- Turning events into notices ---------------------------------------------------------


def on_event(event: Event) -> list[Notification]:
    notice = NOTICES.get(event.name)
    if notice is None:
        return []
    key = (notice.key(event) if notice.key else event.key)[:200]
    people, addresses = [], []
    for recipient in notice.audience(event):
        if isinstance(recipient, Address):
            addresses.append(recipient)
        elif recipient.is_active and (
            notice.include_actor or event.actor is None or recipient.pk != event.actor.pk
        ):  # nobody is told about what they did themselves
            people.append(recipient)
    # What was told already under this key (an event emitted twice, a message in the same
    # hour), and everyone's choice for this kind: one query each, whatever the audience.
    told = set(
        Notification.objects.filter(key=key, recipient__in=people).values_list(
            "recipient_id", flat=True
        )
    )
    chosen = dict(
        Preference.objects.filter(user__in=people, kind=notice.kind).values_list(
            "user_id", "channel"
        )
    )
    told_addresses = set(
        Notification.objects.filter(
            key=key, recipient=None, email__in=[a.email.lower() for a in addresses]
        ).values_list("email", flat=True)
    )
    rows = [
        {"recipient": p, "channel": chosen.get(p.pk, KINDS[notice.kind].default)}
        for p in people
        if p.pk not in told
    ] + [
        {"email": a.email.lower(), "language": a.language, "channel": Channel.EMAIL}
        for a in addresses
        if a.email.lower() not in told_addresses
    ]
    if not rows:
        return []
    params, link = notice.params(event), notice.link(event)
    created = []
    for row in rows:
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        key=key, event=event.name, kind=notice.kind, params=params, link=link, **row
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
