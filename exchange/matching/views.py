from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from exchange.organisations.selectors import get_organisation_for_user, list_visible_organisations

from . import selectors, services
from .forms import RecommendationFilterForm
from .models import CandidateMark


@login_required
@require_GET
def partners(request, slug):
    organisation = get_organisation_for_user(request.user, slug, "view_private")
    form = RecommendationFilterForm(request.GET or None, side=organisation.side)
    filters = form.cleaned_data if form.is_valid() else {}
    context = {
        "organisation": organisation,
        "form": form,
        "recommendations": selectors.list_recommendations(
            organisation, **{k: v for k, v in filters.items() if v}
        ),
        "saved": selectors.list_saved(organisation),
    }
    template = (
        "matching/partials/recommendations.html" if request.htmx else "matching/partners.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def mark(request, slug, candidate_slug):
    organisation = get_organisation_for_user(request.user, slug, "view_private")
    candidate = list_visible_organisations(request.user).filter(slug=candidate_slug).first()
    if candidate is None or candidate == organisation:
        raise Http404
    action = request.POST.get("action")
    if action in CandidateMark.Kind.values:
        services.mark_candidate(
            organisation=organisation, candidate=candidate, kind=action, by=request.user
        )
        text = (
            _("%s saved.")
            if action == CandidateMark.Kind.SAVED
            else _("%s will not be recommended again.")
        )
        messages.success(request, text % candidate.name)
    elif action == "clear":
        services.unmark_candidate(organisation=organisation, candidate=candidate)
        messages.success(request, _("%s removed from your saved partners.") % candidate.name)
    else:
        messages.error(request, _("Unknown action."))
    return redirect("matching:partners", slug=organisation.slug)
