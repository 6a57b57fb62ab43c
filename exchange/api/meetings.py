"""A partnership's meetings, the cohort's events with registration, the staff's attendance
list, and the renewal of one's calendar address. The same services, selectors and rules as
the pages (exchange/partnerships/meetings/)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from exchange.core.links import absolute_url
from exchange.core.permissions import require
from exchange.core.zones import known_zones
from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.meetings import permissions, selectors, services
from exchange.partnerships.meetings.models import NEEDS, NOTES, TEXT, CohortEvent, Registration

from .base import MemberEndpoint, valid
from .people import pk_or_404


def _zone(value: str) -> str:
    if value not in known_zones():
        raise serializers.ValidationError(
            _("Not a time zone: use an IANA name such as Europe/Istanbul.")
        )
    return value


# --- Meetings -----------------------------------------------------------------------------


class MeetingOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    time_zone = serializers.CharField(help_text="The IANA zone the meeting was planned in.")
    link = serializers.CharField(allow_blank=True)
    agenda = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(allow_blank=True)
    planned_by = serializers.SerializerMethodField()

    def get_planned_by(self, meeting) -> str:
        return meeting.created_by.name if meeting.created_by else ""


class MeetingIn(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField(help_text="With its offset, or in UTC.")
    ends_at = serializers.DateTimeField()
    time_zone = serializers.CharField(max_length=64, help_text="e.g. Europe/Istanbul")
    link = serializers.CharField(max_length=500, allow_blank=True, default="")
    agenda = serializers.CharField(max_length=TEXT, allow_blank=True, default="")
    notes = serializers.CharField(max_length=NOTES, allow_blank=True, required=False)

    def validate_time_zone(self, value):
        return _zone(value)

    def validate(self, data):
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": [_("It must end after it starts.")]})
        return data


def _partnership(request, pk):
    return partnership_selectors.get_partnership(request.user, pk_or_404(pk))


class Meetings(MemberEndpoint):
    """The partnership's meetings, soonest first; plan one (its people, while active)."""

    @extend_schema(responses=MeetingOut(many=True))
    def get(self, request, pk):
        partnership = _partnership(request, pk)
        meetings = partnership.meetings.select_related("created_by")
        return Response(MeetingOut(meetings, many=True).data)

    @extend_schema(request=MeetingIn, responses={201: MeetingOut})
    def post(self, request, pk):
        partnership = _partnership(request, pk)
        require(permissions.can_plan_meeting(request.user, partnership))
        data = valid(MeetingIn, request.data)
        notes = data.pop("notes", None)
        meeting = services.plan_meeting(partnership=partnership, by=request.user, **data)
        if notes:
            services.save_notes(meeting=meeting, by=request.user, notes=notes)
        return Response(MeetingOut(meeting).data, status=201)


class MeetingDetail(MemberEndpoint):
    """One meeting; change it or write its notes (PATCH any of its fields); delete it."""

    def _meeting(self, request, pk, meeting_pk):
        partnership = _partnership(request, pk)
        return selectors.get_meeting(partnership, pk_or_404(meeting_pk))

    @extend_schema(responses=MeetingOut)
    def get(self, request, pk, meeting_pk):
        return Response(MeetingOut(self._meeting(request, pk, meeting_pk)).data)

    @extend_schema(request=MeetingIn(partial=True), responses=MeetingOut)
    def patch(self, request, pk, meeting_pk):
        meeting = self._meeting(request, pk, meeting_pk)
        require(permissions.can_change_meeting(request.user, meeting))
        serializer = MeetingIn(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        starts, ends = (
            data.get("starts_at", meeting.starts_at),
            data.get("ends_at", meeting.ends_at),
        )
        if ends <= starts:
            raise serializers.ValidationError({"ends_at": [_("It must end after it starts.")]})
        services.edit_meeting(meeting=meeting, by=request.user, **data)
        return Response(MeetingOut(meeting).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk, meeting_pk):
        meeting = self._meeting(request, pk, meeting_pk)
        services.delete_meeting(meeting=meeting, by=request.user)
        return Response(status=204)


# --- Cohort events ------------------------------------------------------------------------


class RegistrationOut(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.CharField(source="person.name")
    organisation = serializers.CharField(source="organisation.name")
    status = serializers.ChoiceField(choices=Registration.Status.choices)
    mode = serializers.ChoiceField(choices=Registration.Mode.choices)
    arriving_from = serializers.CharField(allow_blank=True)
    needs_travel_booking = serializers.BooleanField()
    dietary_needs = serializers.CharField(allow_blank=True)
    accessibility_needs = serializers.CharField(allow_blank=True)
    registered_at = serializers.DateTimeField(source="created_at")


class CohortEventOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=CohortEvent.Kind.choices)
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    time_zone = serializers.CharField()
    format = serializers.ChoiceField(choices=CohortEvent.Format.choices)
    place = serializers.CharField(allow_blank=True)
    link = serializers.CharField(allow_blank=True)
    agenda = serializers.CharField(allow_blank=True)
    registration_closes_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=CohortEvent.Status.choices)
    can_register = serializers.SerializerMethodField()
    my_registration = serializers.SerializerMethodField()

    def get_can_register(self, event) -> bool:
        return bool(permissions.can_register(self.context["user"], event))

    @extend_schema_field(RegistrationOut(allow_null=True))
    def get_my_registration(self, event):
        mine = self.context["mine"].get(event.pk)
        return RegistrationOut(mine).data if mine else None


class CohortEvents(MemberEndpoint):
    """The cohort's events (its people see the published ones; its staff all of them), each
    with the asking person's own registration."""

    @extend_schema(responses=CohortEventOut(many=True))
    def get(self, request, pk):
        cohort = partnership_selectors.get_cohort(request.user, pk_or_404(pk))
        staff = bool(permissions.can_run_events(request.user, cohort))
        shown = list(selectors.events_of(cohort, staff=staff))
        for event in shown:
            event.cohort = cohort
        mine = {
            r.event_id: r
            for r in Registration.objects.filter(
                event__cohort=cohort, person=request.user
            ).select_related("person", "organisation")
        }
        return Response(
            CohortEventOut(shown, many=True, context={"user": request.user, "mine": mine}).data
        )


class RegistrationIn(serializers.Serializer):
    organisation = serializers.IntegerField(
        required=False, help_text="Needed only when you are in two of the cohort's organisations."
    )
    mode = serializers.ChoiceField(choices=Registration.Mode.choices, required=False)
    arriving_from = serializers.CharField(max_length=120, allow_blank=True, default="")
    needs_travel_booking = serializers.BooleanField(default=False)
    dietary_needs = serializers.CharField(max_length=NEEDS, allow_blank=True, default="")
    accessibility_needs = serializers.CharField(max_length=NEEDS, allow_blank=True, default="")


class MyRegistration(MemberEndpoint):
    """Register yourself for an event (or change what you told), or cancel."""

    def _event(self, request, pk, event_pk):
        cohort = partnership_selectors.get_cohort(request.user, pk_or_404(pk))
        return selectors.get_event(cohort, pk_or_404(event_pk))

    @extend_schema(request=RegistrationIn, responses={201: RegistrationOut})
    def post(self, request, pk, event_pk):
        event = self._event(request, pk, event_pk)
        require(permissions.can_register(request.user, event))
        data = valid(RegistrationIn, request.data)
        registration = services.register(
            event=event, by=request.user, organisation_id=data.pop("organisation", None), **data
        )
        return Response(RegistrationOut(registration).data, status=201)

    @extend_schema(responses={204: None})
    def delete(self, request, pk, event_pk):
        event = self._event(request, pk, event_pk)
        registration = Registration.objects.filter(
            event=event, person=request.user, status=Registration.Status.REGISTERED
        ).first()
        if registration is None:
            raise Http404
        registration.event = event
        services.cancel_registration(registration=registration, by=request.user)
        return Response(status=204)


class Attendance(MemberEndpoint):
    """Who registered for an event, with their travel and needs (the programme's staff)."""

    @extend_schema(responses=RegistrationOut(many=True))
    def get(self, request, pk, event_pk):
        cohort = partnership_selectors.get_cohort(request.user, pk_or_404(pk), staff=True)
        event = selectors.get_event(cohort, pk_or_404(event_pk), staff=True)
        return Response(RegistrationOut(selectors.attendance(event), many=True).data)


# --- The calendar feed --------------------------------------------------------------------


class FeedOut(serializers.Serializer):
    url = serializers.URLField(help_text="Shown only in this response; the old one stops working.")


class CalendarFeed(MemberEndpoint):
    """Make a new secret address of your calendar (iCalendar); the old one stops working."""

    @extend_schema(request=None, responses={201: FeedOut})
    def post(self, request):
        token = services.renew_feed(user=request.user)
        url = absolute_url(reverse("meetings:feed", args=[token]))
        return Response({"url": url}, status=201)
