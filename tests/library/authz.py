"""The library's rows of the two authorization tables (a part of the workspace world; see
tests/partnerships/authz.py). The world: the personas' partnership has a complete draft
(with an attachment), an approved model and one in review; another organisation has two
published models (one with a cover and a guide); the personas' organisation adopts the
second."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange.library import services
from exchange.library.models import PracticeModel, Text
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.expect import WS_FORM, WS_READ, WS_WRITE, everyone

from .world import admin, published_model, text


def _partnership_model(ws, title, by):
    model = PracticeModel.objects.create(
        partnership=ws.partnership, organisation=ws.organisation, slug=f"tmp-{title}",
        capacity_areas=["volunteer-management"], created_by=by,
    )  # fmt: skip
    model.slug = f"{title}-{model.pk}"
    model.save(update_fields=["slug"])
    Text.objects.create(model=model, language="en", **text(title.title()))
    return model


def build(ws):
    from tests.organisations.test_profiles import image_bytes

    by = admin(ws.organisation)
    draft = _partnership_model(ws, "draft", by)
    services.add_attachment(
        model=draft, by=by, upload=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
        title="Plan", language="en",
    )  # fmt: skip
    approved = _partnership_model(ws, "approved", by)
    in_review = _partnership_model(ws, "review", by)
    for model in (approved, in_review):
        services.approve(model=model, by=by)
        services.approve(model=model, by=ws.partner_admin)
    services.submit_for_review(model=in_review, by=by)
    author = OrganisationFactory(name="Vrijwilligers Utrecht", country="NL", city="Utrecht")
    superuser = UserFactory(is_staff=True, is_superuser=True)
    public = published_model(
        author, superuser, {"en": text("Buddy system"), "tr": text("Yol arkadaşı")}
    )
    services.set_cover(
        model=public, by=admin(author),
        upload=SimpleUploadedFile("c.png", image_bytes()), alt="Volunteers",
    )  # fmt: skip
    guide = services.add_attachment(
        model=public, by=admin(author), upload=ContentFile(b"%PDF-1.4 guide", name="guide.pdf"),
        title="Guide", language="en",
    )  # fmt: skip
    # The cover and the guide belong to the model, shown with its published version.
    adopted = published_model(
        author, superuser, {"en": text("Donor circle")}, areas=("individual-giving",)
    )
    adoption = services.adopt(
        model=adopted, organisation=ws.organisation, by=by, adaptation="For Izmir."
    )
    ws.extra.update(
        draft_slug=draft.slug, draft_file=draft.attachments.get().pk,
        approved_slug=approved.slug, review_slug=in_review.slug,
        public_slug=public.slug, public_file=guide.pk, adoption_id=adoption.pk,
    )  # fmt: skip


def _url(name, slug_attr=None, *extra):
    def make(w):
        args = [getattr(w.workspace, slug_attr)] if slug_attr else []
        args += [getattr(w.workspace, e) if isinstance(e, str) and hasattr(w.workspace, e) else e
                 for e in extra]  # fmt: skip
        return reverse(f"library:{name}", args=args)

    return make


PUBLIC = everyone(200)
SIGNED_IN = {**everyone(200), "anonymous": 302}
SIGNED_IN_FORM_ERROR = {**everyone(400), "anonymous": 302}
# The public address of a draft: its authors and the programme's staff; nobody else (404).
DRAFT_READ = {**everyone(404), "member": 200, "org_admin": 200, "staff": 200}
LIBRARY_STAFF = {**everyone(403), "anonymous": 302, "staff": 200, "other_staff": 200}
AUTHORS_FORM_ERROR = {**WS_FORM, "member": 400, "org_admin": 400}
OWN_ADOPTION = {**everyone(404), "anonymous": 302, "member": 200, "org_admin": 200}

PAGES = {
    "library:index": ("get", _url("index"), PUBLIC),
    "library:feed": ("get", _url("feed"), PUBLIC),
    "library:detail": ("get", _url("detail", "public_slug"), PUBLIC),
    "library:detail (a draft)": ("get", _url("detail", "draft_slug"), DRAFT_READ),
    "library:pdf": ("get", _url("pdf", "public_slug"), PUBLIC),
    "library:tree": ("get", _url("tree", "public_slug"), PUBLIC),
    "library:cover": ("get", _url("cover", "public_slug"), PUBLIC),
    "library:attachment": ("get", _url("attachment", "public_slug", "public_file"), PUBLIC),
    "library:attachment (of a draft)": (
        "get", _url("attachment", "draft_slug", "draft_file"), DRAFT_READ
    ),
    "library:for-organisation": (
        "get", lambda w: reverse("library:for-organisation", args=[w.workspace.organisation.slug]),
        PUBLIC,
    ),
    "library:mine": ("get", _url("mine"), SIGNED_IN),
    "library:new": ("get", _url("new"), SIGNED_IN),
    "library:new (saving)": ("post", _url("new"), SIGNED_IN_FORM_ERROR),
    "library:review-queue": ("get", _url("review-queue"), LIBRARY_STAFF),
    "library:partnership-model": (
        "get", lambda w: reverse("library:partnership-model", args=[w.workspace.partnership_id]),
        {**WS_READ, "member": 302, "org_admin": 302, "staff": 302},
    ),
    "library:edit": ("get", _url("edit", "draft_slug"), WS_READ),
    "library:edit-text": ("get", _url("edit-text", "draft_slug", "en"), WS_FORM),
    "library:edit-text (saving)": ("post", _url("edit-text", "draft_slug", "en"), AUTHORS_FORM_ERROR),
    "library:remove-text": ("post", _url("remove-text", "draft_slug", "de"), WS_WRITE),
    "library:facts": ("get", _url("facts", "draft_slug"), WS_FORM),
    "library:facts (saving)": ("post", _url("facts", "draft_slug"), AUTHORS_FORM_ERROR),
    "library:files": ("get", _url("files", "draft_slug"), WS_READ),
    "library:files (saving)": ("post", _url("files", "draft_slug"), AUTHORS_FORM_ERROR),
    "library:remove-file": ("post", _url("remove-file", "draft_slug", "draft_file"), WS_WRITE),
    "library:approve": ("post", _url("approve", "draft_slug"), {**WS_WRITE, "member": 403}),
    "library:submit": ("post", _url("submit", "approved_slug"), WS_WRITE),
    "library:withdraw": ("post", _url("withdraw", "review_slug"), WS_WRITE),
    "library:name-me": ("post", _url("name-me", "draft_slug"), WS_WRITE),
    "library:review": (
        "get", _url("review", "review_slug"), {**WS_READ, "member": 403, "org_admin": 403}
    ),
    "library:review (saving)": (
        "post", _url("review", "review_slug"),
        {**WS_READ, "member": 403, "org_admin": 403, "staff": 400},
    ),
    "library:adopt": ("get", _url("adopt", "public_slug"), SIGNED_IN),
    "library:adopt (saving)": ("post", _url("adopt", "public_slug"), SIGNED_IN_FORM_ERROR),
    "library:adoption": ("get", _url("adoption", None, "adoption_id"), OWN_ADOPTION),
    "library:adoption (saving)": (
        "post", _url("adoption", None, "adoption_id"),
        {**OWN_ADOPTION, "member": 400, "org_admin": 400},
    ),
    "library:adapt": (
        "post", _url("adapt", None, "adoption_id"), {**OWN_ADOPTION, "member": 302, "org_admin": 302}
    ),
}  # fmt: skip


def _api(name, slug_attr=None, *extra):
    def make(w):
        args = [getattr(w.workspace, slug_attr)] if slug_attr else []
        args += [getattr(w.workspace, e) if isinstance(e, str) and hasattr(w.workspace, e) else e
                 for e in extra]  # fmt: skip
        return reverse(f"api:{name}", args=args)

    return make


API_PUBLIC = everyone(200)
API_SIGNED_IN = {**everyone(200), "anonymous": 401}
API_DRAFT = {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200, "staff": 200}
API_AUTHORS = {**API_DRAFT, "staff": 403}
# Someone else's organisation: they may not act for it (403).
API_FOR_OWN = {**everyone(403), "anonymous": 401, "member": 201, "org_admin": 201}

API = {
    "api:library": ("get", _api("library"), API_PUBLIC, None),
    "api:library-feed": ("get", _api("library-feed"), API_PUBLIC, None),
    "api:library-model": ("get", _api("library-model", "public_slug"), API_PUBLIC, None),
    "api:library-model (a draft)": (
        "get", _api("library-model", "draft_slug"), {**API_DRAFT, "anonymous": 404}, None
    ),
    "api:library-lineage": ("get", _api("library-lineage", "public_slug"), API_PUBLIC, None),
    "api:library-adoptions": ("get", _api("library-adoptions", "public_slug"), API_PUBLIC, None),
    # The member adopts for the organisation first; the admin then finds it adopted (403).
    "api:library-adoptions (adopting)": (
        "post", _api("library-adoptions", "public_slug"), {**API_FOR_OWN, "org_admin": 403},
        lambda w, me: {"organisation": w.workspace.organisation.slug, "adaptation": "For our town."},
    ),
    "api:library-drafts": ("get", _api("library-drafts"), API_SIGNED_IN, None),
    "api:library-drafts (starting)": (
        "post", _api("library-drafts"), API_FOR_OWN,
        lambda w, me: {"organisation": w.workspace.organisation.slug, "language": "tr",
                       "title": "Gönüllü rehberi", "summary": "Kısa bir özet."},
    ),
    "api:library-draft": ("get", _api("library-draft", "draft_slug"), API_DRAFT, None),
    "api:library-draft (facts)": (
        "patch", _api("library-draft", "draft_slug"), API_AUTHORS,
        lambda w, me: {"licence": "cc-by-4.0", "countries": ["TR", "DE"]},
    ),
    "api:library-draft-text": (
        "put", _api("library-draft-text", "draft_slug", "de"), API_AUTHORS,
        lambda w, me: {"title": "Patensystem", "summary": "Kurz.", "sections": {"problem": "Ehrenamtliche gehen."}},
    ),
    "api:library-draft-approve": (
        "post", _api("library-draft-approve", "draft_slug"), {**API_AUTHORS, "member": 403}, None
    ),
    # The member sends it to review first; then it is in review for everyone (409).
    "api:library-draft-submit": (
        "post", _api("library-draft-submit", "approved_slug"),
        {**API_AUTHORS, "org_admin": 409, "staff": 409}, None,
    ),
    "api:library-draft-review": (
        "post", _api("library-draft-review", "review_slug"),
        {**API_DRAFT, "member": 403, "org_admin": 403},
        lambda w, me: {"decision": "send_back", "comments": "Add the steps."},
    ),
    "api:library-adoption": (
        "get", _api("library-adoption", None, "adoption_id"),
        {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200}, None,
    ),
    "api:library-adoption (reporting)": (
        "patch", _api("library-adoption", None, "adoption_id"),
        {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200},
        lambda w, me: {"status": "done", "outcome": "Eleven of twelve volunteers stayed."},
    ),
    "api:partnership-model": (
        "post", lambda w: reverse("api:partnership-model", args=[w.workspace.partnership_id]),
        {**API_DRAFT, "staff": 403}, lambda w, me: {"language": "en"},
    ),
}  # fmt: skip
