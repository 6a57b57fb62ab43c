"""A cohort and its partnerships: what a published selection creates, and what the six
months of work (workspace, visits, grant, reports) build on."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from exchange.applications.models import Application
from exchange.calls.models import Call
from exchange.organisations.models import Organisation


class Cohort(models.Model):
    call = models.OneToOneField(Call, on_delete=models.PROTECT, related_name="cohort_of")
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
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="partnerships")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="partnership"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    common_issue = models.TextField(_("common organisational issue"), blank=True)
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
