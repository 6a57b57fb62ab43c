"""Reading reports and self-assessments: one partnership's, a cohort's, the progress
figures, the calendar's due dates, and the final report's content for the library."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.calls import questions
from exchange.organisations.models import CapacityStatement
from exchange.organisations.taxonomy import AREA_KEYS, area
from exchange.partnerships import selectors as workspace
from exchange.partnerships.calendar_items import Item
from exchange.partnerships.models import Member, Partnership

from . import capacity, reportforms
from .models import Assessment, Kind, Report, Schedule, Stage

R = Report.Status
DONE = (R.SUBMITTED, R.ACCEPTED)
END_OPENS = datetime.timedelta(days=30)


# --- Reports ----------------------------------------------------------------------------


def reports_of(partnership: Partnership) -> list[Report]:
    reports = list(partnership.reports.order_by("due_on", "pk"))
    for report in reports:
        report.partnership = partnership
    return reports


def get_report(user, pk: int, report_pk: int) -> Report:
    """A report of a workspace the person may see (404 otherwise)."""
    partnership = workspace.get_partnership(user, pk)
    report = Report.objects.filter(partnership=partnership, pk=report_pk).first()
    if report is None:
        raise Http404
    report.partnership = partnership
    return report


def is_late(report: Report, today=None) -> bool:
    today = today or timezone.localdate()
    return report.is_open and report.due_on < today


@dataclass(frozen=True)
class Shown:
    question: questions.Question
    value: object
    text: str


def answers_shown(report: Report, schema=None) -> list[Shown]:
    schema = schema or reportforms.schema_for(report)
    return [
        Shown(q, report.answers.get(q.key), questions.display(q, report.answers.get(q.key)))
        for q in schema.questions()
    ]


def final_report_content(partnership: Partnership) -> dict:
    """What the final report says, for the model's draft in the library: the model's
    parts by name (problem, approach, steps, resources, lessons, results; "" where not
    answered) and every answer with its question, in the reader's language. Empty parts
    and no answers when there is no final report yet."""
    report = partnership.reports.filter(kind=Kind.FINAL).select_related("form_version").first()
    parts = dict.fromkeys(reportforms.MODEL_PARTS, "")
    if report is None:
        return {"report": None, "status": "", "submitted_at": None, "parts": parts, "answers": []}
    report.partnership = partnership
    shown = answers_shown(report)
    for name, key in reportforms.MODEL_PARTS.items():
        value = report.answers.get(key)
        parts[name] = value if isinstance(value, str) else ""
    return {
        "report": report.pk,
        "status": report.status,
        "submitted_at": report.submitted_at,
        "parts": parts,
        "answers": [
            {"key": s.question.key, "question": s.question.text, "answer": s.text}
            for s in shown
            if s.text
        ],
    }


def cohort_overview(cohort) -> dict:
    """Per kind: how many reports are due by today, submitted, late, and each
    partnership's reports (for the staff's table)."""
    today = timezone.localdate()
    partnerships = list(workspace.cohort_partnerships(cohort))
    reports = {
        (r.partnership_id, r.kind): r
        for r in Report.objects.filter(partnership__in=[p.pk for p in partnerships])
    }
    counts = {k: {"due": 0, "submitted": 0, "late": 0, "accepted": 0} for k in Kind.values}
    rows = []
    for partnership in partnerships:
        mine = []
        for kind in Kind.values:
            report = reports.get((partnership.pk, kind))
            if report is None:
                mine.append(None)
                continue
            report.partnership = partnership
            mine.append(report)
            if report.due_on <= today:
                counts[kind]["due"] += 1
            if report.status in DONE:
                counts[kind]["submitted"] += 1
            if report.status == R.ACCEPTED:
                counts[kind]["accepted"] += 1
            if is_late(report, today):
                counts[kind]["late"] += 1
        rows.append((partnership, mine))
    return {"counts": counts, "rows": rows, "today": today}


def schedule_of(cohort) -> Schedule | None:
    return Schedule.objects.filter(cohort=cohort).first()


# --- Progress figures and the calendar ----------------------------------------------------


def figures(ids: list[int]) -> dict[int, dict]:
    """reports_due, reports_submitted, reports_late, assessments_done, assessments_needed
    and the risk "late_report", for all the ids in three queries."""
    today = timezone.localdate()
    result = {
        pk: {
            "reports_due": 0,
            "reports_submitted": 0,
            "reports_late": 0,
            "assessments_done": 0,
            "assessments_needed": 0,
            "risks": [],
        }
        for pk in ids
    }
    for partnership_id, due_on, status in Report.objects.filter(partnership_id__in=ids).values_list(
        "partnership_id", "due_on", "status"
    ):
        row = result[partnership_id]
        if due_on <= today:
            row["reports_due"] += 1
        if status in DONE:
            row["reports_submitted"] += 1
        elif due_on < today:
            row["reports_late"] += 1
    for p in (
        Partnership.objects.filter(pk__in=ids)
        .annotate(
            organisations=Count("members", distinct=True),
            done=Count(
                "assessments",
                filter=Q(assessments__status=Assessment.Status.SUBMITTED),
                distinct=True,
            ),
        )
        .values("pk", "organisations", "done", "cohort__ends_on")
    ):
        row = result[p["pk"]]
        stages = 1 + (1 if _end_open(p["cohort__ends_on"], today) else 0)
        row["assessments_needed"] = p["organisations"] * stages
        row["assessments_done"] = p["done"]
    for row in result.values():
        if row["reports_late"]:
            row["risks"] = ["late_report"]
    return result


def calendar_items(user) -> list[Item]:
    """The due dates of the reports of the person's active partnerships, as all-day items
    (two queries: the reports with their partnership, and its organisations' names)."""
    if user is None or not user.is_authenticated:
        return []
    partnerships = workspace.partnerships_of(user).filter(status=Partnership.Status.ACTIVE)
    reports = list(
        Report.objects.filter(partnership__in=partnerships.values("pk"))
        .exclude(status=R.ACCEPTED)
        .order_by("due_on", "pk")
    )
    names: dict[int, list[str]] = {}
    for partnership_id, name in (
        Member.objects.filter(partnership_id__in={r.partnership_id for r in reports})
        .order_by("-is_lead", "pk")
        .values_list("partnership_id", "organisation__name")
    ):
        names.setdefault(partnership_id, []).append(name)
    items = []
    for report in reports:
        partnership = " – ".join(names.get(report.partnership_id, []))
        items.append(
            Item(
                uid=f"report-{report.pk}@civil-society-exchange",
                title=_("%(report)s due: %(partnership)s")
                % {"report": report.get_kind_display(), "partnership": partnership},
                start=report.due_on,
                end=report.due_on + datetime.timedelta(days=1),
                url=reverse("reports:report", args=[report.partnership_id, report.pk]),
                kind="report",
            )
        )
    return items


# --- Self-assessment --------------------------------------------------------------------


def areas_for(partnership: Partnership) -> list[str]:
    """The capacity areas the partnership's organisations assess: its own area, then
    the areas its organisations said they need."""
    needs: dict[int, list[str]] = {}
    for organisation_id, key in CapacityStatement.objects.filter(
        organisation__partnership_memberships__partnership=partnership,
        kind=CapacityStatement.Kind.NEED,
    ).values_list("organisation_id", "area"):
        needs.setdefault(organisation_id, []).append(key)
    return capacity.choose_areas(partnership.capacity_area, list(needs.values()))


def _end_open(ends_on, today) -> bool:
    return bool(ends_on) and today >= ends_on - END_OPENS


def is_end_open(partnership: Partnership, today=None) -> bool:
    return _end_open(partnership.cohort.ends_on, today or timezone.localdate())


def assessments_of(partnership: Partnership) -> list[Assessment]:
    return list(partnership.assessments.select_related("organisation"))


def area_label(key: str) -> str:
    return str(area(key).label) if key in AREA_KEYS else key


@dataclass
class AreaResult:
    key: str
    label: str
    start: float | None
    end: float | None
    n_start: int = 0
    n_end: int = 0

    @property
    def change(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return round(self.end - self.start, 1)


def _aggregate(assessments, areas=None) -> list[AreaResult]:
    """Per area, the mean of the organisations' area means at the start and at the end
    (submitted assessments only), and how many organisations each mean is of."""
    values: dict[str, dict[str, list[float]]] = {}
    order: list[str] = list(areas or [])
    for assessment in assessments:
        if assessment.status != Assessment.Status.SUBMITTED:
            continue
        for key, mean in capacity.area_means(assessment.areas, assessment.answers).items():
            if key not in order:
                order.append(key)
            if mean is not None:
                values.setdefault(key, {Stage.START: [], Stage.END: []})[assessment.stage].append(
                    mean
                )
    results = []
    for key in order:
        start = values.get(key, {}).get(Stage.START, [])
        end = values.get(key, {}).get(Stage.END, [])
        results.append(
            AreaResult(
                key,
                area_label(key),
                round(sum(start) / len(start), 1) if start else None,
                round(sum(end) / len(end), 1) if end else None,
                len(start),
                len(end),
            )
        )
    return results


def partnership_results(partnership: Partnership, assessments=None) -> dict:
    """The partnership's change per area (both organisations together), and each
    organisation's own means, for the chart and its data table."""
    assessments = assessments if assessments is not None else assessments_of(partnership)
    areas = areas_for(partnership)
    by_organisation = []
    for member in partnership.members.all():
        own = [a for a in assessments if a.organisation_id == member.organisation_id]
        by_organisation.append((member.organisation, _aggregate(own, areas)))
    return {"areas": _aggregate(assessments, areas), "by_organisation": by_organisation}


def cohort_results(cohort) -> list[AreaResult]:
    """Per area, mean start and end across the cohort's organisations, and n."""
    assessments = Assessment.objects.filter(
        partnership__cohort=cohort,
        status=Assessment.Status.SUBMITTED,
    ).exclude(partnership__status=Partnership.Status.WITHDRAWN)
    return _aggregate(list(assessments))
