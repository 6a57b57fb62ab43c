import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.calls import selectors, services
from exchange.calls.models import Call, Programme
from tests.accounts.factories import UserFactory

UTC = datetime.UTC


@pytest.fixture
def programme(db):
    return Programme.objects.create(name="Civil Society Exchange", slug="cse")


def make_call(programme, slug="cohort-2027", opens=None, closes=None, **kwargs):
    now = timezone.now()
    return Call.objects.create(
        programme=programme,
        slug=slug,
        cohort_en="Cohort 2027",
        title_en="Call 2027",
        title_tr="Çağrı 2027",
        title_de="Ausschreibung 2027",
        text_en="Apply together.",
        time_zone="Europe/Berlin",
        opens_at=opens or now - datetime.timedelta(days=10),
        closes_at=closes or now + datetime.timedelta(days=3),
        turkey_countries=["TR"],
        europe_countries=["DE", "AT"],
        **kwargs,
    )


def test_a_deadline_at_2359_berlin_is_after_midnight_in_istanbul():
    deadline = services.aware(datetime.datetime(2027, 10, 12, 23, 59), "Europe/Berlin")
    assert deadline.astimezone(UTC) == datetime.datetime(
        2027, 10, 12, 21, 59, tzinfo=UTC
    )  # CEST, UTC+2
    istanbul = deadline.astimezone(datetime.timezone(datetime.timedelta(hours=3)))
    assert (istanbul.day, istanbul.hour, istanbul.minute) == (13, 0, 59)
    winter = services.aware(datetime.datetime(2027, 1, 12, 23, 59), "Europe/Berlin")
    assert winter.astimezone(UTC).hour == 22  # CET, UTC+1


def test_status_and_listing(programme):
    now = timezone.now()
    open_call = make_call(programme)
    upcoming = make_call(
        programme,
        "next",
        opens=now + datetime.timedelta(days=5),
        closes=now + datetime.timedelta(days=40),
    )
    closed = make_call(
        programme,
        "old",
        opens=now - datetime.timedelta(days=90),
        closes=now - datetime.timedelta(days=60),
    )
    groups = selectors.list_calls()
    assert groups == {"open": [open_call], "upcoming": [upcoming], "closed": [closed]}
    assert open_call.status_at(open_call.closes_at) == "open"
    assert open_call.status_at(open_call.closes_at + datetime.timedelta(seconds=1)) == "closed"


def test_call_pages_show_the_deadline_in_the_viewers_zone_with_a_countdown(
    client, login, programme
):
    call = make_call(
        programme, closes=services.aware(datetime.datetime(2030, 10, 12, 23, 59), "Europe/Berlin")
    )
    person = UserFactory(timezone="Europe/Istanbul")
    page = login(person).get(call.get_absolute_url()).text
    assert "Oct. 13, 2030, 12:59 a.m." in page and "Europe/Istanbul" in page  # the viewer's zone
    assert "Oct. 12, 2030, 11:59 p.m. in Europe/Berlin" in page  # and the call's own
    Call.objects.filter(pk=call.pk).update(
        closes_at=timezone.now() + datetime.timedelta(days=2, hours=3)
    )
    assert "The call closes in 2" in client.get(call.get_absolute_url()).text
    assert call.title_en in client.get(reverse("calls:list")).text


def test_titles_are_shown_in_the_interface_language(client, programme):
    call = make_call(programme)
    client.post(reverse("accounts:set-language"), {"language": "tr"})
    assert "Çağrı 2027" in client.get(call.get_absolute_url()).text


def test_icalendar_export_has_the_deadline_and_meetings(client, programme):
    call = make_call(
        programme,
        opening_meeting=datetime.date(2030, 12, 1),
        closing_meeting=datetime.date(2031, 6, 1),
    )
    response = client.get(reverse("calls:calendar", args=[call.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body and body.count("BEGIN:VEVENT") == 3
    assert "Deadline: Call 2027" in body and "DTSTART;VALUE=DATE:20301201" in body


def test_unknown_call_is_404(client, db):
    assert client.get(reverse("calls:detail", args=["nope"])).status_code == 404


def test_superusers_still_enter_deadlines_in_the_calls_zone_in_the_admin(client, programme, db):
    """Programme staff use the staff pages (tests/calls/test_staff_pages.py); the admin is
    for superusers, with the same form: dates in the call's zone, the zone from a list."""
    from allauth.mfa.models import Authenticator

    superuser = UserFactory(is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=superuser, type=Authenticator.Type.TOTP, data={"secret": "x"})
    other = Programme.objects.create(name="Multiplier Exchange", slug="multiplier")
    make_call(other, "theirs")
    client.force_login(superuser)
    # A new call starts with Turkey and the EU member states chosen; Norway is offered, not chosen.
    blank = client.get(reverse("admin:calls_call_add")).text
    assert '<option value="FR" selected>' in blank and '<option value="TR" selected>' in blank
    assert '<option value="NO">' in blank
    response = client.post(
        reverse("admin:calls_call_add"),
        {
            "programme": programme.pk,
            "slug": "cohort-2028",
            "cohort_en": "Cohort 2028",
            "title_en": "Call 2028",
            "text_en": "Apply.",
            "time_zone": "Europe/Berlin",
            "opens_local": "2028-09-01 09:00",
            "closes_local": "2028-10-12 23:59",
            "turkey_countries": ["TR"],
            "europe_countries": ["DE", "AT"],
            "organisations_per_partnership": 2,
            "participants_per_organisation": 2,
            "grant_amount": "3500",
            "grant_currency": "EUR",
            "single_applicants_allowed": "on",
            "partnerships_to_select": 8,
            "reviewers_per_application": 2,
            "sections-TOTAL_FORMS": 0,
            "sections-INITIAL_FORMS": 0,
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    call = Call.objects.get(slug="cohort-2028")
    # A new call starts with the real programme's form, ready to adapt.
    assert call.sections.count() == 3 and call.questions.filter(key="common_issue").exists()
    assert call.closes_at == datetime.datetime(2028, 10, 12, 21, 59, tzinfo=UTC)
    assert call.grant_amount == Decimal("3500")
    assert (call.turkey_countries, call.europe_countries) == (["TR"], ["DE", "AT"])
    assert call.criteria.exists()  # and the programme's rubric
    page = client.get(reverse("admin:calls_call_changelist")).text
    assert "Call 2028" in page and "Call 2027" in page  # a superuser sees every programme's


def test_the_calendar_deadline_has_a_length_a_reminder_and_the_readers_language(client, programme):
    from icalendar import Calendar

    call = make_call(programme)
    client.post(reverse("accounts:set-language"), {"language": "de"})
    cal = Calendar.from_ical(client.get(reverse("calls:calendar", args=[call.slug])).content)
    (deadline,) = [e for e in cal.walk("VEVENT") if "deadline" in str(e["uid"])]
    assert deadline.decoded("dtend") == call.closes_at.replace(microsecond=0)
    assert deadline.decoded("dtend") - deadline.decoded("dtstart") == datetime.timedelta(hours=1)
    assert str(deadline["summary"]) == "Frist: Ausschreibung 2027"
    assert deadline.walk("VALARM")


def test_staff_see_which_languages_a_call_is_missing(client, programme):
    call = make_call(programme)  # English and Turkish titles, no German text
    assert "German" in call.missing_languages()
    client.post(reverse("accounts:set-language"), {"language": "de"})
    page = client.get(call.get_absolute_url()).text
    assert "nicht in Ihrer Sprache" in page and 'lang="en"' in page
