"""Every change of a grant's state: expenses logged, edited, submitted, approved or
returned; instalments planned, their checklists ticked, their transfers; rates imported.

An expense is converted into the grant's currency once, when it is saved (money.convert),
with the rate the person entered or the one of the rates table on the day it was spent
(or the latest business day before). Whoever would take the spent total above the grant
is warned first (`OverGrant`) and goes on only by confirming it."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from exchange.core import events, text
from exchange.core.permissions import Refused, reload_for_update, require
from exchange.core.uploads import check_document
from exchange.partnerships.models import Partnership

from . import checklist, display, ecb, money, permissions, selectors
from .models import ExchangeRate, Expense, Instalment, InstalmentCheck, RateImport
from .workflows import EXPENSE, INSTALMENT

E = Expense.Status
RECEIPT_TYPES = ("pdf", "jpg", "png")
RECEIPT_MAX_BYTES = getattr(settings, "RECEIPT_MAX_BYTES", 5 * 1024 * 1024)


class OverGrant(Refused):
    """Saving or submitting this expense takes the spent total above the grant: refused
    until the person confirms it (`confirm_over_grant`)."""

    def __init__(self, *, grant, spent, adding, currency):
        self.grant, self.spent, self.adding, self.currency = grant, spent, adding, currency
        self.over_by = money.remaining(money.total([spent, adding]), grant)
        super().__init__(
            _(
                "With this expense, %(total)s %(currency)s of the grant of %(grant)s %(currency)s "
                "is spent: %(over)s %(currency)s more than the grant. Confirm that you want to "
                "go over the grant."
            )
            % {
                "total": display.number(money.total([spent, adding]), currency),
                "grant": display.number(grant, currency),
                "over": display.number(self.over_by, currency),
                "currency": currency,
            },
            "over_grant",
        )


# --- Receipts -----------------------------------------------------------------------------


def check_receipt(upload) -> str:
    """The receipt's type (pdf, jpg, png) by its name and its first bytes, within the size
    limit; ValidationError with a clear message otherwise."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in (*RECEIPT_TYPES, "jpeg"):
        raise ValidationError(
            _("Upload the receipt as a PDF, JPEG or PNG file."), code="receipt_type"
        )
    return check_document(upload, types=RECEIPT_TYPES, max_bytes=RECEIPT_MAX_BYTES)


# --- Converting ---------------------------------------------------------------------------


def conversion(
    *, partnership: Partnership, currency: str, amount, spent_on, rate_source: str, rate=None
) -> dict:
    """The rate, its source and day, and the converted amount of an expense; a
    ValidationError naming the field when it cannot be converted."""
    grant_currency = partnership.grant_currency
    try:
        currency = money.currency_code(currency)
    except money.MoneyError:
        raise ValidationError({"currency": _("Choose a currency.")}) from None
    amount = money.to_decimal(amount)
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be greater than zero.")})
    if not money.has_valid_places(amount, currency):
        raise ValidationError(
            {
                "amount": _("%(currency)s amounts have at most %(places)s decimal places.")
                % {"currency": currency, "places": money.minor_unit(currency)}
            }
        )
    if currency == grant_currency:
        found_rate, source, day = Decimal(1), Expense.RateSource.SAME, None
    elif rate_source == Expense.RateSource.ENTERED:
        if rate is None:
            raise ValidationError(
                {"rate": _("Enter the rate you used, or take it from the rates table.")}
            )
        found_rate = money.to_decimal(rate)
        if found_rate <= 0:
            raise ValidationError({"rate": _("The rate must be greater than zero.")})
        if found_rate != found_rate.quantize(money.RATE_QUANTUM):
            raise ValidationError(
                {
                    "rate": _("A rate has at most %(places)s decimal places.")
                    % {"places": money.RATE_PLACES}
                }
            )
        source, day = Expense.RateSource.ENTERED, None
    else:
        found = selectors.find_rate(currency, grant_currency, spent_on)
        if found is None:
            raise ValidationError(
                {
                    "rate_source": _(
                        "The rates table has no rate of %(currency)s for %(date)s or the days "
                        "before it. Enter the rate you used."
                    )
                    % {"currency": currency, "date": formats.date_format(spent_on)}
                }
            )
        found_rate, source, day = found.rate, Expense.RateSource.TABLE, found.day
    return {
        "currency": currency,
        "amount": amount,
        "rate": found_rate,
        "rate_source": source,
        "rate_date": day,
        "converted": money.convert(amount, found_rate, grant_currency),
    }


def _check_paid_by(partnership, paid_by):
    if paid_by is not None and not partnership.members.filter(organisation=paid_by).exists():
        raise ValidationError({"paid_by": _("Choose one of the partnership's organisations.")})


def _check_over_grant(partnership, expense_pk, converted, confirmed: bool) -> bool:
    """Whether the expense takes the spent total above the grant (raises OverGrant unless
    the person confirmed it)."""
    spent = selectors.spent_of(partnership, excluding=expense_pk)
    if not money.would_exceed(partnership.grant_amount, spent, converted):
        return False
    if not confirmed:
        raise OverGrant(
            grant=partnership.grant_amount,
            spent=spent,
            adding=converted,
            currency=partnership.grant_currency,
        )
    return True


def _store_receipt(expense, receipt) -> None:
    extension = check_receipt(receipt)
    expense.receipt_name = text.clean(receipt.name)[:200] or f"receipt.{extension}"
    receipt.name = f"{uuid.uuid4().hex}.{extension}"  # never the uploader's name on disk
    expense.receipt = receipt


def _fields(partnership, *, category, description, spent_on, paid_by, **rest) -> dict:
    if category not in Expense.Category.values:
        raise ValidationError({"category": _("Choose a category.")})
    description = text.clean(description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what the expense was for.")})
    today = timezone.localdate()
    if spent_on > today + datetime.timedelta(days=1):
        raise ValidationError({"spent_on": _("An expense cannot be in the future.")})
    _check_paid_by(partnership, paid_by)
    values = conversion(partnership=partnership, spent_on=spent_on, **rest)
    return {
        "category": category,
        "description": description[:300],
        "spent_on": spent_on,
        "paid_by": paid_by,
        **values,
    }


@transaction.atomic
def add_expense(
    *, partnership: Partnership, by, receipt=None, confirm_over_grant: bool = False, **fields
) -> Expense:
    """Log an expense (a draft) of the partnership. `fields`: category, description,
    spent_on, amount, currency, rate_source, rate (when entered), paid_by (None: paid
    directly by the programme)."""
    require(permissions.can_add_expense(by, partnership))
    values = _fields(partnership, **fields)
    confirmed = _check_over_grant(partnership, None, values["converted"], confirm_over_grant)
    expense = Expense(
        partnership=partnership, created_by=by, over_grant_confirmed=confirmed, **values
    )
    if receipt is not None:
        _store_receipt(expense, receipt)
    expense.save()
    return expense


@transaction.atomic
def edit_expense(
    *, expense: Expense, by, receipt=None, confirm_over_grant: bool = False, **fields
) -> Expense:
    partnership = expense.partnership
    reload_for_update(expense, partnership=partnership)
    require(permissions.can_edit_expense(by, expense))
    values = _fields(partnership, **fields)
    confirmed = _check_over_grant(partnership, expense.pk, values["converted"], confirm_over_grant)
    for name, value in values.items():
        setattr(expense, name, value)
    expense.over_grant_confirmed = confirmed
    old_receipt = expense.receipt.name if receipt is not None and expense.receipt else ""
    if receipt is not None:
        _store_receipt(expense, receipt)
    expense.save()
    if old_receipt:
        storage = Expense.receipt.field.storage
        transaction.on_commit(lambda: storage.delete(old_receipt))
    return expense


@transaction.atomic
def submit_expense(*, expense: Expense, by, confirm_over_grant: bool = False) -> Expense:
    """Send the expense to the programme's staff. It counts as spent from now on: the spent
    total is checked against the grant again (others may have submitted in between)."""
    partnership = expense.partnership
    reload_for_update(expense, partnership=partnership)
    require(EXPENSE.check(expense, E.SUBMITTED, by=by))
    if not expense.receipt and expense.paid_by_id is not None:
        raise Refused(_("Upload the receipt before you submit the expense."), "incomplete")
    confirmed = _check_over_grant(
        partnership,
        expense.pk,
        expense.converted,
        confirm_over_grant or expense.over_grant_confirmed,
    )
    expense.over_grant_confirmed = confirmed
    change = EXPENSE.transition(expense, E.SUBMITTED, by=by, locked=True)
    if confirmed:
        events.emit(
            "money.over_grant",
            key=f"money.over_grant:{change.record.pk}",
            target=expense,
            actor=by,
        )
    return expense


@transaction.atomic
def approve_expense(*, expense: Expense, by) -> Expense:
    reload_for_update(expense, partnership=expense.partnership)
    expense.return_reason = ""
    EXPENSE.transition(expense, E.APPROVED, by=by, locked=True)
    return expense


@transaction.atomic
def return_expense(*, expense: Expense, by, reason: str) -> Expense:
    """Send the expense back to the partnership, saying why (they correct and resubmit)."""
    reload_for_update(expense, partnership=expense.partnership)
    require(EXPENSE.check(expense, E.RETURNED, by=by))
    reason = text.clean(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the expense is returned.")})
    expense.return_reason = reason[:2000]
    EXPENSE.transition(expense, E.RETURNED, by=by, reason=expense.return_reason, locked=True)
    return expense


# --- Instalments --------------------------------------------------------------------------


def _make_checks(instalment: Instalment, organisations) -> None:
    InstalmentCheck.objects.bulk_create(
        [
            InstalmentCheck(
                instalment=instalment, key=item.key, organisation=item.organisation, position=i
            )
            for i, item in enumerate(checklist.items_for(organisations, number=instalment.number))
        ]
    )


@transaction.atomic
def plan_instalment(*, partnership: Partnership, by, amount, planned_on) -> Instalment:
    """A further instalment of the grant, with its checklist; all of them together are
    at most the grant."""
    require(permissions.can_plan_instalments(by, partnership))
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    amount = money.to_decimal(amount)
    if amount <= 0 or not money.has_valid_places(amount, partnership.grant_currency):
        raise ValidationError({"amount": _("The amount must be greater than zero.")})
    planned = money.total(partnership.instalments.values_list("amount", flat=True))
    if money.would_exceed(partnership.grant_amount, planned, amount):
        raise ValidationError(
            {
                "amount": _(
                    "The instalments would add up to more than the grant (%(grant)s %(currency)s)."
                )
                % {
                    "grant": display.number(partnership.grant_amount, partnership.grant_currency),
                    "currency": partnership.grant_currency,
                }
            }
        )
    number = (
        partnership.instalments.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    instalment = Instalment.objects.create(
        partnership=partnership, number=number, amount=amount, planned_on=planned_on
    )
    _make_checks(instalment, list(partnership.members_organisations()))
    return instalment


@transaction.atomic
def tick(*, check: InstalmentCheck, by, done: bool = True) -> InstalmentCheck:
    """Tick (or untick) a checklist item; the instalment becomes ready for transfer when
    its last item is ticked, and planned again when one is unticked."""
    instalment = check.instalment
    reload_for_update(instalment, partnership=instalment.partnership)
    check.instalment = instalment
    require(permissions.can_tick(by, check))
    if done == check.is_done:
        return check
    check.done_at = timezone.now() if done else None
    check.done_by = by if done else None
    check.save(update_fields=["done_at", "done_by"])
    I = Instalment.Status  # noqa: E741
    if done and instalment.status == I.PLANNED and INSTALMENT.check(instalment, I.READY, by=by):
        INSTALMENT.transition(instalment, I.READY, by=by, locked=True)
    elif not done and instalment.status == I.READY:
        INSTALMENT.transition(instalment, I.PLANNED, by=by, locked=True)
    return check


@transaction.atomic
def transfer_instalment(*, instalment: Instalment, by) -> Instalment:
    """Staff record that the programme has transferred the instalment."""
    INSTALMENT.transition(instalment, Instalment.Status.TRANSFERRED, by=by)
    return instalment


def default_instalments(*, partnership: Partnership, by=None) -> list[Instalment]:
    """The usual plan: 70 % at the start, the rest after the final report (the demo and a
    new partnership)."""
    if partnership.instalments.exists():
        return list(partnership.instalments.all())
    grant = partnership.grant_amount
    first = money.round_to(grant * Decimal("0.7"), partnership.grant_currency)
    starts = partnership.cohort.starts_on or timezone.localdate()
    ends = partnership.cohort.ends_on or starts + datetime.timedelta(days=183)
    organisations = list(partnership.members_organisations())
    made = []
    with transaction.atomic():
        for number, (amount, day) in enumerate(
            [(first, starts), (money.remaining(grant, first), ends)], start=1
        ):
            if amount <= 0:
                continue
            instalment = Instalment.objects.create(
                partnership=partnership, number=number, amount=amount, planned_on=day
            )
            _make_checks(instalment, organisations)
            made.append(instalment)
    return made


# --- Rates --------------------------------------------------------------------------------


@transaction.atomic
def import_rates(*, data: bytes, file_name: str, by) -> RateImport:
    """Import the ECB's reference-rates CSV (daily or the whole history); a day already in
    the table is replaced by the file's. `ecb.NotEcbFile` for a file of another shape."""
    require(permissions.can_import_rates(by))
    rates = ecb.parse(data)
    rows = [
        ExchangeRate(date=day, currency=code, rate=rate, source=ExchangeRate.Source.ECB)
        for day, code, rate in rates.rows()
    ]
    ExchangeRate.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["currency", "date"],
        update_fields=["rate", "source"],
    )
    return RateImport.objects.create(
        imported_by=by,
        file_name=text.clean(file_name or "")[:200],
        first_date=rates.first,
        last_date=rates.last,
        days=len(rates.days),
        rates=len(rows),
        currencies=",".join(sorted({code for _d, code, _r in rates.rows()}))[:400],
    )
