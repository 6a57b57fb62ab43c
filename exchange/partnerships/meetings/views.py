"""Pages of a partnership's meetings, of the cohort's events (the people register, the
staff run them and export who comes), and of the personal calendar feed."""

from __future__ import annotations

import csv
import datetime
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.core.links import absolute_url
from exchange.core.permissions import require
from exchange.core.zones import zone_named
from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.views import workspace_context

from . import feed as ical
from . import permissions, selectors, services
from .forms import CohortEventForm, MeetingForm, NotesForm, RegistrationForm
from .models import CalendarFeed, CohortEvent, Registration
from .workflows import COHORT_EVENT

R = Registration.Status
# A fetch is noted at most once an hour (calendars fetch often; a read need not write).
FETCH_PRECISION = datetime.timedelta(hours=1)


def _errors_into(form, exc: ValidationError) -> None:
    names = {
        "starts_at": "starts_local",
        "ends_at": "ends_local",
        "registration_closes_at": "closes_local",
    }
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = names.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _zone(request) -> str:
    """The zone a new meeting is planned in by default: the person's own."""
    zone = zone_named(request.user.timezone)
    return zone.key if zone else "Europe/Istanbul"


# --- A partnership's meetings ---------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request, pk):
    partnership = partnership_selectors.get_partnership(request.user, pk)
    upcoming, past = selectors.meetings_of(partnership)
    return render(
        request,
        "meetings/list.html",
        workspace_context(
            request,
            partnership,
            "meetings",
            upcoming=upcoming,
            past=past,
            your_zone=timezone.get_current_timezone_name(),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_form(request, pk, meeting_pk=None):
    partnership = partnership_selectors.get_partnership(request.user, pk)
    meeting = selectors.get_meeting(partnership, meeting_pk) if meeting_pk else None
    require(permissions.can_plan_meeting(request.user, partnership))
    form = MeetingForm(
        request.POST if request.method == "POST" else None, zone=_zone(request), instance=meeting
    )
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                services.plan_meeting(
                    partnership=partnership, by=request.user, **form.meeting_data()
                )
                messages.success(request, _("The meeting is planned; the partnership is told."))
            else:
                services.edit_meeting(meeting=meeting, by=request.user, **form.meeting_data())
                messages.success(request, _("The meeting is saved."))
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            return redirect("meetings:list", partnership.pk)
    return render(
        request,
        "meetings/form.html",
        workspace_context(request, partnership, "meetings", form=form, meeting=meeting),
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_notes(request, pk, meeting_pk):
    partnership = partnership_selectors.get_partnership(request.user, pk)
    meeting = selectors.get_meeting(partnership, meeting_pk)
    require(permissions.can_change_meeting(request.user, meeting))
    form = NotesForm(
        request.POST if request.method == "POST" else None, initial={"notes": meeting.notes}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_notes(meeting=meeting, by=request.user, notes=form.cleaned_data["notes"])
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("The notes are saved."))
            return redirect(
                reverse("meetings:list", args=[partnership.pk]) + f"#meeting-{meeting.pk}"
            )
    return render(
        request,
        "meetings/notes.html",
        workspace_context(request, partnership, "meetings", form=form, meeting=meeting),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def meeting_delete(request, pk, meeting_pk):
    partnership = partnership_selectors.get_partnership(request.user, pk)
    meeting = selectors.get_meeting(partnership, meeting_pk)
    services.delete_meeting(meeting=meeting, by=request.user)
    messages.success(request, _("The meeting “%(title)s” is deleted.") % {"title": meeting.title})
    return redirect("meetings:list", partnership.pk)


# --- The cohort's events, for its people -----------------------------------------------------


@login_required
@require_GET
def events(request, pk):
    cohort = partnership_selectors.get_cohort(request.user, pk)
    shown = list(selectors.events_of(cohort))
    registrations = selectors.registrations_by(request.user, cohort)
    rows = [
        (
            event,
            registrations.get(event.pk, []),
            bool(permissions.can_register(request.user, event)),
        )
        for event in shown
    ]
    return render(
        request,
        "meetings/events.html",
        {
            "cohort": cohort,
            "rows": rows,
            "is_staff": bool(permissions.can_run_events(request.user, cohort)),
        },
    )


def _registration_form(request, event, data=None, instance=None):
    cohort = event.cohort
    people = selectors.colleagues(request.user, cohort)
    roles = permissions.cohort_roles(request.user, cohort)
    organisations = [
        m.organisation
        for m in request.user.memberships.select_related("organisation").filter(
            organisation_id__in=list(roles)
        )
    ]
    initial = {}
    if instance is not None:
        initial = {
            "person": instance.person_id,
            "organisation": instance.organisation_id,
            "mode": instance.mode,
            "arriving_from": instance.arriving_from,
            "needs_travel_booking": instance.needs_travel_booking,
            "dietary_needs": instance.dietary_needs,
            "accessibility_needs": instance.accessibility_needs,
        }
    else:
        initial = {"person": request.user.pk, "mode": event.modes[0]}
    return RegistrationForm(
        data, event=event, people=people, organisations=organisations, initial=initial
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request, pk, event_pk):
    cohort = partnership_selectors.get_cohort(request.user, pk)
    event = selectors.get_event(cohort, event_pk)
    require(permissions.can_register(request.user, event))
    mine = Registration.objects.filter(event=event, person=request.user).first()
    form = _registration_form(
        request, event, request.POST if request.method == "POST" else None, instance=mine
    )
    if request.method == "POST" and form.is_valid():
        data = form.registration_data()
        person = None
        if data["person_id"] and data["person_id"] != request.user.pk:
            person = next(
                (
                    p
                    for p in selectors.colleagues(request.user, cohort)
                    if p.pk == data["person_id"]
                ),
                None,
            )
        try:
            registration = services.register(
                event=event,
                by=request.user,
                person=person,
                organisation_id=data["organisation_id"],
                **data["needs"],
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s is registered for “%(event)s”.")
                % {"person": registration.person.name, "event": event.title},
            )
            return redirect(reverse("meetings:events", args=[cohort.pk]) + f"#event-{event.pk}")
    return render(
        request,
        "meetings/register.html",
        {"cohort": cohort, "event": event, "form": form, "registration": mine},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def registration_cancel(request, pk, event_pk, registration_pk):
    cohort = partnership_selectors.get_cohort(request.user, pk)
    staff = bool(permissions.can_run_events(request.user, cohort))
    event = selectors.get_event(cohort, event_pk, staff=staff)
    registration = selectors.get_registration(event, registration_pk, user=request.user)
    services.cancel_registration(registration=registration, by=request.user)
    messages.success(
        request,
        _("The registration of %(person)s is cancelled.") % {"person": registration.person.name},
    )
    if staff:
        return redirect("meetings:attendance", cohort.pk, event.pk)
    return redirect(reverse("meetings:events", args=[cohort.pk]) + f"#event-{event.pk}")


# --- The staff's side ---------------------------------------------------------------------


def _staff_cohort(request, pk):
    return partnership_selectors.get_cohort(request.user, pk, staff=True)


@login_required
@require_GET
def cohort_events(request, pk):
    cohort = _staff_cohort(request, pk)
    shown = selectors.events_of(cohort, staff=True).annotate(
        registered=Count("registrations", filter=Q(registrations__status=R.REGISTERED))
    )
    rows = [
        (e, [(to, COHORT_EVENT.label(to)) for to in COHORT_EVENT.targets(e.status)]) for e in shown
    ]
    return render(request, "meetings/staff/events.html", {"cohort": cohort, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_event_form(request, pk, event_pk=None):
    cohort = _staff_cohort(request, pk)
    event = selectors.get_event(cohort, event_pk, staff=True) if event_pk else None
    form = CohortEventForm(
        request.POST if request.method == "POST" else None, zone=_zone(request), instance=event
    )
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                services.create_event(cohort=cohort, by=request.user, **form.event_data())
            else:
                services.edit_event(event=event, by=request.user, **form.event_data())
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("meetings:cohort-events", cohort.pk)
    return render(
        request,
        "meetings/staff/event_form.html",
        {"cohort": cohort, "event": event, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def cohort_event_move(request, pk, event_pk):
    cohort = _staff_cohort(request, pk)
    event = selectors.get_event(cohort, event_pk, staff=True)
    to = request.POST.get("to", "")
    if to not in CohortEvent.Status.values:
        messages.error(request, _("Choose what the event's status becomes."))
    else:
        services.move_event(event=event, to=to, by=request.user)
        messages.success(
            request,
            _("“%(title)s” is now %(status)s.")
            % {"title": event.title, "status": COHORT_EVENT.label(to)},
        )
    return redirect("meetings:cohort-events", cohort.pk)


@login_required
@require_GET
def attendance(request, pk, event_pk):
    cohort = _staff_cohort(request, pk)
    event = selectors.get_event(cohort, event_pk, staff=True)
    rows = selectors.attendance(event)
    registered = [r for r in rows if r.status == R.REGISTERED]
    return render(
        request,
        "meetings/staff/attendance.html",
        {
            "cohort": cohort,
            "event": event,
            "rows": rows,
            "registered": len(registered),
            "in_person": sum(1 for r in registered if r.mode == Registration.Mode.IN_PERSON),
            "bookings": sum(1 for r in registered if r.needs_travel_booking),
        },
    )


def _cell(value) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula is quoted."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
@require_GET
def attendance_csv(request, pk, event_pk):
    """The attendance list for the organisers (CSV for Excel: UTF-8 with a byte-order mark,
    so that ş, ğ, İ, ä, ß read right). It carries what organising needs (who, for which
    organisation, how they come, their travel and needs), never anything else."""
    cohort = _staff_cohort(request, pk)
    event = selectors.get_event(cohort, event_pk, staff=True)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Name"), _("E-mail address"), _("Organisation"), _("Country"), _("Status"),
            _("Attending"), _("Arriving from"), _("Travel to book"), _("Dietary needs"),
            _("Accessibility needs"), _("Registered"),
        ]
    )  # fmt: skip
    for r in selectors.attendance(event):
        writer.writerow(
            [
                _cell(r.person.name),
                _cell(r.person.email if not r.person.erased_at else ""),
                _cell(r.organisation.name),
                _cell(r.organisation.country.name if r.organisation.country else ""),
                _cell(r.get_status_display()),
                _cell(r.get_mode_display()),
                _cell(r.arriving_from),
                _("Yes") if r.needs_travel_booking else _("No"),
                _cell(r.dietary_needs),
                _cell(r.accessibility_needs),
                timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = slugify(event.title) or "event"
    response["Content-Disposition"] = f'attachment; filename="attendance-{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- The personal calendar --------------------------------------------------------------------


def _calendar_page(request, *, url=""):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "meetings/calendar.html", {"feed": feed, "url": url})


@login_required
@require_GET
def calendar(request):
    return _calendar_page(request)


@login_required
@require_POST
@never_cache
def calendar_renew(request):
    token = services.renew_feed(user=request.user)
    # Shown on this response only: the platform keeps only a digest of it.
    return _calendar_page(request, url=absolute_url(reverse("meetings:feed", args=[token])))


@require_GET
def feed(request, token):
    """The person's calendar, for calendar programs that fetch it without a session."""
    calendar_feed = selectors.feed_of_token(token)
    if calendar_feed is None:
        raise Http404
    user = calendar_feed.user
    now = timezone.now()
    if calendar_feed.last_used_at is None or now - calendar_feed.last_used_at > FETCH_PRECISION:
        CalendarFeed.objects.filter(pk=calendar_feed.pk).update(last_used_at=now)
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = ical.render(user, now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="civil-society-exchange.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
