from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.organisations.selectors import get_organisation_for_user

from . import selectors, services
from .forms import ContactRequestForm, MessageForm, ReportForm


@login_required
@require_http_methods(["GET", "POST"])
def request_contact(request, slug):
    recipient = get_organisation_for_user(request.user, slug)
    form = ContactRequestForm(request.POST or None, user=request.user, recipient=recipient)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_contact_request(
                sender=form.cleaned_data["sender"],
                recipient=recipient,
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Your request was sent to %s. You will hear from them here.") % recipient.name,
            )
            return redirect("contacts:inbox")
    context = {
        "form": form,
        "recipient": recipient,
        "has_organisation": form.fields["sender"].queryset.exists(),
    }
    return render(
        request, "contacts/request_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def inbox(request):
    return render(request, "contacts/inbox.html", selectors.list_inbox(request.user))


@login_required
@require_POST
def decide(request, pk, decision):
    contact_request = selectors.get_request_for_user(request.user, pk)
    try:
        if decision == "accept":
            conversation = services.accept_request(request=contact_request, by=request.user)
            messages.success(
                request, _("You are now in contact with %s.") % contact_request.sender.name
            )
            return redirect("contacts:conversation", pk=conversation.pk)
        services.decline_request(request=contact_request, by=request.user)
        messages.success(
            request, _("Request declined. %s is told politely.") % contact_request.sender.name
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("contacts:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, pk):
    thread = selectors.get_conversation_for_user(request.user, pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_message(
                conversation=thread, by=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = MessageForm()
            if not request.htmx:
                return redirect("contacts:conversation", pk=thread.pk)
    context = {
        "conversation": thread,
        "messages_list": selectors.list_messages(thread),
        "form": form,
        "others": [o for o in thread.organisations.all()],
    }
    template = "contacts/partials/thread.html" if request.htmx else "contacts/conversation.html"
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def report(request, slug):
    reported = get_organisation_for_user(request.user, slug)
    form = ReportForm(request.POST or None, user=request.user, reported=reported)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_organisation(
                reporter=form.cleaned_data["reporter"],
                reported=reported,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
            if form.cleaned_data["block"]:
                services.block_organisation(
                    blocker=form.cleaned_data["reporter"], blocked=reported, by=request.user
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you. The programme team will look at your report."))
            return redirect(reported)
    context = {
        "form": form,
        "reported": reported,
        "has_organisation": form.fields["reporter"].queryset.exists(),
    }
    return render(request, "contacts/report_form.html", context, status=400 if form.errors else 200)
