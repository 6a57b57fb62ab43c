"""A pair of single applicants that staff proposed, until both organisations answer."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchange.applications.models import Application
from exchange.calls.models import Call
from exchange.organisations.models import Organisation

LIVE = ("proposed",)


class PairProposal(models.Model):
    """Two applications of organisations applying alone, proposed to apply together. The
    first application stays (the second organisation joins it); the second is closed.
    `reasons` keeps the matching engine's reason data (kind, key, points, inferred), read
    from the first organisation's side, so each reader gets sentences in their language."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="pair_proposals")
    first = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    # Each application's organisation when proposed: who answers for it, even after the
    # second application is closed and its partner row no longer active.
    first_organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    second_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    first_accepted_at = models.DateTimeField(null=True, blank=True)
    first_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    second_accepted_at = models.DateTimeField(null=True, blank=True)
    second_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pair proposal")
        verbose_name_plural = _("pair proposals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(first=F("second")), name="pair_of_two_applications"
            ),
            # One live proposal per application, on either side: an application is never
            # proposed to two organisations at once.
            models.UniqueConstraint(
                fields=["first"], condition=Q(status__in=LIVE), name="one_live_pair_first"
            ),
            models.UniqueConstraint(
                fields=["second"], condition=Q(status__in=LIVE), name="one_live_pair_second"
            ),
        ]

    def __str__(self):
        return f"{self.first_id} + {self.second_id}: {self.status}"

    def get_absolute_url(self):
        return reverse("selection:pair", args=[self.pk])

    def side_of(self, organisation) -> str:
        """ "first", "second" or "" for an organisation."""
        if organisation is None:
            return ""
        if organisation.pk == self.first_organisation_id:
            return "first"
        if organisation.pk == self.second_organisation_id:
            return "second"
        return ""

    def other_than(self, organisation) -> Organisation:
        side = self.side_of(organisation)
        return self.second_organisation if side == "first" else self.first_organisation

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PROPOSED
