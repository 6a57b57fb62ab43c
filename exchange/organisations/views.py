from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.core.pagination import CappedPaginator
from exchange.core.permissions import Refused, require

from . import filters, permissions, selectors, services
from .forms import InviteForm, OrganisationForm, RoleForm


@require_GET
def directory(request):
    filterset, organisations, known_count = filters.search(request.user, request.GET)
    paginator = CappedPaginator(
        organisations,
        settings.DIRECTORY_PAGE_SIZE,
        cap=settings.DIRECTORY_RESULT_CAP,
        known_count=known_count,
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "filters_used": sum(1 for k, v in request.GET.items() if v and k not in ("q", "page")),
    }
    template = (
        "organisations/partials/results.html" if request.htmx else "organisations/directory.html"
    )
    return render(request, template, context)


@require_GET
def detail(request, slug):
    organisation = selectors.get_organisation_for_user(request.user, slug)
    context = {
        "organisation": organisation,
        "can_edit": permissions.can_edit(request.user, organisation),
        "can_view_private": permissions.can_view_private(request.user, organisation),
        "show_contact_details": permissions.can_view_contact_details(request.user, organisation),
        "can_request_contact": permissions.can_request_contact(request.user, organisation),
    }
    return render(request, "organisations/detail.html", context)


@require_GET
def logo(request, slug):
    organisation = selectors.get_organisation_for_user(request.user, slug)
    if not organisation.logo:
        raise Http404
    response = FileResponse(organisation.logo.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _save_profile(request, form, organisation=None):
    lists = form.lists
    try:
        if organisation is None:
            organisation = services.create_organisation(
                by=request.user, organisation=form.save(commit=False), lists=lists
            )
        else:
            organisation = services.update_organisation(
                by=request.user, organisation=form.save(commit=False), lists=lists
            )
        if form.cleaned_data.get("logo_upload"):
            services.attach_logo(
                organisation=organisation, content=form.cleaned_data["logo_upload"], by=request.user
            )
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        organisation = _save_profile(request, form)
        if organisation:
            messages.success(
                request, _("Your organisation's profile is ready. Invite your colleagues next.")
            )
            return redirect(organisation)
    return render(
        request,
        "organisations/form.html",
        {"form": form, "creating": True},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    organisation = selectors.get_organisation_for_user(request.user, slug, "edit")
    form = OrganisationForm(
        request.POST or None,
        request.FILES or None,
        instance=organisation,
        lists=services.lists_of(organisation),
    )
    if request.method == "POST" and form.is_valid():
        if _save_profile(request, form, organisation):
            messages.success(request, _("Changes saved."))
            return redirect(organisation)
    context = {"form": form, "organisation": organisation, "creating": False}
    return render(request, "organisations/form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug):
    organisation = selectors.get_organisation_for_user(request.user, slug, "view_private")
    can_manage = permissions.can_manage_members(request.user, organisation)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        require(can_manage)
        if form.is_valid():
            try:
                services.invite_member(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Invitation sent to %s.") % form.cleaned_data["email"])
                return redirect("organisations:members", slug=slug)
    context = {
        "organisation": organisation,
        "members": selectors.list_members(organisation),
        "invitations": selectors.list_open_invitations(organisation) if can_manage else [],
        "can_manage": can_manage,
        "can_leave": permissions.can_leave(request.user, organisation),
        "form": form,
        "role_form": RoleForm(),
    }
    return render(
        request, "organisations/members.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def member_role(request, slug, membership_id):
    organisation = selectors.get_organisation_for_user(request.user, slug, "manage_members")
    membership = selectors.get_membership(organisation, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
    else:
        try:
            services.change_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
            messages.success(request, _("Role changed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("organisations:members", slug=slug)


@login_required
@require_POST
def member_remove(request, slug, membership_id):
    organisation = selectors.get_organisation_for_user(request.user, slug, "manage_members")
    membership = selectors.get_membership(organisation, membership_id)
    try:
        services.remove_member(membership=membership, by=request.user)
        messages.success(request, _("%s is no longer a member.") % membership.user.name)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("organisations:members", slug=slug)


@login_required
@require_POST
def invitation_revoke(request, slug, invitation_id):
    organisation = selectors.get_organisation_for_user(request.user, slug, "manage_members")
    invitation = selectors.get_invitation(organisation, invitation_id)
    services.revoke_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("organisations:members", slug=slug)


@login_required
@require_POST
def leave(request, slug):
    organisation = selectors.get_organisation_for_user(request.user, slug, "view_private")
    try:
        services.leave_organisation(organisation=organisation, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("organisations:members", slug=slug)
    messages.success(request, _("You have left %s.") % organisation.name)
    return redirect("site:home")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = services.read_invitation(token)
    if invitation is None:
        return render(request, "organisations/invitation_invalid.html", status=404)
    context = {
        "invitation": invitation,
        "token": token,
        "is_open": invitation.is_open,
        "is_for_you": request.user.is_authenticated
        and permissions.can_answer_invitation(request.user, invitation),
    }
    if not invitation.is_open:
        return render(request, "organisations/invitation.html", context, status=404)
    if request.method == "POST" and request.user.is_authenticated:
        decline = request.POST.get("decision") == "decline"
        try:
            if decline:
                services.decline_invitation(invitation=invitation, user=request.user)
            else:
                services.accept_invitation(invitation=invitation, user=request.user)
        except Refused as exc:
            messages.error(request, str(exc))
            return redirect("organisations:invitation-accept", token=token)
        if decline:
            messages.success(request, _("Invitation declined."))
            return redirect("site:home")
        messages.success(request, _("Welcome to %s.") % invitation.organisation.name)
        return redirect(invitation.organisation)
    return render(request, "organisations/invitation.html", context)
