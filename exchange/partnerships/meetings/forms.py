"""Forms of meetings, cohort events and registrations. Moments are typed as wall-clock
times in the zone chosen beside them (the planner's), never in the viewer's zone."""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.accounts.models import timezone_choices
from exchange.core.widgets import FastSelect

from .models import NEEDS, NOTES, TEXT, CohortEvent, Meeting, Registration

DURATIONS = [
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1 hour 30 minutes")),
    (120, _("2 hours")),
    (180, _("3 hours")),
    (240, _("4 hours")),
]


def aware(local: datetime.datetime, zone: str) -> datetime.datetime:
    """A wall-clock time in `zone` as an aware moment (stored in UTC). A time that does
    not exist (the hour skipped in spring) moves forward, as clocks do (PEP 495 fold=0)."""
    moment = local.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return moment.astimezone(datetime.UTC)


def local(moment: datetime.datetime, zone: str) -> datetime.datetime:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


class WallClockField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None)
        try:
            return datetime.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
        except ValueError:
            raise ValidationError(
                _("Enter a date and time, for example 2027-01-15 10:00."), code="invalid"
            ) from None


def _zone_field(initial):
    choices = timezone_choices()
    return forms.ChoiceField(
        label=_("Time zone"),
        choices=choices,
        initial=initial,
        widget=FastSelect(choices=choices),
        help_text=_("The date and time above are read in this zone; everyone sees them in theirs."),
    )


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_local = WallClockField(label=_("Date and time"))
    minutes = forms.TypedChoiceField(label=_("Length"), choices=DURATIONS, coerce=int, initial=60)
    link = forms.CharField(
        label=_("Meeting link"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_(
            "The address of the video call (Jitsi, Zoom, Teams, …), starting with https://."
        ),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT}),
    )

    def __init__(self, *args, zone: str, instance: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = _zone_field(instance.time_zone if instance else zone)
        self.order_fields(["title", "starts_local", "time_zone", "minutes", "link", "agenda"])
        if instance is not None:
            self.initial.update(
                title=instance.title,
                starts_local=local(instance.starts_at, instance.time_zone),
                time_zone=instance.time_zone,
                minutes=instance.minutes,
                link=instance.link,
                agenda=instance.agenda,
            )
            if instance.minutes not in dict(DURATIONS):
                self.fields["minutes"].choices = [
                    *DURATIONS,
                    (instance.minutes, _("%(n)s minutes") % {"n": instance.minutes}),
                ]

    def meeting_data(self) -> dict:
        data = self.cleaned_data
        starts = aware(data["starts_local"], data["time_zone"])
        return {
            "title": data["title"],
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(minutes=data["minutes"]),
            "time_zone": data["time_zone"],
            "link": data["link"].strip(),
            "agenda": data["agenda"],
        }


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTES,
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": NOTES}),
        help_text=_("What was discussed and decided, and who does what next."),
    )


class CohortEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CohortEvent.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_local = WallClockField(label=_("Starts"))
    ends_local = WallClockField(label=_("Ends"))
    format = forms.ChoiceField(
        label=_("Format"), choices=CohortEvent.Format.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("Place"), required=False, max_length=300, help_text=_("Venue, address and city.")
    )
    link = forms.CharField(
        label=_("Online link"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT}),
    )
    closes_local = WallClockField(
        label=_("Registration closes"),
        required=False,
        help_text=_("Leave empty to take registrations until the event starts."),
    )

    def __init__(self, *args, zone: str, instance: CohortEvent | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = _zone_field(instance.time_zone if instance else zone)
        self.order_fields(
            ["kind", "title", "starts_local", "ends_local", "time_zone", "format", "place",
             "link", "agenda", "closes_local"]
        )  # fmt: skip
        if instance is not None:
            zone = instance.time_zone
            self.initial.update(
                kind=instance.kind,
                title=instance.title,
                starts_local=local(instance.starts_at, zone),
                ends_local=local(instance.ends_at, zone),
                time_zone=zone,
                format=instance.format,
                place=instance.place,
                link=instance.link,
                agenda=instance.agenda,
                closes_local=local(instance.registration_closes_at, zone)
                if instance.registration_closes_at
                else None,
            )
        else:
            self.initial.setdefault("format", CohortEvent.Format.IN_PERSON)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_local"), data.get("ends_local")
        if starts and ends and ends <= starts:
            self.add_error("ends_local", _("It must end after it starts."))
        return data

    def event_data(self) -> dict:
        data = self.cleaned_data
        zone = data["time_zone"]
        closes = data.get("closes_local")
        return {
            "kind": data["kind"],
            "title": data["title"],
            "starts_at": aware(data["starts_local"], zone),
            "ends_at": aware(data["ends_local"], zone),
            "time_zone": zone,
            "format": data["format"],
            "place": data["place"],
            "link": data["link"].strip(),
            "agenda": data["agenda"],
            "registration_closes_at": aware(closes, zone) if closes else None,
        }


class RegistrationForm(forms.Form):
    """A registration. The person is chosen only by an admin who may register colleagues;
    the organisation only when the person is in two of the cohort's; how they attend only
    when the event is both in person and online."""

    person = forms.TypedChoiceField(label=_("Who comes"), coerce=int, required=False)
    organisation = forms.TypedChoiceField(label=_("For the organisation"), coerce=int)
    mode = forms.ChoiceField(
        label=_("Attending"), choices=Registration.Mode.choices, widget=forms.RadioSelect
    )
    arriving_from = forms.CharField(
        label=_("Arriving from"),
        required=False,
        max_length=120,
        help_text=_("The city you travel from, so that the organisers can plan the journeys."),
    )
    needs_travel_booking = forms.BooleanField(label=_("Please book my travel"), required=False)
    dietary_needs = forms.CharField(
        label=_("Dietary needs"),
        required=False,
        max_length=NEEDS,
        help_text=_("For example vegetarian, halal, no nuts. Only the programme's staff see it."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=NEEDS,
        help_text=_(
            "For example step-free access, sign language, large print. Only the programme's "
            "staff see it."
        ),
    )

    def __init__(self, *args, event: CohortEvent, people, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if len(people) > 1:
            # Left out, it is the person registering.
            self.fields["person"].choices = [(p.pk, p.name) for p in people]
            self.fields["person"].empty_value = None
        else:
            del self.fields["person"]
        if len(organisations) > 1:
            self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        else:
            del self.fields["organisation"]
        if len(event.modes) > 1:
            self.fields["mode"].choices = [(m, Registration.Mode(m).label) for m in event.modes]
        else:
            del self.fields["mode"]
        if event.format == CohortEvent.Format.ONLINE:  # no journey to plan
            del self.fields["arriving_from"]
            del self.fields["needs_travel_booking"]

    def registration_data(self) -> dict:
        data = dict(self.cleaned_data)
        person = data.pop("person", None)
        organisation = data.pop("organisation", None)
        data.setdefault("mode", self.event.modes[0])
        return {"person_id": person, "organisation_id": organisation, "needs": data}
