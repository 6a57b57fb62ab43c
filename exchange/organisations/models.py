from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from exchange.core import limits
from exchange.core.models import StatusChange
from exchange.core.text import no_hidden_characters
from exchange.core.textsearch import fold

from . import taxonomy


class Side(models.TextChoices):
    TURKEY = "tr", _("Turkey")
    EUROPE = "eu", _("Europe")


def side_of(country_code: str) -> str | None:
    if country_code in settings.EXCHANGE_TURKEY:
        return Side.TURKEY
    if country_code in settings.EXCHANGE_EUROPE:
        return Side.EUROPE
    return None


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        FOUNDATION = "foundation", _("Foundation")
        INITIATIVE = "initiative", _("Informal initiative")
        COOPERATIVE = "cooperative", _("Cooperative")
        NETWORK = "network", _("Network")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone can see the profile")
        MEMBERS = "members", _("Signed-in members of the platform only")

    ref = models.CharField(
        _("external reference"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable identifier used by imports."),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION
    )
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=120)
    city_key = models.CharField(max_length=120, db_index=True, editable=False)
    founded = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    staff_count = models.PositiveIntegerField(_("paid staff"), null=True, blank=True)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    website = models.URLField(
        _("website"), blank=True, max_length=limits.URL, validators=[no_hidden_characters]
    )
    description = models.TextField(_("description"), blank=True, max_length=limits.DESCRIPTION)
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_(
            "Only your members see it, and organisations whose contact request you accept."
        ),
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=40,
        blank=True,
        help_text=_(
            "Only your members see it, and organisations whose contact request you accept."
        ),
    )
    hosts_visits = models.BooleanField(_("can host study visits"), default=False)
    matching_opt_out = models.BooleanField(
        _("do not recommend us as a partner"),
        default=False,
        help_text=_(
            "Your profile stays in the directory, but the platform does not suggest it to others."
        ),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(staff_count__gte=0) | Q(staff_count__isnull=True),
                name="org_staff_non_negative",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.city_key = fold(self.city)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])

    @property
    def side(self):
        return side_of(self.country.code)

    # Read from the prefetched statements (selectors.with_profile): no extra query.
    @cached_property
    def needs(self):
        return [s for s in self.statements.all() if s.kind == CapacityStatement.Kind.NEED]

    @cached_property
    def offers(self):
        return [s for s in self.statements.all() if s.kind == CapacityStatement.Kind.OFFER]

    @cached_property
    def field_list(self):
        return list(self.fields.all())


class SearchDocument(models.Model):
    """An organisation's search keys (exchange.core.textsearch.document_keys), kept by
    services on every change. A narrow table of its own: see textsearch's binding."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    name_keys = models.TextField(default="")
    body_keys = models.TextField(default="")

    class Meta:
        db_table = "organisations_search"

    def __str__(self):
        return f"search keys of {self.organisation_id}"


class WorkingLanguage(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(max_length=8, choices=taxonomy.WORKING_LANGUAGES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="org_language_once")
        ]
        indexes = [models.Index(fields=["code", "organisation"])]

    def __str__(self):
        return self.code

    @property
    def label(self):
        return taxonomy.language_label(self.code)


class ThematicField(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="fields")
    key = models.CharField(max_length=40, choices=taxonomy.field_choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="org_field_once")
        ]
        indexes = [models.Index(fields=["key", "organisation"])]

    def __str__(self):
        return self.key

    @property
    def term(self):
        return taxonomy.field(self.key)


class CapacityStatement(models.Model):
    """A capacity area the organisation needs to strengthen or can offer, in its own words.

    `area` may be empty when the organisation described it only in words (imports); the
    matching engine reads the text.
    """

    class Kind(models.TextChoices):
        NEED = "need", _("needs")
        OFFER = "offer", _("offers")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="statements"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    area = models.CharField(
        _("capacity area"), max_length=40, choices=taxonomy.area_choices, blank=True
    )
    text = models.TextField(_("in your words"), blank=True, max_length=limits.STATEMENT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "id"]
        indexes = [
            models.Index(fields=["kind", "area", "organisation"]),
            # Serves a profile's statements in order: without it SQLite walked the
            # (kind, area) index to avoid a sort and read every statement (230 ms).
            models.Index(fields=["organisation", "kind", "position"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "area"],
                condition=~Q(area=""),
                name="org_area_once_per_kind",
            ),
            models.CheckConstraint(condition=~Q(area="") | ~Q(text=""), name="statement_not_empty"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.area or self.text[:40]}"

    @property
    def term(self):
        return taxonomy.area(self.area) if self.area else None

    @property
    def summary(self) -> str:
        """The area's label, or the first words of the text when only words were given."""
        if self.area:
            return str(self.term.label)
        words = self.text.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_once")
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def is_admin(self):
        return self.role == self.Role.ADMIN


class Invitation(models.Model):
    """An e-mailed invitation to join an organisation, for the invited address only; the
    link carries a signed token that expires with the invitation (core.tokens). Its states
    are a workflow (workflows.INVITATION)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status_changes = GenericRelation(StatusChange)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_address",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self):
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()
