"""Pages of the selection: the staff's screening, reviewers, assignment, ranking, cohort and
decisions of a call; the reviewers' invitations, reviews and conflicts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.applications.models import Application
from exchange.core.pagination import CappedPaginator
from exchange.core.permissions import Refused
from exchange.organisations.taxonomy import area_choices

from . import permissions, selectors, services
from .cohort import LABELS as RULE_LABELS
from .cohort import Rules
from .forms import (
    ApplicationConflictForm,
    ByHandForm,
    ConflictForm,
    DecisionForm,
    FilterForm,
    InviteReviewerForm,
    MessageForm,
    ReasonForm,
    ReviewForm,
    RulesForm,
    ScreenForm,
)
from .models import Decision, Reviewer, Suggestion

S = Application.Status
PAGE_SIZE = 25
SCREENING = (S.SUBMITTED, S.UNDER_REVIEW, S.INELIGIBLE)


def _errors_into(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _page(request, queryset):
    paginator = CappedPaginator(queryset, PAGE_SIZE, cap=5000)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _area_labels():
    return {key: str(label) for key, label in area_choices()}


def _rows(call, page):
    return selectors.rows_of(call, page, _area_labels())


# --- Staff ------------------------------------------------------------------------------------


@login_required
@require_GET
def screening(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    form = FilterForm(request.GET or None, call=call, statuses=SCREENING)
    filters = form.filters() if request.GET else {}
    if not filters.get("status"):
        standings = selectors.list_standings(call, filters=filters, order="screening").filter(
            status__in=SCREENING
        )
    else:
        standings = selectors.list_standings(call, filters=filters, order="screening")
    page, query = _page(request, standings)
    context = {
        "call": call,
        "tab": "screening",
        "form": form,
        "page": page,
        "rows": _rows(call, page),
        "query": query,
        "counts": selectors.count_by_status(call),
        "here": request.get_full_path(),
    }
    return render(request, "selection/screening.html", context)


@login_required
@require_POST
def screen(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    application = selectors.get_application_of_call(call, pk)
    form = ScreenForm(request.POST)
    back = request.POST.get("next") or reverse("selection:screening", args=[slug])
    if not form.is_valid():
        messages.error(request, _("Choose eligible or not eligible."))
        return redirect(back)
    try:
        services.screen(
            application=application,
            eligible=form.cleaned_data["eligible"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Application #%(pk)s screened.") % {"pk": pk})
    return redirect(back)


@login_required
@require_POST
def refresh(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    count = services.refresh_standings(call=call)
    messages.success(request, _("%(n)s applications brought up to date.") % {"n": count})
    return redirect("selection:screening", slug)


@login_required
@require_http_methods(["GET", "POST"])
def reviewers(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    form = InviteReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.invite_reviewer(
                programme=call.programme,
                call=call if data["scope"] == "call" else None,
                by=request.user,
                email=data["email"],
                name=data["name"],
                country=data["country"],
                expertise=data["expertise"],
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % data)
            return redirect("selection:reviewers", slug)
    loads = selectors.reviewer_loads(call)
    everyone = selectors.reviewers_of(call, active_only=False)
    habits = {h.reviewer_id: h for h in selectors.habits_of(call)}
    context = {
        "call": call,
        "tab": "reviewers",
        "form": form,
        "rows": [
            (r, loads.get(r.pk, {}), list(r.conflicts.all()), habits.get(r.pk)) for r in everyone
        ],
    }
    return render(request, "selection/reviewers.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def reviewer_remove(request, slug, reviewer_pk):
    call = selectors.get_call_for_staff(request.user, slug)
    reviewer = next(
        (r for r in selectors.reviewers_of(call, active_only=False) if r.pk == reviewer_pk), None
    )
    if reviewer is None:
        raise Http404
    services.remove_reviewer(reviewer=reviewer, by=request.user)
    messages.success(request, _("%(name)s no longer reviews.") % {"name": reviewer.name})
    return redirect("selection:reviewers", slug)


@login_required
@require_http_methods(["GET", "POST"])
def assignment(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    plan = None
    if request.method == "POST":
        plan = services.assign_reviewers(call=call, by=request.user)
        if plan.feasible:
            messages.success(request, _("Reviewers assigned."))
            return redirect("selection:assignment", slug)
    reviewers = selectors.reviewers_of(call)
    loads = selectors.reviewer_loads(call)
    names = {}
    if plan and plan.blockers:
        names = dict(
            selectors.list_standings(call)
            .filter(application_id__in=[b.application for b in plan.blockers])
            .values_list("application_id", "names")
        )
    page, query = _page(
        request,
        selectors.list_standings(call, order="submitted").filter(status=S.UNDER_REVIEW),
    )
    reviews = selectors.live_reviews_by_application([s.application_id for s in page])
    context = {
        "call": call,
        "tab": "assignment",
        "reviewers": [(r, loads.get(r.pk, {})) for r in reviewers],
        "blockers": [(b, names.get(b.application, "")) for b in plan.blockers] if plan else [],
        "page": page,
        "query": query,
        "rows": [(s, reviews.get(s.application_id, [])) for s in page],
        "by_hand": ByHandForm(reviewers=reviewers),
        "under_review": selectors.count_by_status(call).get(S.UNDER_REVIEW, 0),
    }
    return render(
        request, "selection/assignment.html", context, status=409 if plan and plan.blockers else 200
    )


@login_required
@require_POST
def assign_by_hand(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    application = selectors.get_application_of_call(call, pk)
    form = ByHandForm(request.POST, reviewers=selectors.reviewers_of(call))
    if not form.is_valid():
        messages.error(request, _("Choose a reviewer."))
    else:
        reviewer = Reviewer.objects.get(pk=form.cleaned_data["reviewer"])
        try:
            services.assign_by_hand(application=application, reviewer=reviewer, by=request.user)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(name)s assigned.") % {"name": reviewer.name})
    return redirect(request.POST.get("next") or reverse("selection:assignment", args=[slug]))


@login_required
@require_POST
def review_release(request, slug, review_pk):
    call = selectors.get_call_for_staff(request.user, slug)
    review = selectors.get_review_of_call(call, review_pk)
    services.release_review(review=review, by=request.user, reason=_("Taken back by the staff."))
    messages.success(request, _("The review was taken back."))
    return redirect(request.POST.get("next") or reverse("selection:assignment", args=[slug]))


@login_required
@require_POST
def review_reopen(request, slug, review_pk):
    call = selectors.get_call_for_staff(request.user, slug)
    review = selectors.get_review_of_call(call, review_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason to reopen the review."))
    else:
        try:
            services.reopen_review(
                review=review, by=request.user, reason=form.cleaned_data["reason"]
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The review is open again for its reviewer."))
    return redirect("selection:application", slug, review.application_id)


@login_required
@require_GET
def ranking(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    statuses = (S.UNDER_REVIEW, S.SELECTED, S.WAITING_LIST, S.REJECTED)
    form = FilterForm(request.GET or None, call=call, statuses=statuses)
    filters = form.filters() if request.GET else {}
    standings = selectors.list_standings(
        call, filters=filters, order=filters.get("order") or "rank"
    ).defer("checklist_problems")  # the screening page's, not the ranking's
    if not filters.get("status"):
        standings = standings.filter(status__in=statuses)
    page, query = _page(request, standings)
    habits, reviewer_count = selectors.extreme_habits(call)
    context = {
        "call": call,
        "tab": "ranking",
        "form": form,
        "page": page,
        "rows": _rows(call, page),
        "query": query,
        "habits": habits,
        "reviewer_count": reviewer_count,
    }
    template = "selection/partials/ranking_rows.html" if request.htmx else "selection/ranking.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def cohort(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    form = RulesForm(request.POST or None, initial={"size": call.partnerships_to_select})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        share = data["first_time"] / 100 if data["first_time"] else None
        services.suggest_cohort(
            call=call,
            by=request.user,
            rules=Rules(data["size"], data["per_country"], data["areas"], share),
        )
        return redirect("selection:cohort", slug)
    suggestion = selectors.latest_suggestion(call)
    chosen = []
    if suggestion and suggestion.chosen:
        by_id = {
            s.application_id: s
            for s in selectors.list_standings(call).filter(application_id__in=suggestion.chosen)
        }
        labels = _area_labels()
        chosen = [
            (by_id[a], labels.get(by_id[a].area, "")) for a in suggestion.chosen if a in by_id
        ]
    context = {
        "call": call,
        "tab": "cohort",
        "form": form,
        "suggestion": suggestion,
        "chosen": chosen,
        "costs": [
            (str(RULE_LABELS[k]), v) for k, v in (suggestion.costs if suggestion else {}).items()
        ],
    }
    return render(request, "selection/cohort.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def suggestion_take(request, slug, suggestion_pk):
    call = selectors.get_call_for_staff(request.user, slug)
    suggestion = Suggestion.objects.filter(call=call, pk=suggestion_pk).first()
    if suggestion is None:
        raise Http404
    try:
        count = services.take_suggestion(suggestion=suggestion, by=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
        return redirect("selection:cohort", slug)
    messages.success(
        request,
        _("%(n)s partnerships recorded as selected. Decide the others, then publish.")
        % {"n": count},
    )
    return redirect("selection:decisions", slug)


@login_required
@require_GET
def decisions(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    standings = selectors.list_standings(call).filter(
        status__in=(S.UNDER_REVIEW, S.SELECTED, S.WAITING_LIST, S.REJECTED)
    )
    page, query = _page(request, standings)
    decided = selectors.decisions_of(call)
    stored = selectors.decision_messages(call)
    defaults = services.DEFAULT_MESSAGES
    message_forms = []
    for outcome, label in Decision.Outcome.choices:
        message = stored.get(outcome)
        en, tr, de = defaults[outcome]
        initial = {
            "outcome": outcome,
            "text_en": message.text_en if message else en,
            "text_tr": message.text_tr if message else tr,
            "text_de": message.text_de if message else de,
        }
        message_forms.append((label, MessageForm(initial=initial, prefix=outcome)))
    counts = selectors.count_decisions(call)
    context = {
        "call": call,
        "tab": "decisions",
        "page": page,
        "query": query,
        "rows": [(s, decided.get(s.application_id)) for s in page],
        "decision_form": DecisionForm(),
        "message_forms": message_forms,
        "counts": counts,
        "undecided": selectors.count_undecided(call),
        "over": counts.get("selected", 0) > call.partnerships_to_select,
        "waiting": selectors.waiting_list(call),
        "place_free": selectors.free_places(call),
    }
    return render(request, "selection/decisions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    application = selectors.get_application_of_call(call, pk)
    existing = Decision.objects.filter(application=application).first()
    form = DecisionForm(
        request.POST or None,
        initial={"outcome": existing.outcome, "reason": existing.reason} if existing else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Decision recorded for #%(pk)s.") % {"pk": pk})
            return redirect(request.POST.get("next") or reverse("selection:decisions", args=[slug]))
    context = {"call": call, "tab": "decisions", "application": application, "form": form}
    return render(request, "selection/decide.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def messages_save(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    saved = 0
    for outcome in Decision.Outcome.values:
        form = MessageForm(request.POST, prefix=outcome)
        if form.is_valid():
            data = form.cleaned_data
            services.save_decision_message(
                call=call,
                outcome=outcome,
                by=request.user,
                text_en=data["text_en"],
                text_tr=data["text_tr"],
                text_de=data["text_de"],
            )
            saved += 1
    if saved:
        messages.success(request, _("The texts of the decisions were saved."))
    else:
        messages.error(request, _("The English text of each decision is needed."))
    return redirect("selection:decisions", slug)


@login_required
@require_POST
def publish(request, slug):
    call = selectors.get_call_for_staff(request.user, slug)
    try:
        counts = services.publish_decisions(call=call, by=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Decisions published: %(selected)s selected, %(waiting_list)s on the waiting list, %(rejected)s not selected."
            )
            % counts,
        )
    return redirect("selection:decisions", slug)


@login_required
@require_POST
def offer(request, slug, pk):
    call = selectors.get_call_for_staff(request.user, slug)
    application = selectors.get_application_of_call(call, pk)
    try:
        services.offer_place(application=application, by=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The place was offered to #%(pk)s.") % {"pk": pk})
    return redirect("selection:decisions", slug)


@login_required
@require_GET
def application(request, slug, pk):
    """One application as staff see it in the selection: checklist, reviews, audit trail."""
    call = selectors.get_call_for_staff(request.user, slug)
    application = selectors.get_application_of_call(call, pk)
    reviewers = selectors.reviewers_of(call)
    context = {
        "call": call,
        "tab": "ranking",
        "application": application,
        "standing": getattr(application, "standing", None),
        "reviews": selectors.reviews_of_application(application),
        "audit": selectors.audit_lines(application),
        "history": application.status_changes.select_related("by")[:100],
        "by_hand": ByHandForm(reviewers=reviewers),
        "screen_form": ScreenForm(),
        "reason_form": ReasonForm(),
    }
    return render(request, "selection/application.html", context)


# --- Reviewers ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    reviewer = services.reviewer_from_token(token)
    if reviewer is None:
        return render(request, "selection/invitation_invalid.html", status=410)
    if not request.user.is_authenticated:
        return redirect(f"{settings.LOGIN_URL}?next={request.path}")
    decision = permissions.can_accept_invitation(request.user, reviewer)
    if request.method == "POST" and decision:
        try:
            if request.POST.get("answer") == "decline":
                services.decline_invitation(reviewer=reviewer, by=request.user)
                messages.success(request, _("You declined the invitation."))
                return redirect("site:home")
            services.accept_invitation(reviewer=reviewer, by=request.user)
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Welcome: you review for %(programme)s.")
                % {"programme": reviewer.programme.name},
            )
            return redirect("selection:my-reviews")
    context = {
        "reviewer": reviewer,
        "decision": decision,
        "two_factor": bool(permissions.has_two_factors(request.user)),
    }
    return render(request, "selection/invitation.html", context, status=200 if decision else 403)


@login_required
@require_GET
def my_reviews(request):
    roles = selectors.roles_of(request.user)
    if not roles:
        raise Http404
    context = {
        "roles": roles,
        "reviews": list(selectors.list_reviews_of(request.user)),
        "two_factor": bool(permissions.has_two_factors(request.user)),
    }
    return render(request, "selection/my_reviews.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    review = selectors.get_review_for_user(request.user, pk)
    application = review.application
    call = application.call
    criteria = list(call.criteria.all())
    stored = {s.criterion_id: s for s in review.score_list}
    can_score = permissions.can_score(request.user, review)
    form = ReviewForm(
        request.POST or None,
        criteria=criteria,
        scores=stored,
        initial={"comment": review.comment},
    )
    if request.method == "POST":
        if not can_score:
            raise Refused.of(can_score)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                services.save_review(
                    review=review,
                    by=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    submit=submit,
                )
            except ValidationError as exc:
                for key, errors in exc.message_dict.items():
                    form.add_error(
                        f"score_{key}" if f"score_{key}" in form.fields else None, errors
                    )
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Review submitted.") if submit else _("Draft saved."))
                return redirect("selection:review", pk)
    partners, sections, participants = selectors.shown_application(
        application, blind=call.blind_review
    )
    see_others = permissions.can_see_other_scores(request.user, review)
    context = {
        "review": review,
        "application": application,
        "call": call,
        "form": form,
        "can_score": bool(can_score),
        "partners": partners,
        "sections": sections,
        "participants": participants,
        "blind": call.blind_review,
        "others": selectors.other_reviews(review) if see_others else None,
        "conflict_form": ApplicationConflictForm(),
    }
    return render(request, "selection/review.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def review_conflict(request, pk):
    review = selectors.get_review_for_user(request.user, pk, "declare")
    form = ApplicationConflictForm(request.POST)
    form.is_valid()
    services.declare_conflict(
        reviewer=review.reviewer,
        by=request.user,
        kind="application",
        application=review.application,
        reason=form.cleaned_data.get("reason", ""),
    )
    messages.success(
        request,
        _("Thank you. The application goes to another reviewer; you no longer see it."),
    )
    return redirect("selection:my-reviews")


@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request, reviewer_pk):
    reviewer = selectors.get_reviewer_for_user(request.user, reviewer_pk)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _conflict, released = services.declare_conflict(
                reviewer=reviewer,
                by=request.user,
                kind=data["kind"],
                organisation=data.get("organisation_obj"),
                country=data.get("country", ""),
                person_email=data.get("person_email", ""),
                reason=data.get("reason", ""),
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(
                request,
                _("Conflict recorded. %(n)s assigned applications went to other reviewers.")
                % {"n": len(released)},
            )
            return redirect("selection:conflicts", reviewer_pk)
    context = {
        "reviewer": reviewer,
        "form": form,
        "conflicts": selectors.conflicts_declared(reviewer),
    }
    return render(request, "selection/conflicts.html", context, status=400 if form.errors else 200)
