"""Visits as a partnership's people and the programme's staff use them: planning, the host's
confirmation, the travellers and their passport numbers (encrypted, never shown, deleted
after the visit, left out of exports), the staff's calendar, figures and notices."""

import datetime
import json

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchange.accounts import privacy
from exchange.core.models import StatusChange
from exchange.core.permissions import Refused
from exchange.notifications.models import Notification
from exchange.partnerships import calendar_items, history, progress
from exchange.partnerships.visits import services, tasks
from exchange.partnerships.visits.models import Traveller, Visit
from exchange.partnerships.visits.workflows import VISIT
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.visits_fixtures import confirm, issue, trip  # noqa: F401

V = Visit.Status


def _raw_passport(traveller_pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT passport_number FROM visits_traveller WHERE id = %s", [traveller_pk])
        return cursor.fetchone()[0]


# --- The workflow -----------------------------------------------------------------------


def test_only_an_admin_of_the_host_confirms_the_visit(trip):  # noqa: F811
    visit = trip["visit"]
    for someone in (trip["admin"], trip["member"], trip["host_member"], trip["staff"]):
        assert V.CONFIRMED not in VISIT.permitted(visit, by=someone)
        with pytest.raises(Refused):
            services.move_visit(visit=visit, to=V.CONFIRMED, by=someone)
    with pytest.raises(Refused) as refused:
        services.move_visit(visit=visit, to=V.CONFIRMED, by=UserFactory())
    assert refused.value.status == 404
    confirm(trip)
    visit.refresh_from_db()
    assert visit.status == V.CONFIRMED
    change = StatusChange.objects.get(workflow="visits.visit", to_status=V.CONFIRMED)
    assert change.by == trip["host_admin"]
    # In the workspace's history, and notified to the travelling side only.
    lines = history.history_of(trip["partnership"])
    assert lines[0].target == "Confirmed by the host"
    told = set(
        Notification.objects.filter(event="visits.confirmed").values_list("recipient", flat=True)
    )
    assert {trip["admin"].pk, trip["member"].pk} <= told
    assert trip["host_member"].pk not in told


def test_the_host_withdraws_its_confirmation_and_anyone_of_the_partnership_cancels(trip):  # noqa: F811
    visit = trip["visit"]
    confirm(trip)
    with pytest.raises(Refused):
        services.move_visit(visit=visit, to=V.PLANNED, by=trip["admin"])
    services.move_visit(visit=visit, to=V.PLANNED, by=trip["host_admin"], reason="Neue Daten")
    visit.refresh_from_db()
    assert visit.status == V.PLANNED
    services.move_visit(visit=visit, to=V.CANCELLED, by=trip["member"])
    assert Visit.objects.get(pk=visit.pk).status == V.CANCELLED
    with pytest.raises(Refused) as refused:
        services.move_visit(visit=visit, to=V.CONFIRMED, by=trip["host_admin"])
    assert refused.value.code == "transition"


def test_a_visit_is_done_once_it_has_started_and_needs_travellers_to_be_confirmed(trip):  # noqa: F811
    visit = trip["visit"]
    confirm(trip)
    with pytest.raises(Refused, match="once it has started"):
        services.move_visit(visit=visit, to=V.DONE, by=trip["admin"])
    Visit.objects.filter(pk=visit.pk).update(starts_on=timezone.localdate())
    visit.refresh_from_db()
    services.move_visit(visit=visit, to=V.DONE, by=trip["admin"])
    empty = services.plan_visit(
        partnership=trip["partnership"], by=trip["admin"], host=trip["german"],
        starts_on=timezone.localdate(), ends_on=timezone.localdate(), purpose="x",
    )  # fmt: skip
    with pytest.raises(Refused, match="Add who travels"):
        services.move_visit(visit=empty, to=V.CONFIRMED, by=trip["host_admin"])


def test_a_visit_is_hosted_by_one_of_the_partnerships_organisations(trip):  # noqa: F811
    stranger = OrganisationFactory(name="Elsewhere", country="NL")
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.plan_visit(
            partnership=trip["partnership"], by=trip["admin"], host=stranger,
            starts_on=today, ends_on=today - datetime.timedelta(days=1), purpose="x",
        )  # fmt: skip
    assert set(error.value.message_dict) == {"host", "ends_on"}
    with pytest.raises(Refused):
        services.plan_visit(
            partnership=trip["partnership"], by=trip["staff"], host=trip["german"],
            starts_on=today, ends_on=today, purpose="x",
        )  # fmt: skip


def test_planning_tells_the_hosts_admins(trip):  # noqa: F811
    told = Notification.objects.filter(event="visits.planned")
    assert list(told.values_list("recipient", flat=True)) == [trip["host_admin"].pk]


def test_a_confirmed_visit_changes_only_after_the_host_withdraws(trip):  # noqa: F811
    confirm(trip)
    with pytest.raises(Refused, match="Only a planned visit"):
        services.edit_visit(visit=trip["visit"], by=trip["admin"], purpose="Neu")


# --- Passport numbers -----------------------------------------------------------------


def test_the_passport_number_is_encrypted_at_rest(trip):  # noqa: F811
    raw = _raw_passport(trip["traveller"].pk)
    assert raw and "U12345678" not in raw
    assert Traveller.objects.get(pk=trip["traveller"].pk).passport_number == "U12345678"


def test_the_passport_number_is_left_out_of_the_audit_trail(trip):  # noqa: F811
    traveller = trip["traveller"]
    services.edit_traveller(traveller=traveller, by=trip["admin"], passport_number="X99999999")
    entries = LogEntry.objects.all()
    assert entries.filter(object_pk=str(traveller.pk), object_repr=traveller.name).exists()
    text = json.dumps([e.changes for e in entries])
    assert "U12345678" not in text and "X99999999" not in text and "passport_number" not in text


def test_passport_numbers_are_deleted_thirty_days_after_the_visit(trip):  # noqa: F811
    traveller = trip["traveller"]
    ends = trip["visit"].ends_on
    assert services.purge_passport_numbers(ends + datetime.timedelta(days=30)) == 0
    assert services.purge_passport_numbers(ends + datetime.timedelta(days=31)) == 1
    traveller.refresh_from_db()
    assert traveller.passport_number is None and traveller.passport_deleted_at
    assert _raw_passport(traveller.pk) is None
    assert services.purge_passport_numbers(ends + datetime.timedelta(days=60)) == 0


def test_the_daily_job_and_the_task_delete_passport_numbers(trip, capsys):  # noqa: F811
    Visit.objects.filter(pk=trip["visit"].pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=60),
        ends_on=timezone.localdate() - datetime.timedelta(days=40),
    )
    call_command("daily")
    assert "1 passport number(s) deleted" in capsys.readouterr().out
    assert Traveller.objects.get(pk=trip["traveller"].pk).passport_number is None
    assert tasks.purge_passport_numbers.enqueue().return_value == 0


def test_a_persons_data_export_leaves_out_the_passport_number_and_erasure_removes_it(trip):  # noqa: F811
    person = UserFactory(email="sukru@example.org")
    section = next(s for s in privacy.SECTIONS if s.name == "visits")
    data = section.export(person)
    mine = data["you_as_a_traveller"][0]
    assert mine["name"] == "Şükrü Çağlar Öztürk" and mine["passport_number_on_file"] is True
    assert "U12345678" not in json.dumps(data)
    section.erase(person)
    traveller = Traveller.objects.get(pk=trip["traveller"].pk)
    assert (traveller.name, traveller.email, traveller.passport_number) == ("", "", None)
    assert traveller.date_of_birth is None
    assert Visit.objects.filter(pk=trip["visit"].pk).exists()


# --- Pages ------------------------------------------------------------------------------


def test_planning_a_visit_and_adding_a_traveller_through_the_pages(client, trip):  # noqa: F811
    client.force_login(trip["member"])
    p = trip["partnership"]
    page = client.get(reverse("visits:add", args=[p.pk]))
    assert page.status_code == 200 and "Kölner Ehrenamt e.V." in page.text
    start = timezone.localdate() + datetime.timedelta(days=50)
    bad = client.post(
        reverse("visits:add", args=[p.pk]),
        {"host": trip["german"].pk, "mode": "physical", "starts_on": start.isoformat(),
         "ends_on": (start - datetime.timedelta(days=2)).isoformat(), "purpose": "Lernen"},
    )  # fmt: skip
    assert bad.status_code == 400 and "cannot end before it starts" in bad.text
    assert 'value="Lernen"' in bad.text
    response = client.post(
        reverse("visits:add", args=[p.pk]),
        {"host": trip["german"].pk, "mode": "physical", "starts_on": start.isoformat(),
         "ends_on": (start + datetime.timedelta(days=2)).isoformat(), "purpose": "Lernen",
         "from_city": "Ankara", "from_country": "TR"},
    )  # fmt: skip
    visit = Visit.objects.get(purpose="Lernen")
    assert response.url == reverse("visits:traveller-add", args=[p.pk, visit.pk])
    response = client.post(
        response.url,
        {"name": "Elif Kaya", "organisation": trip["turkish"].pk, "needs_visa": "on",
         "nationality": "TR", "passport_number": "U 7654 3210",
         "accessibility_needs": "Wheelchair access"},
    )  # fmt: skip
    assert response.status_code == 302
    traveller = visit.travellers.get()
    assert traveller.passport_number == "U76543210"
    detail = client.get(reverse("visits:detail", args=[p.pk, visit.pk])).text
    assert "Elif Kaya" in detail and "Wheelchair access" in detail
    assert "U76543210" not in detail and "3210" not in detail
    edit = client.get(reverse("visits:traveller", args=[p.pk, visit.pk, traveller.pk])).text
    assert "U76543210" not in edit and "A passport number is on file" in edit
    # Leaving the field empty keeps the number; the checkbox deletes it.
    client.post(
        reverse("visits:traveller", args=[p.pk, visit.pk, traveller.pk]),
        {"name": "Elif Kaya", "organisation": trip["turkish"].pk, "needs_visa": "on",
         "nationality": "TR", "passport_number": ""},
    )  # fmt: skip
    assert Traveller.objects.get(pk=traveller.pk).passport_number == "U76543210"
    client.post(
        reverse("visits:traveller", args=[p.pk, visit.pk, traveller.pk]),
        {"name": "Elif Kaya", "organisation": trip["turkish"].pk, "needs_visa": "on",
         "nationality": "TR", "forget_passport": "on"},
    )  # fmt: skip
    assert Traveller.objects.get(pk=traveller.pk).passport_number is None


def test_the_list_shows_visits_without_passport_numbers_and_the_host_confirms(client, trip):  # noqa: F811
    p, visit = trip["partnership"], trip["visit"]
    client.force_login(trip["admin"])
    listing = client.get(reverse("visits:list", args=[p.pk])).text
    assert "Kölner Ehrenamt e.V." in listing and "Planned" in listing
    assert "U12345678" not in listing and "5678" not in listing
    detail = client.get(reverse("visits:detail", args=[p.pk, visit.pk])).text
    assert "Confirm the visit as host" not in detail
    client.force_login(trip["host_admin"])
    detail = client.get(reverse("visits:detail", args=[p.pk, visit.pk])).text
    assert "Confirm the visit as host" in detail
    response = client.post(reverse("visits:move", args=[p.pk, visit.pk]), {"to": "confirmed"})
    assert response.status_code == 302
    assert Visit.objects.get(pk=visit.pk).status == V.CONFIRMED
    wrong = client.post(reverse("visits:move", args=[p.pk, visit.pk]), {"to": "confirmed"})
    assert wrong.status_code == 409


def test_staff_see_the_cohorts_visits_by_month_in_a_few_queries(client, trip):  # noqa: F811
    p = trip["partnership"]
    for n in range(5):
        start = timezone.localdate() + datetime.timedelta(days=40 + 20 * n)
        services.plan_visit(
            partnership=p, by=trip["admin"], host=trip["german"], starts_on=start,
            ends_on=start + datetime.timedelta(days=3), purpose=f"Visit {n}",
        )  # fmt: skip
    client.force_login(trip["staff"])
    url = reverse("visits:cohort-calendar", args=[p.cohort_id])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    assert "6 visits, by month." in page.text and "Visit 4" in page.text
    assert "Planned" in page.text  # the status in words, not only a colour
    assert len(queries) <= 15
    client.force_login(trip["admin"])
    assert client.get(url).status_code == 404


# --- What the workspace gathers ---------------------------------------------------------


def test_progress_figures_count_visits_and_flag_no_visit_past_the_mid_point(trip):  # noqa: F811
    p = trip["partnership"]
    cohort = p.cohort
    today = timezone.localdate()
    cohort.starts_on, cohort.ends_on = (
        today - datetime.timedelta(days=100),
        today + datetime.timedelta(days=80),
    )
    cohort.save()
    figures = progress.figures_for([p.pk])[p.pk]
    assert (figures["visits_planned"], figures["visits_done"]) == (1, 0)
    assert "no_visit" not in figures["risks"]
    services.move_visit(visit=trip["visit"], to=V.CANCELLED, by=trip["admin"])
    assert "no_visit" in progress.figures_for([p.pk])[p.pk]["risks"]


def test_the_persons_calendar_has_the_visit_as_all_day_items(trip):  # noqa: F811
    items = [i for i in calendar_items.items_for(trip["member"]) if i.kind == "visit"]
    visit = trip["visit"]
    assert len(items) == 1
    item = items[0]
    assert item.start == visit.starts_on and item.end == visit.ends_on + datetime.timedelta(days=1)
    assert "Kölner Ehrenamt e.V." in item.title and item.location == "Köln, Germany"
    assert [i for i in calendar_items.items_for(UserFactory()) if i.kind == "visit"] == []
