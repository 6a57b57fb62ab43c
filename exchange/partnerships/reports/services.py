"""Reports: their due dates, answers, submission and review; the reminders of the due
dates; the self-assessments. Every change of status goes through workflows.py."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.calls import questions
from exchange.core import events
from exchange.core.permissions import Refused, require
from exchange.partnerships.models import Cohort, Partnership

from . import capacity, permissions, reportforms, selectors
from .models import Assessment, Kind, Reminder, ReminderSent, Report, Schedule, Stage
from .workflows import ASSESSMENT, REPORT

R = Report.Status
FINAL_AFTER_END = datetime.timedelta(days=14)
REMIND_BEFORE = datetime.timedelta(days=14)
REMIND_LATE = datetime.timedelta(days=7)


# --- Due dates --------------------------------------------------------------------------


def default_due_dates(starts_on, ends_on) -> dict[str, datetime.date]:
    """The programme's rule: mid-term at the middle of the six months, final two weeks
    after their end."""
    if not (starts_on and ends_on):
        return {}
    return {
        Kind.MIDTERM: starts_on + (ends_on - starts_on) / 2,
        Kind.FINAL: ends_on + FINAL_AFTER_END,
    }


def due_dates(cohort: Cohort) -> dict[str, datetime.date]:
    dates = default_due_dates(cohort.starts_on, cohort.ends_on)
    schedule = Schedule.objects.filter(cohort=cohort).first()
    if schedule is not None:
        if schedule.midterm_due_on:
            dates[Kind.MIDTERM] = schedule.midterm_due_on
        if schedule.final_due_on:
            dates[Kind.FINAL] = schedule.final_due_on
    return dates


def ensure_reports(partnerships) -> None:
    """The two reports of each partnership, with their cohort's due dates (idempotent:
    the database keeps one report per partnership and kind)."""
    by_cohort: dict[int, dict] = {}
    rows = []
    for partnership in partnerships:
        cohort = partnership.cohort
        if cohort.pk not in by_cohort:
            by_cohort[cohort.pk] = due_dates(cohort)
        for kind, due_on in by_cohort[cohort.pk].items():
            rows.append(Report(partnership=partnership, kind=kind, due_on=due_on))
    if rows:
        Report.objects.bulk_create(rows, ignore_conflicts=True)


@transaction.atomic
def set_schedule(*, cohort: Cohort, by, midterm_due_on, final_due_on) -> Schedule:
    """Staff move a cohort's due dates; its reports follow. A reminder stage already sent
    is not sent again for the new date (each stage reminds once)."""
    require(permissions.can_set_schedule(by, cohort))
    if midterm_due_on and final_due_on and final_due_on < midterm_due_on:
        raise ValidationError(
            {"final_due_on": _("The final report cannot be due before the mid-term report.")}
        )
    schedule, _created = Schedule.objects.update_or_create(
        cohort=cohort,
        defaults={"midterm_due_on": midterm_due_on, "final_due_on": final_due_on},
    )
    ensure_reports(Partnership.objects.filter(cohort=cohort).select_related("cohort"))
    for kind, due_on in due_dates(cohort).items():
        Report.objects.filter(partnership__cohort=cohort, kind=kind).update(due_on=due_on)
    return schedule


# --- Writing and reviewing --------------------------------------------------------------


@dataclass
class SaveResult:
    saved: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)
    conflicts: dict = field(default_factory=dict)  # key -> (their value, their version)
    versions: dict = field(default_factory=dict)


def _lock(report: Report) -> Report:
    locked = Report.objects.select_for_update().filter(pk=report.pk).first()
    if locked is None:
        raise Refused(_("This no longer exists."), "not_found")
    locked.partnership = report.partnership
    return locked


@transaction.atomic
def save_report_answers(*, report: Report, by, values: dict, versions: dict) -> SaveResult:
    """Save the answers that changed, validated against the call's report form. An
    answer saved meanwhile by someone else (its number moved on) is not overwritten: it
    comes back as a conflict, and what this person typed stays in their form."""
    require(permissions.can_write_report(by, report))
    report = _lock(report)
    require(permissions.can_write_report(by, report))
    version = reportforms.version_for_writing(report)
    report.form_version = version
    schema = reportforms.schema_for(report)
    result = SaveResult()
    answers, numbers = dict(report.answers), dict(report.versions)
    for question in schema.questions():
        key = question.key
        current = numbers.get(key, 0)
        result.versions[key] = current
        if key not in values:
            continue
        try:
            value = questions.clean_answer(question, values[key])
        except questions.AnswerError as error:
            result.errors[key] = str(error)
            continue
        if answers.get(key) == value:
            continue
        base = versions.get(key)
        if base is not None and base != current:
            result.conflicts[key] = (answers.get(key), current)
            continue
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
        numbers[key] = current + 1
        result.versions[key] = current + 1
        result.saved.append(key)
    report.answers, report.versions = answers, numbers
    report.save(update_fields=["answers", "versions", "form_version", "updated_at"])
    return result


@transaction.atomic
def submit_report(*, report: Report, by) -> Report:
    """Submit what is saved now: the answers are re-read under the lock, so the check of
    completeness sees what the other organisation saved a moment ago."""
    require(permissions.can_submit_report(by, report))
    locked = _lock(report)
    REPORT.transition(locked, R.SUBMITTED, by=by, locked=True)
    for name in ("status", "answers", "versions", "submitted_at", "submitted_by_id"):
        setattr(report, name, getattr(locked, name))
    return report


def accept_report(*, report: Report, by, feedback: str = "") -> Report:
    require(permissions.can_review_report(by, report))
    report.feedback = (feedback or "").strip()
    REPORT.transition(report, R.ACCEPTED, by=by, reason=report.feedback)
    return report


def return_report(*, report: Report, by, feedback: str) -> Report:
    require(permissions.can_review_report(by, report))
    if not (feedback or "").strip():
        raise ValidationError({"feedback": _("Write what should be changed.")})
    report.feedback = feedback.strip()
    REPORT.transition(report, R.RETURNED, by=by, reason=report.feedback)
    return report


# --- Reminders --------------------------------------------------------------------------


def stage_on(due_on: datetime.date, today: datetime.date) -> str | None:
    """The reminder that is due today: two weeks before (until the day before), on the
    day (for the first week), a week late (from then on). A day missed by the daily job
    is caught up with the stage of that day only, never with the earlier ones."""
    if today >= due_on + REMIND_LATE:
        return Reminder.LATE
    if today >= due_on:
        return Reminder.DUE
    if today >= due_on - REMIND_BEFORE:
        return Reminder.BEFORE
    return None


def _sent(report_ids) -> set[tuple[int, str]]:
    """The stages already reminded: read once, outside the lock. A worker that read this
    before another one wrote is stopped by the table's unique constraint instead."""
    return set(
        ReminderSent.objects.filter(report_id__in=report_ids).values_list("report_id", "stage")
    )


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Remind the partnership's people of each open report's due date, once per stage:
    safe to run any number of times, and from two workers at once."""
    today = today or timezone.localdate()
    active = Partnership.objects.filter(status=Partnership.Status.ACTIVE).select_related("cohort")
    ensure_reports(active.filter(reports__isnull=True).distinct())
    candidates = list(
        Report.objects.filter(
            partnership__status=Partnership.Status.ACTIVE,
            status__in=[R.DRAFT, R.RETURNED],
            due_on__lte=today + REMIND_BEFORE,
        ).values_list("pk", "due_on")
    )
    sent = _sent([pk for pk, _due in candidates])
    reminded = 0
    for pk, due_on in candidates:
        stage = stage_on(due_on, today)
        if stage is None or (pk, stage) in sent:
            continue
        reminded += _remind(pk, stage, today)
    return reminded


def _remind(report_pk: int, stage: str, today) -> int:
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .select_related("partnership__cohort__call")
            .filter(pk=report_pk, status__in=[R.DRAFT, R.RETURNED])
            .first()
        )
        if report is None:  # submitted meanwhile: no reminder
            return 0
        try:
            with transaction.atomic():
                ReminderSent.objects.create(report=report, stage=stage, sent_on=today)
        except IntegrityError:  # another worker sent this stage a moment ago
            return 0
        events.emit(
            f"reports.reminder_{stage}",
            key=f"reports.reminder:{report.pk}:{stage}",
            target=report,
            stage=stage,
        )
        return 1


# --- Self-assessment --------------------------------------------------------------------


def _assessment(partnership, organisation, stage) -> Assessment:
    if stage not in Stage.values:
        raise Refused(_("There is no such stage."), "not_found")
    assessment, _created = Assessment.objects.get_or_create(
        partnership=partnership,
        organisation=organisation,
        stage=stage,
        defaults={"areas": selectors.areas_for(partnership)},
    )
    return assessment


@transaction.atomic
def save_assessment(
    *, partnership: Partnership, organisation, stage: str, by, scores: dict, submit: bool = False
) -> tuple[Assessment, dict]:
    """Keep an organisation's ratings (every valid one, even when others are refused),
    and submit them when asked and complete. Returns the assessment and the errors."""
    require(permissions.can_assess(by, partnership, organisation))
    if stage == Stage.END and not selectors.is_end_open(partnership):
        raise Refused(_("The self-assessment at the end opens a month before the end."), "state")
    assessment = _assessment(partnership, organisation, stage)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    assessment.partnership = partnership
    if assessment.status == Assessment.Status.SUBMITTED:
        raise Refused(_("This self-assessment is submitted already."), "state")
    cleaned, errors = capacity.clean_scores(assessment.areas, scores)
    assessment.answers = {**assessment.answers, **cleaned}
    assessment.updated_by = by
    assessment.save(update_fields=["answers", "updated_by", "updated_at"])
    # An incomplete one is kept as a draft (what was rated is never lost); the caller sees
    # that it was not submitted from its status.
    if submit and not errors and ASSESSMENT.check(assessment, Assessment.Status.SUBMITTED, by=by):
        ASSESSMENT.transition(assessment, Assessment.Status.SUBMITTED, by=by, locked=True)
    return assessment, errors
