"""Online meetings of a partnership, the cohort's events (opening and closing meetings) with
their registrations, and each person's secret calendar feed.

Every moment is stored as aware UTC; the zone a meeting or an event was planned in is kept
beside it, so that each reader sees it both in that zone and in their own."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from exchange.core import limits
from exchange.core.text import no_hidden_characters
from exchange.organisations.models import Organisation
from exchange.partnerships.models import Cohort, Partnership

TEXT = 4000  # an agenda
NOTES = 10000  # notes written after a meeting
NEEDS = 500  # one person's dietary or accessibility needs


def validate_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(zone)s” is not a time zone. Use a name such as Europe/Istanbul."),
            params={"zone": value},
        ) from None


# A meeting link opens a video call: only an encrypted one (https), never a script or
# a plain-text address that a network in between could rewrite.
validate_link = URLValidator(
    schemes=["https"], message=_("Enter the meeting's address, starting with https://.")
)


class Meeting(models.Model):
    """An online meeting of a partnership's people."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=limits.NAME)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone it was planned in"), max_length=64, validators=[validate_zone]
    )
    link = models.URLField(
        _("meeting link"),
        max_length=500,
        blank=True,
        validators=[validate_link, no_hidden_characters],
    )
    agenda = models.TextField(_("agenda"), max_length=TEXT, blank=True)
    notes = models.TextField(_("notes"), max_length=NOTES, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class CohortEvent(models.Model):
    """A meeting of the whole cohort (the opening and the closing meeting, or another),
    run by the programme's staff; the partnerships' people register for it."""

    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening meeting")
        CLOSING = "closing", _("Closing meeting")
        OTHER = "other", _("Other cohort event")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=limits.NAME)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone it was planned in"), max_length=64, validators=[validate_zone]
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        validators=[validate_link, no_hidden_characters],
    )
    agenda = models.TextField(_("agenda"), max_length=TEXT, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("cohort event")
        verbose_name_plural = _("cohort events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="cohort_event_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def modes(self) -> list[str]:
        """How one can attend it."""
        if self.format == self.Format.HYBRID:
            return [Registration.Mode.IN_PERSON, Registration.Mode.ONLINE]
        if self.format == self.Format.ONLINE:
            return [Registration.Mode.ONLINE]
        return [Registration.Mode.IN_PERSON]


class Registration(models.Model):
    """One person coming to a cohort event for one of the cohort's organisations, with what
    the organisers need to know. The needs are personal data: shown to the programme's
    staff and the person only, never logged with their values, erased with the account."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    event = models.ForeignKey(CohortEvent, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    # The partnership the organisation is in (the workspace's history lists the change).
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="event_registrations"
    )
    mode = models.CharField(
        _("attending"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON
    )
    arriving_from = models.CharField(_("arriving from"), max_length=limits.CITY, blank=True)
    needs_travel_booking = models.BooleanField(
        _("the programme should book my travel"), default=False
    )
    dietary_needs = models.CharField(_("dietary needs"), max_length=NEEDS, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=NEEDS, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REGISTERED)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_once_per_event")
        ]

    def __str__(self):
        return f"{self.person} – {self.event}"


class CalendarFeed(models.Model):
    """A person's secret calendar address. Only a digest of its token is kept: the address
    is shown once, and renewing it replaces the digest, so the old address stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"calendar of {self.user_id}"
