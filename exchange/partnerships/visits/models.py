"""Visits (the mobility of a partnership's people) and the visa invitation letters a host
organisation signs for a traveller who needs one.

A passport number is the one sensitive fact here: it is encrypted at rest
(django-fernet-encrypted-fields, the key from SECRET_KEY and SALT_KEY), never listed, never
in the audit trail or a person's data export, and deleted some days after the visit
(services.purge_passport_numbers)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from encrypted_fields.fields import EncryptedCharField

from exchange.organisations.models import Organisation
from exchange.partnerships.models import Partnership

TEXT = 2000
PROGRAMME = 4000


class Visit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed by the host")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        PHYSICAL = "physical", _("In person")
        ONLINE = "online", _("Online")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="visits")
    host = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="hosted_visits",
        verbose_name=_("host organisation"),
    )
    from_city = models.CharField(_("travelling from (city)"), max_length=120, blank=True)
    from_country = CountryField(_("travelling from (country)"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    purpose = models.CharField(_("purpose"), max_length=300)
    programme = models.TextField(_("programme"), blank=True, max_length=PROGRAMME)
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices, default=Mode.PHYSICAL)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="visit_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self):
        return f"{self.host.name}, {self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Traveller(models.Model):
    """One person who travels (or joins online). `email` only links the record to a person's
    account for their data export and erasure; it is not shown to the other side."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="travellers")
    name = models.CharField(_("full name (as in the passport)"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    needs_visa = models.BooleanField(_("needs a visa"), default=False)
    nationality = CountryField(_("nationality"), blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    # Encrypted at rest; NULL once deleted after the visit.
    passport_number = EncryptedCharField(_("passport number"), max_length=40, null=True, blank=True)
    passport_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=TEXT)
    other_needs = models.TextField(_("other needs (diet, care, …)"), blank=True, max_length=TEXT)
    costs_covered = models.TextField(_("who pays for what"), blank=True, max_length=TEXT)

    class Meta:
        ordering = ["visit", "pk"]
        verbose_name = _("traveller")
        verbose_name_plural = _("travellers")

    def __str__(self):
        return self.name or str(_("a former member"))

    @property
    def has_passport_number(self) -> bool:
        return bool(self.passport_number)

    @property
    def masked_passport_number(self) -> str:
        """ "••••1234": what the host's admin may see before signing a letter."""
        number = self.passport_number or ""
        return f"••••{number[-4:]}" if number else ""


class InvitationLetter(models.Model):
    """A letter the host organisation signs for a traveller's visa application. It is
    created and issued in one step (its number is given on issue); a revoked letter stays,
    so that a consulate asking about its number gets an answer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="letters")
    traveller = models.ForeignKey(
        Traveller, on_delete=models.RESTRICT, related_name="letters", verbose_name=_("traveller")
    )
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    host_address = models.TextField(_("the host's postal address"), max_length=500)
    signatory_name = models.CharField(_("signed by"), max_length=200)
    signatory_role = models.CharField(_("signatory's position"), max_length=200)
    costs_covered = models.TextField(_("who pays for what"), max_length=TEXT)
    # The visit's dates when the letter was issued: what it invites to, even if plans move.
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(_("why it is revoked"), blank=True, max_length=TEXT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("invitation letter")
        verbose_name_plural = _("invitation letters")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(number__isnull=False),
                name="letter_issued_has_a_number",
            )
        ]

    def __str__(self):
        return self.number or str(_("invitation letter"))

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.ISSUED
