"""Selection: reviewers and their conflicts of interest, reviews and scores, each
application's standing in its call, the recorded cohort suggestions, the decisions, and
the audit trail of every reviewer's and staff member's action."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from exchange.applications.models import Application
from exchange.calls.models import Call, Criterion, Programme
from exchange.core import limits
from exchange.core.models import StatusChange
from exchange.organisations.models import Organisation


class Reviewer(models.Model):
    """An outside expert invited by e-mail to review for a programme (every call of it) or
    for one call. Reviewing needs an account with two factors."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        REMOVED = "removed", _("Removed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reviewers")
    call = models.ForeignKey(
        Call,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reviewers",
        help_text=_("Empty: every call of the programme."),
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"), blank=True)
    expertise = models.CharField(_("expertise"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewer_roles",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INVITED
    )
    language = models.CharField(_("language of the invitation"), max_length=8, default="en")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    status_changes = GenericRelation(StatusChange)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "email"],
                condition=Q(call__isnull=True),
                name="reviewer_once_per_programme",
            ),
            models.UniqueConstraint(
                fields=["call", "email"],
                condition=Q(call__isnull=False),
                name="reviewer_once_per_call",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class Conflict(models.Model):
    """A conflict of interest a reviewer declared: with an organisation, a country, a person
    (by e-mail address) or one application. Declared conflicts and the reviewer's own
    organisations keep them from reviewing."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("an organisation")
        COUNTRY = "country", _("a country")
        PERSON = "person", _("a person")
        APPLICATION = "application", _("an application")

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    kind = models.CharField(_("conflict with"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    country = CountryField(_("country"), blank=True)
    person_email = models.EmailField(_("the person's e-mail"), blank=True)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("why"), max_length=300, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declared_at", "pk"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="organisation", organisation__isnull=False)
                    | (Q(kind="country") & ~Q(country=""))
                    | (Q(kind="person") & ~Q(person_email=""))
                    | Q(kind="application", application__isnull=False)
                ),
                name="conflict_names_its_subject",
            )
        ]

    def __str__(self):
        return f"{self.reviewer}: {self.kind}"


class Review(models.Model):
    """One reviewer's review of one application: assigned, then drafted, then submitted;
    released when the reviewer declares a conflict or staff take it back."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RELEASED = "released", _("Released")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED, db_index=True
    )
    by_hand = models.BooleanField(_("assigned by hand"), default=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    total = models.FloatField(_("weighted score"), null=True, blank=True)  # 0–100, on submission
    comment = models.TextField(_("overall comment"), blank=True, max_length=limits.MESSAGE)
    status_changes = GenericRelation(StatusChange)

    class Meta:
        ordering = ["application_id", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                condition=~Q(status="released"),
                name="one_live_review_per_reviewer",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted")
                | Q(submitted_at__isnull=False, total__isnull=False),
                name="submitted_review_has_total",
            ),
        ]

    def __str__(self):
        return f"{self.reviewer} on {self.application_id}"

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.RELEASED


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=limits.MESSAGE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_once_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.value}"


class Standing(models.Model):
    """An application's place in its call, kept up to date by selection.services: the
    facts staff filter by (real columns) and the figures of the ranking, so that the staff
    list and the ranking are one indexed query each."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, primary_key=True, related_name="standing"
    )
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="standings")
    # The application's status, repeated here (kept by selection.listeners on every change
    # of status) so that a staff list filters and counts without a join.
    status = models.CharField(max_length=20, choices=Application.Status.choices)
    names = models.CharField(max_length=500)  # the organisations, lead first
    countries = models.CharField(max_length=100)  # ",TR,DE," for filtering
    lead_side = models.CharField(max_length=10)  # "turkey" or "europe"
    area = models.CharField(max_length=50, blank=True, db_index=True)
    first_time = models.BooleanField(default=False)  # an organisation takes part the first time
    first_time_organisations = models.PositiveSmallIntegerField(default=0)
    organisations = models.PositiveSmallIntegerField(default=2)
    checklist_ok = models.BooleanField(default=True)  # the automatic eligibility result
    checklist_problems = models.JSONField(default=list)
    raw = models.FloatField(null=True, blank=True)
    adjusted = models.FloatField(null=True, blank=True, db_index=True)
    spread = models.FloatField(null=True, blank=True)
    disagreement = models.BooleanField(default=False)
    rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["rank", "application_id"]
        indexes = [
            models.Index(fields=["call", "rank"], name="standing_call_rank"),
            models.Index(fields=["call", "status", "rank"], name="standing_call_status_rank"),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.rank}"


class Habit(models.Model):
    """A reviewer's strictness in a call, as the ranking corrects for it (refreshed with the
    standings, so the ranking page reads it instead of recomputing it)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="habits")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="habits")
    reviews = models.PositiveIntegerField()
    mean = models.FloatField()
    strictness = models.FloatField()
    corrected = models.BooleanField()

    class Meta:
        ordering = ["strictness", "reviewer_id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "reviewer"], name="habit_once_per_call")
        ]

    def __str__(self):
        return f"{self.reviewer_id}: {self.strictness:+.1f}"


class Decision(models.Model):
    """What staff decided for an application, kept until they publish the decisions of the
    call to every applicant at once."""

    class Outcome(models.TextChoices):
        SELECTED = "selected", _("Selected")
        WAITING_LIST = "waiting_list", _("Waiting list")
        REJECTED = "rejected", _("Not selected")

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="decision"
    )
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=limits.REASON)
    override = models.TextField(
        _("why more than the call's number are selected"), blank=True, max_length=limits.REASON
    )
    waiting_position = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["call", "outcome", "waiting_position", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.outcome}"


class DecisionMessage(models.Model):
    """The text applicants receive with a decision, per call and outcome, in three languages."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="decision_messages")
    outcome = models.CharField(max_length=20, choices=Decision.Outcome.choices)
    text_en = models.TextField(_("text (English)"), max_length=limits.CALL_TEXT)
    text_tr = models.TextField(_("text (Turkish)"), blank=True, max_length=limits.CALL_TEXT)
    text_de = models.TextField(_("text (German)"), blank=True, max_length=limits.CALL_TEXT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "outcome"], name="decision_message_once")
        ]

    def __str__(self):
        return f"{self.call_id}: {self.outcome}"

    def text_in(self, language: str) -> str:
        return getattr(self, f"text_{language[:2]}", "") or self.text_en


class Suggestion(models.Model):
    """A cohort the optimiser suggested, kept as the record of the advice staff had."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="suggestions")
    rules = models.JSONField()
    chosen = models.JSONField(default=list)  # application ids, best first
    total = models.FloatField(default=0)
    costs = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.call_id}: {self.chosen}"


class AuditEntry(models.Model):
    """Every reviewer's and staff member's action of the selection, per call and
    application, in the order it happened. Written by selection.services only."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="audit")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="audit"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    detail = models.JSONField(default=dict)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["application", "at"], name="audit_application_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


from .pairing.models import PairProposal  # noqa: F401,E402
