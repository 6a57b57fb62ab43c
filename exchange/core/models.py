"""The one history of changes of state, for every workflow of every domain."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import limits

# workflow name -> the TextChoices of its states; filled by core.workflow.Workflow
STATUS_CHOICES: dict[str, type[models.TextChoices]] = {}


class StatusChange(models.Model):
    """One row per change of state, written by `core.workflow.Workflow.transition` and by
    nothing else. Domains reach their object's rows through a GenericRelation named
    `status_changes`."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    workflow = models.CharField(max_length=60)
    from_status = models.CharField(_("from"), max_length=30)
    to_status = models.CharField(_("to"), max_length=30)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    reason = models.TextField(_("reason"), blank=True, max_length=limits.REASON)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="status_change_object")]
        verbose_name = _("change of status")
        verbose_name_plural = _("changes of status")

    def __str__(self):
        return f"{self.workflow} {self.object_id}: {self.from_status} → {self.to_status}"

    def _label(self, value: str) -> str:
        choices = STATUS_CHOICES.get(self.workflow)
        return str(choices(value).label) if choices and value in choices.values else value

    def get_from_status_display(self) -> str:
        return self._label(self.from_status)

    def get_to_status_display(self) -> str:
        return self._label(self.to_status)
