from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from exchange.organisations.models import CapacityStatement, Organisation


class StatementReading(models.Model):
    """What the engine read in a need or offer written in words: the sentence vector and
    the capacity areas it infers (probabilities over engine.AREAS). Recomputed when the
    text changes (text_hash) or a newer area model is trained."""

    statement = models.OneToOneField(
        CapacityStatement, on_delete=models.CASCADE, primary_key=True, related_name="reading"
    )
    text_hash = models.CharField(max_length=32, db_index=True)  # vectors are shared by hash
    embedding = models.BinaryField()
    areas = models.JSONField(default=list)
    model_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"reading of statement {self.statement_id}"


class AreaModelVersion(models.Model):
    """A trained area model (exchange.matching.text.AreaModel), newest wins."""

    created_at = models.DateTimeField(auto_now_add=True)
    examples = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return f"area model {self.pk} ({self.examples} examples)"


class CandidateMark(models.Model):
    """An organisation saved or dismissed a recommended partner. Dismissed ones do not
    come back."""

    class Kind(models.TextChoices):
        SAVED = "saved", _("Saved")
        DISMISSED = "dismissed", _("Dismissed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="candidate_marks"
    )
    candidate = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "candidate"], name="one_mark_per_candidate"
            ),
            models.CheckConstraint(
                condition=~models.Q(organisation=models.F("candidate")), name="mark_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.organisation_id} {self.kind} {self.candidate_id}"
