"""The workspace's reports and self-assessment tabs, and the staff's cohort views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.core.permissions import Refused, require
from exchange.organisations.models import Organisation
from exchange.partnerships import selectors as workspace
from exchange.partnerships.permissions import can_work, roles_in
from exchange.partnerships.views import errors_into, workspace_context

from . import capacity, chart, permissions, reportforms, selectors, services
from .forms import AssessmentForm, ReviewForm, ScheduleForm, report_forms, values_of
from .models import Assessment, Stage
from .workflows import REPORT

# --- Reports ----------------------------------------------------------------------------


@login_required
@require_GET
def report_list(request, pk):
    partnership = workspace.get_partnership(request.user, pk)
    services.ensure_reports([partnership])
    reports = selectors.reports_of(partnership)
    for report in reports:
        report.late = selectors.is_late(report)
    return render(
        request,
        "reports/list.html",
        workspace_context(request, partnership, "reports", reports=reports),
    )


def _report_page(request, report, *, section_forms=None, review_form=None, status=200, **extra):
    schema = reportforms.schema_for(report)
    can_write = permissions.can_write_report(request.user, report)
    if section_forms is None and can_write:
        section_forms = report_forms(schema, report)
    can_review = bool(permissions.can_review_report(request.user, report)) and (
        report.status == report.Status.SUBMITTED
    )
    return render(
        request,
        "reports/report.html",
        workspace_context(
            request,
            report.partnership,
            "reports",
            report=report,
            late=selectors.is_late(report),
            can_write=bool(can_write),
            write_refusal=can_write.reason if not can_write else "",
            section_forms=section_forms or [],
            shown=selectors.answers_shown(report, schema),
            missing=reportforms.missing(report, schema) if report.is_open else [],
            can_submit=bool(can_write) and REPORT.find(report.status, "submitted") is not None,
            can_review=can_review,
            review_form=review_form or (ReviewForm() if can_review else None),
            **extra,
        ),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk, report_pk):
    """Read a report; its people write it here (a POST saves the answers)."""
    report = selectors.get_report(request.user, pk, report_pk)
    if request.method == "GET":
        return _report_page(request, report)
    require(permissions.can_write_report(request.user, report))
    schema = reportforms.schema_for(report)
    section_forms = report_forms(schema, report, request.POST)
    values, versions = values_of(section_forms)
    result = services.save_report_answers(
        report=report, by=request.user, values=values, versions=versions
    )
    if not result.errors and not result.conflicts:
        messages.success(request, _("The report is saved."))
        if request.POST.get("then") == "submit":
            return submit(request, pk, report_pk)
        return redirect("reports:report", pk, report.pk)
    report.refresh_from_db()
    report.partnership = workspace.get_partnership(request.user, pk)
    for form in section_forms:
        form.is_valid()
        form.data = form.data.copy()
        for key, message in result.errors.items():
            if key in form.fields:
                form.add_error(key, message)
        for key, (theirs, number) in result.conflicts.items():
            if key in form.fields:
                form.add_error(
                    key,
                    _(
                        "Someone else saved this answer meanwhile. Their text: “%(theirs)s”. "
                        "Your text is kept here; save again to replace theirs."
                    )
                    % {"theirs": theirs or "—"},
                )
                form.data[f"v_{key}"] = number
    return _report_page(
        request, report, section_forms=section_forms, status=409 if result.conflicts else 400
    )


@login_required
@require_POST
def submit(request, pk, report_pk):
    report = selectors.get_report(request.user, pk, report_pk)
    try:
        services.submit_report(report=report, by=request.user)
    except Refused as refusal:
        if refusal.code != "incomplete":
            raise
        report.refresh_from_db()
        report.partnership = workspace.get_partnership(request.user, pk)
        return _report_page(request, report, status=409, submit_refusal=str(refusal))
    messages.success(request, _("The report is submitted. The programme's staff are told."))
    return redirect("reports:list", pk)


@login_required
@require_POST
def review(request, pk, report_pk):
    """Staff accept a submitted report or return it with feedback."""
    report = selectors.get_report(request.user, pk, report_pk)
    require(permissions.can_review_report(request.user, report))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _report_page(request, report, review_form=form, status=400)
    feedback = form.cleaned_data["feedback"]
    try:
        if form.cleaned_data["decision"] == "accept":
            services.accept_report(report=report, by=request.user, feedback=feedback)
            messages.success(request, _("The report is accepted."))
        else:
            services.return_report(report=report, by=request.user, feedback=feedback)
            messages.success(request, _("The report is returned to the partnership."))
    except ValidationError as exc:
        errors_into(form, exc)
        return _report_page(request, report, review_form=form, status=400)
    return redirect("reports:report", pk, report.pk)


# --- Self-assessment --------------------------------------------------------------------


def _words():
    return chart.Words(
        title=_("Self-assessment per capacity area, at the start and at the end (1 to 5)"),
        start=_("At the start"),
        end=_("At the end"),
        missing=_("not rated"),
        summary=_("%(area)s: %(start)s at the start, %(end)s at the end."),
    )


def _svg(results, chart_id):
    rows = [chart.Row(r.label, r.start, r.end) for r in results]
    # Every text in it is escaped by chart.py; the markup is ours.
    return mark_safe(chart.change_chart(rows, _words(), chart_id=chart_id))  # noqa: S308


@login_required
@require_GET
def assessment(request, pk):
    partnership = workspace.get_partnership(request.user, pk)
    assessments = selectors.assessments_of(partnership)
    results = selectors.partnership_results(partnership, assessments)
    mine = roles_in(request.user, partnership)
    status = {(a.organisation_id, a.stage): a for a in assessments}
    end_open = selectors.is_end_open(partnership)
    organisations = []
    for member in partnership.members.all():
        org = member.organisation
        stages = []
        for stage in Stage:
            found = status.get((org.pk, stage.value))
            stages.append(
                {
                    "stage": stage,
                    "assessment": found,
                    "done": found is not None and found.status == Assessment.Status.SUBMITTED,
                    "open": stage == Stage.START or end_open,
                    "can_fill": org.pk in mine
                    and bool(permissions.can_assess(request.user, partnership, org)),
                }
            )
        organisations.append((org, stages))
    return render(
        request,
        "reports/assessment.html",
        workspace_context(
            request,
            partnership,
            "assessment",
            results=results["areas"],
            by_organisation=results["by_organisation"],
            organisations=organisations,
            svg=_svg(results["areas"], "assessment-chart"),
            has_results=any(r.start is not None or r.end is not None for r in results["areas"]),
        ),
    )


def _own_organisation(request, partnership):
    """The organisation the person fills for: theirs (the one chosen, if they belong to
    both)."""
    mine = roles_in(request.user, partnership)
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    if chosen and str(chosen).isdigit() and int(chosen) in mine:
        return Organisation.objects.get(pk=int(chosen))
    for member in partnership.members.all():
        if member.organisation_id in mine:
            return member.organisation
    return None


@login_required
@require_http_methods(["GET", "POST"])
def assessment_fill(request, pk, stage):
    partnership = workspace.get_partnership(request.user, pk)
    if stage not in Stage.values:
        raise Http404
    organisation = _own_organisation(request, partnership)
    if organisation is None:
        # Staff follow the assessments; they do not rate the organisations (403).
        require(can_work(request.user, partnership))
        raise Http404
    require(permissions.can_assess(request.user, partnership, organisation))
    if stage == Stage.END and not selectors.is_end_open(partnership):
        raise Refused(_("The self-assessment at the end opens a month before the end."), "state")
    existing = Assessment.objects.filter(
        partnership=partnership, organisation=organisation, stage=stage
    ).first()
    if existing is not None and existing.status == Assessment.Status.SUBMITTED:
        messages.info(request, _("This self-assessment is submitted already."))
        return redirect("reports:assessment", pk)
    areas = existing.areas if existing else selectors.areas_for(partnership)
    answers = existing.answers if existing else {}
    form = AssessmentForm(request.POST or None, areas=areas, answers=answers)
    status = 200
    if request.method == "POST":
        submitting = request.POST.get("action") == "submit"
        try:
            saved, errors = services.save_assessment(
                partnership=partnership,
                organisation=organisation,
                stage=stage,
                by=request.user,
                scores=form.raw(),
                submit=submitting,
            )
        except Refused as refusal:
            if refusal.code != "incomplete":
                raise
            form.is_valid()
            form.add_error(None, str(refusal))
            status = 409
        else:
            if errors:
                form.is_valid()
                for key, message in errors.items():
                    form.add_error(key, message)
                status = 400
            elif submitting and saved.status != Assessment.Status.SUBMITTED:
                form.is_valid()
                form.add_error(None, _("Rate every statement before submitting."))
                status = 409
            else:
                if saved.status == Assessment.Status.SUBMITTED:
                    messages.success(request, _("Thank you: the self-assessment is submitted."))
                else:
                    messages.success(request, _("The self-assessment is saved."))
                return redirect("reports:assessment", pk)
    return render(
        request,
        "reports/assessment_fill.html",
        workspace_context(
            request,
            partnership,
            "assessment",
            form=form,
            organisation=organisation,
            stage=Stage(stage),
            groups=[(selectors.area_label(key), fields) for key, fields in form.groups()],
            scale=[(n, capacity.SCALE_LABELS[n]) for n in capacity.SCALE],
        ),
        status=status,
    )


# --- Staff: the cohort ------------------------------------------------------------------


@login_required
@require_GET
def cohort_reports(request, pk):
    cohort = workspace.get_cohort(request.user, pk, staff=True)
    services.ensure_reports(workspace.cohort_partnerships(cohort))
    schedule = selectors.schedule_of(cohort)
    form = ScheduleForm(
        initial={
            "midterm_due_on": schedule.midterm_due_on if schedule else None,
            "final_due_on": schedule.final_due_on if schedule else None,
        }
    )
    return _cohort_page(request, cohort, form)


def _cohort_page(request, cohort, form, status=200):
    overview = selectors.cohort_overview(cohort)
    defaults = services.default_due_dates(cohort.starts_on, cohort.ends_on)
    return render(
        request,
        "reports/cohort.html",
        {
            "cohort": cohort,
            "counts": overview["counts"],
            "rows": overview["rows"],
            "today": overview["today"],
            "form": form,
            "defaults": defaults,
            "due": services.due_dates(cohort),
        },
        status=status,
    )


@login_required
@require_POST
def cohort_schedule(request, pk):
    cohort = workspace.get_cohort(request.user, pk, staff=True)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.set_schedule(cohort=cohort, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, _("The due dates are saved."))
            return redirect("reports:cohort", pk)
    return _cohort_page(request, cohort, form, status=400)


@login_required
@require_GET
def cohort_assessment(request, pk):
    cohort = workspace.get_cohort(request.user, pk, staff=True)
    results = selectors.cohort_results(cohort)
    return render(
        request,
        "reports/cohort_assessment.html",
        {
            "cohort": cohort,
            "results": results,
            "svg": _svg(results, "cohort-chart"),
            "has_results": bool(results),
        },
    )
