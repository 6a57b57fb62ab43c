import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from exchange.core import limits

# The real programme's European side: the member states of the European Union.
EU_MEMBER_STATES = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)  # fmt: skip


def validate_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(zone)s” is not a time zone. Use a name such as Europe/Berlin."),
            params={"zone": value},
        ) from None


class Programme(models.Model):
    """An exchange programme hosted on the platform (the main Civil Society Exchange, or a
    multiplier organisation's own Turkey–Europe programme), with its own staff and calls."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True, max_length=limits.DESCRIPTION)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="programmes", verbose_name=_("staff")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name


class Call(models.Model):
    """A call for applications. Its opening and closing moments are stored in UTC and
    entered with an IANA time zone (Europe/Berlin, never a bare "CET": Turkey is UTC+3 all
    year, so "23:59 CET" is after midnight in Istanbul)."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    slug = models.SlugField(unique=True)
    cohort_en = models.CharField(
        _("cohort (English)"), max_length=100, help_text=_("For example: Cohort 2027")
    )
    cohort_tr = models.CharField(
        _("cohort (Turkish)"), max_length=100, blank=True, help_text=_("For example: 2027 Dönemi")
    )
    cohort_de = models.CharField(
        _("cohort (German)"), max_length=100, blank=True, help_text=_("For example: Jahrgang 2027")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_tr = models.CharField(_("title (Turkish)"), max_length=200, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    text_en = models.TextField(_("text (English)"), max_length=limits.CALL_TEXT)
    text_tr = models.TextField(_("text (Turkish)"), blank=True, max_length=limits.CALL_TEXT)
    text_de = models.TextField(_("text (German)"), blank=True, max_length=limits.CALL_TEXT)
    time_zone = models.CharField(
        _("time zone of the dates"),
        max_length=64,
        default="Europe/Berlin",
        validators=[validate_zone],
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("deadline"), db_index=True)
    opening_meeting = models.DateField(_("opening meeting"), null=True, blank=True)
    exchange_starts = models.DateField(_("exchange period starts"), null=True, blank=True)
    exchange_ends = models.DateField(_("exchange period ends"), null=True, blank=True)
    closing_meeting = models.DateField(_("closing meeting"), null=True, blank=True)
    turkey_countries = models.JSONField(_("eligible countries, Turkish side"), default=list)
    europe_countries = models.JSONField(_("eligible countries, European side"), default=list)
    organisations_per_partnership = models.PositiveSmallIntegerField(
        _("organisations per partnership"),
        default=2,
        validators=[MinValueValidator(2), MaxValueValidator(3)],
    )
    participants_per_organisation = models.PositiveSmallIntegerField(
        _("participants per organisation"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    grant_amount = models.DecimalField(
        _("grant per partnership"), max_digits=10, decimal_places=2, default=Decimal("3500")
    )
    grant_currency = models.CharField(_("currency"), max_length=3, default="EUR")
    single_applicants_allowed = models.BooleanField(
        _("single organisations may apply to be matched"), default=True
    )
    partnerships_to_select = models.PositiveSmallIntegerField(
        _("partnerships to select"), default=8
    )
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Reviewers see the applications without the participants' personal data."),
    )
    # Set when the first review is submitted: from then on the rubric's scales and criteria
    # stay as the reviewers scored them (texts may still be reworded).
    reviews_started_at = models.DateTimeField(_("reviews started"), null=True, blank=True)
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_it_opens"
            ),
            models.CheckConstraint(
                condition=Q(grant_amount__gte=0), name="call_grant_not_negative"
            ),
        ]

    def __str__(self):
        return self.title_en

    def get_absolute_url(self):
        return reverse("calls:detail", args=[self.slug])

    TRANSLATED = ("title", "cohort", "text")

    def _translated(self, name):
        language = (get_language() or "en")[:2]
        return getattr(self, f"{name}_{language}", "") or getattr(self, f"{name}_en")

    @property
    def title(self):
        return self._translated("title")

    @property
    def cohort(self):
        return self._translated("cohort")

    @property
    def text(self):
        return self._translated("text")

    def is_shown_in_english(self, name: str) -> bool:
        """Whether the reader's language has no version of this text (English is shown)."""
        language = (get_language() or "en")[:2]
        return language != "en" and not getattr(self, f"{name}_{language}", "")

    def missing_languages(self) -> list[str]:
        """The languages (labels) in which a title, cohort or text is still empty: readers
        of these see the English text instead. Staff see this before they publish."""
        return [
            str(label)
            for code, label in (("tr", _("Turkish")), ("de", _("German")))
            if any(not getattr(self, f"{name}_{code}") for name in self.TRANSLATED)
        ]

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def status_at(self, moment=None) -> str:
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return self.Status.UPCOMING
        if moment <= self.closes_at:
            return self.Status.OPEN
        return self.Status.CLOSED

    @property
    def status(self) -> str:
        return self.status_at()


class FormPurpose(models.TextChoices):
    """What a form of a call is for: the application, or one of the selected partnerships'
    reports (partnerships.reports). Every form is edited, versioned and validated the same
    way; question keys stay unique across all the forms of one call."""

    APPLICATION = "application", _("application form")
    MIDTERM = "midterm", _("mid-term report")
    FINAL = "final", _("final report")


class FormSection(models.Model):
    """A group of questions, answered once by the partnership or by each organisation."""

    class Scope(models.TextChoices):
        PARTNERSHIP = "partnership", _("once by the partnership")
        ORGANISATION = "organisation", _("by each organisation for itself")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="sections")
    purpose = models.CharField(
        _("form"), max_length=20, choices=FormPurpose.choices, default=FormPurpose.APPLICATION
    )
    key = models.SlugField(_("key"), max_length=50)
    scope = models.CharField(_("answered"), max_length=20, choices=Scope.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_tr = models.CharField(_("title (Turkish)"), max_length=200, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "purpose", "key"], name="form_section_key_unique"
            )
        ]

    def __str__(self):
        return self.title_en


class FormQuestion(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text with a word limit")
        SINGLE_CHOICE = "single_choice", _("single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("multiple choice")
        CAPACITY_AREA = "capacity_area", _("capacity area")
        NUMBER = "number", _("number")
        DATE = "date", _("date")
        FILE = "file", _("file upload")
        YES_NO = "yes_no", _("yes or no")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        FormSection, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    key = models.SlugField(_("key"), max_length=50, help_text=_("Stable name of the answer."))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label_en = models.CharField(_("question (English)"), max_length=300)
    label_tr = models.CharField(_("question (Turkish)"), max_length=300, blank=True)
    label_de = models.CharField(_("question (German)"), max_length=300, blank=True)
    help_en = models.TextField(_("help (English)"), blank=True, max_length=limits.HELP)
    help_tr = models.TextField(_("help (Turkish)"), blank=True, max_length=limits.HELP)
    help_de = models.TextField(_("help (German)"), blank=True, max_length=limits.HELP)
    choices = models.TextField(
        _("choices"),
        blank=True,
        max_length=limits.CHOICES,
        help_text=_("One per line: key | English | Türkçe | Deutsch"),
    )
    word_limit = models.PositiveIntegerField(_("word limit"), null=True, blank=True)
    min_value = models.DecimalField(
        _("smallest number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("largest number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    file_types = models.CharField(
        _("file types"), max_length=100, blank=True, help_text=_("For example: pdf, docx")
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("largest file (MB)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )

    class Meta:
        ordering = ["section__position", "position", "pk"]
        verbose_name = _("form question")
        verbose_name_plural = _("form questions")
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="form_question_key_unique")
        ]

    def __str__(self):
        return self.label_en

    def save(self, *args, **kwargs):
        self.call_id = self.section.call_id
        super().save(*args, **kwargs)


class FormVersion(models.Model):
    """One content of a call's form. Answers name the version they were validated against, so
    a later edit of the form never re-interprets what was submitted."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="form_versions")
    purpose = models.CharField(
        max_length=20, choices=FormPurpose.choices, default=FormPurpose.APPLICATION
    )
    number = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)
    schema = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["call", "purpose", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "purpose", "number"], name="form_version_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.call} v{self.number}"


class Criterion(models.Model):
    """One criterion of a call's rubric: what reviewers score, on which scale, what each score
    means (anchors), and how much it weighs in the weighted mean. Anchors are written one per
    line, "score | text", in each language."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("key"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_en = models.CharField(_("criterion (English)"), max_length=200)
    title_tr = models.CharField(_("criterion (Turkish)"), max_length=200, blank=True)
    title_de = models.CharField(_("criterion (German)"), max_length=200, blank=True)
    help_en = models.TextField(
        _("what reviewers look for (English)"), blank=True, max_length=limits.HELP
    )
    help_tr = models.TextField(
        _("what reviewers look for (Turkish)"), blank=True, max_length=limits.HELP
    )
    help_de = models.TextField(
        _("what reviewers look for (German)"), blank=True, max_length=limits.HELP
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MaxValueValidator(10)]
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Relative weight in the weighted mean, for example 25."),
    )
    anchors_en = models.TextField(
        _("anchors (English)"),
        blank=True,
        max_length=limits.CHOICES,
        help_text=_(
            "One per line: score | what it means. For example: 5 | Central to both organisations"
        ),
    )
    anchors_tr = models.TextField(_("anchors (Turkish)"), blank=True, max_length=limits.CHOICES)
    anchors_de = models.TextField(_("anchors (German)"), blank=True, max_length=limits.CHOICES)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["call", "key"], name="criterion_key_unique"),
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="criterion_scale_not_empty"
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return self.title_en

    def _translated(self, name):
        language = (get_language() or "en")[:2]
        return getattr(self, f"{name}_{language}", "") or getattr(self, f"{name}_en")

    @property
    def title(self):
        return self._translated("title")

    @property
    def help(self):
        return self._translated("help")

    @property
    def scores(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    def anchors(self) -> dict[int, str]:
        """{score: meaning} in the reader's language (English where a line is missing)."""
        result = parse_anchors(self.anchors_en)
        result.update(parse_anchors(self._translated("anchors")))
        return {s: t for s, t in sorted(result.items()) if self.scale_min <= s <= self.scale_max}


def parse_anchors(text: str) -> dict[int, str]:
    result = {}
    for line in (text or "").splitlines():
        score, sep, meaning = line.partition("|")
        if sep and score.strip().isdigit() and meaning.strip():
            result[int(score.strip())] = meaning.strip()
    return result
