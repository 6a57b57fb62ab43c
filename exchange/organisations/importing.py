"""Import organisations from JSON Lines (the benchmark format): idempotent on `ref`.

Every line is checked on its own; a bad line is reported with its number and reason and
the good ones are imported. Work is done in batches so 100,000 records import in minutes.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from exchange.core import limits
from exchange.core.text import clean as clean_text
from exchange.core.textsearch import fold

from . import taxonomy
from .models import CapacityStatement, Organisation, SearchDocument, ThematicField, WorkingLanguage
from .services import ProfileLists, Statement, search_documents, validate_lists

REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
KINDS = set(Organisation.Kind.values)


class BadRecord(ValueError):
    pass


@dataclass
class Parsed:
    ref: str
    values: dict
    lists: ProfileLists


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _int(record, key, *, low=0, high=None):
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRecord(f"'{key}' must be a whole number")
    if value < low or (high is not None and value > high):
        raise BadRecord(f"'{key}' is out of range ({value})")
    return value


def _str(record, key, *, required=False, max_length=None):
    value = record.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadRecord(f"'{key}' must be a string")
    value = clean_text(value).strip()
    if required and not value:
        raise BadRecord(f"'{key}' is missing")
    if max_length and len(value) > max_length:
        raise BadRecord(f"'{key}' is longer than {max_length} characters")
    return value


def _statements(record, key) -> list[Statement]:
    items = record.get(key) or []
    if not isinstance(items, list):
        raise BadRecord(f"'{key}' must be a list")
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise BadRecord(f"each of '{key}' must be an object with 'area' and 'text'")
        area = item.get("area") or ""
        text = item.get("text") or ""
        if not isinstance(area, str) or not isinstance(text, str):
            raise BadRecord(f"'{key}': 'area' and 'text' must be strings")
        if area and area not in taxonomy.AREA_KEYS:
            raise BadRecord(f"unknown capacity area '{area}' in '{key}'")
        if not area and not text.strip():
            raise BadRecord(f"an entry of '{key}' has neither an area nor a text")
        words = clean_text(text).strip()
        if len(words) > limits.STATEMENT:
            raise BadRecord(f"a text of '{key}' is longer than {limits.STATEMENT} characters")
        out.append(Statement(area=area, text=words))
    return out


def parse_record(record) -> Parsed:
    if not isinstance(record, dict):
        raise BadRecord("the line is not a JSON object")
    ref = record.get("ref")
    if not isinstance(ref, str) or not REF.match(ref):
        raise BadRecord("'ref' is missing or not a valid reference")
    country = _str(record, "country", required=True).upper()
    if country not in set(settings.EXCHANGE_TURKEY) | set(settings.EXCHANGE_EUROPE):
        raise BadRecord(f"country '{country}' is not on either side of the programme")
    kind = _str(record, "kind") or "other"
    if kind not in KINDS:
        raise BadRecord(f"unknown kind '{kind}'")
    languages = record.get("languages")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(c, str) for c in languages)
    ):
        raise BadRecord("'languages' must be a non-empty list of language codes")
    fields = record.get("fields") or []
    if not isinstance(fields, list) or not all(isinstance(k, str) for k in fields):
        raise BadRecord("'fields' must be a list of thematic field keys")
    hosts = record.get("hosts_visits", False)
    if not isinstance(hosts, bool):
        raise BadRecord("'hosts_visits' must be true or false")
    website = _str(record, "website", max_length=limits.URL)
    if website and not website.startswith(("http://", "https://")):
        raise BadRecord("'website' must start with http:// or https://")
    lists = ProfileLists(
        languages=[c.lower() for c in languages],
        fields=fields,
        needs=_statements(record, "needs"),
        offers=_statements(record, "offers"),
    )
    if errors := validate_lists(lists):
        raise BadRecord("; ".join(str(m) for messages in errors.values() for m in messages))
    values = {
        "name": _str(record, "name", required=True, max_length=limits.NAME),
        "kind": kind,
        "country": country,
        "city": _str(record, "city", required=True, max_length=limits.CITY),
        "founded": _int(record, "founded", low=1800, high=datetime.date.today().year),
        "staff_count": _int(record, "staff"),
        "volunteer_count": _int(record, "volunteers"),
        "website": website,
        "description": _str(record, "description", max_length=limits.DESCRIPTION),
        "hosts_visits": hosts,
    }
    return Parsed(ref=ref, values=values, lists=lists)


def parse_lines(lines: Iterable[str]) -> Iterator[tuple[int, Parsed | None, str]]:
    """(line number, parsed record or None, error) for each non-blank line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"invalid JSON ({exc.msg} at column {exc.colno})"
            continue
        try:
            yield number, parse_record(record), ""
        except BadRecord as exc:
            yield number, None, str(exc)


def _slugs(batch: list[Parsed], existing: dict[str, Organisation]) -> dict[str, str]:
    wanted = {
        p.ref: (
            slugify(p.values["name"].translate(str.maketrans({"ı": "i", "İ": "i"})))
            or "organisation"
        )[:180]
        for p in batch
        if p.ref not in existing
    }
    taken = set(
        Organisation.objects.filter(slug__in=wanted.values()).values_list("slug", flat=True)
    )
    out = {}
    for ref, slug in wanted.items():
        if slug in taken:
            slug = f"{slug}-{slugify(ref)}"
        taken.add(slug)
        out[ref] = slug
    return out


@transaction.atomic
def import_batch(batch: list[Parsed], report: Report) -> None:
    batch = list({p.ref: p for p in batch}.values())  # the last line of a ref wins
    existing = {o.ref: o for o in Organisation.objects.filter(ref__in=[p.ref for p in batch])}
    slugs = _slugs(batch, existing)
    new, changed = [], []
    for p in batch:
        org = existing.get(p.ref) or Organisation(ref=p.ref, slug=slugs[p.ref])
        for key, value in p.values.items():
            setattr(org, key, value)
        org.city_key = fold(org.city)  # bulk writes skip Organisation.save()
        (changed if org.pk else new).append(org)
    Organisation.objects.bulk_create(new, batch_size=500)
    if changed:
        Organisation.objects.bulk_update(
            changed,
            [*batch[0].values.keys(), "city_key"],
            batch_size=500,
        )
    by_ref = {o.ref: o for o in new + changed}
    ids = [o.pk for o in by_ref.values()]
    WorkingLanguage.objects.filter(organisation_id__in=ids).delete()
    ThematicField.objects.filter(organisation_id__in=ids).delete()
    CapacityStatement.objects.filter(organisation_id__in=ids).delete()
    SearchDocument.objects.filter(organisation_id__in=ids).delete()
    languages, fields, statements = [], [], []
    for p in batch:
        org = by_ref[p.ref]
        languages += [
            WorkingLanguage(organisation=org, code=c) for c in dict.fromkeys(p.lists.languages)
        ]
        fields += [ThematicField(organisation=org, key=k) for k in dict.fromkeys(p.lists.fields)]
        for kind, items in (("need", p.lists.needs), ("offer", p.lists.offers)):
            statements += [
                CapacityStatement(organisation=org, kind=kind, area=s.area, text=s.text, position=i)
                for i, s in enumerate(items)
            ]
    WorkingLanguage.objects.bulk_create(languages, batch_size=1000)
    ThematicField.objects.bulk_create(fields, batch_size=1000)
    CapacityStatement.objects.bulk_create(statements, batch_size=1000)
    documents = []
    for p in batch:
        name_keys, body_keys = search_documents(by_ref[p.ref], p.lists)
        documents.append(
            SearchDocument(organisation=by_ref[p.ref], name_keys=name_keys, body_keys=body_keys)
        )
    SearchDocument.objects.bulk_create(documents, batch_size=1000)
    report.created += len(new)
    report.updated += len(changed)


def import_lines(lines: Iterable[str], *, batch_size: int = 500, progress=None) -> Report:
    report = Report()
    batch: list[Parsed] = []
    for number, parsed, error in parse_lines(lines):
        if progress is not None:
            progress.update(1)
        if parsed is None:
            report.errors.append((number, error))
            continue
        batch.append(parsed)
        if len(batch) >= batch_size:
            import_batch(batch, report)
            batch = []
    if batch:
        import_batch(batch, report)
    return report
