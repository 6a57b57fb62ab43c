"""Pages of a partnership's visits, their travellers and invitation letters; the public
verification page of a letter; the staff's calendar of a cohort's visits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.core.permissions import require
from exchange.partnerships import permissions as base
from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.views import workspace_context

from . import pdf, permissions, selectors, services
from .forms import LetterForm, RevokeForm, TravellerForm, VisitForm
from .models import InvitationLetter, Visit
from .workflows import VISIT

TAB = "visits"


def _errors_into(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _visit(request, pk, visit_pk):
    partnership = partnership_selectors.get_partnership(request.user, pk)
    return partnership, selectors.get_visit(request.user, partnership, visit_pk)


def _page(request, partnership, template, status=200, **extra):
    return render(
        request, template, workspace_context(request, partnership, TAB, **extra), status=status
    )


@login_required
@require_GET
def visit_list(request, pk):
    partnership = partnership_selectors.get_partnership(request.user, pk)
    return _page(
        request,
        partnership,
        "visits/list.html",
        visits=list(selectors.visits_of(partnership)),
        can_plan=bool(permissions.can_plan(request.user, partnership)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_add(request, pk):
    partnership = partnership_selectors.get_partnership(request.user, pk)
    require(permissions.can_plan(request.user, partnership))
    mine = [
        o
        for o in partnership.members_organisations()
        if o.pk in base.roles_in(request.user, partnership)
    ]
    others = [o for o in partnership.members_organisations() if o not in mine]
    initial = {}
    if others:  # most often one visits the other side
        initial = {"host": others[0], "from_city": mine[0].city if mine else "",
                   "from_country": mine[0].country if mine else ""}  # fmt: skip
    form = VisitForm(request.POST or None, partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.plan_visit(
                partnership=partnership, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("The visit is planned. Now add who travels."))
            return redirect("visits:traveller-add", partnership.pk, visit.pk)
    return _page(
        request, partnership, "visits/visit_form.html", status=400 if form.errors else 200,
        form=form, visit=None,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request, pk, visit_pk):
    partnership, visit = _visit(request, pk, visit_pk)
    require(permissions.can_change(request.user, visit))
    form = VisitForm(request.POST or None, instance=visit, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_visit(visit=visit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("The visit is saved."))
            return redirect("visits:detail", partnership.pk, visit.pk)
    return _page(
        request, partnership, "visits/visit_form.html", status=400 if form.errors else 200,
        form=form, visit=visit,
    )  # fmt: skip


@login_required
@require_GET
@never_cache
def visit_detail(request, pk, visit_pk):
    partnership, visit = _visit(request, pk, visit_pk)
    user = request.user
    letters_allowed = bool(permissions.can_handle_letters(user, visit))
    letters = list(selectors.letters_of(visit)) if letters_allowed else []
    moves = [(to, VISIT.label(to)) for to in VISIT.permitted(visit, by=user)]
    return _page(
        request,
        partnership,
        "visits/detail.html",
        visit=visit,
        travellers=list(selectors.travellers_of(visit)),
        moves=moves,
        # The travelling side sees who is to confirm (they may only cancel).
        awaiting_host=visit.status == "planned" and "confirmed" not in dict(moves),
        can_change=bool(permissions.can_change(user, visit)),
        can_change_travellers=bool(permissions.can_change_travellers(user, visit)),
        letters_allowed=letters_allowed,
        can_issue=bool(permissions.can_issue_letter(user, visit)),
        letters=letters,
        languages=[(c, services.LANGUAGE_NAMES[c]) for c in services.letter_languages(visit.host)],
        revoke_form=RevokeForm(),
    )


@login_required
@require_POST
def visit_move(request, pk, visit_pk):
    partnership, visit = _visit(request, pk, visit_pk)
    require(base.can_work(request.user, partnership))
    to = request.POST.get("to", "")
    if to not in Visit.Status.values:
        messages.error(request, _("Choose what the visit's status becomes."))
    else:
        services.move_visit(
            visit=visit, to=to, by=request.user, reason=request.POST.get("reason", "")[:2000]
        )
        messages.success(request, _("The visit is now: %(status)s.") % {"status": VISIT.label(to)})
    return redirect("visits:detail", partnership.pk, visit.pk)


# --- Travellers -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def traveller(request, pk, visit_pk, traveller_pk=None):
    partnership, visit = _visit(request, pk, visit_pk)
    instance = None if traveller_pk is None else selectors.get_traveller(visit, traveller_pk)
    require(permissions.can_change_travellers(request.user, visit))
    initial = {}
    if instance is None:
        side = [
            m.organisation for m in partnership.members.all() if m.organisation_id != visit.host_id
        ]
        initial = {"organisation": side[0]} if side else {}
    form = TravellerForm(request.POST or None, instance=instance, visit=visit, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if instance is None:
                data.pop("forget_passport", None)
                services.add_traveller(visit=visit, by=request.user, **data)
            else:
                services.edit_traveller(traveller=instance, by=request.user, **data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("The traveller is saved."))
            if instance is None and "another" in request.POST:
                return redirect("visits:traveller-add", partnership.pk, visit.pk)
            return redirect("visits:detail", partnership.pk, visit.pk)
    return _page(
        request, partnership, "visits/traveller_form.html", status=400 if form.errors else 200,
        form=form, visit=visit, traveller=instance,
    )  # fmt: skip


@login_required
@require_POST
def traveller_delete(request, pk, visit_pk, traveller_pk):
    partnership, visit = _visit(request, pk, visit_pk)
    services.remove_traveller(
        traveller=selectors.get_traveller(visit, traveller_pk), by=request.user
    )
    messages.success(request, _("The traveller is removed from the visit."))
    return redirect("visits:detail", partnership.pk, visit.pk)


# --- Invitation letters -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def letter_add(request, pk, visit_pk):
    partnership, visit = _visit(request, pk, visit_pk)
    require(permissions.can_issue_letter(request.user, visit))
    travellers = list(selectors.travellers_of(visit))
    wanted = request.GET.get("traveller", "")
    first = next((t for t in travellers if str(t.pk) == wanted), None)
    initial = {"language": services.letter_languages(visit.host)[-1]}
    if first:
        initial.update(traveller=first.pk, costs_covered=first.costs_covered)
    form = LetterForm(request.POST or None, visit=visit, travellers=travellers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.issue_letter(visit=visit, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, _("Letter %(number)s is issued.") % {"number": letter.number})
            return redirect("visits:detail", partnership.pk, visit.pk)
    return _page(
        request, partnership, "visits/letter_form.html", status=400 if form.errors else 200,
        form=form, visit=visit, travellers=[t for t in travellers if t.needs_visa],
    )  # fmt: skip


def _letter(request, pk, visit_pk, letter_pk):
    partnership, visit = _visit(request, pk, visit_pk)
    return partnership, visit, selectors.get_letter(request.user, visit, letter_pk)


@login_required
@require_GET
@never_cache
def letter_pdf(request, pk, visit_pk, letter_pk):
    _partnership, _visit_, letter = _letter(request, pk, visit_pk, letter_pk)
    language = request.GET.get("language") or letter.language
    document = pdf.render(letter, language)
    if document is None:
        return HttpResponse(
            _("PDF export is not available on this server."), status=503, content_type="text/plain"
        )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.number}-{language}.pdf"'
    return response  # never_cache: a passport number stays off shared caches


@login_required
@require_POST
def letter_revoke(request, pk, visit_pk, letter_pk):
    partnership, visit, letter = _letter(request, pk, visit_pk, letter_pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the letter is revoked."))
    else:
        services.revoke_letter(letter=letter, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Letter %(number)s is revoked.") % {"number": letter.number})
    return redirect("visits:detail", partnership.pk, visit.pk)


@require_GET
def verify(request, token):
    """What the QR code opens: anyone (a consulate) sees the letter's number, dates, host
    and whether it is valid; nothing about the traveller."""
    letter = services.letter_from_token(token)
    if letter is None:
        raise Http404
    response = render(
        request,
        "visits/verify.html",
        {"letter": letter, "host": letter.visit.host, "is_valid": letter.is_valid},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Staff ------------------------------------------------------------------------------


@login_required
@require_GET
def cohort_calendar(request, pk):
    cohort = partnership_selectors.get_cohort(request.user, pk, staff=True)
    visits = list(selectors.cohort_visits(cohort))
    return render(
        request,
        "visits/cohort_calendar.html",
        {"cohort": cohort, "months": selectors.by_month(visits), "count": len(visits),
         "statuses": Visit.Status, "letter_status": InvitationLetter.Status},
    )  # fmt: skip
