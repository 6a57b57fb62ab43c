from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from exchange.core.models import StatusChange
from exchange.organisations import taxonomy
from exchange.organisations.models import Organisation


class ContactRequest(models.Model):
    """One organisation asks another to get in touch. Contact details are revealed to
    both sides only once the other side's administrators accept."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    sender = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sent_requests")
    recipient = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="received_requests"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_changes = GenericRelation(StatusChange)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(sender=F("recipient")), name="request_not_to_self"),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(status="pending"),
                name="one_open_request_per_pair",
            ),
        ]

    def __str__(self):
        return f"{self.sender} → {self.recipient} ({self.status})"


class Conversation(models.Model):
    """The thread two organisations share once a contact request is accepted; every
    member of both takes part."""

    request = models.OneToOneField(
        ContactRequest, on_delete=models.CASCADE, related_name="conversation"
    )
    organisations = models.ManyToManyField(Organisation, related_name="conversations")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at", "-created_at"]

    def __str__(self):
        return f"conversation {self.pk}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"message {self.pk}"


class Block(models.Model):
    blocker = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once")]

    def __str__(self):
        return f"{self.blocker} blocks {self.blocked}"


class Report(models.Model):
    """An organisation reported to staff (spam, abuse); staff work through them in the admin."""

    reporter = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reported = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("what happened"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["handled_at", "-created_at"]

    def __str__(self):
        return f"report on {self.reported}"


class BoardPost(models.Model):
    """'We look for a partner to work on <area>': a post on the partner-search board."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="board_posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    area = models.CharField(_("we look for a partner to work on"), max_length=40, db_index=True)
    description = models.TextField(_("what we want to do"), max_length=3000)
    offers = models.TextField(_("what we can offer a partner"), max_length=2000, blank=True)
    preferred_countries = models.JSONField(_("countries we prefer"), default=list, blank=True)
    period_start = models.DateField(_("planned start"), null=True, blank=True)
    period_end = models.DateField(_("planned end"), null=True, blank=True)
    reply_deadline = models.DateField(_("replies until"), db_index=True)
    max_replies = models.PositiveSmallIntegerField(
        _("at most this many replies"),
        null=True,
        blank=True,
        help_text=_(
            "The post stops taking replies when it has this many. Leave empty for no limit."
        ),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status_changes = GenericRelation(StatusChange)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="post_period_in_order",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.area}"

    @property
    def area_label(self):
        return taxonomy.area(self.area).label if self.area in taxonomy.AREA_KEYS else self.area


class BoardReply(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        DECLINED = "declined", _("Declined")

    post = models.ForeignKey(BoardPost, on_delete=models.CASCADE, related_name="replies")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    brings = models.CharField(_("what we bring"), max_length=40)
    message = models.TextField(_("short message"), max_length=1000)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    status_changes = GenericRelation(StatusChange)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "organisation"], name="one_reply_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → post {self.post_id}"

    @property
    def brings_label(self):
        return (
            taxonomy.area(self.brings).label if self.brings in taxonomy.AREA_KEYS else self.brings
        )


class DigestSubscription(models.Model):
    """A person who wants the weekly e-mail of new board posts that match their needs."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_digest"
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"digest for {self.user_id}"
