"""The meetings, cohort events and calendar endpoints, as programs use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from exchange.partnerships.meetings.models import CohortEvent, Meeting, Registration
from tests.api.helpers import call, client_for
from tests.partnerships.test_meetings import (  # noqa: F401
    berliner,
    partnership,
    published_event,
)

BODY = {
    "title": "Ziyaret planı",
    "starts_at": "2031-07-15T10:00:00+03:00",
    "ends_at": "2031-07-15T11:00:00+03:00",
    "time_zone": "Europe/Istanbul",
    "link": "https://meet.jit.si/plan",
    "agenda": "Vize mektupları",
}


def test_planning_reading_and_noting_a_meeting(partnership, org_admin, partner_admin):  # noqa: F811
    url = reverse("api:meetings", args=[partnership.pk])
    created = call(client_for(org_admin), "post", url, BODY)
    assert created.status_code == 201
    data = created.json()
    assert data["starts_at"] == "2031-07-15T07:00:00Z"  # the API speaks UTC
    assert data["time_zone"] == "Europe/Istanbul"
    listed = call(client_for(partner_admin), "get", url).json()
    assert [m["title"] for m in listed] == ["Ziyaret planı"]
    detail = reverse("api:meeting", args=[partnership.pk, data["id"]])
    noted = call(client_for(partner_admin), "patch", detail, {"notes": "Termine vereinbart."})
    assert noted.status_code == 200 and noted.json()["notes"] == "Termine vereinbart."
    assert Meeting.objects.get().notes == "Termine vereinbart."


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"link": "http://insecure.example.org"}, "link"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"time_zone": "CET+3"}, "time_zone"),
        ({"ends_at": "2031-07-15T09:00:00+03:00"}, "ends_at"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(partnership, org_admin, change, field):  # noqa: F811
    response = call(
        client_for(org_admin),
        "post",
        reverse("api:meetings", args=[partnership.pk]),
        {**BODY, **change},
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]
    assert not Meeting.objects.exists()


def test_staff_read_but_do_not_plan(partnership, staff):  # noqa: F811
    client = client_for(staff)
    url = reverse("api:meetings", args=[partnership.pk])
    assert call(client, "get", url).status_code == 200
    assert call(client, "post", url, BODY).status_code == 403


def test_registering_and_cancelling_through_the_api(partnership, berliner, staff):  # noqa: F811
    event = published_event(partnership.cohort)
    draft = published_event(partnership.cohort, days=60)
    CohortEvent.objects.filter(pk=draft.pk).update(status="draft")
    client = client_for(berliner)
    listed = call(client, "get", reverse("api:cohort-events", args=[partnership.cohort_id])).json()
    assert [e["id"] for e in listed] == [event.pk]  # the draft is the staff's
    assert listed[0]["can_register"] and listed[0]["my_registration"] is None
    url = reverse("api:cohort-event-registration", args=[partnership.cohort_id, event.pk])
    response = call(client, "post", url, {"dietary_needs": "Vegan", "needs_travel_booking": True})
    assert response.status_code == 201
    assert response.json()["status"] == "registered" and response.json()["mode"] == "in_person"
    online = call(client, "post", url, {"mode": "online"})
    assert online.status_code == 422 and "mode" in online.json()["errors"]
    staff_view = call(
        client_for(staff),
        "get",
        reverse("api:cohort-event-attendance", args=[partnership.cohort_id, event.pk]),
    )
    assert [r["dietary_needs"] for r in staff_view.json()] == ["Vegan"]
    assert call(client, "delete", url).status_code == 204
    assert Registration.objects.get().status == "cancelled"
    assert call(client, "delete", url).status_code == 404


def test_the_attendance_list_is_the_staffs(partnership, org_admin):  # noqa: F811
    event = published_event(partnership.cohort)
    url = reverse("api:cohort-event-attendance", args=[partnership.cohort_id, event.pk])
    assert call(client_for(org_admin), "get", url).status_code == 404


def test_a_new_calendar_address_through_the_api(client, partnership, org_admin):  # noqa: F811
    starts = timezone.now() + datetime.timedelta(days=3)
    Meeting.objects.create(
        partnership=partnership,
        title="Monthly call",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        time_zone="Europe/Istanbul",
    )
    api = client_for(org_admin)
    first = call(api, "post", reverse("api:calendar-feed")).json()["url"]
    second = call(api, "post", reverse("api:calendar-feed")).json()["url"]
    assert client.get(first.removeprefix("http://testserver")).status_code == 404
    response = client.get(second.removeprefix("http://testserver"))
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert "Monthly call" in summaries
