"""The matching engine wired to the database: reading texts, training, the index."""

from __future__ import annotations

import logging
import threading

import numpy as np
from django.db import reset_queries, transaction
from django.db.models import Max
from django.utils import timezone

from exchange.organisations.models import (
    CapacityStatement,
    Organisation,
    ThematicField,
    WorkingLanguage,
    side_of,
)

from . import text
from .engine import (
    AREAS,
    FIELD_INDEX,
    Index,
    Profile,
    decode_readings,
    organisation_areas,
    vector,
)
from .models import AreaModelVersion, CandidateMark, StatementReading

log = logging.getLogger(__name__)


# --- Reading texts -------------------------------------------------------------------------


def current_model() -> tuple[int, text.AreaModel | None]:
    row = AreaModelVersion.objects.order_by("-id").first()
    return (row.pk, text.AreaModel.from_bytes(bytes(row.data))) if row else (0, None)


def read_statements(statements: list[CapacityStatement]) -> int:
    """Embed the texts of `statements` that changed and infer their areas with the newest
    model. Returns how many readings were written."""
    version, model = current_model()
    with_text = [s for s in statements if s.text.strip()]
    existing = {r.statement_id: r for r in StatementReading.objects.filter(statement__in=with_text)}
    stale = [
        s
        for s in with_text
        if s.pk not in existing
        or existing[s.pk].text_hash != text.text_hash(s.text)
        or existing[s.pk].model_version != version
    ]
    if not stale:
        return 0
    # A text is embedded once, ever: its vector is looked up by its hash among every
    # reading on the platform (imports and copied profiles repeat sentences a lot).
    cached = {r.text_hash: r.embedding for r in existing.values()}
    hashes = [text.text_hash(s.text) for s in stale]
    missing = list(dict.fromkeys(h for h in hashes if h not in cached))
    for i in range(0, len(missing), 500):
        cached.update(
            StatementReading.objects.filter(text_hash__in=missing[i : i + 500]).values_list(
                "text_hash", "embedding"
            )
        )
    missing = [h for h in missing if h not in cached]
    texts_by_hash = {text.text_hash(s.text): s.text for s in stale}
    if missing:
        vectors = text.embed([texts_by_hash[h] for h in missing])
        cached.update({h: text.to_bytes(v) for h, v in zip(missing, vectors, strict=True)})
    vectors = np.array([text.from_bytes(bytes(cached[h])) for h in hashes]).reshape(
        -1, text.DIMENSIONS
    )
    if model is not None:
        probabilities = model.predict(vectors, [s.text for s in stale])
    else:
        probabilities = np.zeros((len(stale), len(AREAS)), dtype=np.float32)
    rows = [
        StatementReading(
            statement=s,
            text_hash=h,
            embedding=cached[h],
            areas=[round(float(p), 4) for p in probs],
            model_version=version,
        )
        for s, h, probs in zip(stale, hashes, probabilities, strict=True)
    ]
    with transaction.atomic():
        StatementReading.objects.filter(statement__in=stale).delete()
        StatementReading.objects.bulk_create(rows, batch_size=500)
        Organisation.objects.filter(pk__in={s.organisation_id for s in stale}).update(
            updated_at=timezone.now()
        )
    return len(rows)


def read_organisations(organisation_ids=None, *, batch: int = 2000) -> int:
    qs = CapacityStatement.objects.exclude(text="").order_by("pk")
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=list(organisation_ids))
    done, last = 0, 0
    while True:
        chunk = list(qs.filter(pk__gt=last)[:batch])
        if not chunk:
            return done
        done += read_statements(chunk)
        last = chunk[-1].pk
        # With DEBUG on, Django keeps the last 9,000 queries, here with their embeddings
        # (hundreds of megabytes on a large import); nobody reads them in a batch job.
        reset_queries()


def train_area_model(*, min_examples: int = 0) -> AreaModelVersion | None:
    """Learn to read areas from the statements whose organisations chose an area and
    explained it in words, then re-read every statement written in words only.

    Self-training: the statements written in words only that the model reads with
    confidence are added to its examples for another round. Organisations write about the
    same ideas in several languages; a sentence read confidently in one language teaches
    the reader its counterparts in the others."""
    # Plain columns rather than model instances, and the vectors kept in float16 as they are
    # stored (exact; float32 only where computed with): on a platform of 20,000
    # organisations, instances and float32 copies took hundreds of megabytes.
    columns = ("statement__text", "statement__area", "statement__organisation_id", "embedding")
    texts, areas, labelled_orgs, vectors = _training_columns(
        StatementReading.objects.exclude(statement__area="").order_by("pk").values_list(*columns)
    )
    if len(texts) < min_examples:
        return None
    unlabelled_texts, _areas, unlabelled_orgs, unlabelled_vectors = _training_columns(
        StatementReading.objects.filter(statement__area="").order_by("pk").values_list(*columns)
    )
    model = text.train(texts, vectors, areas)
    if unlabelled_texts:
        groups: dict[int, list[int]] = {}
        for i, org_id in enumerate(unlabelled_orgs):
            groups.setdefault(org_id, []).append(i)
        chosen: dict[int, np.ndarray] = {}
        for area, org_id in zip(areas, labelled_orgs, strict=True):
            if org_id in groups:  # only organisations that also wrote words only
                chosen.setdefault(org_id, np.zeros(len(AREAS)))[AREAS.index(area)] = 1.0
        for _round in range(text.SELF_TRAINING_ROUNDS):
            # Read one organisation's statements together (each area once) before trusting them.
            probabilities = model.predict(unlabelled_vectors, unlabelled_texts)
            for org_id, rows in groups.items():
                decoded = decode_readings([probabilities[i] for i in rows], chosen.get(org_id))
                probabilities[rows] = decoded
            confident = np.where(probabilities.max(axis=1) > text.SELF_TRAINING_THRESHOLD)[0]
            if len(confident) == 0:
                break
            model = text.train(
                texts + [unlabelled_texts[i] for i in confident],
                np.vstack([vectors, unlabelled_vectors[confident]]),
                areas + [AREAS[int(probabilities[i].argmax())] for i in confident],
            )
    model.examples = len(texts)
    version = AreaModelVersion.objects.create(examples=len(texts), data=model.to_bytes())
    to_read = set(unlabelled_orgs)
    del model, vectors, unlabelled_vectors, texts, unlabelled_texts
    read_organisations(to_read)
    return version


def _training_columns(rows):
    """Texts, areas, organisation ids and the vectors (text.stack) of readings."""
    texts, areas, organisations, embeddings = [], [], [], []
    for text_, area, organisation_id, embedding in rows.iterator(chunk_size=5000):
        texts.append(text_)
        areas.append(area)
        organisations.append(organisation_id)
        embeddings.append(bytes(embedding))
    return texts, areas, organisations, text.stack(embeddings)


# --- Profiles and the index ----------------------------------------------------------------


def profiles(queryset) -> list[Profile]:
    """Profiles of the organisations in `queryset`, in three queries whatever their number."""
    orgs = list(
        queryset.order_by("pk").values("pk", "ref", "country", "hosts_visits", "matching_opt_out")
    )
    ids = [o["pk"] for o in orgs]
    languages: dict[int, set[str]] = {}
    for org_id, code in _chunked(
        ids,
        lambda part: WorkingLanguage.objects.filter(organisation_id__in=part).values_list(
            "organisation_id", "code"
        ),
    ):
        languages.setdefault(org_id, set()).add(code)
    fields: dict[int, list[str]] = {}
    for org_id, key in _chunked(
        ids,
        lambda part: ThematicField.objects.filter(organisation_id__in=part).values_list(
            "organisation_id", "key"
        ),
    ):
        fields.setdefault(org_id, []).append(key)
    statements: dict[int, list] = {}
    rows = _chunked(
        ids,
        lambda part: CapacityStatement.objects.filter(organisation_id__in=part).values_list(
            "organisation_id", "kind", "area", "reading__areas"
        ),
    )
    for org_id, kind, area, inferred in rows:
        statements.setdefault(org_id, []).append((kind, area or None, inferred))
    areas = {i: organisation_areas(statements.get(i, ())) for i in ids}
    out = []
    for o in orgs:
        side = side_of(o["country"])
        if side is None:
            continue
        out.append(
            Profile(
                id=o["pk"],
                ref=o["ref"] or "",
                side=side,
                languages=frozenset(languages.get(o["pk"], ())),
                needs=areas[o["pk"]][0],
                offers=areas[o["pk"]][1],
                fields=vector(fields.get(o["pk"], ()), FIELD_INDEX),
                hosts_visits=o["hosts_visits"],
                opted_out=o["matching_opt_out"],
            )
        )
    return out


def _chunked(ids, query, size=5000):
    for i in range(0, len(ids), size):
        yield from query(ids[i : i + size])


class _Cache:
    index: Index | None = None
    as_of = None
    lock = threading.Lock()


def get_index() -> Index:
    """The process's index, brought up to date with the profiles changed since it was
    built (one indexed query when nothing changed)."""
    with _Cache.lock:
        latest = Organisation.objects.aggregate(latest=Max("updated_at"))["latest"]
        if _Cache.index is None:
            _Cache.index = Index(profiles(Organisation.objects.all()))
            _Cache.as_of = latest
        elif latest and _Cache.as_of and latest > _Cache.as_of:
            for profile in profiles(Organisation.objects.filter(updated_at__gt=_Cache.as_of)):
                _Cache.index.update(profile)
            _Cache.as_of = latest
        return _Cache.index


def reset_index() -> None:
    with _Cache.lock:
        _Cache.index = None
        _Cache.as_of = None


def dismissed_ids(organisation) -> list[int]:
    return list(
        CandidateMark.objects.filter(
            organisation=organisation, kind=CandidateMark.Kind.DISMISSED
        ).values_list("candidate_id", flat=True)
    )


def recommend(organisation, limit: int = 10, *, min_score: float = 0.0):
    index = get_index()
    if organisation.pk not in index.position:
        return []
    return index.recommend(
        organisation.pk, limit, min_score=min_score, exclude_ids=dismissed_ids(organisation)
    )


@transaction.atomic
def mark_candidate(*, organisation, candidate, kind: str, by) -> CandidateMark:
    mark, _ = CandidateMark.objects.update_or_create(
        organisation=organisation, candidate=candidate, defaults={"kind": kind, "by": by}
    )
    return mark


def unmark_candidate(*, organisation, candidate) -> None:
    CandidateMark.objects.filter(organisation=organisation, candidate=candidate).delete()


def profiles_from_records(records) -> list[Profile]:
    """Profiles for organisations that are not in the database (a pool in a file):
    areas they chose count fully; areas written in words are read with the newest
    trained model, or with one trained on the pool's own labelled statements."""
    statements = [
        (r, kind, s)
        for r in records
        for kind, items in (("need", r.lists.needs), ("offer", r.lists.offers))
        for s in items
    ]
    unlabelled = [(r, kind, s) for r, kind, s in statements if not s.area and s.text.strip()]
    inferred: dict[int, np.ndarray] = {}
    if unlabelled:
        _version, model = current_model()
        if model is None:
            labelled = [s for _r, _k, s in statements if s.area and s.text.strip()]
            if labelled:
                vectors = text.embed([s.text for s in labelled])
                model = text.train([s.text for s in labelled], vectors, [s.area for s in labelled])
        if model is not None:
            texts = [s.text for _r, _k, s in unlabelled]
            probabilities = model.predict(text.embed(texts), texts)
            inferred = {id(s): p for (_r, _k, s), p in zip(unlabelled, probabilities, strict=True)}
    out = []
    for number, r in enumerate(records, start=1):
        needs, offers = organisation_areas(
            [
                (kind, s.area or None, inferred.get(id(s)))
                for kind, items in (("need", r.lists.needs), ("offer", r.lists.offers))
                for s in items
            ]
        )
        side = side_of(r.values["country"])
        out.append(
            Profile(
                id=number,
                ref=r.ref,
                side=side,
                languages=frozenset(r.lists.languages),
                needs=needs,
                offers=offers,
                fields=vector(r.lists.fields, FIELD_INDEX),
                hosts_visits=r.values["hosts_visits"],
            )
        )
    return out


def refresh_readings() -> int:
    """Read every statement whose reading is missing or stale, learn from the labelled
    ones, and re-read those written in words only with the new model."""
    done = read_organisations()
    if StatementReading.objects.exclude(statement__area="").exists():
        train_area_model()
    return done
