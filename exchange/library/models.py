"""The model library: capacity-building models that partnerships (and organisations from
outside the programme) write down so that others can learn from them and adopt them.

A model has a working copy (its `Text` per language, edited by its authors and approved
by each of their organisations) and published versions (`Version`: a frozen copy of every
language's text and of the facts it is filed under). Readers always see the latest
published version, so an update in progress never shows half-written; a model's history
is the list of its versions. `origin` is where a model came from when it adapts another:
the lineage, drawn as a family tree."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from exchange.organisations.models import Organisation
from exchange.partnerships.models import Partnership

LANGUAGES = (("en", "English"), ("tr", "Türkçe"), ("de", "Deutsch"))
LANGUAGE_CODES = tuple(code for code, _label in LANGUAGES)

# The written parts of a model, in the order a reader meets them; each is Markdown.
SECTIONS = (
    ("problem", _("The problem it answers")),
    ("context", _("Where it was developed")),
    ("approach", _("The approach")),
    ("steps", _("Steps")),
    ("resources", _("Resources and time it needs")),
    ("worked", _("What worked")),
    ("did_not_work", _("What did not work")),
    ("results", _("Results")),
)
SECTION_KEYS = tuple(key for key, _label in SECTIONS)


class Licence(models.TextChoices):
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"


LICENCE_URLS = {
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


def cover_path(instance, filename):
    return f"library/covers/{instance.pk or 'new'}.png"


class PracticeModel(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by its organisations")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        SENT_BACK = "sent_back", _("Sent back for changes")

    slug = models.SlugField(max_length=80, unique=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    # A partnership's model, or one an organisation submits from outside the programme.
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="models"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="library_models"
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived",
        verbose_name=_("adapted from"),
    )
    original_language = models.CharField(
        _("written first in"), max_length=2, choices=LANGUAGES, default="en"
    )
    capacity_areas = models.JSONField(_("capacity areas"), default=list, blank=True)
    thematic_fields = models.JSONField(_("thematic fields"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    organisation_kinds = models.JSONField(_("kinds of organisations"), default=list, blank=True)
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_SA
    )
    show_assessment = models.BooleanField(
        _("show our self-assessment's change with the results"), default=False
    )
    cover = models.ImageField(_("cover image"), upload_to=cover_path, blank=True)
    cover_alt = models.CharField(_("what the cover image shows"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The published version readers see (0: never published) and when it was published.
    published_number = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    # The published version's titles and summaries by language, for lists and cards
    # without reading every version's whole text.
    titles = models.JSONField(default=dict, blank=True)
    summaries = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("model")
        verbose_name_plural = _("models")
        # The library's default order, newest first, walked by the index instead of sorted.
        indexes = [models.Index(fields=["-published_at", "-id"], name="library_newest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published_number=0) | models.Q(published_at__isnull=False),
                name="library_published_has_a_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(origin=models.F("pk")), name="library_not_its_own_origin"
            ),
        ]

    def __str__(self):
        return self.slug

    @property
    def is_public(self) -> bool:
        return self.published_number > 0

    def shown_language(self, language: str) -> str:
        """The published language a reader of `language` gets: theirs where it exists."""
        if language in self.titles:
            return language
        if self.original_language in self.titles:
            return self.original_language
        return next(iter(self.titles), language)

    def title_in(self, language: str) -> str:
        return self.titles.get(self.shown_language(language), "")

    def summary_in(self, language: str) -> str:
        return self.summaries.get(self.shown_language(language), "")


class Text(models.Model):
    """The working copy of a model in one language."""

    model = models.ForeignKey(PracticeModel, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=2, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("summary in two or three sentences"), max_length=600)
    problem = models.TextField(_("The problem it answers"), blank=True, max_length=6000)
    context = models.TextField(_("Where it was developed"), blank=True, max_length=6000)
    approach = models.TextField(_("The approach"), blank=True, max_length=10000)
    steps = models.TextField(_("Steps"), blank=True, max_length=10000)
    resources = models.TextField(_("Resources and time it needs"), blank=True, max_length=6000)
    worked = models.TextField(_("What worked"), blank=True, max_length=6000)
    did_not_work = models.TextField(_("What did not work"), blank=True, max_length=6000)
    results = models.TextField(_("Results"), blank=True, max_length=6000)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["model", "language"]
        constraints = [
            models.UniqueConstraint(fields=["model", "language"], name="library_text_per_language")
        ]

    def __str__(self):
        return f"{self.model_id} [{self.language}] {self.title}"

    def content(self) -> dict:
        return {
            "title": self.title,
            "summary": self.summary,
            **{key: getattr(self, key) for key in SECTION_KEYS},
        }


class Version(models.Model):
    """A published version: every language's text and the facts, frozen."""

    model = models.ForeignKey(PracticeModel, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()  # {language: {"title": …, "summary": …, section: …}}
    facts = models.JSONField(default=dict)  # areas, fields, countries, kinds, licence, …
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["model", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["model", "number"], name="library_version_once")
        ]

    def __str__(self):
        return f"{self.model_id} v{self.number}"


class Approval(models.Model):
    """One author organisation's approval of the working copy as it stands. An edit of
    the working copy withdraws every approval."""

    model = models.ForeignKey(PracticeModel, on_delete=models.CASCADE, related_name="approvals")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "organisation"], name="library_approval_once")
        ]

    def __str__(self):
        return f"{self.organisation_id} approves {self.model_id}"


class Author(models.Model):
    """A person named as an author, once they agreed to be named."""

    model = models.ForeignKey(PracticeModel, on_delete=models.CASCADE, related_name="authors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name as shown"), max_length=120)
    agreed_at = models.DateTimeField()

    class Meta:
        ordering = ["agreed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["model", "user"], name="library_author_once")
        ]

    def __str__(self):
        return self.name


def attachment_path(instance, filename):
    return f"library/attachments/{instance.model_id}/{filename}"


class Attachment(models.Model):
    """A guide, a template or slides that come with a model (validated upload)."""

    model = models.ForeignKey(PracticeModel, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=160)
    file = models.FileField(upload_to=attachment_path)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES, default="en")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["model", "pk"]

    def __str__(self):
        return self.title


class Adoption(models.Model):
    """An organisation adopting a published model: how it adapts it, then how it went."""

    class Status(models.TextChoices):
        ADOPTING = "adopting", _("Adopting")
        DONE = "done", _("Adopted")
        STOPPED = "stopped", _("Stopped")

    model = models.ForeignKey(PracticeModel, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="adoptions"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ADOPTING)
    adaptation = models.TextField(_("how we adapt it"), max_length=4000)
    outcome = models.TextField(_("how it went"), blank=True, max_length=4000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["model", "organisation"], name="library_adoption_once")
        ]

    def __str__(self):
        return f"{self.organisation_id} adopts {self.model_id}"


class SearchDocument(models.Model):
    """A published model's search keys in every language (core.textsearch), with tags for
    its capacity areas, fields, countries, languages and cohort."""

    model = models.OneToOneField(
        PracticeModel, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    name_keys = models.TextField(default="")
    body_keys = models.TextField(default="")

    class Meta:
        db_table = "library_search"

    def __str__(self):
        return f"search keys of {self.model_id}"
