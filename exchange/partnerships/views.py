"""Pages of a partnership's workspace (goals, plan, history), of the cohort space, and the
staff's view of a cohort's progress. The workspace's other parts have their own apps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.core.permissions import require

from . import history, permissions, progress, selectors, services
from .forms import ActivityForm, PlanForm, ProgressFilterForm, UpdateForm
from .models import Activity
from .workflows import ACTIVITY


def errors_into(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def workspace_context(request, partnership, tab, **extra):
    """What every workspace page's template gets (base_workspace.html)."""
    return {
        "partnership": partnership,
        "tab": tab,
        "can_work": bool(permissions.can_work(request.user, partnership)),
        "is_staff_view": permissions.is_staff_of(request.user, partnership),
        **extra,
    }


@login_required
@require_GET
def mine(request):
    return render(
        request,
        "partnerships/mine.html",
        {"partnerships": selectors.partnerships_of(request.user)},
    )


@login_required
@require_GET
def workspace(request, pk):
    partnership = selectors.get_partnership(request.user, pk)
    activities = list(selectors.activities_of(partnership))
    moves = {a.pk: ACTIVITY.permitted(a, by=request.user) for a in activities}
    rows = [(a, [(to, ACTIVITY.label(to)) for to in moves[a.pk]]) for a in activities]
    return render(
        request,
        "partnerships/workspace.html",
        workspace_context(
            request,
            partnership,
            "plan",
            rows=rows,
            progress=selectors.plan_progress(partnership),
            can_close=bool(permissions.can_close(request.user, partnership))
            and partnership.status == partnership.Status.ACTIVE,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, pk):
    partnership = selectors.get_partnership(request.user, pk)
    require(permissions.can_work(request.user, partnership))
    form = PlanForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        services.save_plan(partnership=partnership, by=request.user, **form.cleaned_data)
        messages.success(request, _("The goals are saved."))
        return redirect("partnerships:workspace", partnership.pk)
    return render(
        request,
        "partnerships/plan.html",
        workspace_context(request, partnership, "plan", form=form),
    )


def _activity(request, pk, activity_pk):
    partnership = selectors.get_partnership(request.user, pk)
    activity = partnership.activities.filter(pk=activity_pk).first()
    if activity is None:
        raise Http404
    return partnership, activity


@login_required
@require_http_methods(["GET", "POST"])
def activity(request, pk, activity_pk=None):
    if activity_pk is None:
        partnership, instance = selectors.get_partnership(request.user, pk), None
    else:
        partnership, instance = _activity(request, pk, activity_pk)
    require(permissions.can_work(request.user, partnership))
    form = ActivityForm(request.POST or None, instance=instance, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                services.add_activity(partnership=partnership, by=request.user, **form.cleaned_data)
            else:
                services.edit_activity(activity=instance, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, _("The work plan is saved."))
            return redirect("partnerships:workspace", partnership.pk)
    return render(
        request,
        "partnerships/activity.html",
        workspace_context(request, partnership, "plan", form=form, activity=instance),
    )


@login_required
@require_POST
def activity_move(request, pk, activity_pk):
    partnership, activity = _activity(request, pk, activity_pk)
    require(permissions.can_change_activity(request.user, activity))
    to = request.POST.get("to", "")
    if to not in Activity.Status.values:
        messages.error(request, _("Choose what the activity's status becomes."))
    else:
        services.move_activity(activity=activity, to=to, by=request.user)
        messages.success(
            request,
            _("“%(title)s” is now %(status)s.")
            % {"title": activity.title, "status": ACTIVITY.label(to)},
        )
    return redirect("partnerships:workspace", partnership.pk)


@login_required
@require_POST
def activity_delete(request, pk, activity_pk):
    partnership, activity = _activity(request, pk, activity_pk)
    services.delete_activity(activity=activity, by=request.user)
    messages.success(request, _("The activity is deleted."))
    return redirect("partnerships:workspace", partnership.pk)


@login_required
@require_GET
def history_page(request, pk):
    partnership = selectors.get_partnership(request.user, pk)
    return render(
        request,
        "partnerships/history.html",
        workspace_context(request, partnership, "history", lines=history.history_of(partnership)),
    )


@login_required
@require_POST
def close(request, pk):
    partnership = selectors.get_partnership(request.user, pk)
    services.close_partnership(
        partnership=partnership, by=request.user, reason=request.POST.get("reason", "")[:2000]
    )
    messages.success(request, _("The partnership is marked as completed."))
    return redirect("partnerships:workspace", partnership.pk)


# --- The cohort space ---------------------------------------------------------------------


@login_required
@require_GET
def cohort(request, pk):
    cohort = selectors.get_cohort(request.user, pk)
    mine = [
        p for p in selectors.cohort_partnerships(cohort) if permissions.roles_in(request.user, p)
    ]
    return render(
        request,
        "partnerships/cohort.html",
        {
            "cohort": cohort,
            "partnerships": selectors.cohort_partnerships(cohort),
            "updates": selectors.cohort_updates(cohort),
            "mine": mine,
            "form": UpdateForm(),
            "is_staff": bool(permissions.can_run_cohort(request.user, cohort)),
        },
    )


@login_required
@require_POST
def share(request, pk):
    partnership = selectors.get_partnership(request.user, pk)
    require(permissions.can_work(request.user, partnership))
    form = UpdateForm(request.POST)
    if not form.is_valid():
        cohort = partnership.cohort
        return render(
            request,
            "partnerships/cohort.html",
            {
                "cohort": cohort,
                "partnerships": selectors.cohort_partnerships(cohort),
                "updates": selectors.cohort_updates(cohort),
                "mine": [partnership],
                "form": form,
                "is_staff": False,
            },
            status=400,
        )
    services.share_update(partnership=partnership, by=request.user, **form.cleaned_data)
    messages.success(request, _("Your update is shared with the cohort."))
    return redirect("partnerships:cohort", partnership.cohort_id)


def _update(request, pk):
    from .models import Update

    update = Update.objects.select_related("partnership__cohort__call__programme").filter(pk=pk)
    update = update.first()
    if update is None:
        raise Http404
    require(permissions.can_view(request.user, update.partnership))
    return update


@login_required
@require_POST
def agree(request, pk):
    update = _update(request, pk)
    services.agree_to_publish(update=update, by=request.user)
    messages.success(request, _("Staff may now put this story on the public site."))
    return redirect("partnerships:cohort", update.partnership.cohort_id)


@login_required
@require_POST
def publish(request, pk):
    update = _update(request, pk)
    services.publish_story(update=update, by=request.user, publish=request.POST.get("undo") != "1")
    messages.success(
        request,
        _("The story is on the public site.")
        if update.published_at
        else _("The story is no longer on the public site."),
    )
    return redirect("partnerships:cohort", update.partnership.cohort_id)


@require_GET
def stories(request):
    return render(
        request, "partnerships/stories.html", {"stories": selectors.published_stories(limit=30)}
    )


# --- Staff: every partnership's progress -----------------------------------------------------


@login_required
@require_GET
def staff_cohorts(request):
    cohorts = list(selectors.cohorts_run_by(request.user))
    if not cohorts and not request.user.is_superuser:
        require(permissions.can_run_any_programme(request.user))
    return render(request, "partnerships/staff_cohorts.html", {"cohorts": cohorts})


@login_required
@require_GET
def progress_page(request, pk):
    cohort = selectors.get_cohort(request.user, pk, staff=True)
    form = ProgressFilterForm(request.GET or None, countries=selectors.cohort_countries(cohort))
    filters = form.filters() if request.GET else {}
    rows = selectors.progress_rows(cohort, **filters)
    return render(
        request,
        "partnerships/progress.html",
        {
            "cohort": cohort,
            "rows": rows,
            "form": form,
            "risk_labels": progress.risk_labels(),
            "at_risk": sum(1 for r in rows if r.risks),
        },
    )
