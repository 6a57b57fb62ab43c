"""Races on PostgreSQL (real row locks, real threads): two partners confirming at the same
moment, double-clicked submits, a save racing the deadline. On SQLite, whose writers are
serialised by the database itself, these are skipped."""

import datetime
import threading

import pytest
from django.db import connection, connections

from exchange.applications import deadline, services
from exchange.applications.models import Application

from .conftest import confirm_all

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row-lock races are tested on PostgreSQL (DATABASE_URL)")


def saving(application, by, values, versions=None, organisation=None):
    """A save of `values` on a fresh copy of `application`, to run in a race."""
    return lambda: services.save_answers(
        application=fresh(application),
        organisation=organisation,
        by=by,
        values=values,
        versions=versions or {},
    )


def race(*actions):
    """Run the actions in threads released at the same instant; return results or errors."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait()
            results[i] = action()
        except Exception as error:  # noqa: BLE001 - the test inspects what each got
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def fresh(application):
    return Application.objects.select_related("call").get(pk=application.pk)


def test_two_partners_confirming_at_the_same_moment(
    complete, organisation, org_admin, partner, partner_admin
):
    results = race(
        lambda: services.confirm_application(
            application=fresh(complete), organisation=organisation, by=org_admin
        ),
        lambda: services.confirm_application(
            application=fresh(complete), organisation=partner, by=partner_admin
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert services.unconfirmed(fresh(complete)) == []
    services.submit_application(application=fresh(complete), by=org_admin)
    assert fresh(complete).status == "submitted"


def test_a_confirmation_racing_a_change_never_confirms_unseen_content(
    complete, organisation, org_admin, partner, partner_admin
):
    services.confirm_application(
        application=fresh(complete), organisation=partner, by=partner_admin
    )
    race(
        lambda: services.confirm_application(
            application=fresh(complete), organisation=organisation, by=org_admin
        ),
        saving(complete, partner_admin, {"learn": "Changed at the last second"}, None, partner),
    )
    # Whatever the order, the change withdrew every confirmation made before it.
    application = fresh(complete)
    for partner_row in application.partners.all():
        assert partner_row.confirmed_revision in (None, application.revision)
    assert services.unconfirmed(application)


def test_double_clicked_submits_make_one_submission(
    complete, organisation, org_admin, partner, partner_admin
):
    confirm_all(fresh(complete))
    results = race(
        *[lambda: services.submit_application(application=fresh(complete), by=org_admin)] * 4
    )
    assert not [r for r in results if isinstance(r, Exception)]
    application = fresh(complete)
    assert application.status == "submitted"
    assert application.status_changes.count() == 1


def test_two_saves_of_one_answer_lose_nothing(application, org_admin, partner_admin):
    results = race(
        saving(application, org_admin, {"common_issue": "Ayşe"}, {"common_issue": 0}),
        saving(application, partner_admin, {"common_issue": "Anna"}, {"common_issue": 0}),
    )
    saved = [r for r in results if r.saved]
    conflicted = [r for r in results if r.conflicts]
    assert len(saved) == 1 and len(conflicted) == 1
    kept = fresh(application).answers.get(question_key="common_issue")
    assert kept.value == conflicted[0].conflicts["common_issue"].theirs


def test_a_save_racing_the_deadline_is_refused_whole(application, org_admin, monkeypatch):
    closes = application.call.closes_at
    moments = iter([closes, closes + datetime.timedelta(milliseconds=1)])
    monkeypatch.setattr(
        deadline, "now", lambda: next(moments, closes + datetime.timedelta(seconds=1))
    )
    (result,) = race(saving(application, org_admin, {"budget": "Late"}))
    assert "too late" in str(result)
    assert not fresh(application).answers.exists()
