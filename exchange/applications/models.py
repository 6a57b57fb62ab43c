"""Joint applications: the partnership's organisations, their answers, participants, files,
and everything that happened to the application (history, status changes, extensions)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchange.calls.models import Call, FormVersion
from exchange.core import limits
from exchange.core.models import StatusChange
from exchange.organisations.models import Organisation

from . import deadline


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        INELIGIBLE = "ineligible", _("Not eligible")
        SELECTED = "selected", _("Selected")
        WAITING_LIST = "waiting_list", _("Waiting list")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    seeking_partner = models.BooleanField(
        _("applies alone to be matched with a partner"), default=False
    )
    # Bumped by every change of content; a confirmation is valid for one revision.
    revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_revision = models.PositiveIntegerField(null=True, blank=True)
    extended_until = models.DateTimeField(_("individual extension until"), null=True, blank=True)
    status_changes = GenericRelation(StatusChange)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False),
                name="application_submitted_has_time",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.call}"

    def get_absolute_url(self):
        return reverse("applications:detail", args=[self.pk])

    @property
    def deadline(self):
        if self.extended_until and self.extended_until > self.call.closes_at:
            return self.extended_until
        return self.call.closes_at


class Partner(models.Model):
    """An organisation in an application. `call` is repeated here so that the database itself
    refuses a second active application of the same organisation to the same call."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="application_partners"
    )
    is_lead = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    confirmed_revision = models.PositiveIntegerField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-is_lead", "joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation"], name="partner_once_per_application"
            ),
            models.UniqueConstraint(
                fields=["call", "organisation"],
                condition=Q(is_active=True),
                name="one_active_application_per_call",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.application_id}"

    @property
    def has_confirmed(self) -> bool:
        return self.confirmed_revision is not None and (
            self.confirmed_revision == self.application.revision
        )


class PartnerInvitation(models.Model):
    """An invitation to join an application: to a registered organisation, or by e-mail to
    someone whose organisation is not on the platform yet. Its states are a workflow
    (workflows.INVITATION); a pending invitation holds a place in the partnership until it
    is answered, cancelled or expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    status_changes = GenericRelation(StatusChange)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(email=""),
                name="invitation_names_someone",
            )
        ]

    def __str__(self):
        return f"{self.organisation or self.email} → {self.application_id}"

    @property
    def is_open(self) -> bool:
        """Pending and not yet past its expiry (the daily job then records it as expired)."""
        return self.status == self.Status.PENDING and self.expires_at > deadline.now()

    @property
    def invitee(self) -> str:
        return self.organisation.name if self.organisation_id else self.email


class Participant(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role in the organisation"), max_length=200)
    email = models.EmailField(_("e-mail"))
    needs_visa = models.BooleanField(_("needs a visa"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class Answer(models.Model):
    """One answer. `organisation` is empty for the partnership's sections. `version` counts
    saves: a save based on an older version is a conflict, never a silent overwrite."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    question_key = models.SlugField(max_length=50)
    value = models.JSONField(null=True)
    version = models.PositiveIntegerField(default=1)
    form_version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="+")
    # A file question's answer: the stored file (`value` holds its name, for display).
    attachment = models.ForeignKey(
        "Attachment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question_key"],
                condition=Q(organisation__isnull=True),
                name="answer_once_per_partnership",
            ),
            models.UniqueConstraint(
                fields=["application", "organisation", "question_key"],
                condition=Q(organisation__isnull=False),
                name="answer_once_per_organisation",
            ),
        ]

    def __str__(self):
        return self.question_key


def attachment_path(instance, filename):
    return f"applications/{instance.application_id}/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    question_key = models.SlugField(max_length=50)
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class HistoryEntry(models.Model):
    """Who changed what, when — visible to both partners."""

    class Kind(models.TextChoices):
        CREATED = "created", _("started the application")
        ANSWER = "answer", _("changed an answer")
        PARTICIPANTS = "participants", _("changed the participants")
        INVITED = "invited", _("invited a partner organisation")
        CONFIRMED = "confirmed", _("confirmed the application")
        CONFIRMATIONS_WITHDRAWN = "unconfirmed", _("confirmations withdrawn by a change")
        EXTENSION = "extension", _("granted an extension")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    question_key = models.CharField(max_length=50, blank=True)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True, max_length=limits.REASON)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.kind} {self.question_key}"


class Extension(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="extensions"
    )
    until = models.DateTimeField(_("new deadline"))
    reason = models.TextField(_("reason"), max_length=limits.REASON)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.application_id} until {self.until}"
