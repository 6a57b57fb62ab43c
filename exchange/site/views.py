from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from exchange.applications import selectors as application_selectors
from exchange.organisations import selectors as organisation_selectors
from exchange.selection import selectors as selection_selectors


@require_GET
def landing(request):
    recent = organisation_selectors.with_profile(
        organisation_selectors.list_visible_organisations(request.user).order_by("-created_at")
    )[:6]
    return render(request, "site/landing.html", {"recent": recent})


@login_required
@require_GET
def home(request):
    """A person's start page: their organisations and what waits for their answer."""
    context = {
        "memberships": organisation_selectors.list_memberships_of_user(request.user),
        "invitations": application_selectors.list_invitations_to_user(request.user),
        "reviewing": selection_selectors.reviewing_of(request.user),
    }
    return render(request, "site/home.html", context)
