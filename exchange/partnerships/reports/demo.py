"""Demo data of reports and self-assessments: deterministic, fast, through the services
where a person may act (so the history shows it), written directly where nobody could
(an ended partnership). `bulk_reports` fills a benchmark's cohort in a few queries."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from exchange.core.permissions import Refused
from exchange.partnerships import selectors as workspace

from . import capacity, reportforms, selectors, services
from .models import Assessment, Kind, Report, Stage

R = Report.Status

ANSWERS = {
    "midterm_progress": "We mapped how each organisation recruits and keeps volunteers, "
    "agreed on a shared introduction for newcomers and tried it with twelve volunteers.",
    "midterm_visits": "A three-day visit to Berlin in the second month and two online "
    "meetings. Seeing the volunteer coordinator's weekly routine taught us the most.",
    "midterm_difficulties": "Visa appointments took long; we moved the second visit by a month.",
    "midterm_on_track": "partly",
    "midterm_plan": "The return visit to Istanbul, a volunteer survey in both organisations "
    "and a first written version of our model.",
    "final_summary": "Two visits, six online meetings and a volunteer survey in both "
    "organisations; a shared induction model for new volunteers.",
    "final_model_problem": "Volunteers left after a few months: nobody welcomed them or "
    "gave them a clear task.",
    "final_model_approach": "A four-step induction: a welcome talk, a written role, a buddy "
    "for the first month and a check-in after three months.",
    "final_model_steps": "Name a coordinator, write role descriptions, train buddies, hold "
    "the welcome talk monthly, review after three months.",
    "final_model_resources": "About four hours a week of a coordinator's time; a shared "
    "folder of templates; no extra money.",
    "final_model_lessons": "Buddies matter more than documents. Start small, with one team.",
    "final_model_results": "Of 30 new volunteers, 22 stayed longer than three months "
    "(before: about half as many).",
    "final_continue": "yes",
}


def _admin(partnership, organisation):
    return workspace.people_of(partnership, organisation=organisation, admins_only=True).first()


def _scores(areas, rng, base):
    return {
        key: max(1, min(5, base + rng.choice((-1, 0, 0, 1)))) for key in capacity.keys_of(areas)
    }


def _assess(partnership, organisation, stage, rng, base):
    user = _admin(partnership, organisation)
    areas = selectors.areas_for(partnership)
    scores = _scores(areas, rng, base)
    if user is not None:
        try:
            services.save_assessment(
                partnership=partnership,
                organisation=organisation,
                stage=stage,
                by=user,
                scores=scores,
                submit=True,
            )
            return
        except Refused:
            pass
    Assessment.objects.update_or_create(
        partnership=partnership,
        organisation=organisation,
        stage=stage,
        defaults={
            "areas": areas,
            "answers": scores,
            "status": Assessment.Status.SUBMITTED,
            "submitted_at": timezone.now(),
        },
    )


def _write(report, user, *, submit=True):
    keys = {q.key for q in reportforms.schema_for(report).questions()}
    values = {k: v for k, v in ANSWERS.items() if k in keys}
    if user is not None:
        try:
            services.save_report_answers(report=report, by=user, values=values, versions={})
            if submit:
                services.submit_report(report=report, by=user)
            return
        except Refused:
            pass
    report.answers = values
    report.form_version = reportforms.version_for_writing(report)
    if submit:
        report.status = R.SUBMITTED
        report.submitted_at = timezone.now()
    report.save()


def _accept(report, staff):
    report.refresh_from_db()
    if staff is not None and report.status == R.SUBMITTED:
        try:
            services.accept_report(report=report, by=staff, feedback="Thank you: clear and useful.")
            return
        except Refused:
            pass
    Report.objects.filter(pk=report.pk).update(
        status=R.ACCEPTED, reviewed_at=timezone.now(), feedback="Thank you: clear and useful."
    )


def load_demo_reports(partnership, *, stage: str) -> None:
    """stage: "starting" (the lead organisation's start assessment), "midway" (both start
    assessments, the mid-term report submitted), "late" (the mid-term report late, not
    written), "finished" (both reports accepted, every assessment at start and end)."""
    rng = random.Random(partnership.pk)
    services.ensure_reports([partnership])
    reports = {r.kind: r for r in selectors.reports_of(partnership)}
    organisations = [m.organisation for m in partnership.members.all()]
    if not organisations or not reports:
        return
    lead = organisations[0]
    writer = _admin(partnership, lead)
    if stage == "starting":
        _assess(partnership, lead, Stage.START, rng, 2)
    elif stage == "midway":
        for organisation in organisations:
            _assess(partnership, organisation, Stage.START, rng, 2)
        _write(reports[Kind.MIDTERM], writer)
    elif stage == "late":
        for organisation in organisations:
            _assess(partnership, organisation, Stage.START, rng, 2)
        today = timezone.localdate()
        midterm = reports[Kind.MIDTERM]
        if midterm.due_on >= today - datetime.timedelta(days=7):
            Report.objects.filter(pk=midterm.pk).update(due_on=today - datetime.timedelta(days=10))
    elif stage == "finished":
        staff = workspace.staff_of(partnership).first()
        for organisation in organisations:
            _assess(partnership, organisation, Stage.START, rng, 2)
        for organisation in organisations:
            _assess(partnership, organisation, Stage.END, rng, 4)
        for kind in (Kind.MIDTERM, Kind.FINAL):
            _write(reports[kind], writer)
            _accept(reports[kind], staff)
    else:
        raise ValueError(f"unknown demo stage: {stage}")


def bulk_reports(partnerships, *, seed: int) -> None:
    """Reports and assessments of many partnerships for the benchmark (bulk_create)."""
    rng = random.Random(seed)
    partnerships = list(partnerships)
    services.ensure_reports(partnerships)
    now = timezone.now()
    statuses = [R.DRAFT, R.SUBMITTED, R.ACCEPTED, R.RETURNED]
    reports = list(Report.objects.filter(partnership__in=partnerships).order_by("pk"))
    for report in reports:
        report.status = rng.choice(statuses)
        report.submitted_at = None if report.status == R.DRAFT else now
        report.answers = {} if report.status == R.DRAFT else {"midterm_progress": "Progress."}
    Report.objects.bulk_update(reports, ["status", "submitted_at", "answers"], batch_size=500)
    rows = []
    for partnership in partnerships:
        areas = capacity.choose_areas(partnership.capacity_area, [])
        for member in partnership.members.all():
            for stage, base in ((Stage.START, 2), (Stage.END, 4)):
                if stage == Stage.END and rng.random() < 0.5:
                    continue
                rows.append(
                    Assessment(
                        partnership=partnership,
                        organisation_id=member.organisation_id,
                        stage=stage,
                        areas=areas,
                        answers=_scores(areas, rng, base),
                        status=Assessment.Status.SUBMITTED,
                        submitted_at=now,
                    )
                )
    Assessment.objects.bulk_create(rows, ignore_conflicts=True)
