"""A partnership's grant: the summary, instalments and their checklists, expenses (a
receipt as multipart/form-data), the staff's decisions, and the reference rates (lookup;
import by staff). The same services, selectors and rules as the pages.

Amounts and rates are strings of digits ("1250.50"), as DRF gives Decimals; a JSON number
with a fraction is refused (422): it has already passed through a binary float in the
client's JSON encoder, and money never does. An expense that would take the spent total
above the grant is refused with a 409 problem (code "over_grant", with the figures) unless
the request says `"confirm_over_grant": true`."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from exchange.core.permissions import require
from exchange.organisations.models import Organisation
from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.money import ecb, money, permissions, selectors, services
from exchange.partnerships.money.models import Expense, Instalment

from .base import MemberEndpoint, valid
from .people import pk_or_404
from .problems import PROBLEM as PROBLEM_TYPE
from .problems import problem
from .schema import PROBLEM


class AmountField(serializers.DecimalField):
    """A Decimal from a string or an integer; never from a float."""

    def to_internal_value(self, data):
        if isinstance(data, float | bool):
            raise serializers.ValidationError(
                _('Send amounts and rates as strings, such as "1250.50", not as numbers.')
            )
        return super().to_internal_value(data)


def _partnership(request, pk):
    return partnership_selectors.get_partnership(request.user, pk_or_404(pk))


def _over_grant(over: services.OverGrant):
    return problem(
        409,
        "over_grant",
        over.message,
        grant=str(over.grant),
        spent=str(over.spent),
        adding=str(over.adding),
        over_by=str(over.over_by),
        currency=over.currency,
    )


OVER_GRANT = OpenApiResponse(
    PROBLEM,
    description="The expense would take the spent total above the grant (over_grant), or it "
    "cannot change from its present status (transition).",
)


# --- The grant ----------------------------------------------------------------------------


class GrantCategoryOut(serializers.Serializer):
    category = serializers.CharField(source="key")
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    percent_of_grant = serializers.IntegerField(source="percent")


class GrantSummaryOut(serializers.Serializer):
    grant = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField()
    approved = serializers.DecimalField(max_digits=14, decimal_places=2)
    submitted = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Awaiting the staff's approval."
    )
    spent = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Approved and awaiting approval."
    )
    remaining = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Negative when the grant is exceeded."
    )
    over_budget = serializers.BooleanField(source="is_over")
    categories = GrantCategoryOut(many=True)
    instalments_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    transferred = serializers.DecimalField(max_digits=14, decimal_places=2)


class Grant(MemberEndpoint):
    """The grant of a partnership, what is spent of it per category, and the balance."""

    @extend_schema(responses=GrantSummaryOut)
    def get(self, request, pk):
        partnership = _partnership(request, pk)
        return Response(GrantSummaryOut(selectors.summary_of(partnership)).data)


# --- Instalments --------------------------------------------------------------------------


class ChecklistItemOut(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    label = serializers.CharField()
    organisation = serializers.CharField(source="organisation.slug", allow_null=True)
    done = serializers.BooleanField(source="is_done")
    done_at = serializers.DateTimeField(allow_null=True)
    done_by = serializers.CharField(source="done_by.name", allow_null=True)


class InstalmentOut(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    planned_on = serializers.DateField()
    status = serializers.ChoiceField(choices=Instalment.Status.choices)
    transferred_at = serializers.DateTimeField(allow_null=True)
    checks = ChecklistItemOut(many=True, source="checks.all")


class InstalmentIn(serializers.Serializer):
    amount = AmountField(max_digits=12, decimal_places=2, min_value=0)
    planned_on = serializers.DateField()


def _instalment_out(partnership, pk):
    instalment = next(i for i in selectors.instalments_of(partnership) if i.pk == pk)
    return InstalmentOut(instalment).data


class Instalments(MemberEndpoint):
    """The grant's instalments with their checklists; staff plan a further one."""

    @extend_schema(responses=InstalmentOut(many=True))
    def get(self, request, pk):
        partnership = _partnership(request, pk)
        return Response(InstalmentOut(selectors.instalments_of(partnership), many=True).data)

    @extend_schema(request=InstalmentIn, responses={201: InstalmentOut})
    def post(self, request, pk):
        partnership = _partnership(request, pk)
        require(permissions.can_plan_instalments(request.user, partnership))
        data = valid(InstalmentIn, request.data)
        instalment = services.plan_instalment(partnership=partnership, by=request.user, **data)
        return Response(_instalment_out(partnership, instalment.pk), status=201)


class Transfer(MemberEndpoint):
    """Staff record that an instalment (its checklist complete) has been transferred."""

    @extend_schema(request=None, responses=InstalmentOut)
    def post(self, request, pk, instalment_pk):
        partnership = _partnership(request, pk)
        instalment = selectors.get_instalment(partnership, pk_or_404(instalment_pk))
        services.transfer_instalment(instalment=instalment, by=request.user)
        return Response(_instalment_out(partnership, instalment.pk))


class TickIn(serializers.Serializer):
    done = serializers.BooleanField(default=True)


class Tick(MemberEndpoint):
    """Tick (or untick, `done: false`) a checklist item before a transfer."""

    @extend_schema(request=TickIn, responses=ChecklistItemOut)
    def post(self, request, pk, check_pk):
        partnership = _partnership(request, pk)
        check = selectors.get_check(partnership, pk_or_404(check_pk))
        require(permissions.can_tick(request.user, check))
        data = valid(TickIn, request.data)
        services.tick(check=check, by=request.user, done=data["done"])
        check.refresh_from_db()
        return Response(ChecklistItemOut(check).data)


# --- Expenses -----------------------------------------------------------------------------


class ExpenseOut(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Expense.Status.choices)
    category = serializers.ChoiceField(choices=Expense.Category.choices)
    description = serializers.CharField()
    spent_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    currency = serializers.CharField()
    rate = serializers.DecimalField(
        max_digits=30,
        decimal_places=money.RATE_PLACES,
        help_text="1 unit of `currency` = `rate` units of the grant's currency.",
    )
    rate_source = serializers.ChoiceField(choices=Expense.RateSource.choices)
    rate_date = serializers.DateField(
        allow_null=True, help_text="The rates table's day (the latest business day on or before)."
    )
    converted = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="In the grant's currency, rounded once."
    )
    grant_currency = serializers.CharField(source="partnership.grant_currency")
    paid_by = serializers.CharField(
        source="paid_by.slug", allow_null=True, help_text="null: paid directly by the programme."
    )
    has_receipt = serializers.SerializerMethodField()
    over_grant_confirmed = serializers.BooleanField()
    return_reason = serializers.CharField(allow_blank=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)

    def get_has_receipt(self, expense) -> bool:
        return bool(expense.receipt)


class ExpenseIn(serializers.Serializer):
    category = serializers.ChoiceField(choices=Expense.Category.choices)
    description = serializers.CharField(max_length=300)
    spent_on = serializers.DateField()
    amount = AmountField(max_digits=14, decimal_places=2)
    currency = serializers.ChoiceField(choices=sorted(money.MINOR_UNITS))
    rate_source = serializers.ChoiceField(
        choices=[Expense.RateSource.TABLE, Expense.RateSource.ENTERED],
        default=Expense.RateSource.TABLE,
    )
    rate = AmountField(
        max_digits=30, decimal_places=money.RATE_PLACES, required=False, allow_null=True
    )
    paid_by = serializers.SlugField(
        allow_null=True,
        required=False,
        help_text="The paying organisation's slug; null or absent: paid directly by the programme.",
    )
    receipt = serializers.FileField(required=False, help_text="PDF, JPEG or PNG (multipart).")
    confirm_over_grant = serializers.BooleanField(default=False)

    def validate_paid_by(self, value):
        if not value:
            return None
        organisation = Organisation.objects.filter(slug=value).first()
        if organisation is None:
            raise serializers.ValidationError(_("Choose one of the partnership's organisations."))
        return organisation


def _expense_out(expense):
    return ExpenseOut(expense).data


def _save(request, partnership, expense=None):
    partial = expense is not None
    if partial:
        base = {
            "category": expense.category,
            "description": expense.description,
            "spent_on": expense.spent_on.isoformat(),
            "amount": str(expense.amount),
            "currency": expense.currency,
            "rate_source": Expense.RateSource.ENTERED
            if expense.rate_source == Expense.RateSource.ENTERED
            else Expense.RateSource.TABLE,
            "rate": str(expense.rate)
            if expense.rate_source == Expense.RateSource.ENTERED
            else None,
            "paid_by": expense.paid_by.slug if expense.paid_by_id else None,
        }
        incoming = request.data
        data = {**base, **{k: incoming[k] for k in incoming}}
        if "rate_source" in incoming and incoming.get("rate_source") == Expense.RateSource.TABLE:
            data["rate"] = None
    else:
        data = request.data
    values = dict(valid(ExpenseIn, data))
    receipt = values.pop("receipt", None)
    confirm = values.pop("confirm_over_grant", False)
    values.setdefault("rate", None)
    values.setdefault("paid_by", None)
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
        return _over_grant(over)
    expense.partnership = partnership
    return Response(_expense_out(expense), status=200 if partial else 201)


PARSERS = [JSONParser, MultiPartParser, FormParser]


class Expenses(MemberEndpoint):
    """The partnership's expenses, newest first (`?status=`); log one as a draft (JSON, or
    multipart/form-data with the receipt)."""

    parser_classes = PARSERS

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=Expense.Status.values)],
        responses=ExpenseOut(many=True),
    )
    def get(self, request, pk):
        partnership = _partnership(request, pk)
        status = request.query_params.get("status", "")
        if status and status not in Expense.Status.values:
            return problem(400, "bad_query", _("status is not one of the statuses."))
        expenses = list(selectors.expenses_of(partnership, status=status))
        for expense in expenses:
            expense.partnership = partnership
        return Response(ExpenseOut(expenses, many=True).data)

    @extend_schema(request=ExpenseIn, responses={201: ExpenseOut, (409, PROBLEM_TYPE): OVER_GRANT})
    def post(self, request, pk):
        partnership = _partnership(request, pk)
        require(permissions.can_add_expense(request.user, partnership))
        return _save(request, partnership)


class ExpenseDetail(MemberEndpoint):
    """One expense; change a draft or a returned one (only the fields sent)."""

    parser_classes = PARSERS

    @extend_schema(responses=ExpenseOut)
    def get(self, request, pk, expense_pk):
        partnership = _partnership(request, pk)
        return Response(_expense_out(selectors.get_expense(partnership, pk_or_404(expense_pk))))

    @extend_schema(
        request=ExpenseIn(partial=True),
        responses={200: ExpenseOut, (409, PROBLEM_TYPE): OVER_GRANT},
    )
    def patch(self, request, pk, expense_pk):
        partnership = _partnership(request, pk)
        expense = selectors.get_expense(partnership, pk_or_404(expense_pk))
        require(permissions.can_edit_expense(request.user, expense))
        return _save(request, partnership, expense)


class ExpenseSubmitIn(serializers.Serializer):
    confirm_over_grant = serializers.BooleanField(default=False)


class Submit(MemberEndpoint):
    """Submit an expense to the programme's staff."""

    @extend_schema(
        request=ExpenseSubmitIn, responses={200: ExpenseOut, (409, PROBLEM_TYPE): OVER_GRANT}
    )
    def post(self, request, pk, expense_pk):
        partnership = _partnership(request, pk)
        expense = selectors.get_expense(partnership, pk_or_404(expense_pk))
        data = valid(ExpenseSubmitIn, request.data)
        try:
            services.submit_expense(expense=expense, by=request.user, **data)
        except services.OverGrant as over:
            return _over_grant(over)
        return Response(_expense_out(expense))


class Approve(MemberEndpoint):
    """Staff approve a submitted expense."""

    @extend_schema(request=None, responses=ExpenseOut)
    def post(self, request, pk, expense_pk):
        partnership = _partnership(request, pk)
        expense = selectors.get_expense(partnership, pk_or_404(expense_pk))
        services.approve_expense(expense=expense, by=request.user)
        return Response(_expense_out(expense))


class ExpenseReturnIn(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class Return(MemberEndpoint):
    """Staff return a submitted expense to the partnership, saying why."""

    @extend_schema(request=ExpenseReturnIn, responses=ExpenseOut)
    def post(self, request, pk, expense_pk):
        partnership = _partnership(request, pk)
        expense = selectors.get_expense(partnership, pk_or_404(expense_pk))
        require(permissions.can_decide_expense(request.user, expense))
        data = valid(ExpenseReturnIn, request.data)
        services.return_expense(expense=expense, by=request.user, reason=data["reason"])
        return Response(_expense_out(expense))


# --- Rates --------------------------------------------------------------------------------


class RateOut(serializers.Serializer):
    currency = serializers.CharField()
    to = serializers.CharField()
    date = serializers.DateField(help_text="The day asked for.")
    rate_date = serializers.DateField(
        allow_null=True, help_text="The table's day used: the latest business day on or before."
    )
    is_earlier_day = serializers.BooleanField()
    rate = serializers.DecimalField(
        max_digits=30, decimal_places=money.RATE_PLACES, help_text="1 `currency` = `rate` `to`."
    )


class RatesImportIn(serializers.Serializer):
    file = serializers.FileField(required=False, help_text="The ECB's CSV (multipart).")
    csv = serializers.CharField(
        required=False, trim_whitespace=False, help_text="Or the file's text (JSON)."
    )

    def validate(self, attrs):
        if not attrs.get("file") and not attrs.get("csv"):
            raise serializers.ValidationError(
                {"file": [_("Send the ECB's reference-rates CSV file.")]}
            )
        return attrs


class RatesImportOut(serializers.Serializer):
    first_date = serializers.DateField()
    last_date = serializers.DateField()
    days = serializers.IntegerField()
    rates = serializers.IntegerField()
    currencies = serializers.SerializerMethodField()

    def get_currencies(self, done) -> list[str]:
        return [c for c in done.currencies.split(",") if c]


class Rates(MemberEndpoint):
    """The rate of a currency into another on a day (from the ECB's reference rates, the
    latest business day on or before it); staff of any programme import the ECB's CSV."""

    parser_classes = PARSERS

    @extend_schema(
        parameters=[
            OpenApiParameter("currency", str, required=True, description="ISO 4217, e.g. TRY"),
            OpenApiParameter("to", str, description="ISO 4217 (default EUR)"),
            OpenApiParameter("date", datetime.date, description="Default: today"),
        ],
        responses=RateOut,
    )
    def get(self, request):
        q = request.query_params
        try:
            currency = money.currency_code(q.get("currency", ""))
            to = money.currency_code(q.get("to", "EUR") or "EUR")
        except money.MoneyError:
            return problem(400, "bad_query", _("currency and to are ISO 4217 codes, e.g. TRY."))
        try:
            day = datetime.date.fromisoformat(q["date"]) if q.get("date") else None
        except ValueError:
            return problem(400, "bad_query", _("date is a date such as 2024-06-14."))
        day = day or timezone.localdate()
        found = selectors.find_rate(currency, to, day)
        if found is None:
            return problem(
                404,
                "no_rate",
                _("The rates table has no such rate for that day or the days before."),
            )
        return Response(
            RateOut(
                {
                    "currency": currency,
                    "to": to,
                    "date": day,
                    "rate_date": found.day,
                    "is_earlier_day": found.is_earlier,
                    "rate": found.rate,
                }
            ).data
        )

    @extend_schema(request=RatesImportIn, responses={201: RatesImportOut})
    def post(self, request):
        require(permissions.can_import_rates(request.user))
        data = valid(RatesImportIn, request.data)
        upload = data.get("file")
        try:
            if upload is not None:
                ecb.check_size(upload.size)
                content, name = upload.read(), upload.name
            else:
                content, name = data["csv"].encode("utf-8"), "api.csv"
            done = services.import_rates(data=content, file_name=name, by=request.user)
        except ecb.NotEcbFile as exc:
            return problem(422, "not_ecb_file", " ".join(exc.messages), {"file": exc.messages})
        return Response(RatesImportOut(done).data, status=201)
