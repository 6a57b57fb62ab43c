"""Reads of the model library that need care: what is public, in which language, the
family tree, related models and the programme's count of adoptions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils.translation import get_language

from exchange.core.models import StatusChange
from exchange.core.permissions import Refused, require
from exchange.core.textsearch import apply_search, ranked_ids
from exchange.organisations.models import Membership

from . import lineage, permissions, tags
from .models import LANGUAGE_CODES, SECTIONS, Adoption, PracticeModel, SearchDocument, Version


def reader_language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in LANGUAGE_CODES else "en"


def published():
    return PracticeModel.objects.filter(published_number__gt=0).select_related(
        "organisation", "partnership__cohort__call"
    )


def get_model(user, slug: str) -> PracticeModel:
    """A model its reader may see: published, or a draft of theirs (or for staff)."""
    model = (
        PracticeModel.objects.select_related(
            "organisation", "origin", "partnership__cohort__call__programme"
        )
        .filter(slug=slug)
        .first()
    )
    if model is None:
        raise Http404
    try:
        require(permissions.can_read(user, model))
    except Refused:
        raise Http404 from None
    return model


def moved(user, slug: str) -> str | None:
    """The model's address now, when `slug` is one it had before it was first published
    (its draft's), for a reader who may see it; otherwise None."""
    found = re.search(r"-(\d+)$", slug)
    if found is None:
        return None
    model = PracticeModel.objects.filter(pk=int(found[1])).exclude(slug=slug).first()
    if model is None or not permissions.can_read(user, model):
        return None
    return model.slug


def get_for_work(user, slug: str) -> PracticeModel:
    model = get_model(user, slug)
    require(permissions.can_view_draft(user, model))
    return model


def last_changed(model: PracticeModel):
    """When what a model's public page shows last changed: its version, its adoptions and
    the models adapted from it (for Last-Modified and conditional requests)."""
    if not model.is_public:
        return None
    adoptions = model.adoptions.aggregate(created=Max("created_at"), reported=Max("reported_at"))
    derived = model.derived.filter(published_number__gt=0).aggregate(at=Max("published_at"))
    moments = [model.published_at, model.updated_at, *adoptions.values(), derived["at"]]
    return max(m for m in moments if m is not None)


def latest_version(model: PracticeModel) -> Version | None:
    if not model.is_public:
        return None
    return model.versions.filter(number=model.published_number).first()


@dataclass
class Reading:
    """A published version as one reader reads it."""

    language: str  # the language shown
    asked: str  # the reader's language
    available: list[str]
    missing: list[str]
    title: str
    summary: str
    sections: list[tuple[str, str, str]]  # (key, label, Markdown)


def reading(version: Version, asked: str) -> Reading:
    content = version.content
    available = [code for code in LANGUAGE_CODES if code in content]
    original = version.facts.get("original_language", "en")
    language = asked if asked in content else (original if original in content else available[0])
    text = content[language]
    return Reading(
        language=language,
        asked=asked,
        available=available,
        missing=[code for code in LANGUAGE_CODES if code not in content],
        title=text.get("title", ""),
        summary=text.get("summary", ""),
        sections=[(key, label, text.get(key, "")) for key, label in SECTIONS if text.get(key)],
    )


def working_reading(model: PracticeModel, asked: str) -> Reading | None:
    """The working copy read like a published version (the authors' and staff's preview)."""
    texts = {t.language: t.content() for t in model.texts.all()}
    if not texts:
        return None
    preview = Version(content=texts, facts={"original_language": model.original_language})
    return reading(preview, asked)


def versions_of(model: PracticeModel):
    return model.versions.only("number", "note", "published_at", "model_id").order_by("-number")


def adoptions_of(model: PracticeModel):
    return model.adoptions.select_related("organisation").order_by("-created_at")


def adoption_of(user, organisation_ids, model) -> Adoption | None:
    return model.adoptions.filter(organisation_id__in=organisation_ids).first()


# --- Lineage ------------------------------------------------------------------------------

TABLE = PracticeModel._meta.db_table
_ROOT_SQL = f"""
WITH RECURSIVE up(id, origin_id, depth) AS (
    SELECT id, origin_id, 0 FROM {TABLE} WHERE id = %s
    UNION ALL
    SELECT m.id, m.origin_id, up.depth + 1 FROM {TABLE} m JOIN up ON m.id = up.origin_id
    WHERE up.depth < {lineage.MAX_DEPTH} AND m.published_number > 0
)
SELECT id FROM up ORDER BY depth DESC LIMIT 1
"""
_FAMILY_SQL = f"""
WITH RECURSIVE down(id, depth) AS (
    SELECT id, 0 FROM {TABLE} WHERE id = %s
    UNION ALL
    SELECT m.id, down.depth + 1 FROM {TABLE} m JOIN down ON m.origin_id = down.id
    WHERE down.depth < {lineage.MAX_DEPTH} AND m.published_number > 0
)
SELECT id FROM down
"""


def family(model: PracticeModel, language: str | None = None, url=None) -> lineage.Tree:
    """The whole published family of a model (from its first ancestor down), laid out.
    Three queries whatever its size: the root, the family's ids, their rows."""
    language = language or reader_language()
    with connection.cursor() as cursor:
        cursor.execute(_ROOT_SQL, [model.pk])
        root = cursor.fetchone()[0]
        cursor.execute(_FAMILY_SQL, [root])
        ids = [row[0] for row in cursor.fetchall()]
    rows = (
        PracticeModel.objects.filter(pk__in=ids)
        .filter(Q(published_number__gt=0) | Q(pk=model.pk))
        .select_related("organisation")
        .only("id", "origin_id", "slug", "titles", "original_language",
              "first_published_at", "organisation__country", "organisation__name")
    )  # fmt: skip
    nodes = [
        lineage.Node(
            id=m.pk,
            origin_id=m.origin_id,
            title=m.title_in(language) or m.slug,
            country=str(m.organisation.country.name) if m.organisation.country else "",
            year=m.first_published_at.year if m.first_published_at else None,
            url=url(m) if url else "",
        )
        for m in rows
    ]
    return lineage.build(nodes, model.pk)


# --- Related and recommended ---------------------------------------------------------------


def _sharing(keys: list[str], *, exclude=(), exclude_organisations=(), limit: int = 4):
    """Published models with the most of these tags (areas, fields), best first."""
    if not keys:
        return []
    groups = [frozenset(keys)]
    window = limit + len(exclude) + 40
    ids = ranked_ids(
        "",
        search_table=SearchDocument._meta.db_table,
        key="model_id",
        window=window,
        required=groups + [frozenset({tags.PUBLISHED})],
        order_table=TABLE,
        order_by=("-published_at",),
        by_rank=False,
        using=PracticeModel.objects.db,
    )
    queryset = (
        published().exclude(pk__in=exclude).exclude(organisation_id__in=exclude_organisations)
    )
    if ids is not None:
        found = {m.pk: m for m in queryset.filter(pk__in=ids)}
        candidates = [found[i] for i in ids if i in found]
    else:
        searched = apply_search(
            queryset,
            "",
            search_table=SearchDocument._meta.db_table,
            key="model_id",
            required=groups,
            tags_alone=True,
        )
        candidates = list(searched.order_by("-published_at", "-pk")[:window])
    wanted = set(keys)

    def shared(m):
        own = {tags.area(k) for k in m.capacity_areas if k} | {
            tags.field(k) for k in m.thematic_fields if k
        }
        return len(own & wanted)

    candidates.sort(key=lambda m: -shared(m))  # stable: newest first among equals
    return candidates[:limit]


def related(model: PracticeModel, limit: int = 4):
    keys = [tags.area(k) for k in model.capacity_areas] + [
        tags.field(k) for k in model.thematic_fields
    ]
    return _sharing(keys, exclude=[model.pk], limit=limit)


def for_organisation(organisation, limit: int = 4):
    """Models that answer the capacity areas an organisation says it needs."""
    needs = sorted({s.area for s in organisation.needs if s.area})
    return _sharing(
        [tags.area(k) for k in needs], exclude_organisations=[organisation.pk], limit=limit
    )


# --- The programme's measure --------------------------------------------------------------


def adoption_counts():
    """Adoptions per published model (most adopted first) and per cohort."""
    per_model = list(
        published()
        .annotate(
            adopted=Count("adoptions", distinct=True),
            derived_count=Count(
                "derived", filter=Q(derived__published_number__gt=0), distinct=True
            ),
        )
        .order_by("-adopted", "-published_at")
    )
    per_cohort = (
        Adoption.objects.filter(model__partnership__isnull=False)
        .values("model__partnership__cohort_id", "model__partnership__cohort__call__cohort_en")
        .annotate(adoptions=Count("pk"), models=Count("model", distinct=True))
        .order_by("-adoptions")
    )
    outside = Adoption.objects.filter(model__partnership__isnull=True).count()
    return {"models": per_model, "cohorts": list(per_cohort), "outside": outside}


def last_comments(model: PracticeModel) -> StatusChange | None:
    """Staff's comments when they last sent the model back, while they still apply."""
    if model.status not in (PracticeModel.Status.SENT_BACK, PracticeModel.Status.DRAFT):
        return None
    return (
        StatusChange.objects.filter(
            workflow="library.model", object_id=model.pk, to_status=PracticeModel.Status.SENT_BACK
        )
        .select_related("by")
        .order_by("-pk")
        .first()
    )


def history(model: PracticeModel):
    return (
        StatusChange.objects.filter(workflow="library.model", object_id=model.pk)
        .select_related("by")
        .order_by("-pk")
    )


def review_queue():
    return (
        PracticeModel.objects.filter(status=PracticeModel.Status.IN_REVIEW)
        .select_related("organisation", "partnership__cohort__call__programme")
        .prefetch_related("texts")
        .order_by("updated_at")
    )


def models_of(user):
    """The models the person's organisations write (drafts and published)."""
    organisation_ids = Membership.objects.filter(user=user).values("organisation_id")
    return (
        PracticeModel.objects.filter(
            Q(organisation_id__in=organisation_ids)
            | Q(partnership__members__organisation_id__in=organisation_ids)
        )
        .distinct()
        .select_related("organisation")
        .prefetch_related("texts")
        .order_by("-updated_at")
    )
