"""The staff pages of a call: its workspace, its settings, its form and its rubric. Views
load the call through the permission-checked selector, validate the form and call one
service; the rules (who, and what an open call still accepts) are in calls.permissions and
calls.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from .. import selectors, services
from ..models import Call, Criterion, FormPurpose, FormQuestion, FormSection
from .forms import CallForm, CriterionForm, QuestionForm, SectionForm

DIRECTIONS = ("up", "down")


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _save(form, action, **kwargs):
    """Call the service; on a refusal or an invalid value, put the reasons on the form
    (everything typed stays in it) and return (None, status)."""
    try:
        return action(**kwargs), 200
    except services.ChangeRefused as exc:
        form.add_error(None, exc.problems)
        return None, exc.status
    except ValidationError as exc:
        _add_errors(form, exc)
        return None, 400


# --- The staff's calls and a call's workspace ---------------------------------------------


@login_required
@require_GET
def home(request):
    programmes = list(selectors.list_programmes_run_by(request.user))
    if not programmes:
        raise Http404
    calls = (
        selectors.list_calls_run_by(request.user)
        .select_related("programme")
        .annotate(question_count=Count("questions", distinct=True))
        .order_by("-opens_at")
    )
    by_programme = {programme.pk: [] for programme in programmes}
    for call in calls:
        by_programme.setdefault(call.programme_id, []).append(
            {"call": call, "status": Call.Status(call.status)}
        )
    groups = [(programme, by_programme[programme.pk]) for programme in programmes]
    return render(request, "calls/staff/home.html", {"groups": groups})


def _tabs_context(call, tab):
    return {"call": call, "tab": tab}


@login_required
@require_GET
def call_overview(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    latest = services.latest_form_version(call)
    context = {
        **_tabs_context(call, "overview"),
        "status": Call.Status(call.status),
        "missing_languages": call.missing_languages(),
        "section_count": call.sections.filter(purpose=FormPurpose.APPLICATION).count(),
        "question_count": call.questions.filter(section__purpose=FormPurpose.APPLICATION).count(),
        "criterion_count": call.criteria.count(),
        "form_version": latest.number if latest else None,
        "form_frozen": services.is_form_frozen(call),
        "rubric_frozen": services.is_rubric_frozen(call),
        "turkey": [countries.name(c) for c in call.turkey_countries],
        "europe": [countries.name(c) for c in call.europe_countries],
    }
    return render(request, "calls/staff/call.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    programmes = selectors.list_programmes_run_by(request.user)
    slug = request.GET.get("programme", "")
    programme = programmes.filter(slug=slug).first() if slug else None
    if programme is None and not slug and len(programmes[:2]) == 1:
        programme = programmes.first()
    if programme is None:
        raise Http404
    form = CallForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            call, status = _save(
                form,
                services.create_call,
                programme=programme,
                by=request.user,
                data=form.call_data(),
            )
            if call is not None:
                messages.success(
                    request,
                    _("The call has been created with the programme's form and rubric to adapt."),
                )
                return redirect("calls:staff-call", call.slug)
    context = {"form": form, "programme": programme, "call": None}
    return render(request, "calls/staff/call_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    # The form works on a copy: a refused value never shows in the page's title and tabs.
    form = CallForm(request.POST or None, instance=selectors.get_call(slug))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved, status = _save(
                form, services.update_call, call=call, by=request.user, data=form.call_data()
            )
            if saved is not None:
                messages.success(request, _("The call has been saved."))
                return redirect("calls:staff-call", saved.slug)
    context = {
        **_tabs_context(call, "call"),
        "form": form,
        "programme": call.programme,
        "missing_languages": call.missing_languages(),
    }
    return render(request, "calls/staff/call_form.html", context, status=status)


# --- The form editor ----------------------------------------------------------------------


def _form_editor(request, call, *, problems=(), status=200):
    """The form editor page, or its list alone for an htmx swap (a move, a deletion)."""
    sections = FormSection.objects.filter(
        call=call, purpose=FormPurpose.APPLICATION
    ).prefetch_related(Prefetch("questions", FormQuestion.objects.order_by("position", "pk")))
    context = {
        **_tabs_context(call, "form"),
        "sections": sections,
        "form_frozen": services.is_form_frozen(call),
        "problems": problems,
        "kinds": FormQuestion.Kind.choices,
    }
    template = "calls/staff/partials/form_editor.html" if request.htmx else "calls/staff/form.html"
    return render(request, template, context, status=status)


@login_required
@require_GET
def form_editor(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    return _form_editor(request, call)


def _get(model, call, pk):
    # The editor edits the application form; the reports' forms are the admin's.
    lookups = {
        FormSection: {"purpose": FormPurpose.APPLICATION},
        FormQuestion: {"section__purpose": FormPurpose.APPLICATION},
    }.get(model, {})
    found = model.objects.filter(call=call, pk=pk, **lookups).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, pk=None):
    call = selectors.get_call_for_staff(request.user, slug)
    section = _get(FormSection, call, pk) if pk else None
    form = SectionForm(request.POST or None, instance=section)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved, status = _save(
                form,
                services.save_section,
                call=call,
                by=request.user,
                section=_get(FormSection, call, pk) if pk else None,
                data=form.cleaned_data,
            )
            if saved is not None:
                messages.success(request, _("The section has been saved."))
                return redirect(
                    reverse("calls:staff-form", args=[call.slug]) + f"#section-{saved.pk}"
                )
    context = {
        **_tabs_context(call, "form"),
        "form": form,
        "section": section,
        "form_frozen": services.is_form_frozen(call),
    }
    return render(request, "calls/staff/section_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, pk=None):
    call = selectors.get_call_for_staff(request.user, slug)
    question = _get(FormQuestion, call, pk) if pk else None
    initial = {}
    if question is None:
        section = FormSection.objects.filter(call=call, pk=request.GET.get("section") or 0).first()
        if section is not None:
            initial["section"] = section.pk
    form = QuestionForm(
        request.POST or None,
        instance=question,
        call=call,
        kind=request.GET.get("kind"),
        initial=initial,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved, status = _save(
                form,
                services.save_question,
                call=call,
                by=request.user,
                question=_get(FormQuestion, call, pk) if pk else None,
                data=form.question_data(),
            )
            if saved is not None:
                messages.success(request, _("The question has been saved."))
                return redirect(
                    reverse("calls:staff-form", args=[call.slug]) + f"#question-{saved.pk}"
                )
    context = {
        **_tabs_context(call, "form"),
        "form": form,
        "question": question,
        "form_frozen": services.is_form_frozen(call),
    }
    return render(request, "calls/staff/question_form.html", context, status=status)


def _after_form_change(request, call, *, done, anchor=""):
    if request.htmx:
        return _form_editor(request, call)
    if done:
        messages.success(request, done)
    return redirect(reverse("calls:staff-form", args=[call.slug]) + anchor)


@login_required
@require_POST
def section_move(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    section = _get(FormSection, call, pk)
    direction = request.POST.get("direction")
    if direction not in DIRECTIONS:
        return HttpResponseBadRequest(_("Move up or down."))
    try:
        services.move_section(call=call, by=request.user, section=section, direction=direction)
    except services.ChangeRefused as exc:
        return _form_editor(request, call, problems=exc.problems, status=exc.status)
    return _after_form_change(request, call, done="", anchor=f"#section-{section.pk}")


@login_required
@require_POST
def question_move(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    question = _get(FormQuestion, call, pk)
    direction = request.POST.get("direction")
    if direction not in DIRECTIONS:
        return HttpResponseBadRequest(_("Move up or down."))
    try:
        services.move_question(call=call, by=request.user, question=question, direction=direction)
    except services.ChangeRefused as exc:
        return _form_editor(request, call, problems=exc.problems, status=exc.status)
    return _after_form_change(request, call, done="", anchor=f"#question-{question.pk}")


@login_required
@require_POST
def question_delete(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    question = _get(FormQuestion, call, pk)
    try:
        services.delete_question(call=call, by=request.user, question=question)
    except services.ChangeRefused as exc:
        return _form_editor(request, call, problems=exc.problems, status=exc.status)
    return _after_form_change(
        request,
        call,
        done=_("The question “%(question)s” has been deleted.") % {"question": question.label_en},
    )


@login_required
@require_GET
def form_preview(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    context = {**_tabs_context(call, "form"), "schema": services.schema_of(call)}
    return render(request, "calls/staff/form_preview.html", context)


# --- The rubric ---------------------------------------------------------------------------


def _rubric(request, call, *, problems=(), status=200):
    criteria = list(call.criteria.all())
    total = sum(c.weight for c in criteria)
    rows = [
        {"criterion": c, "share": (100 * c.weight / total) if total else 0, "anchors": c.anchors()}
        for c in criteria
    ]
    context = {
        **_tabs_context(call, "rubric"),
        "rows": rows,
        "total": total,
        "rubric_frozen": services.is_rubric_frozen(call),
        "problems": problems,
    }
    template = "calls/staff/partials/rubric.html" if request.htmx else "calls/staff/rubric.html"
    return render(request, template, context, status=status)


@login_required
@require_GET
def rubric(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    return _rubric(request, call)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, slug, pk=None):
    call = selectors.get_call_for_staff(request.user, slug)
    criterion = _get(Criterion, call, pk) if pk else None
    form = CriterionForm(request.POST or None, instance=criterion)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved, status = _save(
                form,
                services.save_criterion,
                call=call,
                by=request.user,
                criterion=_get(Criterion, call, pk) if pk else None,
                data=form.criterion_data(),
            )
            if saved is not None:
                messages.success(request, _("The criterion has been saved."))
                return redirect(
                    reverse("calls:staff-rubric", args=[call.slug]) + f"#criterion-{saved.pk}"
                )
    context = {
        **_tabs_context(call, "rubric"),
        "form": form,
        "criterion": criterion,
        "rubric_frozen": services.is_rubric_frozen(call),
    }
    return render(request, "calls/staff/criterion_form.html", context, status=status)


def _after_rubric_change(request, call, *, done, anchor=""):
    if request.htmx:
        return _rubric(request, call)
    if done:
        messages.success(request, done)
    return redirect(reverse("calls:staff-rubric", args=[call.slug]) + anchor)


@login_required
@require_POST
def criterion_move(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    criterion = _get(Criterion, call, pk)
    direction = request.POST.get("direction")
    if direction not in DIRECTIONS:
        return HttpResponseBadRequest(_("Move up or down."))
    services.move_criterion(call=call, by=request.user, criterion=criterion, direction=direction)
    return _after_rubric_change(request, call, done="", anchor=f"#criterion-{criterion.pk}")


@login_required
@require_POST
def criterion_delete(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    criterion = _get(Criterion, call, pk)
    try:
        services.delete_criterion(call=call, by=request.user, criterion=criterion)
    except services.ChangeRefused as exc:
        return _rubric(request, call, problems=exc.problems, status=exc.status)
    return _after_rubric_change(
        request,
        call,
        done=_("The criterion “%(criterion)s” has been deleted.")
        % {"criterion": criterion.title_en},
    )
