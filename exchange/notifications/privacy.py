"""What notifications hold about a person: their notices and their choices; both go."""

from exchange.accounts.privacy import Section

from .models import Notification, Preference


def export(user) -> dict:
    return {
        "notices": [
            {
                "what": n.event,
                "created": n.created_at.isoformat(),
                "read": bool(n.read_at),
                "emailed": bool(n.emailed_at),
            }
            for n in Notification.objects.filter(recipient=user)
        ],
        "how_you_hear": dict(Preference.objects.filter(user=user).values_list("kind", "channel")),
    }


def erase(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    Notification.objects.filter(recipient=None, email__iexact=user.email).delete()
    Preference.objects.filter(user=user).delete()


SECTION = Section(
    "notifications",
    models=("notifications.Notification", "notifications.Preference"),
    export=export,
    erase=erase,
)
