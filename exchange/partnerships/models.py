"""A cohort and its partnerships: what a published selection creates, and what the six
months of work (workspace, visits, grant, reports) build on."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from exchange.applications.models import Application
from exchange.calls.models import Call
from exchange.organisations.models import Organisation


class Cohort(models.Model):
    """The partnerships one call selected, working over the same six months."""

    call = models.OneToOneField(Call, on_delete=models.PROTECT, related_name="cohort_of")
    starts_on = models.DateField(_("work starts on"), null=True, blank=True)
    ends_on = models.DateField(_("work ends on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-call__closes_at"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.call.cohort_en


class Partnership(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="partnerships")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="partnership"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    common_issue = models.TextField(_("common organisational issue"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    planned_model = models.TextField(_("the model we plan to develop"), blank=True)
    capacity_area = models.CharField(_("capacity area"), max_length=50, blank=True)
    grant_amount = models.DecimalField(
        _("grant"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    grant_currency = models.CharField(_("currency"), max_length=3, default="EUR")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cohort", "pk"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grant_amount__gte=0), name="partnership_grant_not_negative"
            )
        ]

    def __str__(self):
        return " – ".join(m.organisation.name for m in self.members.all())

    def members_organisations(self):
        return Organisation.objects.filter(partnership_memberships__partnership=self).order_by(
            "-partnership_memberships__is_lead", "name"
        )


class Member(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnership_memberships"
    )
    is_lead = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="member_once_per_partnership"
            )
        ]

    def __str__(self):
        return f"{self.organisation_id} in {self.partnership_id}"


class Activity(models.Model):
    """One line of the work plan: what, when, who leads it, and how far it got."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("activity"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("led by"),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.title


class Update(models.Model):
    """A short update or story a partnership shares with its whole cohort. Staff may put a
    story on the public site once the partnership has agreed to it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=4000)
    is_story = models.BooleanField(_("a story others can learn from"), default=False)
    public_agreed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return self.title
