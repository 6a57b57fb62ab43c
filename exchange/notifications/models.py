"""Notices to people: one row per event and recipient, shown in the app and e-mailed as
the recipient chose (at once, in a daily digest, or not at all)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail at once")
    DAILY = "daily", _("One e-mail a day with everything new")
    IN_APP = "in_app", _("Only here on the platform")


class Notification(models.Model):
    """`key` names the event's occurrence: with the recipient it is unique, so an event
    emitted twice or a delivery retried never tells anyone twice. `params` hold the
    plain facts the message is written from (names, a status label in each language),
    never personal data or documents; `link` is the path of a permission-checked page."""

    key = models.CharField(max_length=200)
    event = models.CharField(max_length=80)
    kind = models.CharField(max_length=40, db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email = models.EmailField(blank=True)  # someone without an account (an invitation)
    language = models.CharField(max_length=8, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "recipient"],
                condition=Q(recipient__isnull=False),
                name="notice_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["key", "email"],
                condition=Q(recipient__isnull=True),
                name="notice_once_per_address",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(email=""),
                name="notice_has_a_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notice_unread"),
        ]

    def __str__(self):
        return f"{self.event} → {self.recipient_id or self.email}"

    def get_absolute_url(self):
        return reverse("notifications:open", args=[self.pk])


class Preference(models.Model):
    """How a person wants to hear about one kind of notice (notices.KINDS)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.channel}"
