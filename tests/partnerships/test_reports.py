"""Reports: due dates, the call's report form (the application form's machinery), writing,
submitting and staff review, the reminders that never come twice, and the pages."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from exchange.calls import services as call_services
from exchange.calls.models import Call, FormPurpose, FormSection, FormVersion, Programme
from exchange.core.models import StatusChange
from exchange.core.permissions import Refused
from exchange.notifications.models import Notification
from exchange.organisations.models import Membership
from exchange.partnerships import calendar_items, history, progress
from exchange.partnerships.reports import reportforms, selectors, services, tasks
from exchange.partnerships.reports.models import Kind, ReminderSent, Report, Schedule
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory
from tests.partnerships.world import make_partnership
from tests.test_authorization import make_demo_call, staff_of

R = Report.Status
DAY = datetime.timedelta(days=1)


@pytest.fixture
def pair(db):
    call = Call.objects.get(slug=make_demo_call())
    turkish = OrganisationFactory(name="Ankara Gönüllüleri", country="TR", city="Ankara")
    german = OrganisationFactory(name="Kölner Ehrenamt", country="DE", city="Köln")
    partnership = make_partnership(call, turkish, german)
    member = UserFactory(language="tr")
    Membership.objects.create(organisation=turkish, user=member, role=Membership.Role.MEMBER)
    services.ensure_reports([partnership])
    return {
        "partnership": partnership,
        "cohort": partnership.cohort,
        "turkish": turkish,
        "german": german,
        "admin": turkish.memberships.get(role=Membership.Role.ADMIN).user,
        "member": member,
        "partner_admin": german.memberships.get(role=Membership.Role.ADMIN).user,
        "staff": staff_of(Programme.objects.get(slug="civil-society-exchange")),
    }


def _report(pair, kind=Kind.MIDTERM) -> Report:
    report = Report.objects.get(partnership=pair["partnership"], kind=kind)
    report.partnership = pair["partnership"]
    return report


def _complete(report, by):
    schema = reportforms.schema_for(report)
    values = {}
    for q in schema.questions():
        if q.kind == "single_choice":
            values[q.key] = q.choices[0].key
        else:
            values[q.key] = "Wir haben viel gelernt; çok şey öğrendik."
    result = services.save_report_answers(report=report, by=by, values=values, versions={})
    assert not result.errors
    return result


# --- Due dates --------------------------------------------------------------------------


def test_due_dates_follow_the_cohort_and_staff_can_move_them(pair):
    cohort = pair["cohort"]
    midterm, final = _report(pair, Kind.MIDTERM), _report(pair, Kind.FINAL)
    middle = cohort.starts_on + (cohort.ends_on - cohort.starts_on) / 2
    assert midterm.due_on == middle
    assert final.due_on == cohort.ends_on + datetime.timedelta(days=14)
    services.set_schedule(
        cohort=cohort, by=pair["staff"], midterm_due_on=middle + 3 * DAY, final_due_on=None
    )
    assert _report(pair, Kind.MIDTERM).due_on == middle + 3 * DAY
    assert _report(pair, Kind.FINAL).due_on == final.due_on
    with pytest.raises(Refused):
        services.set_schedule(
            cohort=cohort, by=pair["admin"], midterm_due_on=middle, final_due_on=None
        )
    assert Schedule.objects.get(cohort=cohort).midterm_due_on == middle + 3 * DAY


def test_the_final_report_cannot_be_due_before_the_mid_term_one(pair, client):
    client.force_login(pair["staff"])
    cohort = pair["cohort"]
    response = client.post(
        reverse("reports:cohort-schedule", args=[cohort.pk]),
        {"midterm_due_on": "2027-05-01", "final_due_on": "2027-04-01"},
    )
    assert response.status_code == 400
    assert "cannot be due before" in response.content.decode()
    assert not Schedule.objects.filter(cohort=cohort).exists()


# --- The report form is the call's, made with the application form's machinery -------------


def test_a_call_without_a_report_form_gets_the_default_one_in_three_languages(pair):
    report = _report(pair)
    call = pair["partnership"].cohort.call
    assert not FormSection.objects.filter(call=call, purpose=FormPurpose.MIDTERM).exists()
    schema = reportforms.schema_for(report)  # reading writes nothing
    assert not FormSection.objects.filter(call=call, purpose=FormPurpose.MIDTERM).exists()
    question = schema.question("midterm_progress")
    assert question.label["tr"].startswith("Ortak hedeflerinize")
    assert question.label["de"].startswith("Was haben Sie")
    _complete(report, pair["admin"])
    # Saving wrote the default form into the call's rows (staff can adapt it) and answered
    # against its first version; the application form is untouched.
    version = FormVersion.objects.get(call=call, purpose=FormPurpose.MIDTERM)
    assert Report.objects.get(pk=report.pk).form_version == version
    assert call_services.schema_of(call, FormPurpose.MIDTERM).question("midterm_progress")
    assert call_services.schema_of(call).question("midterm_progress") is None
    assert call_services.latest_form_version(call).purpose == FormPurpose.APPLICATION


def test_a_call_s_own_report_form_is_used_and_validated_like_an_application_form(pair):
    call = pair["partnership"].cohort.call
    section = FormSection.objects.create(
        call=call, purpose=FormPurpose.FINAL, key="ours", scope="partnership", title_en="Ours"
    )
    section.questions.create(
        key="people_reached", kind="number", required=True, label_en="People reached",
        min_value=0,
    )  # fmt: skip
    call_services.publish_form(call, FormPurpose.FINAL)
    report = _report(pair, Kind.FINAL)
    assert [q.key for q in reportforms.schema_for(report).questions()] == ["people_reached"]
    result = services.save_report_answers(
        report=report, by=pair["admin"], values={"people_reached": "-3"}, versions={}
    )
    assert "people_reached" in result.errors
    services.save_report_answers(
        report=report, by=pair["admin"], values={"people_reached": "120"}, versions={}
    )
    assert Report.objects.get(pk=report.pk).answers == {"people_reached": "120"}


def test_two_people_saving_the_same_answer_get_a_conflict_not_a_lost_update(pair):
    report = _report(pair)
    services.save_report_answers(
        report=report, by=pair["admin"], values={"midterm_plan": "Erster Plan"}, versions={}
    )
    result = services.save_report_answers(
        report=report,
        by=pair["partner_admin"],
        values={"midterm_plan": "Zweiter Plan"},
        versions={"midterm_plan": 0},  # started from the empty answer
    )
    assert "midterm_plan" in result.conflicts
    assert Report.objects.get(pk=report.pk).answers["midterm_plan"] == "Erster Plan"


# --- Workflow ---------------------------------------------------------------------------


def test_submit_return_resubmit_accept_with_history_and_notices(pair, mailoutbox):
    report = _report(pair)
    with pytest.raises(Refused) as refused:
        services.submit_report(report=report, by=pair["admin"])
    assert refused.value.code == "incomplete"
    _complete(report, pair["member"])
    report = _report(pair)
    services.submit_report(report=report, by=pair["member"])
    assert _report(pair).status == R.SUBMITTED
    assert Notification.objects.filter(event="reports.submitted", recipient=pair["staff"]).exists()
    # Once submitted, the partnership cannot change it; staff cannot write it.
    with pytest.raises(Refused):
        services.save_report_answers(
            report=_report(pair), by=pair["admin"], values={"midterm_plan": "x"}, versions={}
        )
    with pytest.raises(Refused):
        services.submit_report(report=_report(pair), by=pair["staff"])
    # The partnership's people do not review their own report.
    with pytest.raises(Refused):
        services.accept_report(report=_report(pair), by=pair["admin"])
    with pytest.raises(Exception, match="changed"):
        services.return_report(report=_report(pair), by=pair["staff"], feedback=" ")
    services.return_report(
        report=_report(pair), by=pair["staff"], feedback="Please add the visits' dates."
    )
    report = _report(pair)
    assert report.status == R.RETURNED and report.feedback == "Please add the visits' dates."
    assert Notification.objects.filter(event="reports.returned", recipient=pair["member"]).exists()
    services.save_report_answers(
        report=report, by=pair["admin"], values={"midterm_visits": "10–12 May in Köln"},
        versions={},
    )  # fmt: skip
    services.submit_report(report=_report(pair), by=pair["admin"])
    services.accept_report(report=_report(pair), by=pair["staff"], feedback="Thank you.")
    assert _report(pair).status == R.ACCEPTED
    assert Notification.objects.filter(event="reports.accepted", recipient=pair["admin"]).exists()
    changes = list(
        StatusChange.objects.filter(workflow="reports.report")
        .order_by("pk")
        .values_list("to_status", flat=True)
    )
    assert changes == ["submitted", "returned", "submitted", "accepted"]
    lines = history.history_of(pair["partnership"])
    assert any(line.target == "Accepted" for line in lines)


def test_final_report_content_feeds_the_model_draft(pair):
    report = _report(pair, Kind.FINAL)
    empty = selectors.final_report_content(pair["partnership"])
    assert empty["parts"]["approach"] == "" and empty["status"] == "draft"
    services.save_report_answers(
        report=report,
        by=pair["admin"],
        values={"final_model_approach": "Ein Pate für jeden neuen Freiwilligen."},
        versions={},
    )
    content = selectors.final_report_content(pair["partnership"])
    assert content["parts"]["approach"] == "Ein Pate für jeden neuen Freiwilligen."
    assert content["answers"][0]["key"] == "final_model_approach"
    assert set(content["parts"]) == {
        "problem", "approach", "steps", "resources", "lessons", "results",
    }  # fmt: skip


# --- Reminders --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "stage"),
    [(-15, None), (-14, "before"), (-1, "before"), (0, "due"), (6, "due"), (7, "late"),
     (60, "late")],
)  # fmt: skip
def test_reminder_stage_boundaries(offset, stage):
    due = datetime.date(2027, 5, 1)
    assert services.stage_on(due, due + datetime.timedelta(days=offset)) == stage


def _reminders(pair, event=None):
    notices = Notification.objects.filter(event__startswith="reports.reminder")
    if event:
        notices = notices.filter(event=event)
    return notices


def test_each_stage_reminds_each_person_once_even_when_run_twice(pair):
    due = _report(pair).due_on
    people = 3  # the Turkish admin and member, the German admin
    assert services.send_due_reminders(due - 15 * DAY) == 0
    assert services.send_due_reminders(due - 14 * DAY) == 1
    assert services.send_due_reminders(due - 14 * DAY) == 0  # the same day again
    assert services.send_due_reminders(due - 10 * DAY) == 0  # the same stage later
    assert _reminders(pair, "reports.reminder_before").count() == people
    assert services.send_due_reminders(due) == 1
    assert services.send_due_reminders(due + 7 * DAY) == 1
    assert services.send_due_reminders(due + 30 * DAY) == 0
    assert _reminders(pair).count() == 3 * people
    recipients = list(_reminders(pair).values_list("recipient_id", "key"))
    assert len(recipients) == len(set(recipients))
    member_notice = _reminders(pair, "reports.reminder_late").get(recipient=pair["member"])
    assert member_notice.key == f"reports.reminder:{_report(pair).pk}:late"


def test_a_worker_that_read_before_another_wrote_still_sends_nothing_twice(pair, monkeypatch):
    """Two workers at once: both read "nothing sent yet", then both try. The table's unique
    constraint (and the notices' key per person) let one of them through."""
    due = _report(pair).due_on
    monkeypatch.setattr(services, "_sent", lambda ids: set())
    assert services.send_due_reminders(due) == 1
    assert services.send_due_reminders(due) == 0
    assert ReminderSent.objects.filter(stage="due").count() == 1
    assert _reminders(pair).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_workers_in_threads_remind_once(pair):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the constraint test above covers it")
    due = _report(pair).due_on
    results = []

    def run():
        try:
            results.append(services.send_due_reminders(due))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert _reminders(pair).count() == 3


def test_a_retried_task_sends_only_what_the_failed_run_did_not(pair, monkeypatch):
    call = pair["partnership"].cohort.call
    second = make_partnership(
        call,
        OrganisationFactory(name="İzmir Derneği", country="TR"),
        OrganisationFactory(name="Wiener Verein", country="AT"),
        seed=91,
    )
    services.ensure_reports([second])
    due = _report(pair).due_on
    Report.objects.filter(kind=Kind.MIDTERM).update(due_on=due)
    real = services.events.emit
    calls = []

    def failing(name, **kwargs):
        calls.append(name)
        if len(calls) == 2:
            raise RuntimeError("the worker died")
        return real(name, **kwargs)

    monkeypatch.setattr(services.events, "emit", failing)
    with pytest.raises(RuntimeError):
        tasks.send_report_reminders.call(due.isoformat())
    assert ReminderSent.objects.count() == 1  # the second report's reminder rolled back
    first = set(_reminders(pair).values_list("recipient_id", flat=True))
    monkeypatch.setattr(services.events, "emit", real)
    tasks.send_report_reminders.enqueue(due.isoformat())  # the retry
    tasks.send_report_reminders.enqueue(due.isoformat())  # and once more
    assert ReminderSent.objects.count() == 2
    keys = list(_reminders(pair).values_list("key", "recipient_id"))
    assert len(keys) == len(set(keys)) == 3 + 2  # the second partnership has two people
    assert first <= {r for _k, r in keys}


def test_submitted_reports_get_no_reminder_and_a_late_one_stops_once_submitted(pair):
    report = _report(pair)
    due = report.due_on
    assert services.send_due_reminders(due) == 1
    _complete(report, pair["admin"])
    services.submit_report(report=_report(pair), by=pair["admin"])
    assert services.send_due_reminders(due + 7 * DAY) == 0
    assert not _reminders(pair, "reports.reminder_late").exists()


def test_the_daily_command_sends_the_reminders(pair, capsys):
    from django.core.management import call_command

    Report.objects.filter(kind=Kind.MIDTERM).update(due_on=timezone.localdate())
    call_command("daily")
    assert "1 report reminder(s)" in capsys.readouterr().out
    call_command("daily")
    assert "0 report reminder(s)" in capsys.readouterr().out


def test_reminders_are_whole_sentences_in_the_reader_s_language(pair):
    from exchange.notifications.delivery import render

    Report.objects.filter(kind=Kind.MIDTERM).update(due_on=timezone.localdate())
    services.send_due_reminders()
    notice = _reminders(pair).get(recipient=pair["member"])
    assert notice.params["report"]["en"] == "Mid-term report"
    assert set(notice.params["due"]) == {"en", "tr", "de"}
    for language in ("en", "tr", "de"):
        subject, body = render(notice, language)
        assert "Ankara Gönüllüleri" in body and "%(" not in subject + body
        assert notice.params["due"][language] in body


# --- Figures, calendar, pages -------------------------------------------------------------


def test_progress_figures_count_due_submitted_and_late_and_flag_the_risk(pair):
    p = pair["partnership"]
    Report.objects.filter(kind=Kind.MIDTERM).update(due_on=timezone.localdate() - 3 * DAY)
    figures = progress.figures_for([p.pk])[p.pk]
    assert figures["reports_due"] == 1
    assert figures["reports_late"] == 1
    assert "late_report" in figures["risks"]
    assert figures["assessments_needed"] == 2


def test_the_calendar_has_the_report_due_dates_as_all_day_items(pair):
    items = [i for i in calendar_items.items_for(pair["member"]) if i.kind == "report"]
    assert len(items) == 2
    assert isinstance(items[0].start, datetime.date)
    assert not isinstance(items[0].start, datetime.datetime)
    assert calendar_items.items_for(UserFactory()) == [] or all(
        i.kind != "report" for i in calendar_items.items_for(UserFactory())
    )


def test_the_report_pages_as_the_partnership_and_staff_use_them(pair, client):
    report = _report(pair)
    client.force_login(pair["member"])
    page = client.get(reverse("reports:list", args=[pair["partnership"].pk]))
    assert page.status_code == 200
    assert "Mid-term report" in page.content.decode() or "Ara rapor" in page.content.decode()
    url = reverse("reports:report", args=[pair["partnership"].pk, report.pk])
    response = client.post(url, {"midterm_plan": "Ein Plan", "v_midterm_plan": "0"})
    assert response.status_code == 302
    assert _report(pair).answers["midterm_plan"] == "Ein Plan"
    response = client.post(
        reverse("reports:report-submit", args=[pair["partnership"].pk, report.pk])
    )
    assert response.status_code == 409  # incomplete: said on the page
    assert "Ein Plan" in response.content.decode()
    _complete(_report(pair), pair["admin"])
    response = client.post(
        reverse("reports:report-submit", args=[pair["partnership"].pk, report.pk])
    )
    assert response.status_code == 302 and _report(pair).status == R.SUBMITTED
    client.force_login(pair["staff"])
    review = reverse("reports:report-review", args=[pair["partnership"].pk, report.pk])
    response = client.post(review, {"decision": "return", "feedback": ""})
    assert response.status_code == 400
    response = client.post(review, {"decision": "return", "feedback": "Mehr zu den Besuchen."})
    assert response.status_code == 302 and _report(pair).status == R.RETURNED
    overview = client.get(reverse("reports:cohort", args=[pair["cohort"].pk]))
    assert overview.status_code == 200
    assert client.get(reverse("reports:report-submit", args=[1, 1])).status_code == 405
