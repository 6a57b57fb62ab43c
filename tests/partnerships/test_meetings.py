"""Meetings in everyone's own time zone, cohort events with registration and their
attendance list, the personal iCalendar feed, and what they keep of a person."""

import csv
import datetime
import io
import zoneinfo

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from exchange.accounts import services as account_services
from exchange.core.models import StatusChange
from exchange.notifications.models import Notification
from exchange.partnerships import calendar_items, history
from exchange.partnerships.meetings import demo, feed, services
from exchange.partnerships.meetings.forms import aware
from exchange.partnerships.meetings.models import CalendarFeed, CohortEvent, Meeting, Registration
from tests.partnerships.world import make_partnership

ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
WINTER = datetime.date(2031, 1, 15)  # Berlin UTC+1, İstanbul UTC+3 all year
SUMMER = datetime.date(2031, 7, 15)  # Berlin UTC+2


@pytest.fixture
def partnership(call, organisation, partner, org_admin, partner_admin):
    return make_partnership(call, organisation, partner)


@pytest.fixture
def application(call, partnership, organisation, org_admin):
    """A draft of the Turkish organisation to another call, still open."""
    from exchange.applications import services as application_services
    from exchange.calls.models import Call

    other = Call.objects.create(
        programme=call.programme,
        slug="call-2031",
        cohort_en="Cohort 2031",
        title_en="Call 2031",
        title_tr="Çağrı 2031",
        title_de="Ausschreibung 2031",
        text_en="Apply together.",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=20),
        turkey_countries=["TR"],
        europe_countries=["DE"],
    )
    return application_services.start_application(
        call=other, organisation=organisation, by=org_admin
    )


@pytest.fixture
def berliner(org_member):
    org_member.timezone = "Europe/Berlin"
    org_member.save()
    return org_member


def at(day, hour, zone=ISTANBUL):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)


def plan(partnership, by, day, hour=10, zone="Europe/Istanbul", title="Monthly call", **extra):
    starts = at(day, hour, zoneinfo.ZoneInfo(zone))
    return services.plan_meeting(
        partnership=partnership,
        by=by,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        time_zone=zone,
        link="https://meet.jit.si/monthly",
        agenda="1. News",
        **extra,
    )


def published_event(cohort, *, days=30, fmt=CohortEvent.Format.IN_PERSON, closes_in=None):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return CohortEvent.objects.create(
        cohort=cohort,
        kind=CohortEvent.Kind.OPENING,
        title="Açılış toplantısı / Eröffnungstreffen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        time_zone="Europe/Istanbul",
        format=fmt,
        place="Kadıköy, İstanbul",
        link="https://meet.jit.si/opening" if fmt != CohortEvent.Format.IN_PERSON else "",
        registration_closes_at=timezone.now() + closes_in if closes_in else None,
        status=CohortEvent.Status.PUBLISHED,
    )


def feed_of(client, user):
    token = services.renew_feed(user=user)
    client.logout()
    response = client.get(reverse("meetings:feed", args=[token]))
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def vevents(cal):
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


# --- Time zones -----------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "berlin"), [(WINTER, "08:00–09:00"), (SUMMER, "09:00–10:00")])
def test_a_meeting_at_ten_in_istanbul_shows_in_berlin_time_on_the_page(
    client, partnership, org_admin, berliner, day, berlin
):
    plan(partnership, org_admin, day)
    client.force_login(berliner)
    page = client.get(reverse("meetings:list", args=[partnership.pk])).text
    assert "10:00–11:00 Istanbul" in page
    assert f"{berlin} your time (Berlin)" in page


@pytest.mark.parametrize(("day", "istanbul"), [(WINTER, "12:00–13:00"), (SUMMER, "11:00–12:00")])
def test_a_meeting_planned_in_berlin_shows_in_istanbul_time(
    client, partnership, partner_admin, org_admin, day, istanbul
):
    plan(partnership, partner_admin, day, zone="Europe/Berlin")
    client.force_login(org_admin)  # Europe/Istanbul
    page = client.get(reverse("meetings:list", args=[partnership.pk])).text
    assert "10:00–11:00 Berlin" in page
    assert f"{istanbul} your time (Istanbul)" in page


def test_a_reader_in_the_planners_zone_sees_the_time_once(client, partnership, org_admin):
    plan(partnership, org_admin, WINTER)
    client.force_login(org_admin)
    page = client.get(reverse("meetings:list", args=[partnership.pk])).text
    assert "10:00–11:00 Istanbul" in page and "your time (" not in page


def test_a_wall_clock_time_in_the_hour_skipped_in_spring_moves_forward():
    # 2031-03-30 02:30 does not exist in Berlin (clocks jump from 02:00 to 03:00).
    moment = aware(datetime.datetime(2031, 3, 30, 2, 30), "Europe/Berlin")
    assert moment.tzinfo == datetime.UTC
    assert moment.astimezone(BERLIN).hour in (1, 3)


@pytest.mark.parametrize(("day", "berlin_hour"), [(WINTER, 8), (SUMMER, 9)])
def test_the_feed_gives_the_meeting_in_utc_that_berlin_reads_right(
    client, partnership, org_admin, berliner, day, berlin_hour
):
    meeting = plan(partnership, org_admin, day)
    _response, cal = feed_of(client, berliner)
    event = vevents(cal)[f"meeting-{meeting.pk}@civil-society-exchange"]
    start = event["DTSTART"].dt
    assert start.utcoffset() == datetime.timedelta(0)
    assert start.astimezone(BERLIN).hour == berlin_hour
    assert start.astimezone(ISTANBUL).hour == 10
    assert event["DTEND"].dt - start == datetime.timedelta(hours=1)


# --- Planning meetings ------------------------------------------------------------------------


def test_planning_a_meeting_reads_the_time_in_the_chosen_zone_and_tells_the_partner(
    client, partnership, org_admin, partner_admin, berliner
):
    client.force_login(org_admin)
    response = client.post(
        reverse("meetings:add", args=[partnership.pk]),
        {
            "title": "Ziyaret hazırlığı / Besuchsvorbereitung",
            "starts_local": "2031-01-15T10:00",
            "time_zone": "Europe/Istanbul",
            "minutes": "90",
            "link": "https://meet.jit.si/visit",
            "agenda": "Vize mektupları",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime.datetime(2031, 1, 15, 7, 0, tzinfo=datetime.UTC)
    assert meeting.minutes == 90 and meeting.created_by == org_admin
    told = set(
        Notification.objects.filter(event="meetings.planned").values_list("recipient", flat=True)
    )
    assert told == {partner_admin.pk, berliner.pk}  # not the planner themself


def test_a_meeting_link_must_be_https_and_the_form_keeps_what_was_typed(
    client, partnership, org_admin
):
    client.force_login(org_admin)
    response = client.post(
        reverse("meetings:add", args=[partnership.pk]),
        {
            "title": "Gönüllü anketi",
            "starts_local": "2031-01-15T10:00",
            "time_zone": "Europe/Istanbul",
            "minutes": "60",
            "link": "http://meet.example.org/x",
        },
    )
    assert response.status_code == 400
    assert "starting with https://" in response.text
    assert "Gönüllü anketi" in response.text
    assert not Meeting.objects.exists()


def test_editing_and_writing_notes_after_the_meeting(client, partnership, org_admin, partner_admin):
    meeting = plan(partnership, org_admin, WINTER)
    client.force_login(partner_admin)
    edit = client.get(reverse("meetings:edit", args=[partnership.pk, meeting.pk])).text
    assert 'value="2031-01-15T10:00"' in edit  # in the zone it was planned in
    response = client.post(
        reverse("meetings:notes", args=[partnership.pk, meeting.pk]),
        {"notes": "Wir haben die Termine für Köln und İzmir vereinbart."},
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:list", args=[partnership.pk])).text
    assert "Wir haben die Termine für Köln und İzmir vereinbart." in page


def test_moving_a_meeting_tells_the_others_once_and_notes_tell_nobody(
    partnership, org_admin, partner_admin, berliner
):
    meeting = plan(partnership, org_admin, WINTER)
    services.save_notes(meeting=meeting, by=partner_admin, notes="Tagesordnung ergänzt.")
    moved = Notification.objects.filter(event="meetings.changed")
    assert not moved.exists()
    later = at(WINTER, 14)
    for _ in range(2):  # saved twice with the same time: one notice each
        services.edit_meeting(
            meeting=meeting, by=partner_admin, starts_at=later,
            ends_at=later + datetime.timedelta(hours=1),
        )  # fmt: skip
    assert sorted(moved.values_list("recipient", flat=True)) == sorted(
        [org_admin.pk, berliner.pk]
    )  # not the one who moved it
    notice = moved.get(recipient=org_admin)
    assert "2031-01-15 14:00 (Europe/Istanbul)" in str(notice.params["when"])


def test_staff_see_the_meetings_but_do_not_plan_them(client, partnership, staff, org_admin):
    plan(partnership, org_admin, WINTER)
    client.force_login(staff)
    assert "Monthly call" in client.get(reverse("meetings:list", args=[partnership.pk])).text
    assert client.get(reverse("meetings:add", args=[partnership.pk])).status_code == 403


def test_upcoming_and_past_meetings_are_apart(client, partnership, org_admin):
    plan(partnership, org_admin, timezone.localdate() - datetime.timedelta(days=5), title="Earlier")
    plan(partnership, org_admin, timezone.localdate() + datetime.timedelta(days=5), title="Later")
    client.force_login(org_admin)
    page = client.get(reverse("meetings:list", args=[partnership.pk])).text
    upcoming, past = page.split('id="past-title"')
    assert "Later" in upcoming and "Earlier" not in upcoming
    assert "Earlier" in past


# --- The calendar feed ------------------------------------------------------------------------


def test_the_feed_is_a_valid_calendar_with_meetings_events_and_deadlines(
    client, partnership, org_admin, application
):
    meeting = plan(partnership, org_admin, WINTER)
    event = published_event(partnership.cohort)
    response, cal = feed_of(client, org_admin)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))  # folded
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert "Civil Society Exchange" in str(cal["X-WR-CALNAME"])
    found = vevents(cal)
    uid = f"meeting-{meeting.pk}@civil-society-exchange"
    assert uid in found
    assert f"cohort-event-{event.pk}@civil-society-exchange" in found
    deadline = found[f"deadline-{application.pk}@civil-society-exchange"]
    assert "Call 2031" in str(deadline["SUMMARY"])
    assert deadline["DTEND"].dt == application.call.closes_at.replace(microsecond=0)
    for item in found.values():
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(item.keys())
    assert str(found[uid]["URL"]).startswith("http://testserver/partnerships/")
    assert "https://meet.jit.si/monthly" in str(found[uid]["DESCRIPTION"])


def test_the_feed_is_in_the_persons_language(client, partnership, org_admin, application):
    org_admin.language = "tr"
    org_admin.save()
    _response, cal = feed_of(client, org_admin)
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert any("Çağrı 2031" in s for s in summaries)


def test_an_all_day_item_is_a_date_ending_the_next_day(org_admin):
    item = calendar_items.Item(uid="x@cse", title="Bericht fällig", start=WINTER, kind="report")
    cal = Calendar.from_ical(feed.render(org_admin, items=[item]))
    (event,) = cal.walk("VEVENT")
    assert event["DTSTART"].dt == WINTER and not isinstance(event["DTSTART"].dt, datetime.datetime)
    assert event["DTEND"].dt == WINTER + datetime.timedelta(days=1)
    assert "VALUE=DATE" in feed.render(org_admin, items=[item]).decode()


def test_renewing_the_address_stops_the_old_one(client, org_admin):
    client.force_login(org_admin)
    first = client.post(reverse("meetings:calendar-renew"))
    assert first.status_code == 200
    old = first.context["url"]
    assert old.startswith("http://testserver/calendar/") and old in first.text
    second = client.post(reverse("meetings:calendar-renew")).context["url"]
    assert second != old
    assert CalendarFeed.objects.filter(user=org_admin).count() == 1
    token_in = CalendarFeed.objects.get().digest
    assert old.rsplit("/", 1)[1].removesuffix(".ics") not in token_in  # only a digest is kept
    page = client.get(reverse("meetings:calendar")).text
    assert second not in page  # shown once
    client.logout()
    assert client.get(old.removeprefix("http://testserver")).status_code == 404
    assert client.get(second.removeprefix("http://testserver")).status_code == 200


def test_an_unknown_address_is_not_found(client, org_admin):
    services.renew_feed(user=org_admin)
    assert client.get(reverse("meetings:feed", args=["no-such-token"])).status_code == 404


def test_the_feed_costs_the_same_queries_for_few_and_many_items(
    client, partnership, org_admin, application
):
    token = services.renew_feed(user=org_admin)
    url = reverse("meetings:feed", args=[token])
    plan(partnership, org_admin, WINTER)
    published_event(partnership.cohort)
    client.get(url)  # the first fetch notes the time
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(20):
        plan(partnership, org_admin, WINTER + datetime.timedelta(days=n + 1))
        published_event(partnership.cohort, days=40 + n)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content
    assert body.count(b"BEGIN:VEVENT") >= 43
    assert len(many) == len(few)
    assert len(few) <= 3 + 2 * len(calendar_items.PROVIDERS)


# --- Cohort events and registration -----------------------------------------------------------


def test_a_member_registers_cancels_and_registers_again(client, partnership, berliner):
    event = published_event(partnership.cohort)
    client.force_login(berliner)
    url = reverse("meetings:register", args=[partnership.cohort_id, event.pk])
    response = client.post(
        url,
        {
            "arriving_from": "İzmir",
            "needs_travel_booking": "on",
            "dietary_needs": "Vejetaryen",
            "accessibility_needs": "Tekerlekli sandalye",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.person == berliner and registration.status == "registered"
    assert registration.organisation == partnership.members.get(is_lead=True).organisation
    assert registration.needs_travel_booking and registration.dietary_needs == "Vejetaryen"
    assert Notification.objects.filter(event="meetings.registered", recipient=berliner).exists()
    cancel = reverse(
        "meetings:registration-cancel", args=[partnership.cohort_id, event.pk, registration.pk]
    )
    assert client.post(cancel).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert client.post(url, {"dietary_needs": "Vegan"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == "registered" and registration.dietary_needs == "Vegan"
    moves = list(
        StatusChange.objects.filter(workflow="meetings.registration")
        .order_by("pk")
        .values_list("from_status", "to_status")
    )
    assert moves == [("registered", "cancelled"), ("cancelled", "registered")]
    lines = history.history_of(partnership)
    assert [(line.source, line.target) for line in lines][:2] == [
        ("Cancelled", "Registered"),
        ("Registered", "Cancelled"),
    ]


def test_registration_closes_at_its_deadline(client, partnership, org_admin):
    event = published_event(partnership.cohort, closes_in=datetime.timedelta(days=1))
    registration = services.register(event=event, by=org_admin)
    services.cancel_registration(registration=registration, by=org_admin)
    CohortEvent.objects.filter(pk=event.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(org_admin)
    url = reverse("meetings:register", args=[partnership.cohort_id, event.pk])
    response = client.post(url, {})
    assert response.status_code == 403
    assert "Registration for this event has closed." in response.text


def test_an_admin_registers_a_colleague_a_member_only_themself(
    client, partnership, org_admin, org_member
):
    event = published_event(partnership.cohort)
    url = reverse("meetings:register", args=[partnership.cohort_id, event.pk])
    client.force_login(org_admin)
    assert 'name="person"' in client.get(url).text
    assert client.post(url, {"person": org_member.pk, "dietary_needs": "Helal"}).status_code == 302
    registration = Registration.objects.get()
    assert registration.person == org_member and registration.registered_by == org_admin
    client.force_login(org_member)
    assert 'name="person"' not in client.get(url).text


def test_a_hybrid_event_asks_how_one_attends(client, partnership, org_admin):
    event = published_event(partnership.cohort, fmt=CohortEvent.Format.HYBRID)
    url = reverse("meetings:register", args=[partnership.cohort_id, event.pk])
    client.force_login(org_admin)
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"mode": "online"}).status_code == 302
    assert Registration.objects.get().mode == "online"


def test_staff_create_and_publish_an_event_and_the_cohort_is_told(
    client, partnership, staff, org_admin, partner_admin, berliner
):
    client.force_login(staff)
    response = client.post(
        reverse("meetings:cohort-event-add", args=[partnership.cohort_id]),
        {
            "kind": "closing",
            "title": "Abschlusstreffen in Berlin",
            "starts_local": "2031-06-20T09:00",
            "ends_local": "2031-06-20T17:00",
            "time_zone": "Europe/Berlin",
            "format": "hybrid",
            "place": "Haus der Demokratie, Berlin",
            "link": "https://meet.jit.si/closing",
            "closes_local": "2031-06-01T23:59",
        },
    )
    assert response.status_code == 302
    event = CohortEvent.objects.get()
    assert event.status == "draft"
    assert event.starts_at == datetime.datetime(2031, 6, 20, 7, 0, tzinfo=datetime.UTC)
    client.force_login(org_admin)
    events_url = reverse("meetings:events", args=[partnership.cohort_id])
    assert "Abschlusstreffen" not in client.get(events_url).text  # a draft is the staff's
    client.force_login(staff)
    move = reverse("meetings:cohort-event-move", args=[partnership.cohort_id, event.pk])
    assert client.post(move, {"to": "published"}).status_code == 302
    told = set(
        Notification.objects.filter(event="meetings.event_published").values_list(
            "recipient", flat=True
        )
    )
    assert {org_admin.pk, partner_admin.pk, berliner.pk} <= told
    client.force_login(org_admin)
    assert "Abschlusstreffen in Berlin" in client.get(events_url).text


def test_an_event_needs_a_place_or_a_link_for_its_format(client, partnership, staff):
    client.force_login(staff)
    response = client.post(
        reverse("meetings:cohort-event-add", args=[partnership.cohort_id]),
        {
            "kind": "opening",
            "title": "Opening",
            "starts_local": "2031-01-10T09:00",
            "ends_local": "2031-01-10T08:00",
            "time_zone": "Europe/Istanbul",
            "format": "online",
        },
    )
    assert response.status_code == 400
    assert "It must end after it starts." in response.text
    assert not CohortEvent.objects.exists()


def test_the_attendance_list_exports_for_excel(
    client, partnership, staff, org_admin, partner_admin
):
    event = published_event(partnership.cohort)
    org_admin.display_name = "Ayşe Yılmaz"
    org_admin.save()
    partner_admin.display_name = "=Jürgen Weiß"  # would be a formula in a spreadsheet
    partner_admin.save()
    services.register(event=event, by=org_admin, dietary_needs="Helal", arriving_from="İzmir")
    services.register(event=event, by=partner_admin, accessibility_needs="Rollstuhl, stufenlos")
    client.force_login(staff)
    page = client.get(reverse("meetings:attendance", args=[partnership.cohort_id, event.pk]))
    assert "Ayşe Yılmaz" in page.text and "Rollstuhl, stufenlos" in page.text
    response = client.get(
        reverse("meetings:attendance-csv", args=[partnership.cohort_id, event.pk])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, *people = rows
    assert header[0] == "Name" and "Dietary needs" in header and "Accessibility needs" in header
    assert not any("passport" in h.lower() for h in header)
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in people}
    assert by_name["Ayşe Yılmaz"]["Dietary needs"] == "Helal"
    assert by_name["Ayşe Yılmaz"]["Arriving from"] == "İzmir"
    assert by_name["'=Jürgen Weiß"]["Accessibility needs"] == "Rollstuhl, stufenlos"
    assert by_name["'=Jürgen Weiß"]["Organisation"] == "Ehrenamt Köln e.V."


def test_the_audit_trail_records_a_registration_without_the_needs(partnership, org_admin):
    event = published_event(partnership.cohort)
    services.register(event=event, by=org_admin, dietary_needs="Vejetaryen çok önemli")
    entries = LogEntry.objects.filter(content_type__model="registration")
    assert entries.exists()
    assert all("Vejetaryen" not in str(e.changes) for e in entries)


# --- A person's data ------------------------------------------------------------------------


def test_needs_are_in_the_persons_download_and_go_with_the_account(partnership, org_member):
    event = published_event(partnership.cohort)
    services.register(
        event=event, by=org_member, dietary_needs="Glutenfrei", accessibility_needs="DGS"
    )
    services.renew_feed(user=org_member)
    data = account_services.export_data(user=org_member)
    (registration,) = data["meetings"]["event_registrations"]
    assert registration["dietary_needs"] == "Glutenfrei"
    assert registration["accessibility_needs"] == "DGS"
    assert data["meetings"]["calendar_feed"]["created"]
    account_services.delete_account(user=org_member)
    left = Registration.objects.get()
    assert (left.dietary_needs, left.accessibility_needs, left.arriving_from) == ("", "", "")
    assert left.status == "cancelled"  # the organisers no longer count them
    assert not CalendarFeed.objects.exists()


# --- Demo data --------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["starting", "midway", "late", "finished"])
def test_demo_meetings_at_each_stage(partnership, stage):
    meetings = demo.load_demo_meetings(partnership, stage=stage)
    now = timezone.now()
    upcoming = [m for m in meetings if m.starts_at > now]
    if stage == "late" or stage == "finished":
        assert all(m.notes for m in meetings if m.starts_at < now)
    if stage == "late":
        assert not upcoming
    if stage in ("starting", "midway"):
        assert upcoming


def test_demo_cohort_events_and_the_benchmarks_meetings(partnership):
    events = demo.load_demo_cohort_events(partnership.cohort, finished=True)
    assert [e.kind for e in events] == ["opening", "closing"]
    registrations = Registration.objects.filter(event__in=events)
    assert registrations.exists()
    assert registrations.exclude(dietary_needs="").exists()
    assert demo.bulk_meetings([partnership], seed=3) == 24
