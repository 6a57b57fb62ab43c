"""Every change in the model library (STYLE: keyword-only, one transaction, no request).

A model starts as a draft: from a partnership's final report, from an organisation's own
practice, or as the adaptation of a model it adopted (which names its origin). Its authors
edit the working copy in any of the three languages; an edit withdraws the organisations'
approvals. Once every author organisation approved it, it goes to review; staff publish it
— which freezes a new `Version` and indexes it for search — or send it back with comments.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from exchange.core import events, textsearch
from exchange.core.permissions import Refused, reload_for_update, require
from exchange.core.uploads import check_document, reencode_image
from exchange.organisations import taxonomy
from exchange.organisations.models import Membership, Organisation
from exchange.partnerships.reports import selectors as report_selectors

from . import permissions, tags
from .models import (
    LANGUAGE_CODES,
    SECTION_KEYS,
    Adoption,
    Approval,
    Attachment,
    Author,
    PracticeModel,
    SearchDocument,
    Text,
    Version,
)
from .workflows import MODEL, complete

S = PracticeModel.Status
ATTACHMENT_TYPES = ("pdf", "docx", "pptx", "xlsx", "odt", "odp", "png", "jpg")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
COVER_BOX = (1200, 630)  # the size social previews use
FACTS = ("capacity_areas", "thematic_fields", "countries", "organisation_kinds")
# The final report's parts feed the draft's sections (reports.reportforms.MODEL_PARTS).
FROM_FINAL_REPORT = {
    "problem": "problem",
    "approach": "approach",
    "steps": "steps",
    "resources": "resources",
    "worked": "lessons",
    "results": "results",
}


def _slug(model: PracticeModel, title: str) -> str:
    # Folded first, so that Turkish and German letters become their plain forms (ı -> i).
    return f"{slugify(textsearch.fold(title))[:60].strip('-') or 'model'}-{model.pk}"


def _create(*, by, organisation, title: str, summary: str, language: str, **fields):
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose English, Turkish or German.")})
    model = PracticeModel.objects.create(
        organisation=organisation,
        original_language=language,
        created_by=by,
        slug=f"new-{timezone.now().timestamp()}",
        **fields,
    )
    model.slug = _slug(model, title)
    model.save(update_fields=["slug"])
    return model


@transaction.atomic
def start_for_partnership(*, partnership, by, language: str, title: str = "") -> PracticeModel:
    """The partnership's model, drafted from its final report (what it says so far)."""
    require(permissions.can_start_for_partnership(by, partnership))
    existing = PracticeModel.objects.filter(partnership=partnership).first()
    if existing is not None:
        return existing
    organisations = list(partnership.members_organisations())
    report = report_selectors.final_report_content(partnership)["parts"]
    areas = [partnership.capacity_area] if partnership.capacity_area in taxonomy.AREA_KEYS else []
    fields = sorted({key for o in organisations for key in o.fields.values_list("key", flat=True)})
    title = title or partnership.planned_model.split("\n")[0][:160] or _("Our model")
    model = _create(
        by=by,
        organisation=organisations[0],
        partnership=partnership,
        title=title,
        summary="",
        language=language,
        capacity_areas=areas,
        thematic_fields=fields,
        countries=sorted({o.country.code for o in organisations if o.country}),
        organisation_kinds=sorted({o.kind for o in organisations if o.kind}),
    )
    Text.objects.create(
        model=model,
        language=language,
        title=title,
        summary=(partnership.common_issue or "")[:600],
        context=partnership.common_issue or "",
        updated_by=by,
        **{section: report.get(part, "") or "" for section, part in FROM_FINAL_REPORT.items()},
    )
    return model


@transaction.atomic
def start_own(*, organisation: Organisation, by, language: str, title: str, summary: str):
    """A model an organisation submits from outside the programme."""
    require(permissions.can_act_for(by, organisation))
    model = _create(
        by=by,
        organisation=organisation,
        title=title,
        summary=summary,
        language=language,
        countries=[organisation.country.code] if organisation.country else [],
        organisation_kinds=[organisation.kind] if organisation.kind else [],
        thematic_fields=list(organisation.fields.values_list("key", flat=True)),
    )
    Text.objects.create(model=model, language=language, title=title, summary=summary, updated_by=by)
    return model


def _reopen(model: PracticeModel, by) -> None:
    """An edit withdraws the approvals and makes an approved, sent-back or published
    model a draft again (a published one stays public as it was)."""
    model.approvals.all().delete()
    if model.status in (S.APPROVED, S.SENT_BACK, S.PUBLISHED):
        MODEL.transition(model, S.DRAFT, by=by, locked=True)


@transaction.atomic
def save_text(*, model: PracticeModel, language: str, by, values: dict) -> Text:
    """Write one language's text of the working copy."""
    reload_for_update(model)
    require(permissions.can_edit(by, model))
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Choose English, Turkish or German."))
    text = Text.objects.filter(model=model, language=language).first() or Text(
        model=model, language=language
    )
    for key in ("title", "summary", *SECTION_KEYS):
        setattr(text, key, (values.get(key) or "").strip())
    text.updated_by = by
    text.full_clean(exclude=["model"])
    text.save()
    _reopen(model, by)
    return text


@transaction.atomic
def remove_translation(*, model: PracticeModel, language: str, by) -> None:
    reload_for_update(model)
    require(permissions.can_edit(by, model))
    if language == model.original_language:
        raise ValidationError(_("The text in the language the model was written in stays."))
    model.texts.filter(language=language).delete()
    _reopen(model, by)


@transaction.atomic
def save_facts(*, model: PracticeModel, by, **facts) -> PracticeModel:
    """What the model is filed under, its licence, and whether its results show the
    partnership's self-assessment."""
    reload_for_update(model)
    require(permissions.can_edit(by, model))
    allowed = {*FACTS, "licence", "show_assessment", "original_language", "cover_alt"}
    unknown = set(facts) - allowed
    if unknown:
        raise ValueError(f"unknown facts: {sorted(unknown)}")
    if (
        "original_language" in facts
        and not model.texts.filter(language=facts["original_language"]).exists()
    ):
        raise ValidationError({"original_language": _("Write the model in that language first.")})
    for key, value in facts.items():
        setattr(model, key, sorted(value) if key in FACTS else value)
    model.full_clean(exclude=["cover", "slug", "partnership", "origin"])
    model.save()
    _reopen(model, by)
    return model


@transaction.atomic
def set_cover(*, model: PracticeModel, by, upload, alt: str) -> None:
    reload_for_update(model)
    require(permissions.can_edit(by, model))
    if not alt.strip():
        raise ValidationError({"cover_alt": _("Say in a few words what the image shows.")})
    image = reencode_image(upload, box=COVER_BOX)
    if model.cover:
        model.cover.delete(save=False)
    model.cover.save(f"{model.pk}.png", image, save=False)
    model.cover_alt = alt.strip()[:200]
    model.save(update_fields=["cover", "cover_alt", "updated_at"])
    _reopen(model, by)


@transaction.atomic
def add_attachment(*, model: PracticeModel, by, upload, title: str, language: str) -> Attachment:
    reload_for_update(model)
    require(permissions.can_edit(by, model))
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Choose English, Turkish or German.")})
    if model.attachments.count() >= 10:
        raise ValidationError(_("A model can have at most 10 attachments."))
    extension = check_document(upload, types=ATTACHMENT_TYPES, max_bytes=ATTACHMENT_MAX_BYTES)
    title = (title or "").strip()[:160] or upload.name.rsplit(".", 1)[0][:160]
    attachment = Attachment(
        model=model,
        title=title,
        extension=extension,
        size=upload.size,
        language=language,
        uploaded_by=by,
    )
    attachment.file.save(f"{slugify(title)[:50] or 'file'}.{extension}", upload, save=False)
    attachment.save()
    _reopen(model, by)
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, by) -> None:
    model = reload_for_update(attachment.model)
    require(permissions.can_edit(by, model))
    attachment.file.delete(save=False)
    attachment.delete()
    _reopen(model, by)


@transaction.atomic
def name_me(*, model: PracticeModel, by, name: str, named: bool = True) -> None:
    """A person of an author organisation agrees to be named as an author (or withdraws)."""
    require(permissions.can_be_named(by, model))
    if not named:
        Author.objects.filter(model=model, user=by).delete()
        return
    name = (name or by.name or "").strip()[:120]
    if not name:
        raise ValidationError({"name": _("Write the name to be shown.")})
    Author.objects.update_or_create(
        model=model, user=by, defaults={"name": name, "agreed_at": timezone.now()}
    )


@transaction.atomic
def approve(*, model: PracticeModel, by) -> PracticeModel:
    """Approve the working copy for each author organisation of which `by` is an admin;
    the model is approved once every author organisation has."""
    reload_for_update(model)
    require(permissions.can_approve(by, model))
    if model.status == S.DRAFT:
        require(complete(model))
    for organisation_id, role in permissions.roles_in(by, model).items():
        if role == Membership.Role.ADMIN:
            Approval.objects.get_or_create(
                model=model, organisation_id=organisation_id, defaults={"by": by}
            )
    if model.status == S.DRAFT and MODEL.check(model, S.APPROVED, by=by):
        MODEL.transition(model, S.APPROVED, by=by, locked=True)
    return model


@transaction.atomic
def submit_for_review(*, model: PracticeModel, by) -> PracticeModel:
    reload_for_update(model)
    MODEL.transition(model, S.IN_REVIEW, by=by, locked=True)
    return model


@transaction.atomic
def withdraw_from_review(*, model: PracticeModel, by) -> PracticeModel:
    reload_for_update(model)
    MODEL.transition(model, S.DRAFT, by=by, locked=True)
    model.approvals.all().delete()
    return model


@transaction.atomic
def send_back(*, model: PracticeModel, by, comments: str) -> PracticeModel:
    comments = (comments or "").strip()
    if not comments:
        raise ValidationError({"comments": _("Say what the authors should change.")})
    reload_for_update(model)
    MODEL.transition(model, S.SENT_BACK, by=by, reason=comments[:4000], locked=True)
    model.approvals.all().delete()
    return model


@transaction.atomic
def publish(*, model: PracticeModel, by, note: str = "") -> Version:
    """Freeze the working copy as the next published version and index it."""
    reload_for_update(model)
    require(permissions.can_review(by, model))
    require(complete(model))
    texts = list(model.texts.all())
    now = timezone.now()
    number = model.published_number + 1
    version = Version.objects.create(
        model=model,
        number=number,
        content={t.language: t.content() for t in texts},
        facts=facts_of(model),
        note=(note or "").strip()[:300],
        published_at=now,
        published_by=by,
    )
    if model.first_published_at is None:
        # The address is settled when the model first goes public, from its title then
        # (a draft's title often changes); afterwards it stays, so that links keep working.
        original = next((t for t in texts if t.language == model.original_language), texts[0])
        model.slug = _slug(model, original.title)
    model.published_number = number
    model.published_at = now
    model.first_published_at = model.first_published_at or now
    model.titles = {t.language: t.title for t in texts}
    model.summaries = {t.language: t.summary for t in texts}
    model.save(
        update_fields=[
            "slug",
            "published_number",
            "published_at",
            "first_published_at",
            "titles",
            "summaries",
        ]
    )
    MODEL.transition(model, S.PUBLISHED, by=by, reason=version.note, locked=True)
    index(model, version)
    return version


def facts_of(model: PracticeModel) -> dict:
    return {
        **{key: list(getattr(model, key)) for key in FACTS},
        "licence": model.licence,
        "original_language": model.original_language,
        "show_assessment": model.show_assessment,
        "authors": list(model.authors.values_list("name", flat=True)),
    }


def search_keys(*, content: dict, facts: dict, organisation: str, cohort_id=None) -> dict:
    """The search keys of a published version (every language it has) with its tags."""
    titles = [c.get("title", "") for c in content.values()]
    body = [c.get(key, "") for c in content.values() for key in ("summary", *SECTION_KEYS)]
    keys = tags.of(
        areas=facts.get("capacity_areas", []),
        fields=facts.get("thematic_fields", []),
        countries=facts.get("countries", []),
        languages=list(content),
        cohort_id=cohort_id,
    )
    return {
        "name_keys": textsearch.document_keys(*titles),
        "body_keys": textsearch.document_keys(organisation, *body) + " " + " ".join(keys),
    }


def index(model: PracticeModel, version: Version) -> None:
    """Index the published version for the library's search."""
    keys = search_keys(
        content=version.content,
        facts=version.facts,
        organisation=model.organisation.name,
        cohort_id=model.partnership.cohort_id if model.partnership_id else None,
    )
    SearchDocument.objects.update_or_create(model=model, defaults=keys)


# --- Adopting -----------------------------------------------------------------------------


@transaction.atomic
def adopt(*, model: PracticeModel, organisation: Organisation, by, adaptation: str) -> Adoption:
    require(permissions.can_adopt(by, model, organisation))
    adaptation = (adaptation or "").strip()
    if not adaptation:
        raise ValidationError({"adaptation": _("Say in a few sentences how you adapt it.")})
    adoption, created = Adoption.objects.get_or_create(
        model=model,
        organisation=organisation,
        defaults={"adaptation": adaptation[:4000], "by": by},
    )
    if not created:
        raise Refused(_("Your organisation already adopts this model."), "state")
    events.emit("library.adopted", key=f"library.adopted:{adoption.pk}", target=adoption, actor=by)
    return adoption


@transaction.atomic
def report_adoption(*, adoption: Adoption, by, status: str, outcome: str, adaptation=None):
    require(permissions.can_report_adoption(by, adoption))
    if status not in Adoption.Status.values:
        raise ValidationError({"status": _("Choose how far you got.")})
    outcome = (outcome or "").strip()
    if status != Adoption.Status.ADOPTING and not outcome:
        raise ValidationError({"outcome": _("Say how it went.")})
    adoption.status = status
    adoption.outcome = outcome[:4000]
    if adaptation is not None and adaptation.strip():
        adoption.adaptation = adaptation.strip()[:4000]
    adoption.reported_at = timezone.now() if status != Adoption.Status.ADOPTING else None
    adoption.save()
    return adoption


@transaction.atomic
def publish_adaptation(*, adoption: Adoption, by, language: str) -> PracticeModel:
    """Start a new model from an adopted one, naming it as its origin: the adopter's
    draft begins with the origin's published text in `language` (or its first one)."""
    require(permissions.can_report_adoption(by, adoption))
    origin = adoption.model
    existing = PracticeModel.objects.filter(
        origin=origin, organisation=adoption.organisation, partnership=None
    ).first()
    if existing is not None:
        return existing
    version = origin.versions.order_by("-number").first()
    content = version.content if version else {}
    language = language if language in content else origin.original_language
    source = content.get(language) or next(iter(content.values()), {})
    title = _("%(title)s, adapted") % {"title": source.get("title", origin.slug)}
    model = _create(
        by=by,
        organisation=adoption.organisation,
        origin=origin,
        title=title[:160],
        summary=source.get("summary", ""),
        language=language,
        capacity_areas=list(version.facts.get("capacity_areas", [])) if version else [],
        thematic_fields=list(version.facts.get("thematic_fields", [])) if version else [],
        countries=[adoption.organisation.country.code] if adoption.organisation.country else [],
        organisation_kinds=[adoption.organisation.kind] if adoption.organisation.kind else [],
        licence=origin.licence,
    )
    Text.objects.create(
        model=model,
        language=language,
        title=title[:160],
        summary=source.get("summary", "")[:600],
        context=adoption.adaptation,
        updated_by=by,
        **{key: source.get(key, "") for key in SECTION_KEYS if key != "context"},
    )
    return model
