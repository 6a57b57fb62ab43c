from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.calls import questions
from exchange.calls import selectors as call_selectors
from exchange.core.permissions import FORBIDDEN, Refused

from . import pdf, permissions, selectors, services
from .forms import (
    AcceptInvitationForm,
    ExtensionForm,
    InviteForm,
    SectionForm,
    StartForm,
    StatusForm,
    WithdrawForm,
    participant_formset,
)
from .workflows import APPLICATION


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
@require_http_methods(["GET", "POST"])
def start(request, slug):
    call = call_selectors.get_call(slug)
    form = StartForm(request.POST or None, user=request.user, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(
                call=call,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                seeking_partner=bool(form.cleaned_data.get("seeking_partner")),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except Refused as exc:
            form.add_error("organisation", str(exc))
        else:
            messages.success(
                request, _("Your application has been started. It is saved as you write.")
            )
            return redirect(application)
    context = {"call": call, "form": form, "is_open": call.status == call.Status.OPEN}
    return render(request, "applications/start.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def application_list(request):
    invitations = selectors.list_invitations_to_user(request.user)
    for invitation in invitations:
        invitation.token = services.invitation_token(invitation)  # the page links to it
    context = {
        "applications": selectors.list_applications_of_user(request.user),
        "invitations": invitations,
    }
    return render(request, "applications/list.html", context)


def _overview(request, application):
    user = request.user
    schema = selectors.schema_for(application)
    partners = selectors.active_partners(application)
    roles = permissions.roles_in(user, application)
    sections = selectors.sections_with_answers(application, schema, partners)
    checklist = selectors.eligibility_of(application, sections, partners)
    for partner in partners:
        partner.can_confirm = not partner.has_confirmed and permissions.can_confirm(
            user, application, partner.organisation
        )
    can_edit = permissions.can_edit(user, application)
    submit = APPLICATION.check(application, application.Status.SUBMITTED, by=user)
    return {
        "application": application,
        "call": application.call,
        "partners": partners,
        "my_partner_ids": set(roles),
        "invitations": selectors.open_invitations(application),
        "sections": sections,
        "checklist": checklist,
        "is_eligible": all(item.ok for item in checklist),
        "can_edit": can_edit,
        "can_invite": permissions.can_invite(user, application),
        "can_manage": permissions.can_manage(user, application),
        # Incomplete is no reason to hide the button: the checklist says what is missing.
        "can_submit": submit if submit or submit.code != "incomplete" else True,
        "can_withdraw": APPLICATION.check(application, application.Status.WITHDRAWN, by=user),
        "can_decide": permissions.can_decide(user, application),
        "waiting": selectors.unconfirmed(application, partners),
        "status_changes": application.status_changes.select_related("by"),
        "deadline": application.deadline,
        "pdf_available": pdf.is_available(),
    }


@login_required
@require_GET
def detail(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    return render(request, "applications/detail.html", _overview(request, application))


def _rows(form, result, answers=None):
    conflicts = result.conflicts if result else {}
    answers = answers or {}
    return [
        {
            "field": form[q.key],
            "version": form[f"v_{q.key}"],
            "conflict": conflicts.get(q.key),
            "conflict_text": questions.display(q, conflicts[q.key].theirs)
            if q.key in conflicts
            else "",
            # Read-only: the answer as people read it (labels, not keys).
            "shown": questions.display(q, answers[q.key].value) if q.key in answers else "",
            "answer": answers.get(q.key),
            "key": q.key,
        }
        for q in form.section.questions
    ]


def _owner(application, org_pk):
    if org_pk is None:
        return None
    if not 0 < org_pk <= selectors.MAX_ID:
        raise Http404
    partner = application.partners.filter(organisation_id=org_pk, is_active=True).first()
    if partner is None:
        raise Http404
    return partner.organisation


@login_required
@require_http_methods(["GET", "POST"])
def section(request, pk, key, org_pk=None):
    application = selectors.get_application_for_user(request.user, pk)
    organisation = _owner(application, org_pk)
    schema = selectors.schema_for(application)
    shown = schema.section(key)
    if shown is None or shown.is_per_organisation != (organisation is not None):
        raise Http404
    decision = permissions.can_edit(request.user, application, organisation)
    answers = {a.question_key: a for a in application.answers.filter(organisation=organisation)}
    form = SectionForm(request.POST or None, request.FILES or None, section=shown, answers=answers)
    result = None
    status = 200
    kept = False  # a refused save shows what was typed, read-only, to be copied
    if request.method == "POST":
        try:
            result = services.save_answers(
                application=application,
                organisation=organisation,
                by=request.user,
                values=form.values(),
                versions=form.versions(),
                files={} if request.htmx else form.files_by_key(),
            )
        except Refused as exc:  # the deadline passed while typing: said here, nothing lost
            form.add_error(None, str(exc))
            decision = permissions.can_edit(request.user, application, organisation)
            status = exc.status
            kept = True
        else:
            for key, message in result.errors.items():
                form.add_error(key, message)
            form.data = form.data.copy()
            for key, version in result.versions.items():
                # After a conflict the user's text stays; a second save replaces theirs.
                form.data[f"v_{key}"] = version
            if not result.errors and not result.conflicts and not request.htmx:
                messages.success(request, _("Saved."))
                return redirect(application)
            status = 409 if result.conflicts else (400 if result.errors else 200)
        if request.htmx:
            # Autosave: the status line, plus the fields' versions, errors and conflicts
            # swapped out of band, so the text under the user's cursor is never replaced.
            return render(
                request,
                "applications/partials/save_status.html",
                {
                    "rows": _rows(form, result),
                    "result": result,
                    "saved_at": timezone.now(),
                    "error": " ".join(form.non_field_errors()),
                },
                status=status,
            )
    context = {
        "rows": _rows(form, result, answers),
        "application": application,
        "organisation": organisation,
        "section": shown,
        "form": form,
        "result": result,
        "schema": schema,
        "can_edit": decision,
        "kept": kept,
    }
    if kept:
        for field in form.fields.values():
            field.widget.attrs["readonly"] = True
    return render(request, "applications/section.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def participants(request, pk, org_pk):
    application = selectors.get_application_for_user(request.user, pk)
    organisation = _owner(application, org_pk)
    decision = permissions.can_edit(request.user, application, organisation)
    partner = application.partners.get(organisation=organisation, is_active=True)
    initial = [
        {"name": p.name, "role": p.role, "email": p.email, "needs_visa": p.needs_visa}
        for p in partner.participants.all()
    ]
    wanted = application.call.participants_per_organisation
    initial += [{}] * max(0, wanted - len(initial))
    formset = participant_formset(
        application.call, request.POST or None, initial=initial, prefix="p"
    )
    if request.method == "POST":
        if formset.is_valid():
            try:
                services.save_participants(
                    application=application,
                    organisation=organisation,
                    by=request.user,
                    rows=formset.rows(),
                )
            except (ValidationError, Refused) as exc:
                messages.error(request, str(exc) if isinstance(exc, Refused) else _errors(exc))
            else:
                messages.success(request, _("Participants saved."))
                return redirect(application)
    context = {
        "application": application,
        "organisation": organisation,
        "formset": formset,
        "can_edit": decision,
    }
    return render(
        request,
        "applications/participants.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, pk):
    application = selectors.get_application_for_user(request.user, pk, "invite")
    contacts = selectors.invitable_organisations(application)
    initial = {"profile": request.GET.get("organisation", "")}
    form = InviteForm(request.POST or None, contacts=contacts, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_partner(
                application=application,
                by=request.user,
                organisation=form.cleaned_data.get("organisation"),
                email=form.cleaned_data.get("email") or "",
            )
        except (ValidationError, Refused) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Invitation sent."))
            return redirect(application)
    context = {"application": application, "form": form}
    return render(request, "applications/invite.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    found = services.read_invitation(token)
    if found is None:
        return render(request, "applications/invitation_invalid.html", status=404)
    context = {
        "invitation": found,
        "token": token,
        "is_open": found.is_open,
        "inviters": selectors.inviting_names(found),
    }
    if not found.is_open or not request.user.is_authenticated:
        return render(
            request, "applications/invitation.html", context, status=200 if found.is_open else 404
        )
    form = AcceptInvitationForm(request.POST or None, user=request.user, invitation=found)
    if request.method == "POST" and form.is_valid():
        decline = request.POST.get("decision") == "decline"
        answer = services.decline_invitation if decline else services.accept_invitation
        try:
            answer(
                invitation=found, organisation=form.cleaned_data["organisation"], by=request.user
            )
        except (ValidationError, Refused) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            if decline:
                messages.success(request, _("Invitation declined."))
                return redirect("applications:list")
            messages.success(request, _("Your organisation has joined the application."))
            return redirect(found.application)
    context |= {
        "form": form,
        "has_organisation": form.fields["organisation"].queryset.exists(),
        "next": reverse("applications:invitation", args=[token]),
    }
    return render(
        request, "applications/invitation.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def invitation_cancel(request, pk, invitation_pk):
    application = selectors.get_application_for_user(request.user, pk, "manage")
    invitation = selectors.get_invitation(application, invitation_pk)
    _act(
        request,
        services.cancel_invitation,
        invitation=invitation,
        by=request.user,
        success=_("The invitation of %(who)s is cancelled.") % {"who": invitation.invitee},
    )
    return redirect(application)


def _act(request, action, *args, success, **kwargs):
    """Run a service. A problem with the application (too late, incomplete) is said on the
    page the person returns to; a person who may not do this at all gets the refusal page."""
    try:
        action(*args, **kwargs)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return False
    except Refused as exc:
        if exc.code == FORBIDDEN:
            raise
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def confirm(request, pk, org_pk):
    application = selectors.get_application_for_user(request.user, pk)
    organisation = _owner(application, org_pk)
    _act(
        request,
        services.confirm_application,
        application=application,
        organisation=organisation,
        by=request.user,
        success=_("Confirmed for %(org)s.") % {"org": organisation.name},
    )
    return redirect(application)


@login_required
@require_POST
def submit(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    _act(
        request,
        services.submit_application,
        application=application,
        by=request.user,
        success=_(
            "Submitted. Every member of the partnership receives a confirmation with a link to the PDF."
        ),
    )
    return redirect(application)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    application = selectors.get_application_for_user(request.user, pk, "manage")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _act(
            request,
            services.withdraw_application,
            application=application,
            by=request.user,
            reason=form.cleaned_data["reason"],
            success=_("The application is withdrawn."),
        ):
            return redirect(application)
    return render(request, "applications/withdraw.html", {"application": application, "form": form})


@login_required
@require_GET
def history(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    return render(
        request,
        "applications/history.html",
        {"application": application, "entries": selectors.history_of(application)},
    )


@login_required
@require_GET
@never_cache
def application_pdf(request, pk):
    application = selectors.get_application_for_user(request.user, pk)
    document = pdf.render(application, request.LANGUAGE_CODE)
    if document is None:
        return HttpResponse(
            _("PDF export is not available on this server."), status=503, content_type="text/plain"
        )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="application-{application.pk}.pdf"'
    return response  # never_cache: participants' e-mails and visa needs stay off shared caches


@login_required
@require_GET
@never_cache
def attachment(request, pk, attachment_pk):
    application = selectors.get_application_for_user(request.user, pk)
    found = selectors.get_attachment(application, attachment_pk)
    if found is None:
        raise Http404
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@login_required
@require_GET
def call_applications(request, slug):
    call = call_selectors.get_call_for_staff(request.user, slug)
    context = {
        "call": call,
        "applications": selectors.list_applications_of_call(call),
        "drafts": selectors.count_drafts(call),
    }
    return render(request, "applications/call_applications.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def extension(request, pk):
    application = selectors.get_application_for_user(request.user, pk, "decide")
    form = ExtensionForm(request.POST or None, call=application.call)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_extension(
                application=application,
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Extension granted."))
            return redirect(application)
    context = {"application": application, "form": form}
    return render(
        request, "applications/extension.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_status(request, pk):
    application = selectors.get_application_for_user(request.user, pk, "decide")
    form = StatusForm(request.POST or None, application=application, user=request.user)
    if request.method == "POST" and form.is_valid():
        if _act(
            request,
            services.change_status,
            application=application,
            to=form.cleaned_data["to"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            success=_("Status changed."),
        ):
            return redirect(application)
    context = {"application": application, "form": form}
    return render(request, "applications/status.html", context, status=400 if form.errors else 200)
