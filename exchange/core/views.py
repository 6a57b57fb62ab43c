from django.shortcuts import render
from django.views.decorators.http import require_GET

from exchange.organisations.selectors import list_visible_organisations, with_profile


@require_GET
def landing(request):
    recent = with_profile(list_visible_organisations(request.user).order_by("-created_at"))[:6]
    return render(request, "core/landing.html", {"recent": recent})
