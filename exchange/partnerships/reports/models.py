"""A partnership's mid-term and final reports, the reminders of their due dates, and each
organisation's capacity self-assessment at the start and at the end.

A report's questions are its call's report form (calls.FormSection rows with the purpose
"midterm" or "final", versioned as calls.FormVersion like the application form); its
answers are JSON validated against the version stored with them. The figures staff filter
and count (kind, status, due date) are real columns."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchange.calls.models import FormVersion
from exchange.organisations.models import Organisation
from exchange.partnerships.models import Cohort, Partnership


class Kind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term report")
    FINAL = "final", _("Final report")


class Schedule(models.Model):
    """The due dates staff set for a cohort's reports. Without one (or with a date left
    empty) the programme's rule applies: the mid-term report at the middle of the six
    months, the final report two weeks after their end."""

    cohort = models.OneToOneField(Cohort, on_delete=models.CASCADE, related_name="report_schedule")
    midterm_due_on = models.DateField(_("mid-term report due on"), null=True, blank=True)
    final_due_on = models.DateField(_("final report due on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")

    def __str__(self):
        return f"{self.cohort_id}: {self.midterm_due_on} / {self.final_due_on}"


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned for changes")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # {question key: value} and {question key: number of saves}: a save based on an older
    # number is a conflict, never a silent overwrite (both organisations write it).
    answers = models.JSONField(default=dict, blank=True)
    versions = models.JSONField(default=dict, blank=True)
    form_version = models.ForeignKey(
        FormVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback = models.TextField(_("feedback from the programme"), blank=True, max_length=4000)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "due_on", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "kind"], name="report_once_per_kind"),
            models.CheckConstraint(
                condition=Q(status__in=["draft"]) | Q(submitted_at__isnull=False),
                name="report_submitted_has_a_time",
            ),
        ]

    def __str__(self):
        return str(self.get_kind_display())

    @property
    def is_open(self) -> bool:
        """Still to be written: a draft, or returned with feedback."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Reminder(models.TextChoices):
    BEFORE = "before", _("two weeks before")
    DUE = "due", _("on the day")
    LATE = "late", _("a week late")


class ReminderSent(models.Model):
    """One stage of one report's reminders was sent. The row is written in the same
    transaction as the notices, and the database refuses a second one: two workers or a
    retried task never remind twice (the notices' own key per person is the second lock)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10, choices=Reminder.choices)
    sent_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "stage"], name="reminder_once_per_stage")
        ]

    def __str__(self):
        return f"{self.report_id} {self.stage}"


class Stage(models.TextChoices):
    START = "start", _("At the start")
    END = "end", _("At the end")


class Assessment(models.Model):
    """One organisation's self-assessment at one stage: {statement key: score 1–5}."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="assessments"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(_("stage"), max_length=5, choices=Stage.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    areas = models.JSONField(default=list, blank=True)  # the areas asked, as asked
    answers = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "stage", "organisation"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation", "stage"], name="assessment_once_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="assessment_submitted_has_a_time",
            ),
        ]

    def __str__(self):
        return f"{self.organisation.name}: {self.get_stage_display()}"
