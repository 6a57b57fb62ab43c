"""Pages of a partnership's grant: the overview (instalments and their checklists, totals
per category, the balance), the expenses with their receipts, the staff's decisions, and the
staff's import of the ECB's reference rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange.core.permissions import require
from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.views import errors_into, workspace_context

from . import display, ecb, permissions, selectors, services
from .forms import ExpenseForm, InstalmentForm, RatesForm, ReturnForm
from .models import Expense
from .workflows import EXPENSE

E = Expense.Status


def _partnership(request, pk):
    return partnership_selectors.get_partnership(request.user, pk)


def _figure(summary) -> dict:
    """Bars for the budget figure: the whole spent first, then each category; a bar is at
    most the track's length (the grant), its label says when it is over."""
    track = 280
    lines = [(_("Spent in total"), summary.spent, summary.spent_percent, True)] + [
        (line.label, line.amount, line.percent, False) for line in summary.categories
    ]
    bars = []
    for i, (label, amount, share, is_total) in enumerate(lines):
        text = _("%(label)s: %(amount)s (%(percent)s)") % {
            "label": label,
            "amount": display.show(amount, summary.currency),
            "percent": display.percent(share),
        }
        if is_total and summary.is_over:
            text = _("%(text)s, over the grant") % {"text": text}
        bars.append(
            {
                "text": text,
                "y": i * 34 + 12,
                "track_y": i * 34 + 17,
                "width": min(track, track * min(share, 100) // 100),
                "total": is_total,
            }
        )
    return {"bars": bars, "height": len(bars) * 34 + 4}


def _grant_page(request, partnership, *, instalment_form=None, status=200):
    user = request.user
    instalments = selectors.instalments_of(partnership)
    rows = [
        (
            instalment,
            [(check, bool(permissions.can_tick(user, check))) for check in instalment.checks.all()],
        )
        for instalment in instalments
    ]
    can_plan = bool(permissions.can_plan_instalments(user, partnership))
    summary = selectors.summary_of(partnership)
    return render(
        request,
        "money/grant.html",
        workspace_context(
            request,
            partnership,
            "money",
            summary=summary,
            figure=_figure(summary),
            instalments=rows,
            can_transfer=bool(permissions.can_follow(user, partnership)),
            can_plan=can_plan,
            instalment_form=instalment_form or (InstalmentForm() if can_plan else None),
            recent=selectors.expenses_of(partnership)[:5],
        ),
        status=status,
    )


@login_required
@require_GET
def grant(request, pk):
    return _grant_page(request, _partnership(request, pk))


@login_required
@require_GET
def expenses(request, pk):
    partnership = _partnership(request, pk)
    status = request.GET.get("status", "")
    if status not in E.values:
        status = ""
    return render(
        request,
        "money/expenses.html",
        workspace_context(
            request,
            partnership,
            "money",
            expenses=selectors.expenses_of(partnership, status=status),
            status=status,
            statuses=E.choices,
            summary=selectors.summary_of(partnership),
        ),
    )


def _expense_form_page(request, partnership, form, expense=None, *, over=None, status=200):
    return render(
        request,
        "money/expense_form.html",
        workspace_context(
            request,
            partnership,
            "money",
            form=form,
            expense=expense,
            over=over,
            summary=selectors.summary_of(partnership, excluding=expense.pk if expense else None),
        ),
        status=status,
    )


def _save(request, partnership, expense=None):
    form = ExpenseForm(request.POST, request.FILES, partnership=partnership)
    if not form.is_valid():
        return _expense_form_page(request, partnership, form, expense, status=400)
    values = form.values()
    receipt = form.cleaned_data.get("receipt")
    confirm = form.cleaned_data.get("confirm_over_grant", False)
    try:
        if expense is None:
            expense = services.add_expense(
                partnership=partnership,
                by=request.user,
                receipt=receipt,
                confirm_over_grant=confirm,
                **values,
            )
        else:
            services.edit_expense(
                expense=expense,
                by=request.user,
                receipt=receipt,
                confirm_over_grant=confirm,
                **values,
            )
    except services.OverGrant as over:
        # The warning before the grant is exceeded: the form again, everything typed kept
        # (but the file, which a browser never sends twice), and a box to confirm.
        return _expense_form_page(request, partnership, form, expense, over=over, status=409)
    except ValidationError as exc:
        errors_into(form, exc)
        return _expense_form_page(request, partnership, form, expense, status=400)
    if expense.rate_source == Expense.RateSource.TABLE and expense.rate_date != expense.spent_on:
        messages.info(
            request,
            _(
                "The rates table has no rate for %(asked)s; the rate of %(used)s, the latest "
                "business day before it, is used."
            )
            % {
                "asked": formats.date_format(expense.spent_on),
                "used": formats.date_format(expense.rate_date),
            },
        )
    messages.success(request, _("The expense is saved as a draft. Submit it when it is complete."))
    return redirect("money:expense", partnership.pk, expense.pk)


@login_required
@require_http_methods(["GET", "POST"])
def expense_add(request, pk):
    partnership = _partnership(request, pk)
    require(permissions.can_add_expense(request.user, partnership))
    if request.method == "POST":
        return _save(request, partnership)
    return _expense_form_page(request, partnership, ExpenseForm(partnership=partnership))


@login_required
@require_http_methods(["GET", "POST"])
def expense(request, pk, expense_pk):
    partnership = _partnership(request, pk)
    found = selectors.get_expense(partnership, expense_pk)
    if request.method == "POST":
        require(permissions.can_edit_expense(request.user, found))
        return _save(request, partnership, found)
    if request.GET.get("edit") == "1" and permissions.can_edit_expense(request.user, found):
        form = ExpenseForm(initial=ExpenseForm.initial_of(found), partnership=partnership)
        return _expense_form_page(request, partnership, form, found)
    user = request.user
    return render(
        request,
        "money/expense.html",
        workspace_context(
            request,
            partnership,
            "money",
            expense=found,
            can_edit=bool(permissions.can_edit_expense(user, found)),
            can_submit=bool(EXPENSE.check(found, E.SUBMITTED, by=user)),
            can_decide=bool(EXPENSE.check(found, E.APPROVED, by=user)),
            return_form=ReturnForm(),
            over=request.GET.get("over") == "1",
        ),
    )


@login_required
@require_POST
def expense_submit(request, pk, expense_pk):
    partnership = _partnership(request, pk)
    found = selectors.get_expense(partnership, expense_pk)
    try:
        services.submit_expense(
            expense=found,
            by=request.user,
            confirm_over_grant=request.POST.get("confirm_over_grant") == "on",
        )
    except services.OverGrant as over:
        messages.error(request, over.message)
        return redirect(f"{_expense_url(partnership, found)}?over=1")
    messages.success(request, _("The expense is submitted to the programme's staff."))
    return redirect("money:expense", partnership.pk, found.pk)


def _expense_url(partnership, expense):
    return reverse("money:expense", args=[partnership.pk, expense.pk])


@login_required
@require_POST
def expense_decide(request, pk, expense_pk):
    partnership = _partnership(request, pk)
    found = selectors.get_expense(partnership, expense_pk)
    require(permissions.can_decide_expense(request.user, found))
    action = request.POST.get("decision", "")
    if action == "approve":
        services.approve_expense(expense=found, by=request.user)
        messages.success(request, _("The expense is approved."))
    elif action == "return":
        try:
            services.return_expense(
                expense=found, by=request.user, reason=request.POST.get("reason", "")
            )
        except ValidationError:
            messages.error(request, _("Say why the expense is returned."))
        else:
            messages.success(request, _("The expense is returned to the partnership."))
    else:
        messages.error(request, _("Choose whether to approve or return the expense."))
    return redirect("money:expense", partnership.pk, found.pk)


@login_required
@require_GET
def expense_receipt(request, pk, expense_pk):
    partnership = _partnership(request, pk)
    found = selectors.get_expense(partnership, expense_pk)
    if not found.receipt:
        raise Http404
    extension = found.receipt.name.rsplit(".", 1)[-1]
    response = FileResponse(
        found.receipt.open("rb"),
        as_attachment=True,
        filename=f"receipt-{found.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def instalment_add(request, pk):
    partnership = _partnership(request, pk)
    require(permissions.can_plan_instalments(request.user, partnership))
    form = InstalmentForm(request.POST)
    if form.is_valid():
        try:
            services.plan_instalment(partnership=partnership, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, _("The instalment is planned."))
            return redirect("money:grant", partnership.pk)
    return _grant_page(request, partnership, instalment_form=form, status=400)


@login_required
@require_POST
def check_tick(request, pk, check_pk):
    partnership = _partnership(request, pk)
    check = selectors.get_check(partnership, check_pk)
    require(permissions.can_tick(request.user, check))
    services.tick(check=check, by=request.user, done=request.POST.get("done", "1") != "0")
    messages.success(request, _("The checklist is saved."))
    return redirect("money:grant", partnership.pk)


@login_required
@require_POST
def instalment_transfer(request, pk, instalment_pk):
    partnership = _partnership(request, pk)
    instalment = selectors.get_instalment(partnership, instalment_pk)
    services.transfer_instalment(instalment=instalment, by=request.user)
    messages.success(request, _("The instalment is marked as transferred."))
    return redirect("money:grant", partnership.pk)


# --- Rates (staff of any programme) -------------------------------------------------------


def _rates_page(request, form, *, errors=(), status=200):
    return render(
        request,
        "money/rates.html",
        {
            "form": form,
            "errors": errors,
            "imports": selectors.latest_imports(),
            "span": selectors.rates_span(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rates(request):
    require(permissions.can_import_rates(request.user))
    if request.method == "GET":
        return _rates_page(request, RatesForm())
    form = RatesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _rates_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        ecb.check_size(upload.size)  # before reading it all
        done = services.import_rates(data=upload.read(), file_name=upload.name, by=request.user)
    except ecb.NotEcbFile as exc:
        return _rates_page(request, form, errors=exc.messages, status=400)
    messages.success(
        request,
        _("%(rates)s rates of %(days)s days imported (%(first)s – %(last)s).")
        % {
            "rates": done.rates,
            "days": done.days,
            "first": formats.date_format(done.first_date),
            "last": formats.date_format(done.last_date),
        },
    )
    return redirect("money:rates")
