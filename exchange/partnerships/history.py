"""Where a partnership's history is read from: every change of state of the partnership and
of the things in its workspace (activities, visits, letters, expenses, reports), from the
one `core.StatusChange` table. Each part of the workspace registers its workflow models
here in its AppConfig.ready(), with the lookup from the model to its partnership."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from exchange.core.models import StatusChange
from exchange.core.workflow import Workflow


@dataclass(frozen=True)
class Source:
    workflow: Workflow
    to_partnership: str  # "pk" for the partnership itself, "partnership", "visit__partnership"


SOURCES: list[Source] = []


def register(workflow: Workflow, to_partnership: str) -> None:
    if all(s.workflow.name != workflow.name for s in SOURCES):
        SOURCES.append(Source(workflow, to_partnership))


@dataclass(frozen=True)
class Line:
    at: object
    by: object
    what: str  # the workflow's model, in the reader's language
    label: str  # str(obj)
    source: str
    target: str
    reason: str


def history_of(partnership, *, limit: int = 200) -> list[Line]:
    """The partnership's changes of state, newest first: one query per registered model
    for the ids, one for the changes, one per model for the labels."""
    condition = Q(pk__in=[])
    ids_by_model = {}
    for source in SOURCES:
        model = source.workflow.model
        lookup = "pk" if source.to_partnership == "pk" else source.to_partnership
        ids = list(model.objects.filter(**{lookup: partnership.pk}).values_list("pk", flat=True))
        if not ids:
            continue
        content_type = ContentType.objects.get_for_model(model)
        ids_by_model[content_type.pk] = (source.workflow, ids)
        condition |= Q(content_type=content_type, object_id__in=ids, workflow=source.workflow.name)
    if not ids_by_model:
        return []
    changes = list(
        StatusChange.objects.filter(condition).select_related("by").order_by("-at", "-pk")[:limit]
    )
    labels = {}
    for content_type_id, (workflow, _ids) in ids_by_model.items():
        wanted = {c.object_id for c in changes if c.content_type_id == content_type_id}
        for obj in workflow.model.objects.filter(pk__in=wanted):
            labels[(content_type_id, obj.pk)] = str(obj)
    lines = []
    for change in changes:
        workflow = ids_by_model[change.content_type_id][0]
        lines.append(
            Line(
                change.at,
                change.by,
                str(workflow.model._meta.verbose_name),
                labels.get((change.content_type_id, change.object_id), ""),
                workflow.label(change.from_status),
                workflow.label(change.to_status),
                change.reason,
            )
        )
    return lines
