"""Rows of the workspace's money (see tests/partnerships/authz.py).

build(ws): two instalments (the first with its checklist complete, ready for transfer; the
second open, with the Turkish association's DERBİS item to tick), a draft expense with its
receipt and a submitted one, and a day of rates."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exchange.organisations.models import Membership
from exchange.partnerships.money import services
from exchange.partnerships.money.models import ExchangeRate, Instalment, InstalmentCheck

from .expect import API_READ, WS_FORM, WS_READ, WS_STAFF_WRITE, WS_WRITE, everyone


def build(ws):
    partnership = ws.partnership
    admin = ws.organisation.memberships.get(role=Membership.Role.ADMIN).user
    today = timezone.localdate()
    organisations = list(partnership.members_organisations())
    made = []
    for number, amount in ((1, Decimal("2450.00")), (2, Decimal("700.00"))):
        instalment = Instalment.objects.create(
            partnership=partnership, number=number, amount=amount, planned_on=today
        )
        services._make_checks(instalment, organisations)
        made.append(instalment)
    InstalmentCheck.objects.filter(instalment=made[0]).update(done_at=timezone.now())
    Instalment.objects.filter(pk=made[0].pk).update(status=Instalment.Status.READY)
    ws.extra["instalment_id"] = made[0].pk
    ws.extra["check_id"] = InstalmentCheck.objects.get(
        instalment=made[1], key="derbis_notified", organisation=ws.organisation
    ).pk
    common = {
        "category": "travel",
        "spent_on": today,
        "currency": "EUR",
        "rate_source": "table",
        "rate": None,
        "paid_by": ws.organisation,
    }
    draft = services.add_expense(
        partnership=partnership,
        by=admin,
        description="Bus tickets",
        amount=Decimal("42.50"),
        receipt=SimpleUploadedFile("ticket.pdf", b"%PDF-1.4 ticket"),
        **common,
    )
    submitted = services.add_expense(
        partnership=partnership,
        by=admin,
        description="Train tickets",
        amount=Decimal("120.00"),
        receipt=SimpleUploadedFile("train.png", b"\x89PNG\r\n\x1a\n train"),
        **common,
    )
    services.submit_expense(expense=submitted, by=admin)
    ws.extra["expense_id"] = draft.pk
    ws.extra["submitted_expense_id"] = submitted.pk
    ExchangeRate.objects.create(date=today, currency="TRY", rate=Decimal("36.8981"))


def _ws(name, *parts):
    return lambda w: reverse(
        f"money:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


FORM_POST = {**WS_WRITE, "member": 400, "org_admin": 400}
ADMINS_AND_STAFF = {
    **everyone(404),
    "anonymous": 302,
    "member": 403,
    "org_admin": 302,
    "staff": 302,
}
ANY_STAFF = {**everyone(404), "anonymous": 302, "staff": 200, "other_staff": 200}

PAGES = {
    "money:grant": ("get", _ws("grant"), WS_READ),
    "money:expenses": ("get", _ws("expenses"), WS_READ),
    "money:expense-add": ("get", _ws("expense-add"), WS_FORM),
    # The tables' POST carries none of the form's fields: the form comes back with errors.
    "money:expense-add (saving)": ("post", _ws("expense-add"), FORM_POST),
    "money:expense": ("get", _ws("expense", "expense_id"), WS_READ),
    "money:expense (saving)": ("post", _ws("expense", "expense_id"), FORM_POST),
    "money:expense-submit": ("post", _ws("expense-submit", "expense_id"), WS_WRITE),
    # Without a decision in the POST, staff are sent back to the expense with a message.
    "money:expense-decide": ("post", _ws("expense-decide", "submitted_expense_id"), WS_STAFF_WRITE),
    "money:expense-receipt": ("get", _ws("expense-receipt", "expense_id"), WS_READ),
    "money:instalment-add": ("post", _ws("instalment-add"), {**WS_STAFF_WRITE, "staff": 400}),
    "money:instalment-transfer": (
        "post",
        _ws("instalment-transfer", "instalment_id"),
        WS_STAFF_WRITE,
    ),
    # The Turkish association's own item: its admins and staff tick it, its members may not.
    "money:check-tick": ("post", _ws("check-tick", "check_id"), ADMINS_AND_STAFF),
    "money:rates": ("get", lambda w: reverse("money:rates"), ANY_STAFF),
    "money:rates (importing)": (
        "post",
        lambda w: reverse("money:rates"),
        {**ANY_STAFF, "staff": 400, "other_staff": 400},
    ),
}


def _api(name, *parts):
    return lambda w: reverse(
        f"api:{name}",
        args=[w.workspace.partnership_id, *[getattr(w.workspace, p) for p in parts]],
    )


def _expense_body(w, me):
    return {
        "category": "materials",
        "description": "Flip chart paper",
        "spent_on": timezone.localdate().isoformat(),
        "amount": "35.00",
        "currency": "EUR",
        "paid_by": w.workspace.organisation.slug,
    }


API_WORK = {**everyone(404), "anonymous": 401, "member": 200, "org_admin": 200, "staff": 403}
API_STAFF_WRITE = {**everyone(404), "anonymous": 401, "member": 403, "org_admin": 403, "staff": 200}
SIGNED = {**everyone(200), "anonymous": 401}
API_ANY_STAFF = {**everyone(404), "anonymous": 401, "staff": 201, "other_staff": 201}


def _later(days=30):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


API = {
    "api:money-grant": ("get", _api("money-grant"), API_READ, None),
    "api:money-instalments": ("get", _api("money-instalments"), API_READ, None),
    "api:money-instalments (planning)": (
        "post",
        _api("money-instalments"),
        {**API_STAFF_WRITE, "staff": 201},
        lambda w, me: {"amount": "100.00", "planned_on": _later()},
    ),
    "api:money-instalment-transfer": (
        "post",
        _api("money-instalment-transfer", "instalment_id"),
        API_STAFF_WRITE,
        None,
    ),
    "api:money-check": (
        "post",
        _api("money-check", "check_id"),
        {**everyone(404), "anonymous": 401, "member": 403, "org_admin": 200, "staff": 200},
        lambda w, me: {"done": True},
    ),
    "api:money-expenses": ("get", _api("money-expenses"), API_READ, None),
    "api:money-expenses (logging)": (
        "post",
        _api("money-expenses"),
        {**API_WORK, "member": 201, "org_admin": 201},
        _expense_body,
    ),
    "api:money-expense": ("get", _api("money-expense", "expense_id"), API_READ, None),
    "api:money-expense (changing)": (
        "patch",
        _api("money-expense", "expense_id"),
        API_WORK,
        lambda w, me: {"description": "Bus tickets, two ways"},
    ),
    # The member submits it; after that it is no longer a draft for anyone (409).
    "api:money-expense-submit": (
        "post",
        _api("money-expense-submit", "expense_id"),
        {**API_WORK, "org_admin": 409, "staff": 409},
        lambda w, me: {},
    ),
    "api:money-expense-approve": (
        "post",
        _api("money-expense-approve", "submitted_expense_id"),
        API_STAFF_WRITE,
        None,
    ),
    "api:money-expense-return": (
        "post",
        _api("money-expense-return", "submitted_expense_id"),
        API_STAFF_WRITE,
        lambda w, me: {"reason": "The receipt cannot be read."},
    ),
    "api:money-rates": (
        "get",
        lambda w: reverse("api:money-rates") + f"?currency=TRY&to=EUR&date={timezone.localdate()}",
        SIGNED,
        None,
    ),
    "api:money-rates (importing)": (
        "post",
        lambda w: reverse("api:money-rates"),
        API_ANY_STAFF,
        lambda w, me: {"csv": "Date,USD,TRY,\n2024-06-14,1.0686,34.7793,\n"},
    ),
}
