"""The life of a report and of a self-assessment, as tables (core.workflow)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, deny
from exchange.core.workflow import Transition, Workflow

from . import capacity, permissions, reportforms
from .models import Assessment, Report

R = Report.Status
A = Assessment.Status


def is_complete(report):
    problems = reportforms.missing(report)
    if problems:
        return deny(" ".join(problems), "incomplete")
    return ALLOW


def has_feedback(report):
    if not (report.feedback or "").strip():
        return deny(_("Write what should be changed before returning the report."), "incomplete")
    return ALLOW


def stamp_submitted(report, by):
    report.submitted_at = timezone.now()
    report.submitted_by = by
    return ["submitted_at", "submitted_by"]


def stamp_reviewed(report, by):
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    return ["reviewed_at", "reviewed_by", "feedback"]


REPORT = Workflow(
    "reports.report",
    Report,
    R,
    [
        Transition(R.DRAFT, R.SUBMITTED, rule=permissions.can_submit_report,
                   guards=[is_complete], stamps=[stamp_submitted], event="reports.submitted"),
        Transition(R.RETURNED, R.SUBMITTED, rule=permissions.can_submit_report,
                   guards=[is_complete], stamps=[stamp_submitted], event="reports.submitted"),
        Transition(R.SUBMITTED, R.ACCEPTED, rule=permissions.can_review_report,
                   stamps=[stamp_reviewed], event="reports.accepted"),
        Transition(R.SUBMITTED, R.RETURNED, rule=permissions.can_review_report,
                   guards=[has_feedback], stamps=[stamp_reviewed], event="reports.returned"),
    ],
)  # fmt: skip


def is_rated(assessment):
    keys = capacity.keys_of(assessment.areas)
    if any(k not in assessment.answers for k in keys):
        return deny(_("Rate every statement before submitting."), "incomplete")
    return ALLOW


def stamp_assessed(assessment, by):
    assessment.submitted_at = timezone.now()
    assessment.updated_by = by
    return ["submitted_at", "updated_by"]


ASSESSMENT = Workflow(
    "reports.assessment",
    Assessment,
    A,
    [
        Transition(A.DRAFT, A.SUBMITTED, rule=permissions.can_submit_assessment,
                   guards=[is_rated], stamps=[stamp_assessed],
                   event="reports.assessment_submitted"),
    ],
)  # fmt: skip
