"""Data: the search keys of every profile also hold its structured facts (needs, offers,
working languages, kind, country and side, visibility, hosting), as services.filter_tags writes them
for new and changed profiles, so that a filtered text search is one index lookup."""

from django.conf import settings
from django.db import migrations


def _tag(kind, key):
    return "zz" + kind + "".join(c for c in str(key).lower() if c.isalnum())


def forward(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    SearchDocument = apps.get_model("organisations", "SearchDocument")
    Statement = apps.get_model("organisations", "CapacityStatement")
    Language = apps.get_model("organisations", "WorkingLanguage")
    orgs = Organisation.objects.values_list("id", "kind", "country", "visibility", "hosts_visits")
    for start in range(0, orgs.count(), 2000):
        chunk = list(orgs.order_by("id")[start : start + 2000])
        ids = [row[0] for row in chunk]
        facts = {pk: [] for pk in ids}
        for pk, kind, area in Statement.objects.filter(organisation_id__in=ids).exclude(
            area=""
        ).values_list("organisation_id", "kind", "area"):
            facts[pk].append(_tag(kind, area))
        for pk, code in Language.objects.filter(organisation_id__in=ids).values_list(
            "organisation_id", "code"
        ):
            facts[pk].append(_tag("lang", code))
        for pk, kind, country, visibility, hosts in chunk:
            facts[pk] += [_tag("kind", kind), _tag("country", country), _tag("vis", visibility)]
            if country in settings.EXCHANGE_TURKEY:
                facts[pk].append(_tag("side", "tr"))
            elif country in settings.EXCHANGE_EUROPE:
                facts[pk].append(_tag("side", "eu"))
            if hosts:
                facts[pk].append(_tag("hosts", "yes"))
        documents = list(SearchDocument.objects.filter(organisation_id__in=ids))
        for document in documents:
            have = set(document.body_keys.split())
            extra = [t for t in dict.fromkeys(facts[document.organisation_id]) if t not in have]
            document.body_keys = (document.body_keys + " " + " ".join(extra)).strip()
        SearchDocument.objects.bulk_update(documents, ["body_keys"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0007_text_limits")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
