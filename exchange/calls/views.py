from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_countries import countries

from . import permissions, selectors, services


@require_GET
def call_list(request):
    return render(request, "calls/list.html", {"groups": selectors.list_calls()})


@require_GET
def call_detail(request, slug):
    call = selectors.get_call(slug)
    context = {
        "call": call,
        "time_left": selectors.time_left(call),
        "turkey": [countries.name(c) for c in call.turkey_countries],
        "europe": [countries.name(c) for c in call.europe_countries],
        "form_preview": services.schema_of(call),
        "is_staff": permissions.can_manage_call(request.user, call),
        "text_in_english": call.is_shown_in_english("text"),
        "missing_languages": call.missing_languages(),
    }
    return render(request, "calls/detail.html", context)


@require_GET
def call_calendar(request, slug):
    call = selectors.get_call(slug)
    response = HttpResponse(services.calendar(call), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{call.slug}.ics"'
    return response
