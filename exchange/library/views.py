"""The library's pages: public reading (no account, cacheable, printable, PDF, Atom feed),
the authors' drafting, staff's review, and adopting. Views are thin: a permission-checked
selector, a form, one service."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.core.pagination import CappedPaginator
from exchange.core.permissions import Refused, require
from exchange.organisations import selectors as organisation_selectors
from exchange.organisations.models import Organisation
from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.reports import selectors as report_selectors

from . import filters, pdf, permissions, selectors, services
from .forms import (
    AdoptForm,
    AdoptionReportForm,
    AttachmentForm,
    CoverForm,
    FactsForm,
    NameForm,
    ReviewForm,
    StartForPartnershipForm,
    StartOwnForm,
    TextForm,
)
from .models import LANGUAGE_CODES, LANGUAGES, SECTIONS, Adoption, PracticeModel
from .workflows import MODEL

PUBLIC_MAX_AGE = 120  # seconds a shared cache may keep a public page (adoptions show late)


def follows_new_address(view):
    """A model's address is settled when it is first published; links to its draft's
    address (shared among its authors) lead to the new one."""

    @wraps(view)
    def wrapped(request, slug, **kwargs):
        try:
            return view(request, slug, **kwargs)
        except Http404:
            new = selectors.moved(request.user, slug) if request.method in ("GET", "HEAD") else None
            if new is None:
                raise
            match = request.resolver_match
            url = reverse(f"{match.namespace}:{match.url_name}", kwargs={**kwargs, "slug": new})
            query = request.GET.urlencode()
            return redirect(f"{url}?{query}" if query else url, permanent=True)

    return wrapped


def _errors_into(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _public(request, response, last_modified=None):
    """Caching of a public page: shared caches may keep it a few minutes for visitors;
    a signed-in person's page (their menu, their drafts) stays private."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def _not_modified(request, last_modified):
    if request.user.is_authenticated or last_modified is None:
        return None
    return get_conditional_response(request, last_modified=int(last_modified.timestamp()))


def _asked_language(request) -> str:
    asked = request.GET.get("lang", "")
    return asked if asked in LANGUAGE_CODES else selectors.reader_language()


# --- Reading ------------------------------------------------------------------------------


@require_GET
def index(request):
    filterset, results, known_count = filters.search(request.GET)
    paginator = CappedPaginator(
        results, filters.PAGE_SIZE, cap=filters.RESULT_CAP, known_count=known_count
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "language": selectors.reader_language(),
        "filters_used": sum(1 for k, v in request.GET.items() if v and k not in ("q", "page")),
    }
    template = "library/partials/results.html" if request.htmx else "library/index.html"
    return _public(request, render(request, template, context))


def _reading_context(request, model):
    asked = _asked_language(request)
    version = selectors.latest_version(model)
    if version is None:  # a draft never published: its authors' and staff's preview
        reading = selectors.working_reading(model, asked)
        if reading is None:
            raise Http404
        facts = services.facts_of(model)
    else:
        reading = selectors.reading(version, asked)
        facts = version.facts
    results = None
    if facts.get("show_assessment") and model.partnership_id:
        results = report_selectors.partnership_results(model.partnership)
    return {
        "model": model,
        "version": version,
        "reading": reading,
        "facts": facts,
        "language_names": dict(LANGUAGES),
        "assessment": results,
    }


@require_GET
@follows_new_address
def detail(request, slug):
    model = selectors.get_model(request.user, slug)
    changed = selectors.last_changed(model)
    not_modified = _not_modified(request, changed)
    if not_modified is not None:
        return not_modified
    context = _reading_context(request, model)
    user_organisations = _my_organisations(request.user)
    context.update(
        {
            "is_preview": context["version"] is None,
            "can_work": bool(permissions.can_view_draft(request.user, model)),
            "adoptions": list(selectors.adoptions_of(model)) if model.is_public else [],
            "related": selectors.related(model) if model.is_public else [],
            "versions": list(selectors.versions_of(model)),
            "can_adopt": model.is_public
            and any(permissions.can_adopt(request.user, model, o) for o in user_organisations),
            "contact_organisation": model.organisation,
            "share_url": request.build_absolute_uri(reverse("library:detail", args=[model.slug])),
            "derived": list(
                selectors.published().filter(origin=model).order_by("first_published_at")[:20]
            ),
        }
    )
    return _public(request, render(request, "library/detail.html", context), changed)


@require_GET
@follows_new_address
def detail_pdf(request, slug):
    model = selectors.get_model(request.user, slug)
    context = _reading_context(request, model)
    document = pdf.render(context)
    if document is None:
        return HttpResponse(
            _("PDF export is not available on this server."), status=503, content_type="text/plain"
        )
    response = HttpResponse(document, content_type="application/pdf")
    language = context["reading"].language
    response["Content-Disposition"] = f'inline; filename="{model.slug}-{language}.pdf"'
    return _public(request, response, model.published_at)


@require_GET
@follows_new_address
def tree(request, slug):
    model = selectors.get_model(request.user, slug)
    family = selectors.family(model, url=lambda m: reverse("library:detail", args=[m.slug]))
    context = {"model": model, "tree": family, "language": selectors.reader_language()}
    return _public(request, render(request, "library/tree.html", context), model.published_at)


@require_GET
def attachment(request, slug, pk):
    model = selectors.get_model(request.user, slug)
    item = model.attachments.filter(pk=pk).first()
    if item is None or not item.file:
        raise Http404
    response = FileResponse(
        item.file.open("rb"), as_attachment=True, filename=f"{item.title[:60]}.{item.extension}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _public(request, response, model.published_at)


@require_GET
def cover(request, slug):
    model = selectors.get_model(request.user, slug)
    if not model.cover:
        raise Http404
    return _public(
        request, FileResponse(model.cover.open("rb"), content_type="image/png"), model.updated_at
    )


# --- Writing ------------------------------------------------------------------------------


def _my_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


@login_required
@require_GET
def mine(request):
    organisations = _my_organisations(request.user)
    return render(
        request,
        "library/mine.html",
        {
            "models": selectors.models_of(request.user),
            "adoptions": Adoption.objects.filter(organisation__in=organisations)
            .select_related("model", "organisation")
            .order_by("-created_at"),
            "language": selectors.reader_language(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    organisations = _my_organisations(request.user)
    form = StartOwnForm(
        request.POST or None,
        organisations=organisations,
        initial={"language": selectors.reader_language()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        model = services.start_own(
            organisation=data["organisation"],
            by=request.user,
            language=data["language"],
            title=data["title"],
            summary=data["summary"],
        )
        messages.success(request, _("Your draft is started. Write the rest when you can."))
        return redirect("library:edit-text", model.slug, model.original_language)
    return render(
        request,
        "library/new.html",
        {"form": form, "has_organisation": organisations.exists()},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_model(request, pk):
    """The workspace's tab: the partnership's model, or the button that starts it."""
    partnership = partnership_selectors.get_partnership(request.user, pk)
    model = PracticeModel.objects.filter(partnership=partnership).first()
    form = StartForPartnershipForm(
        request.POST or None, initial={"language": selectors.reader_language()}
    )
    if request.method == "POST" and model is None and form.is_valid():
        model = services.start_for_partnership(
            partnership=partnership, by=request.user, language=form.cleaned_data["language"]
        )
        messages.success(request, _("The draft starts from what your final report says."))
        return redirect("library:edit-text", model.slug, model.original_language)
    if model is not None:
        return redirect("library:edit", model.slug)
    return render(
        request,
        "library/partnership_model.html",
        {
            "partnership": partnership,
            "tab": "model",
            "form": form,
            "can_start": bool(permissions.can_start_for_partnership(request.user, partnership)),
            "final_report": report_selectors.final_report_content(partnership),
        },
    )


def _edit_context(request, model, **extra):
    approvals = {a.organisation_id: a for a in model.approvals.select_related("by")}
    authors = Organisation.objects.filter(pk__in=permissions.author_ids(model)).order_by("name")
    texts = {t.language: t for t in model.texts.all()}
    comments = selectors.last_comments(model)
    return {
        "model": model,
        "texts": [(code, name, texts.get(code)) for code, name in LANGUAGES],
        "approvals": [(o, approvals.get(o.pk)) for o in authors],
        "can_edit": bool(permissions.can_edit(request.user, model)),
        "can_approve": bool(permissions.can_approve(request.user, model))
        and model.status == PracticeModel.Status.DRAFT,
        "can_submit": bool(MODEL.check(model, PracticeModel.Status.IN_REVIEW, by=request.user)),
        "can_withdraw": model.status == PracticeModel.Status.IN_REVIEW
        and bool(permissions.can_submit(request.user, model)),
        "can_review": model.status == PracticeModel.Status.IN_REVIEW
        and bool(permissions.can_review(request.user, model)),
        "is_author": bool(permissions.roles_in(request.user, model)),
        "named": model.authors.filter(user=request.user).first(),
        "authors": list(model.authors.all()),
        "comments": comments,
        "versions": list(selectors.versions_of(model)),
        "language_names": dict(LANGUAGES),
        **extra,
    }


@login_required
@require_GET
@follows_new_address
def edit(request, slug):
    model = selectors.get_for_work(request.user, slug)
    return render(request, "library/edit.html", _edit_context(request, model))


@login_required
@require_http_methods(["GET", "POST"])
@follows_new_address
def edit_text(request, slug, language):
    model = selectors.get_for_work(request.user, slug)
    if language not in LANGUAGE_CODES:
        raise Http404
    require(permissions.can_edit(request.user, model))
    instance = model.texts.filter(language=language).first()
    source = None
    if instance is None:  # a new translation: the original beside it to translate from
        source = model.texts.filter(language=model.original_language).first()
    form = TextForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_text(
                model=model, language=language, by=request.user, values=form.cleaned_data
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Saved. Approvals given before this change are withdrawn."))
            return redirect("library:edit", model.slug)
    return render(
        request,
        "library/text_form.html",
        {
            "model": model,
            "form": form,
            "language": language,
            "language_name": dict(LANGUAGES)[language],
            "source": source,
            "source_sections": [
                (label, getattr(source, key))
                for key, label in (("title", _("Title")), ("summary", _("Summary")), *SECTIONS)
                if getattr(source, key)
            ]
            if source
            else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def remove_text(request, slug, language):
    model = selectors.get_for_work(request.user, slug)
    try:
        services.remove_translation(model=model, language=language, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The translation is removed."))
    return redirect("library:edit", model.slug)


@login_required
@require_http_methods(["GET", "POST"])
@follows_new_address
def facts(request, slug):
    model = selectors.get_for_work(request.user, slug)
    require(permissions.can_edit(request.user, model))
    form = FactsForm(
        request.POST or None, instance=model, partnership_model=bool(model.partnership_id)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in form.fields}
        try:
            services.save_facts(model=model, by=request.user, **data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Saved. Approvals given before this change are withdrawn."))
            return redirect("library:edit", model.slug)
    return render(
        request, "library/facts.html", {"model": model, "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@follows_new_address
def files(request, slug):
    model = selectors.get_for_work(request.user, slug)
    can_edit = bool(permissions.can_edit(request.user, model))
    attachment_form = AttachmentForm(
        initial={"language": model.original_language}, prefix="attachment"
    )
    cover_form = CoverForm(prefix="cover", initial={"alt": model.cover_alt})
    status = 200
    if request.method == "POST":
        require(permissions.can_edit(request.user, model))
        if "cover-image" in request.FILES or request.POST.get("form") == "cover":
            cover_form = CoverForm(request.POST, request.FILES, prefix="cover")
            form, save = (
                cover_form,
                lambda d: services.set_cover(
                    model=model, by=request.user, upload=d["image"], alt=d["alt"]
                ),
            )
        else:
            attachment_form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
            form, save = attachment_form, lambda d: services.add_attachment(
                model=model, by=request.user, upload=d["file"], title=d["title"],
                language=d["language"],
            )  # fmt: skip
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, _("The file is saved."))
                return redirect("library:files", model.slug)
        status = 400
    return render(
        request,
        "library/files.html",
        {
            "model": model,
            "attachments": list(model.attachments.all()),
            "attachment_form": attachment_form,
            "cover_form": cover_form,
            "can_edit": can_edit,
        },
        status=status,
    )


@login_required
@require_POST
def remove_file(request, slug, pk):
    model = selectors.get_for_work(request.user, slug)
    item = model.attachments.filter(pk=pk).first()
    if item is None:
        raise Http404
    services.remove_attachment(attachment=item, by=request.user)
    messages.success(request, _("The file is removed."))
    return redirect("library:files", model.slug)


@login_required
@require_POST
def approve(request, slug):
    model = selectors.get_for_work(request.user, slug)
    services.approve(model=model, by=request.user)
    if model.status == PracticeModel.Status.APPROVED:
        messages.success(
            request, _("Every author organisation approved: you can send it to review.")
        )
    else:
        messages.success(
            request, _("Approved for your organisation. The other organisations approve next.")
        )
    return redirect("library:edit", model.slug)


@login_required
@require_POST
def submit(request, slug):
    model = selectors.get_for_work(request.user, slug)
    services.submit_for_review(model=model, by=request.user)
    messages.success(request, _("Sent to the programme's staff for review."))
    return redirect("library:edit", model.slug)


@login_required
@require_POST
def withdraw(request, slug):
    model = selectors.get_for_work(request.user, slug)
    services.withdraw_from_review(model=model, by=request.user)
    messages.success(request, _("Withdrawn from review: it is a draft again."))
    return redirect("library:edit", model.slug)


@login_required
@require_POST
def name_me(request, slug):
    model = selectors.get_for_work(request.user, slug)
    require(permissions.can_be_named(request.user, model))
    if request.POST.get("named") == "0":
        services.name_me(model=model, by=request.user, name="", named=False)
        messages.success(request, _("You are no longer named as an author."))
        return redirect("library:edit", model.slug)
    form = NameForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the name to be shown."))
    else:
        services.name_me(model=model, by=request.user, name=form.cleaned_data["name"])
        messages.success(
            request, _("You are named as an author from the next published version on.")
        )
    return redirect("library:edit", model.slug)


# --- Staff --------------------------------------------------------------------------------


def _require_staff(user):
    if not permissions.is_library_staff(user):
        raise Refused(_("Only the programme's staff can do this."))


@login_required
@require_GET
def review_queue(request):
    _require_staff(request.user)
    queue = [m for m in selectors.review_queue() if permissions.is_reviewer_of(request.user, m)]
    return render(
        request,
        "library/review_queue.html",
        {
            "queue": queue,
            "measure": selectors.adoption_counts(),
            "language": selectors.reader_language(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@follows_new_address
def review(request, slug):
    model = selectors.get_for_work(request.user, slug)
    require(permissions.can_review(request.user, model))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "publish":
                services.publish(model=model, by=request.user, note=data["note"])
                messages.success(request, _("Published in the library."))
                return redirect("library:detail", model.slug)
            services.send_back(model=model, by=request.user, comments=data["comments"])
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Sent back to the authors with your comments."))
            return redirect("library:review-queue")
    context = _reading_context(request, model) if model.texts.exists() else {"model": model}
    context.update(_edit_context(request, model, form=form))
    return render(request, "library/review.html", context, status=400 if form.errors else 200)


# --- Adopting -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@follows_new_address
def adopt(request, slug):
    model = selectors.get_model(request.user, slug)
    if not model.is_public:
        raise Http404
    allowed = [
        o.pk for o in _my_organisations(request.user)
        if permissions.can_adopt(request.user, model, o)
    ]  # fmt: skip
    organisations = Organisation.objects.filter(pk__in=allowed).order_by("name")
    form = AdoptForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            adoption = services.adopt(
                model=model,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                adaptation=form.cleaned_data["adaptation"],
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(
                request, _("Your adoption is on the model's page. Tell others later how it went.")
            )
            return redirect("library:adoption", adoption.pk)
    return render(
        request,
        "library/adopt.html",
        {"model": model, "form": form, "has_organisation": bool(allowed),
         "language": selectors.reader_language()},
        status=400 if form.errors else 200,
    )  # fmt: skip


def _adoption(request, pk) -> Adoption:
    adoption = Adoption.objects.select_related("model", "organisation").filter(pk=pk).first()
    if adoption is None or not permissions.can_report_adoption(request.user, adoption):
        raise Http404
    return adoption


@login_required
@require_http_methods(["GET", "POST"])
def adoption(request, pk):
    item = _adoption(request, pk)
    form = AdoptionReportForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_adoption(
                adoption=item, by=request.user, status=data["status"],
                outcome=data["outcome"], adaptation=data["adaptation"],
            )  # fmt: skip
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Thank you: others can read how it went."))
            return redirect("library:detail", item.model.slug)
    derived = PracticeModel.objects.filter(
        origin=item.model, organisation=item.organisation
    ).first()
    return render(
        request,
        "library/adoption.html",
        {
            "adoption": item,
            "form": form,
            "derived": derived,
            "language": selectors.reader_language(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def adapt(request, pk):
    item = _adoption(request, pk)
    model = services.publish_adaptation(
        adoption=item, by=request.user, language=selectors.reader_language()
    )
    messages.success(
        request, _("A new model is drafted from the one you adopted; it names its origin.")
    )
    return redirect("library:edit-text", model.slug, model.original_language)


@require_GET
def for_organisation(request, slug):
    """Models answering the capacity areas an organisation needs: a fragment of its
    profile page (htmx), or a page of its own without JavaScript."""
    organisation = organisation_selectors.get_organisation_for_user(request.user, slug)
    context = {
        "organisation": organisation,
        "models": selectors.for_organisation(organisation),
        "language": selectors.reader_language(),
    }
    template = (
        "library/partials/for_organisation.html"
        if request.htmx
        else "library/for_organisation.html"
    )
    return render(request, template, context)
