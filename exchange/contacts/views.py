from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from exchange.organisations.models import Side
from exchange.organisations.selectors import get_organisation_for_user

from . import board as board_service
from . import selectors, services
from .forms import (
    BoardFilterForm,
    BoardPostForm,
    BoardReplyForm,
    ContactRequestForm,
    MessageForm,
    ReportForm,
)
from .models import BoardReply, DigestSubscription


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


# --- The partner-search board ------------------------------------------------------------


@require_GET
def board(request):
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    side = filters.get("side")
    countries = (
        (settings.EXCHANGE_TURKEY if side == Side.TURKEY else settings.EXCHANGE_EUROPE)
        if side
        else None
    )
    context = {
        "form": form,
        "posts": board_service.list_open_posts(
            user=request.user, area=filters.get("area", ""), side_countries=countries
        ),
        "subscribed": request.user.is_authenticated
        and DigestSubscription.objects.filter(user=request.user).exists(),
    }
    return render(request, "contacts/board.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def board_post_create(request):
    form = BoardPostForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            post = board_service.create_post(organisation=organisation, by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your post is on the board."))
            return redirect("contacts:board-post", pk=post.pk)
    context = {"form": form, "has_organisation": form.fields["organisation"].queryset.exists()}
    return render(
        request, "contacts/board_post_form.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def board_post(request, pk):
    post = board_service.get_post(pk, request.user)
    poster = request.user.is_authenticated and board_service.is_poster(request.user, post)
    accepting, closed_reason = board_service.is_accepting(post)
    form = None
    if request.user.is_authenticated and not poster and accepting:
        form = BoardReplyForm(request.POST or None, user=request.user, post=post)
        if request.method == "POST" and form.is_valid():
            try:
                board_service.reply_to_post(post=post, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your reply was sent to %s.") % post.organisation.name)
                return redirect("contacts:board-post", pk=post.pk)
    elif request.method == "POST":
        return redirect("contacts:board-post", pk=post.pk)
    context = {
        "post": post,
        "poster": poster,
        "accepting": accepting,
        "closed_reason": closed_reason,
        "form": form,
        "replies": post.replies.select_related("organisation") if poster else [],
        "preferred": [countries.name(c) for c in post.preferred_countries],
    }
    return render(
        request,
        "contacts/board_post.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def board_post_close(request, pk):
    post = board_service.get_post(pk)
    board_service.close_post(post=post, by=request.user)
    messages.success(request, _("Your post is closed and no longer on the board."))
    return redirect("contacts:board-post", pk=post.pk)


@login_required
@require_POST
def board_reply_status(request, pk, status):
    reply = (
        BoardReply.objects.select_related("post__organisation", "organisation")
        .filter(pk=pk)
        .first()
    )
    if reply is None or not board_service.is_poster(request.user, reply.post):
        raise Http404
    board_service.set_reply_status(reply=reply, status=status, by=request.user)
    if status == BoardReply.Status.DECLINED:
        messages.success(request, _("%s is thanked and told politely.") % reply.organisation.name)
    return redirect("contacts:board-post", pk=reply.post_id)


@login_required
@require_POST
def board_digest(request):
    board_service.set_digest(user=request.user, enabled=request.POST.get("enabled") == "1")
    messages.success(request, _("Your e-mail preference is saved."))
    return redirect("contacts:board")
