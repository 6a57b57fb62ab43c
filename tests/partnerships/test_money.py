"""The grant as the partnership and the staff use it: expenses in TRY and EUR converted with
the rates table (the day before when there is none that day), the warning before the grant
is exceeded (page and API), receipts checked, only staff approve or return, instalments
and their checklists, the ECB import page, history, notices, progress figures, demo."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.core.models import StatusChange
from exchange.core.permissions import Refused
from exchange.notifications.models import Notification
from exchange.organisations.models import Organisation
from exchange.partnerships import history, progress
from exchange.partnerships.money import demo, selectors, services
from exchange.partnerships.money.models import (
    ExchangeRate,
    Expense,
    Instalment,
    InstalmentCheck,
    RateImport,
)
from tests.api.helpers import call, client_for
from tests.organisations.factories import OrganisationFactory, add_member
from tests.partnerships.world import make_partnership

DATA = Path(__file__).parent / "money_data"
FRIDAY = datetime.date(2024, 6, 14)
SATURDAY = datetime.date(2024, 6, 15)
PDF = b"%PDF-1.4 receipt"


def receipt(name="receipt.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def partnership(call, organisation, partner, org_admin, partner_admin):
    p = make_partnership(call, organisation, partner)
    p.grant_amount, p.grant_currency = Decimal("3500.00"), "EUR"
    p.save()
    return p


@pytest.fixture
def staff(programme_staff, call):
    assert call.programme.staff.filter(pk=programme_staff.pk).exists()
    return programme_staff


@pytest.fixture
def rates(db):
    ExchangeRate.objects.bulk_create(
        [
            ExchangeRate(date=FRIDAY, currency="TRY", rate=Decimal("34.7793")),
            ExchangeRate(date=FRIDAY, currency="USD", rate=Decimal("1.0686")),
            ExchangeRate(
                date=FRIDAY - datetime.timedelta(days=1), currency="TRY", rate=Decimal("34.8915")
            ),
        ]
    )


def add(partnership, by, **overrides):
    values = {
        "category": "travel",
        "description": "Bus tickets",
        "spent_on": FRIDAY,
        "amount": Decimal("100.00"),
        "currency": "EUR",
        "rate_source": "table",
        "rate": None,
        "paid_by": partnership.members_organisations().first(),
        "receipt": receipt(),
    }
    values.update(overrides)
    return services.add_expense(partnership=partnership, by=by, **values)


def form_data(partnership, **overrides):
    data = {
        "category": "accommodation",
        "description": "Guest house, 4 nights",
        "spent_on": FRIDAY.isoformat(),
        "amount": "9850.00",
        "currency": "TRY",
        "rate_source": "table",
        "rate": "",
        "paid_by": str(partnership.members_organisations().first().pk),
    }
    data.update(overrides)
    return data


# --- Converting ------------------------------------------------------------------------


def test_an_expense_in_try_is_converted_once_with_the_days_rate(partnership, org_admin, rates):
    expense = add(partnership, org_admin, currency="TRY", amount=Decimal("9850.00"))
    expense.refresh_from_db()
    assert expense.rate == Decimal("0.028752735104")  # 1 / 34.7793
    assert expense.rate_date == FRIDAY
    assert expense.rate_source == "table"
    assert expense.converted == Decimal("283.21")  # 9850 × rate, rounded once
    assert isinstance(expense.converted, Decimal) and isinstance(expense.rate, Decimal)


def test_on_a_saturday_the_rate_of_the_friday_before_is_used(partnership, org_admin, rates):
    expense = add(partnership, org_admin, currency="TRY", spent_on=SATURDAY)
    assert expense.rate_date == FRIDAY


def test_without_a_rate_in_the_table_the_person_enters_it(partnership, org_admin):
    with pytest.raises(Exception) as refused:
        add(partnership, org_admin, currency="TRY")
    assert "rate_source" in refused.value.message_dict
    expense = add(
        partnership, org_admin, currency="TRY", rate_source="entered", rate=Decimal("0.0271")
    )
    assert expense.rate_source == "entered"
    assert expense.converted == Decimal("2.71")


def test_a_cross_rate_for_a_grant_in_try(partnership, org_admin, rates):
    partnership.grant_currency, partnership.grant_amount = "TRY", Decimal("120000.00")
    partnership.save()
    expense = add(partnership, org_admin, currency="USD", amount=Decimal("10.00"))
    assert expense.rate == Decimal("32.546603032004")  # TRY per EUR / USD per EUR
    assert expense.converted == Decimal("325.47")


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2),
        min_size=1,
        max_size=8,
    )
)
def test_stored_totals_equal_the_sum_of_the_stored_parts(partnership_factory, amounts):
    partnership, by = partnership_factory()
    Expense.objects.filter(partnership=partnership).delete()
    for i, amount in enumerate(amounts):
        add(
            partnership,
            by,
            category=["travel", "venue", "materials"][i % 3],
            currency="TRY",
            amount=amount,
            confirm_over_grant=True,
        )
    Expense.objects.filter(partnership=partnership).update(
        status="approved", submitted_at=datetime.datetime(2024, 6, 14, tzinfo=datetime.UTC)
    )
    summary = selectors.summary_of(partnership)
    stored = list(
        Expense.objects.filter(partnership=partnership).values_list("converted", flat=True)
    )
    assert all(isinstance(v, Decimal) for v in stored)
    assert summary.spent == sum(stored, Decimal(0))
    assert sum((line.amount for line in summary.categories), Decimal(0)) == summary.spent
    assert summary.remaining == partnership.grant_amount - summary.spent
    figures = selectors.figures([partnership.pk])[partnership.pk]
    assert figures["spent"] == summary.spent and isinstance(figures["spent"], Decimal)


@pytest.fixture
def partnership_factory(partnership, org_admin, rates):
    return lambda: (partnership, org_admin)


# --- The warning before the grant is exceeded -------------------------------------------


def test_the_form_warns_before_the_grant_is_exceeded_and_needs_a_confirmation(
    client, partnership, org_admin, rates
):
    services.submit_expense(
        expense=add(partnership, org_admin, amount=Decimal("3400.00")), by=org_admin
    )
    client.force_login(org_admin)
    url = reverse("money:expense-add", args=[partnership.pk])
    data = form_data(partnership, receipt=receipt())
    response = client.post(url, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "over the grant" in page and 'name="confirm_over_grant"' in page
    assert 'value="Guest house, 4 nights"' in page  # what was typed is kept
    assert Expense.objects.filter(partnership=partnership).count() == 1
    response = client.post(
        url, {**form_data(partnership), "confirm_over_grant": "on", "receipt": receipt()}
    )
    assert response.status_code == 302
    expense = Expense.objects.get(description="Guest house, 4 nights")
    assert expense.over_grant_confirmed and expense.converted == Decimal("283.21")


def test_submitting_over_the_grant_asks_again(client, partnership, org_admin, staff, rates):
    first = add(partnership, org_admin, amount=Decimal("3000.00"))
    second = add(partnership, org_admin, amount=Decimal("600.00"))
    services.submit_expense(expense=first, by=org_admin)
    # Saved when it still fitted; the other one was submitted since.
    client.force_login(org_admin)
    url = reverse("money:expense-submit", args=[partnership.pk, second.pk])
    response = client.post(url)
    assert response.status_code == 302 and "over=1" in response.url
    assert Expense.objects.get(pk=second.pk).status == "draft"
    page = client.get(response.url).content.decode()
    assert "over the grant" in page and 'name="confirm_over_grant"' in page
    client.post(url, {"confirm_over_grant": "on"})
    assert Expense.objects.get(pk=second.pk).status == "submitted"
    assert Notification.objects.filter(recipient=staff, event="money.over_grant").exists()
    figures = progress.figures_for([partnership.pk])[partnership.pk]
    assert figures["over_budget"] is True and "over_budget" in figures["risks"]
    assert figures["remaining"] == Decimal("-100.00")


def test_the_api_refuses_going_over_the_grant_unless_confirmed(partnership, org_admin, rates):
    services.submit_expense(
        expense=add(partnership, org_admin, amount=Decimal("3400.00")), by=org_admin
    )
    api = client_for(org_admin)
    url = reverse("api:money-expenses", args=[partnership.pk])
    body = {
        "category": "venue",
        "description": "Hall",
        "spent_on": FRIDAY.isoformat(),
        "amount": "150.00",
        "currency": "EUR",
        "paid_by": partnership.members_organisations().first().slug,
    }
    response = call(api, "post", url, body)
    assert response.status_code == 409
    problem = response.json()
    assert problem["code"] == "over_grant"
    assert problem["over_by"] == "50.00" and problem["grant"] == "3500.00"
    assert response["Content-Type"] == "application/problem+json"
    response = call(api, "post", url, {**body, "confirm_over_grant": True})
    assert response.status_code == 201
    assert response.json()["converted"] == "150.00"
    assert response.json()["over_grant_confirmed"] is True


def test_the_api_refuses_an_amount_as_a_float(partnership, org_admin):
    api = client_for(org_admin)
    response = call(
        api,
        "post",
        reverse("api:money-expenses", args=[partnership.pk]),
        {
            "category": "venue",
            "description": "Hall",
            "spent_on": FRIDAY.isoformat(),
            "amount": 12.5,
            "currency": "EUR",
        },
    )
    assert response.status_code == 422
    assert "amount" in response.json()["errors"]


def test_the_api_takes_a_receipt_as_multipart(partnership, org_admin, rates):
    api = client_for(org_admin)
    response = api.post(
        reverse("api:money-expenses", args=[partnership.pk]),
        {
            "category": "accommodation",
            "description": "Guest house",
            "spent_on": FRIDAY.isoformat(),
            "amount": "9850.00",
            "currency": "TRY",
            "paid_by": partnership.members_organisations().first().slug,
            "receipt": receipt("scan.png", b"\x89PNG\r\n\x1a\n..."),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (
        body["has_receipt"] and body["converted"] == "283.21" and body["rate_date"] == "2024-06-14"
    )
    response = api.post(
        reverse("api:money-expenses", args=[partnership.pk]),
        {"category": "venue", "description": "Hall", "spent_on": FRIDAY.isoformat(), "amount": "5.00",
         "currency": "EUR", "receipt": receipt("scan.png", b"GIF89a")},
    )  # fmt: skip
    assert (
        response.status_code == 422
        and "receipt" in response.json()["detail"].lower()
        or "PNG" in response.json()["detail"]
    )


# --- Receipts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("receipt.exe", b"MZ", "PDF, JPEG or PNG"),
        ("receipt.pdf", b"<html>", "not a real PDF"),
        ("photo.jpg", b"\x89PNG\r\n\x1a\n", "not a real JPG"),
        ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "too large"),
    ],
)
def test_a_receipt_is_checked(client, partnership, org_admin, name, content, says):
    client.force_login(org_admin)
    response = client.post(
        reverse("money:expense-add", args=[partnership.pk]),
        form_data(
            partnership, currency="EUR", amount="10.00", receipt=SimpleUploadedFile(name, content)
        ),
    )
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Expense.objects.exists()


def test_a_receipt_is_stored_under_a_random_name_and_downloaded_by_the_partnership(
    client, partnership, org_admin, outsider
):
    expense = add(partnership, org_admin, receipt=receipt("../../etc/passwd.pdf"))
    assert "passwd" not in expense.receipt.name and expense.receipt.name.startswith("receipts/")
    client.force_login(org_admin)
    response = client.get(reverse("money:expense-receipt", args=[partnership.pk, expense.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(outsider)
    assert (
        client.get(reverse("money:expense-receipt", args=[partnership.pk, expense.pk])).status_code
        == 404
    )


def test_a_receipt_is_needed_to_submit_unless_the_programme_paid(partnership, org_admin):
    expense = add(partnership, org_admin, receipt=None)
    with pytest.raises(Refused, match="receipt"):
        services.submit_expense(expense=expense, by=org_admin)
    direct = add(partnership, org_admin, receipt=None, paid_by=None)
    services.submit_expense(expense=direct, by=org_admin)
    assert direct.status == "submitted"


# --- Who approves --------------------------------------------------------------------------


def test_only_staff_approve_or_return_and_it_is_in_the_history(
    client, partnership, org_admin, partner_admin, staff
):
    expense = add(partnership, org_admin)
    services.submit_expense(expense=expense, by=org_admin)
    assert Notification.objects.filter(recipient=staff, event="money.expense_submitted").exists()
    for person in (org_admin, partner_admin):
        with pytest.raises(Refused):
            services.approve_expense(expense=expense, by=person)
    client.force_login(org_admin)
    url = reverse("money:expense-decide", args=[partnership.pk, expense.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403
    client.force_login(staff)
    client.post(url, {"decision": "return", "reason": ""})
    assert Expense.objects.get(pk=expense.pk).status == "submitted"  # a reason is needed
    client.post(url, {"decision": "return", "reason": "The receipt is unreadable."})
    expense.refresh_from_db()
    assert expense.status == "returned" and expense.return_reason == "The receipt is unreadable."
    notice = Notification.objects.get(recipient=org_admin, event="money.expense_returned")
    assert notice.link.endswith(f"/money/expenses/{expense.pk}/")
    # The partnership corrects it and submits it again; staff approve.
    services.edit_expense(
        expense=expense, by=org_admin, receipt=receipt(), **{
            "category": "travel", "description": "Bus tickets", "spent_on": FRIDAY,
            "amount": Decimal("100.00"), "currency": "EUR", "rate_source": "table", "rate": None,
            "paid_by": expense.paid_by,
        },
    )  # fmt: skip
    services.submit_expense(expense=expense, by=partner_admin)
    client.post(url, {"decision": "approve"})
    assert Expense.objects.get(pk=expense.pk).status == "approved"
    assert Notification.objects.filter(
        recipient=partner_admin, event="money.expense_approved"
    ).exists()
    lines = history.history_of(partnership)
    assert [(line.source, line.target) for line in lines if line.what == "expense"][:4] == [
        ("Submitted", "Approved"),
        ("Returned", "Submitted"),
        ("Submitted", "Returned"),
        ("Draft", "Submitted"),
    ]
    page = client.get(reverse("partnerships:history", args=[partnership.pk])).content.decode()
    assert "Bus tickets" in page


def test_staff_do_not_log_expenses_and_an_approved_one_is_not_changed(
    client, partnership, org_admin, staff
):
    with pytest.raises(Refused):
        add(partnership, staff)
    expense = add(partnership, org_admin)
    services.submit_expense(expense=expense, by=org_admin)
    services.approve_expense(expense=expense, by=staff)
    client.force_login(org_admin)
    response = client.post(
        reverse("money:expense", args=[partnership.pk, expense.pk]), form_data(partnership)
    )
    assert response.status_code == 403
    api = client_for(org_admin)
    response = call(
        api,
        "patch",
        reverse("api:money-expense", args=[partnership.pk, expense.pk]),
        {"amount": "1.00"},
    )
    assert response.status_code == 403 and response.json()["code"] == "state"


# --- Instalments and their checklists -------------------------------------------------------


def test_the_checklist_depends_on_the_organisations(partnership, organisation, partner):
    first, second = services.default_instalments(partnership=partnership)
    assert first.amount == Decimal("2450.00") and second.amount == Decimal("1050.00")
    keys = {(c.key, c.organisation_id) for c in first.checks.all()}
    assert keys == {
        ("agreement_signed", None),
        ("bank_account", organisation.pk),
        ("derbis_notified", organisation.pk),  # a Turkish association
        ("bank_account", partner.pk),
    }
    initiative = OrganisationFactory(
        name="Mahalle Girişimi", country="TR", city="Van", kind=Organisation.Kind.INITIATIVE
    )
    foundation = OrganisationFactory(
        name="Vakıf", country="TR", city="Van", kind=Organisation.Kind.FOUNDATION
    )
    from exchange.partnerships.money import checklist

    items = checklist.items_for([initiative, foundation], number=2)
    assert [(i.key, i.organisation) for i in items] == [
        ("paid_directly", initiative),
        ("bank_account", foundation),
        ("foundations_notified", foundation),
    ]
    assert "paid directly by the programme" in checklist.label("paid_directly", initiative)
    assert "DERBİS" in checklist.label("derbis_notified", organisation)


def test_an_instalment_is_ready_when_its_checklist_is_ticked_and_staff_transfer_it(
    client, partnership, organisation, org_admin, partner_admin, staff
):
    member = add_member(organisation)
    first, _second = services.default_instalments(partnership=partnership)
    checks = {
        (c.key, c.organisation_id): c
        for c in first.checks.select_related("instalment__partnership", "organisation")
    }
    derbis = checks[("derbis_notified", organisation.pk)]
    with pytest.raises(Refused):
        services.tick(check=derbis, by=member)  # a member, not an admin
    with pytest.raises(Refused):
        services.tick(check=derbis, by=partner_admin)  # the other organisation's admin
    with pytest.raises(Refused):
        services.transfer_instalment(instalment=first, by=staff)  # not complete yet
    client.force_login(org_admin)
    client.post(reverse("money:check-tick", args=[partnership.pk, derbis.pk]))
    derbis.refresh_from_db()
    assert derbis.done_by == org_admin and derbis.done_at
    for check in first.checks.exclude(pk=derbis.pk):
        services.tick(check=check, by=staff)
    first.refresh_from_db()
    assert first.status == "ready"
    # Unticking makes it planned again; ticking again, ready.
    services.tick(check=derbis, by=staff, done=False)
    assert Instalment.objects.get(pk=first.pk).status == "planned"
    services.tick(check=InstalmentCheck.objects.get(pk=derbis.pk), by=staff)
    assert Instalment.objects.get(pk=first.pk).status == "ready"
    page = client.get(reverse("money:grant", args=[partnership.pk])).content.decode()
    assert "DERBİS" in page and "Mark instalment 1 as transferred" not in page
    client.force_login(staff)
    assert (
        "Mark instalment 1 as transferred"
        in client.get(reverse("money:grant", args=[partnership.pk])).content.decode()
    )
    client.post(reverse("money:instalment-transfer", args=[partnership.pk, first.pk]))
    first.refresh_from_db()
    assert first.status == "transferred" and first.transferred_by == staff
    assert Notification.objects.filter(
        recipient=org_admin, event="money.instalment_transferred"
    ).exists()
    with pytest.raises(Refused):
        services.tick(check=InstalmentCheck.objects.get(pk=derbis.pk), by=staff, done=False)
    assert (
        StatusChange.objects.filter(workflow="money.instalment", to_status="transferred").count()
        == 1
    )


def test_instalments_add_up_to_at_most_the_grant(client, partnership, staff):
    client.force_login(staff)
    url = reverse("money:instalment-add", args=[partnership.pk])
    assert client.post(url, {"amount": "3000.00", "planned_on": "2024-07-01"}).status_code == 302
    response = client.post(url, {"amount": "600.00", "planned_on": "2024-12-01"})
    assert response.status_code == 400 and "more than the grant" in response.content.decode()
    assert client.post(url, {"amount": "500.00", "planned_on": "2024-12-01"}).status_code == 302
    assert list(partnership.instalments.values_list("number", "amount")) == [
        (1, Decimal("3000.00")),
        (2, Decimal("500.00")),
    ]


# --- Pages -------------------------------------------------------------------------------


def test_the_grant_page_shows_totals_per_category_and_a_figure_readable_without_colour(
    client, partnership, org_admin, staff, rates
):
    expense = add(
        partnership, org_admin, currency="TRY", amount=Decimal("9850.00"), category="accommodation"
    )
    services.submit_expense(expense=expense, by=org_admin)
    add(partnership, org_admin, amount=Decimal("50.00"))  # a draft: not spent
    client.force_login(org_admin)
    page = client.get(
        reverse("money:grant", args=[partnership.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "283.21\u00a0EUR" in page
    assert "Accommodation: 283.21\u00a0EUR (8%)" in page  # each bar says its amount and share
    assert "<svg" in page and 'role="img"' in page and "<title" in page
    assert "3,216.79\u00a0EUR" in page  # remaining
    client.cookies["django_language"] = "tr"
    page = client.get(
        reverse("money:grant", args=[partnership.pk]), HTTP_ACCEPT_LANGUAGE="tr"
    ).content.decode()
    assert "283,21\u00a0EUR" in page and "%8" in page


def test_the_expense_page_says_when_an_earlier_days_rate_is_used(
    client, partnership, org_admin, rates
):
    client.force_login(org_admin)
    response = client.post(
        reverse("money:expense-add", args=[partnership.pk]),
        form_data(partnership, spent_on=SATURDAY.isoformat(), receipt=receipt()),
        follow=True,
    )
    page = response.content.decode()
    assert "latest business day before" in page
    assert "1 TRY = 0.028752735104 EUR" in page


def test_a_bad_form_keeps_what_was_typed(client, partnership, org_admin):
    client.force_login(org_admin)
    response = client.post(
        reverse("money:expense-add", args=[partnership.pk]),
        form_data(partnership, amount="abc", description="Flip chart"),
    )
    assert response.status_code == 400
    assert 'value="Flip chart"' in response.content.decode()


def test_list_query_count_does_not_grow(
    client, partnership, org_admin, django_assert_max_num_queries
):
    client.force_login(org_admin)
    for i in range(3):
        add(
            partnership,
            org_admin,
            amount=Decimal("1.00"),
            paid_by=partnership.members_organisations()[i % 2],
        )
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("money:expenses", args=[partnership.pk]))
    for _i in range(20):
        add(partnership, org_admin, amount=Decimal("1.00"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("money:expenses", args=[partnership.pk]))


# --- Rates -------------------------------------------------------------------------------


def test_staff_of_any_programme_import_the_ecb_file(client, staff, org_admin):
    client.force_login(staff)
    url = reverse("money:rates")
    with (DATA / "eurofxref-hist.csv").open("rb") as file:
        response = client.post(url, {"file": file})
    assert response.status_code == 302
    assert ExchangeRate.objects.get(date=FRIDAY, currency="TRY").rate == Decimal("34.7793")
    done = RateImport.objects.get()
    assert (done.first_date, done.last_date, done.days) == (datetime.date(1999, 1, 4), FRIDAY, 4)
    # The daily file replaces the day with the same values, and adds nothing twice.
    with (DATA / "eurofxref.csv").open("rb") as file:
        client.post(url, {"file": file})
    assert ExchangeRate.objects.filter(date=FRIDAY, currency="TRY").count() == 1
    page = client.get(url).content.decode()
    assert "eurofxref.csv" in page and "June 14, 2024" in page
    client.force_login(org_admin)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "The submitted file is empty."),  # Django's own check
        (b"Currency,Rate\nTRY,34.7\n", "“Date” and then currency codes"),
        (b"PK\x03\x04rest", "ZIP archive"),
        (b"Date,USD,\n2024-06-14,abc,\n", "Line 2, USD"),
    ],
)
def test_a_file_of_another_shape_is_refused_on_the_page(client, staff, content, says):
    client.force_login(staff)
    response = client.post(
        reverse("money:rates"), {"file": SimpleUploadedFile("rates.csv", content)}
    )
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not ExchangeRate.objects.exists()


def test_the_api_looks_up_and_imports_rates(staff, org_admin, rates):
    api = client_for(org_admin)
    response = call(api, "get", reverse("api:money-rates") + f"?currency=TRY&date={SATURDAY}")
    assert response.status_code == 200
    assert response.json() == {
        "currency": "TRY", "to": "EUR", "date": "2024-06-15", "rate_date": "2024-06-14",
        "is_earlier_day": True, "rate": "0.028752735104",
    }  # fmt: skip
    response = call(api, "get", reverse("api:money-rates") + "?currency=TRY&date=2020-01-01")
    assert response.status_code == 404 and response.json()["code"] == "no_rate"
    staff_api = client_for(staff)
    response = call(
        staff_api, "post", reverse("api:money-rates"), {"csv": "Date,GBP,\n2024-06-17,0.845,\n"}
    )
    assert response.status_code == 201 and response.json()["currencies"] == ["GBP"]
    response = call(staff_api, "post", reverse("api:money-rates"), {"csv": "hello"})
    assert response.status_code == 422 and response.json()["code"] == "not_ecb_file"


# --- Demo ----------------------------------------------------------------------------------


def test_demo_stages(partnership, call, organisation, partner):
    partnership.cohort.starts_on = datetime.date(2024, 3, 1)
    partnership.cohort.ends_on = datetime.date(2024, 9, 1)
    partnership.cohort.save()
    demo.load_demo_money(partnership, stage="late")
    summary = selectors.summary_of(partnership)
    assert summary.is_over
    assert {e.currency for e in partnership.expenses.all()} == {"EUR", "TRY"}
    assert all(isinstance(e.converted, Decimal) for e in partnership.expenses.all())
    demo.load_demo_money(partnership, stage="late")  # again: nothing twice
    assert partnership.expenses.count() == 8
    other = make_partnership(
        call,
        OrganisationFactory(name="Ege Derneği", country="TR", city="İzmir"),
        OrganisationFactory(name="Wiener Verein", country="AT", city="Wien"),
        seed=91,
    )
    demo.load_demo_money(other, stage="finished")
    assert not selectors.summary_of(other).is_over
    assert set(other.instalments.values_list("status", flat=True)) == {"transferred"}
    assert demo.demo_rate("TRY", FRIDAY) == demo.demo_rate("TRY", FRIDAY)


def test_bulk_money(partnership):
    count = demo.bulk_money([partnership], seed=3)
    assert count == 24 == partnership.expenses.count()
    assert partnership.instalments.count() == 2
    figures = selectors.figures([partnership.pk])[partnership.pk]
    assert isinstance(figures["spent"], Decimal)


def test_an_amount_is_typed_as_people_write_it_in_turkish(client, partnership, org_admin, rates):
    org_admin.language = "tr"
    org_admin.save()
    client.force_login(org_admin)
    client.cookies["django_language"] = "tr"
    response = client.post(
        reverse("money:expense-add", args=[partnership.pk]),
        form_data(partnership, amount="9850,00", receipt=receipt()),
        HTTP_ACCEPT_LANGUAGE="tr",
    )
    assert response.status_code == 302
    assert Expense.objects.get().amount == Decimal("9850.00")


def test_a_selected_partnership_starts_with_the_usual_instalments_and_their_checklists(
    call, organisation, partner
):
    from exchange.applications.models import Application, Partner
    from exchange.partnerships import services as workspace
    from exchange.selection.demo import bulk_submitted

    (pk,) = bulk_submitted(call, 1, status="selected", seed=7)
    application = Application.objects.get(pk=pk)
    Partner.objects.filter(application=application, is_lead=True).update(organisation=organisation)
    Partner.objects.filter(application=application, is_lead=False).update(organisation=partner)
    partnership = workspace.create_partnership(application=application)
    instalments = list(partnership.instalments.order_by("number"))
    assert [i.amount for i in instalments] == [
        money_round(partnership.grant_amount * Decimal("0.7"), partnership.grant_currency),
        partnership.grant_amount
        - money_round(partnership.grant_amount * Decimal("0.7"), partnership.grant_currency),
    ]
    assert ("derbis_notified", organisation.pk) in {
        (c.key, c.organisation_id) for c in instalments[0].checks.all()
    }
    # Selected again (a place from the waiting list after a withdrawal): nothing doubles.
    workspace.create_partnership(application=application)
    assert partnership.instalments.count() == 2


def money_round(amount, currency):
    from exchange.partnerships.money import money

    return money.round_to(amount, currency)
