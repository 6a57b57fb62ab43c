"""Review and selection in the browser: a reviewer signs in with two factors, declares a
conflict and scores two applications; staff screen, rank, take the suggested cohort and
publish; an applicant reads the decision in Turkish. axe-core on the pages, 360 px wide."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from exchange.applications.models import Application
from exchange.calls import services as call_services
from exchange.calls.models import Call, Programme
from exchange.organisations.models import Membership
from exchange.selection import services
from exchange.selection.demo import bulk_reviewers, bulk_scores, bulk_submitted
from exchange.selection.models import Review
from tests.accounts.factories import PASSWORD, UserFactory

from .test_layout import overflowing

S = Application.Status


def code_for(secret):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_in_with_two_factors(page, base, user, secret):
    page.goto(base + reverse("account_login"))
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("input[name=code]").fill(code_for(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**{reverse('site:home')}")


@pytest.fixture
def world(transactional_db):
    programme = Programme.objects.create(name="Civil Society Exchange", slug="cse")
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        slug="spring-2027",
        cohort_en="Spring 2027",
        title_en="Spring round 2027",
        title_tr="2027 bahar dönemi",
        text_en="Apply.",
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=2),
        turkey_countries=["TR"],
        europe_countries=["DE", "FR", "IT", "NL", "AT"],
        partnerships_to_select=2,
    )
    call_services.add_default_form(call)
    call_services.add_default_rubric(call)
    bulk_submitted(call, 5, seed=3)
    services.refresh_standings(call=call)  # what each submission's event does
    bulk_reviewers(call, 2, seed=3)
    staff_secret, reviewer_secret = generate_totp_secret(), generate_totp_secret()
    staff = UserFactory(display_name="Selin", is_staff=True)
    TOTP.activate(staff, staff_secret)
    programme.staff.add(staff)
    reviewer = UserFactory(display_name="Elif", email="elif@review.example")
    TOTP.activate(reviewer, reviewer_secret)
    invited = services.invite_reviewer(
        programme=programme, call=call, by=staff, email=reviewer.email, name="Elif", country="TR"
    )
    services.accept_invitation(reviewer=invited, by=reviewer)
    # An applicant who reads Turkish: an admin of the first application's lead organisation.
    first = Application.objects.filter(call=call).order_by("pk").first()
    lead = first.partners.get(is_lead=True).organisation
    applicant = UserFactory(display_name="Deniz", language="tr")
    Membership.objects.create(organisation=lead, user=applicant, role="admin")
    assert Authenticator.objects.filter(user=reviewer).exists()
    return call, staff, staff_secret, reviewer, reviewer_secret, applicant, first


def test_review_and_select(live_server, browser, world, axe_clean):
    call, staff, staff_secret, reviewer, reviewer_secret, applicant, first = world
    base = live_server.url

    # Staff screen every application on a laptop.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in_with_two_factors(desk, base, staff, staff_secret)
    desk.goto(base + reverse("selection:screening", args=[call.slug]))
    axe_clean(desk)
    for _ in range(5):
        row = desk.locator("article.screening-row").filter(has_text="Submitted").first
        row.get_by_label("Eligible: goes to review").check()
        row.get_by_role("button", name="Save").click()
        expect(desk.get_by_text("screened.")).to_be_visible()
    assert Application.objects.filter(call=call, status=S.UNDER_REVIEW).count() == 5
    desk.goto(base + reverse("selection:assignment", args=[call.slug]))
    desk.get_by_role("button", name="Assign reviewers").click()
    expect(desk.get_by_text("Reviewers assigned.")).to_be_visible()
    axe_clean(desk)

    # The reviewer, on a phone, with two factors.
    phone = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    sign_in_with_two_factors(phone, base, reviewer, reviewer_secret)
    phone.goto(base + reverse("selection:my-reviews"))
    axe_clean(phone)
    assert overflowing(phone) <= 0
    mine = list(Review.objects.filter(reviewer__user=reviewer).order_by("pk"))
    assert len(mine) >= 3
    phone.goto(base + reverse("selection:review", args=[mine[0].pk]))
    phone.get_by_text("I have a conflict of interest with this application").click()
    phone.get_by_role("button", name="Declare it and hand the application back").click()
    expect(phone.get_by_text("The application goes to another reviewer")).to_be_visible()
    for review in mine[1:3]:
        phone.goto(base + reverse("selection:review", args=[review.pk]))
        assert overflowing(phone) <= 0
        axe_clean(phone)
        for criterion in call.criteria.all():
            phone.locator(f"input[name=score_{criterion.key}][value='4']").check()
        phone.get_by_role("button", name="Submit the review").click()
        expect(phone.get_by_text("Review submitted.")).to_be_visible()
        expect(phone.get_by_text("The other reviewers' scores")).to_be_visible()
    mine[0].refresh_from_db()
    assert mine[0].status == "released"

    # The other reviewers finish; staff rank, take the suggestion, decide the rest, publish.
    bulk_scores(call, seed=9)
    desk.goto(base + reverse("selection:ranking", args=[call.slug]))
    expect(desk.get_by_role("heading", name="Reviewers' strictness")).to_be_visible()
    axe_clean(desk)
    desk.goto(base + reverse("selection:cohort", args=[call.slug]))
    desk.get_by_label("Partnerships to select").fill("2")
    desk.get_by_role("button", name="Suggest a cohort").click()
    desk.get_by_role("button", name="Record these as selected").click()
    axe_clean(desk)
    for application in Application.objects.filter(call=call, status=S.UNDER_REVIEW, decision=None):
        desk.goto(base + reverse("selection:decide", args=[call.slug, application.pk]))
        desk.get_by_label("Decision").select_option("rejected")
        desk.get_by_label("Reason").fill("The plan of visits was thin.")
        desk.get_by_role("button", name="Record the decision").click()
    desk.get_by_role("button", name="Publish the decisions to every applicant").click()
    expect(desk.get_by_text("Decisions published: 2 selected")).to_be_visible()

    # The applicant reads the decision in Turkish.
    first.refresh_from_db()
    home = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    home.goto(base + reverse("account_login"))
    home.locator("#id_login").fill(applicant.email)
    home.locator("#id_password").fill(PASSWORD)
    home.locator("main form button[type=submit]").click()
    home.goto(base + reverse("notifications:list"))
    label = {"selected": "Seçildi", "rejected": "Seçilmedi", "waiting_list": "Yedek liste"}
    expect(home.locator("main")).to_contain_text(f"Başvurunuz: {label[first.status]}")
    axe_clean(home)
