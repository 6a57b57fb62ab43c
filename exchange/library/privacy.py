"""What the library holds about a person: the models they started, the texts they wrote
last, the approvals they gave, their naming as an author, the files they uploaded, the
adoptions they declared, and the versions they published (staff).

Erasure removes their naming as an author (published versions list the names frozen at
publication: the name is removed from those too) and the link to their account everywhere
else; the models, texts and adoptions belong to the organisations and stay."""

from exchange.accounts.privacy import Section

from .models import Adoption, Approval, Attachment, Author, PracticeModel, Text, Version


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    return {
        "models_you_started": [
            {"model": m.slug, "started": _iso(m.created_at)}
            for m in PracticeModel.objects.filter(created_by=user)
        ],
        "texts_you_changed_last": [
            {
                "model": t.model.slug,
                "language": t.language,
                "title": t.title,
                "changed": _iso(t.updated_at),
            }
            for t in Text.objects.filter(updated_by=user).select_related("model")
        ],
        "approvals": [
            {"model": a.model.slug, "organisation": a.organisation.name, "at": _iso(a.at)}
            for a in Approval.objects.filter(by=user).select_related("model", "organisation")
        ],
        "named_as_author": [
            {"model": a.model.slug, "name": a.name, "agreed": _iso(a.agreed_at)}
            for a in Author.objects.filter(user=user).select_related("model")
        ],
        "files_you_uploaded": [
            {"model": f.model.slug, "title": f.title, "uploaded": _iso(f.uploaded_at)}
            for f in Attachment.objects.filter(uploaded_by=user).select_related("model")
        ],
        "adoptions_you_declared": [
            {
                "model": a.model.slug,
                "organisation": a.organisation.name,
                "adaptation": a.adaptation,
                "outcome": a.outcome,
                "declared": _iso(a.created_at),
            }
            for a in Adoption.objects.filter(by=user).select_related("model", "organisation")
        ],  # fmt: skip
        "versions_you_published": [
            {"model": v.model.slug, "version": v.number, "published": _iso(v.published_at)}
            for v in Version.objects.filter(published_by=user).select_related("model")
        ],
    }


def erase(user) -> None:
    for author in Author.objects.filter(user=user):
        for version in Version.objects.filter(model_id=author.model_id):
            names = version.facts.get("authors", [])
            if author.name in names:
                version.facts["authors"] = [n for n in names if n != author.name]
                version.save(update_fields=["facts"])
    Author.objects.filter(user=user).delete()
    PracticeModel.objects.filter(created_by=user).update(created_by=None)
    Text.objects.filter(updated_by=user).update(updated_by=None)
    Approval.objects.filter(by=user).update(by=None)
    Attachment.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Adoption.objects.filter(by=user).update(by=None)
    Version.objects.filter(published_by=user).update(published_by=None)


SECTION = Section(
    "library",
    models=(
        "library.PracticeModel", "library.Text", "library.Version", "library.Approval",
        "library.Author", "library.Attachment", "library.Adoption",
    ),
    export=export,
    erase=erase,
)  # fmt: skip
