"""The partnership's core: goals and work plan, history, closing, the cohort space and the
staff's progress view — as its members and the programme's staff use them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exchange.applications import services as application_services
from exchange.calls.models import Call, Programme
from exchange.core.permissions import Refused
from exchange.organisations.models import Membership
from exchange.partnerships import history, selectors, services
from exchange.partnerships.models import Activity, Partnership
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.world import make_partnership
from tests.test_authorization import make_demo_call, staff_of


@pytest.fixture
def pair(db):
    call = Call.objects.get(slug=make_demo_call())
    turkish = OrganisationFactory(name="Ankara Gönüllüleri", country="TR", city="Ankara")
    german = OrganisationFactory(name="Kölner Ehrenamt", country="DE", city="Köln")
    partnership = make_partnership(call, turkish, german)
    return {
        "partnership": partnership,
        "turkish": turkish,
        "german": german,
        "admin": turkish.memberships.get(role=Membership.Role.ADMIN).user,
        "partner_admin": german.memberships.get(role=Membership.Role.ADMIN).user,
        "staff": staff_of(Programme.objects.get(slug="civil-society-exchange")),
    }


def _activity(pair, **extra):
    today = timezone.localdate()
    fields = {
        "title": "Survey",
        "description": "",
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=10),
        "owner": pair["turkish"],
    }
    fields.update(extra)
    return services.add_activity(partnership=pair["partnership"], by=pair["admin"], **fields)


def test_the_plan_is_written_by_the_partnership_not_by_staff(pair):
    p = pair["partnership"]
    services.save_plan(
        partnership=p, by=pair["partner_admin"], common_issue="Freiwillige gehen",
        goals="Bleiben", planned_model="Modell",
    )  # fmt: skip
    p.refresh_from_db()
    assert p.goals == "Bleiben"
    with pytest.raises(Refused):
        services.save_plan(
            partnership=p, by=pair["staff"], common_issue="x", goals="y", planned_model="z"
        )
    with pytest.raises(Refused) as refused:
        services.save_plan(
            partnership=p, by=UserFactory(), common_issue="x", goals="y", planned_model="z"
        )
    assert refused.value.status == 404


def test_an_activity_belongs_to_one_of_the_partnerships_organisations(pair):
    stranger = OrganisationFactory(name="Elsewhere", country="NL")
    with pytest.raises(ValidationError) as error:
        _activity(pair, owner=stranger)
    assert "owner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _activity(pair, ends_on=timezone.localdate() - datetime.timedelta(days=1))
    assert "ends_on" in error.value.message_dict


def test_activity_changes_go_through_the_workflow_into_the_history(pair):
    activity = _activity(pair)
    services.move_activity(activity=activity, to=Activity.Status.UNDER_WAY, by=pair["admin"])
    services.move_activity(activity=activity, to=Activity.Status.DONE, by=pair["partner_admin"])
    with pytest.raises(Refused):
        services.move_activity(activity=activity, to=Activity.Status.DROPPED, by=pair["admin"])
    lines = history.history_of(pair["partnership"])
    assert [(line.source, line.target) for line in lines] == [
        ("Under way", "Done"),
        ("Planned", "Under way"),
    ]
    assert selectors.plan_progress(pair["partnership"]) == {
        "activities": 1, "activities_done": 1, "percent": 100,
    }  # fmt: skip
    with pytest.raises(Refused):
        services.delete_activity(activity=activity, by=pair["admin"])  # only planned ones


def test_a_completed_partnership_can_be_read_but_not_changed(pair, client):
    p = pair["partnership"]
    with pytest.raises(Refused):
        services.close_partnership(partnership=p, by=pair["admin"])
    services.close_partnership(partnership=p, by=pair["staff"], reason="Final report accepted")
    assert p.status == Partnership.Status.COMPLETED
    client.force_login(pair["admin"])
    page = client.get(reverse("partnerships:workspace", args=[p.pk]))
    assert page.status_code == 200 and "Add an activity" not in page.text
    assert client.get(reverse("partnerships:plan", args=[p.pk])).status_code == 403
    assert "Final report accepted" in client.get(reverse("partnerships:history", args=[p.pk])).text


def test_withdrawing_the_application_withdraws_the_partnership_through_the_workflow(pair):
    p = pair["partnership"]
    application_services.withdraw_application(
        application=p.application, by=pair["admin"], reason="We cannot travel."
    )
    p.refresh_from_db()
    assert p.status == Partnership.Status.WITHDRAWN
    assert [(line.target) for line in history.history_of(p)] == ["Withdrawn"]


def test_adding_an_activity_with_bad_dates_keeps_what_was_typed(pair, client):
    client.force_login(pair["admin"])
    url = reverse("partnerships:activity-add", args=[pair["partnership"].pk])
    response = client.post(
        url,
        {"title": "Gönüllü anketi", "starts_on": "2027-03-10", "ends_on": "2027-03-01",
         "owner": pair["turkish"].pk},
    )  # fmt: skip
    assert response.status_code == 200
    assert "cannot end before it starts" in response.text
    assert 'value="Gönüllü anketi"' in response.text
    response = client.post(
        url,
        {"title": "Gönüllü anketi", "starts_on": "2027-03-01", "ends_on": "2027-03-10",
         "owner": pair["german"].pk},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(reverse("partnerships:workspace", args=[pair["partnership"].pk])).text
    assert "Gönüllü anketi" in page and "0 of 1 activities done" in page


def test_the_plan_in_turkish(pair, client):
    client.force_login(pair["admin"])
    _activity(pair)
    page = client.get(
        reverse("partnerships:workspace", args=[pair["partnership"].pk]),
        HTTP_ACCEPT_LANGUAGE="tr",
        headers={"Cookie": "django_language=tr"},
    )
    pair["admin"].language = "tr"
    pair["admin"].save()
    page = client.get(reverse("partnerships:workspace", args=[pair["partnership"].pk]))
    assert "Hedefler" in page.text


def test_a_story_goes_public_only_after_the_partnership_agrees(pair, client):
    p = pair["partnership"]
    update = services.share_update(
        partnership=p, by=pair["admin"], title="Buddy system", body="It works.", is_story=True
    )
    with pytest.raises(Refused):
        services.publish_story(update=update, by=pair["staff"])
    with pytest.raises(Refused):
        services.agree_to_publish(update=update, by=pair["staff"])
    services.agree_to_publish(update=update, by=pair["partner_admin"])
    services.publish_story(update=update, by=pair["staff"])
    assert "Buddy system" in client.get(reverse("partnerships:stories")).text


def test_the_cohort_sees_each_other_and_strangers_do_not(pair, client):
    call = pair["partnership"].cohort.call
    others = make_partnership(
        call,
        OrganisationFactory(name="İzmir Kadın Derneği", country="TR"),
        OrganisationFactory(name="Wiener Hilfe", country="AT"),
        seed=91,
    )
    client.force_login(pair["admin"])
    page = client.get(reverse("partnerships:cohort", args=[pair["partnership"].cohort_id]))
    assert "İzmir Kadın Derneği" in page.text and "Wiener Hilfe" in page.text
    # Another partnership's workspace stays theirs.
    assert client.get(reverse("partnerships:workspace", args=[others.pk])).status_code == 404
    client.force_login(UserFactory())
    cohort_url = reverse("partnerships:cohort", args=[pair["partnership"].cohort_id])
    assert client.get(cohort_url).status_code == 404


def test_the_progress_view_flags_and_filters(pair, client):
    client.force_login(pair["staff"])
    url = reverse("partnerships:progress", args=[pair["partnership"].cohort_id])
    page = client.get(url)
    assert page.status_code == 200 and "Ankara Gönüllüleri" in page.text
    assert client.get(url, {"order": "nonsense"}).status_code == 200  # bad input: ignored


@pytest.mark.parametrize("n", [3, 12])
def test_the_progress_view_costs_the_same_queries_for_any_cohort_size(pair, client, n):
    call = pair["partnership"].cohort.call
    for k in range(n):
        make_partnership(
            call,
            OrganisationFactory(name=f"Dernek {k}", country="TR"),
            OrganisationFactory(name=f"Verein {k}", country="DE"),
            seed=100 + k,
        )
    client.force_login(pair["staff"])
    url = reverse("partnerships:progress", args=[pair["partnership"].cohort_id])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 15
