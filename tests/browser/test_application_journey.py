"""Two partners in two browsers: start, invite, both write, both confirm, submit, PDF
received by e-mail; and a submission one second after the deadline is refused with a clear
message. axe-core on the pages."""

import datetime
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exchange.applications import services
from exchange.calls import services as call_services
from exchange.calls.models import Call, Programme
from tests.applications.conftest import COMPLETE, EACH, fill_in, people
from tests.organisations.factories import OrganisationFactory

from .test_partner_journey import sign_in


def make_call(slug, closes_in):
    programme, _ = Programme.objects.get_or_create(slug="cse", defaults={"name": "CSE"})
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        slug=slug,
        cohort_en="2027",
        title_en=f"Call {slug}",
        text_en="Apply.",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + closes_in,
        turkey_countries=["TR"],
        europe_countries=["DE"],
    )
    call_services.add_default_form(call)
    return call


@pytest.fixture
def partners(transactional_db):
    turkish = OrganisationFactory(name="Eskişehir Gönüllü Ağı", country="TR", city="Eskişehir")
    german = OrganisationFactory(name="Ehrenamt Leipzig e.V.", country="DE", city="Leipzig")
    return turkish, german


def test_start_invite_write_confirm_submit(live_server, browser, partners, axe_clean, mailoutbox):
    turkish, german = partners
    call = make_call("cohort-2027", datetime.timedelta(days=3))
    ayse, anna = turkish.memberships.get().user, german.memberships.get().user
    base = live_server.url

    tr = browser.new_context().new_page()
    sign_in(tr, base, ayse)
    tr.goto(base + call.get_absolute_url())
    tr.get_by_role("button", name="Apply").click()
    tr.get_by_role("button", name="Start").click()
    expect(tr.get_by_test_id("status")).to_have_text("Draft")
    axe_clean(tr)
    tr.get_by_role("link", name="Invite a partner organisation").click()
    tr.get_by_label("Or the address of its profile in the directory").fill(german.slug)
    tr.get_by_role("button", name="Send the invitation").click()
    expect(tr.locator("#messages")).to_contain_text("Invitation sent.")

    de = browser.new_context().new_page()
    sign_in(de, base, anna)
    de.get_by_role("link", name="Applications").click()
    de.get_by_role("link", name="See the application").click()
    de.get_by_role("button", name="Accept and join the application").click()
    expect(de.locator("#messages")).to_contain_text("Your organisation has joined the application.")

    # Ayşe writes the partnership's part (autosaved), Anna her organisation's part.
    application = turkish.application_partners.get().application
    services.save_answers(
        application=application,
        organisation=None,
        by=ayse,
        values={k: v for k, v in COMPLETE.items() if k != "common_issue"},
        versions={},
    )
    for org, user in ((turkish, ayse), (german, anna)):
        services.save_participants(
            application=application, organisation=org, by=user, rows=people(org)
        )
    services.save_answers(
        application=application, organisation=turkish, by=ayse, values=EACH, versions={}
    )
    tr.goto(base + application.get_absolute_url())
    tr.get_by_role("link", name="Write this part").first.click()
    tr.get_by_label("What is the common organisational issue").fill(
        "Gönüllüleri bir yıldan uzun tutmak."
    )
    expect(tr.locator("#id_common_issue-words")).to_have_text("5 of 300 words")
    expect(tr.locator("#save-status")).to_contain_text("Saved at", timeout=10000)
    axe_clean(tr)
    de.goto(base + application.get_absolute_url() + f"organisations/{german.pk}/edit/organisation/")
    de.get_by_label("Why does your organisation take part").fill("Wir wollen lernen.")
    de.get_by_label("What does your organisation bring").fill("Erfahrung mit Ehrenamtlichen.")
    de.get_by_label("What does your organisation want to learn").fill("Onboarding.")
    de.get_by_role("button", name="Save").click()
    expect(de.locator("#messages")).to_contain_text("Saved.")

    for page, org in ((tr, turkish), (de, german)):
        page.goto(base + application.get_absolute_url())
        page.get_by_role("button", name=f"Confirm this version for {org.name}").click()
        expect(page.locator("#messages")).to_contain_text("Confirmed")
    tr.reload()
    tr.get_by_role("button", name="Submit the application").click()
    expect(tr.get_by_test_id("status")).to_have_text("Submitted")
    axe_clean(tr)
    # The receipts link to the application, whose page offers the PDF; they attach nothing.
    receipts = [m for m in mailoutbox if "submitted" in m.subject.lower()]
    assert sorted(m.to[0] for m in receipts) == sorted([ayse.email, anna.email])
    assert not any(m.attachments for m in receipts) and "/applications/" in receipts[0].body


def test_one_second_late_is_refused(live_server, browser, partners, axe_clean):
    turkish, german = partners
    call = make_call("late", datetime.timedelta(seconds=6))
    ayse, anna = turkish.memberships.get().user, german.memberships.get().user
    application = services.start_application(call=call, organisation=turkish, by=ayse)
    invitation = services.invite_partner(application=application, by=ayse, organisation=german)
    services.accept_invitation(invitation=invitation, organisation=german, by=anna)
    fill_in(application, (turkish, ayse), (german, anna))
    for org, user in ((turkish, ayse), (german, anna)):
        services.confirm_application(application=application, organisation=org, by=user)
    tr = browser.new_context().new_page()
    sign_in(tr, live_server.url, ayse)
    tr.goto(live_server.url + application.get_absolute_url())  # opened in time
    wait = (call.closes_at - timezone.now()).total_seconds() + 1
    time.sleep(max(0, wait))
    tr.get_by_role("button", name="Submit the application").click()
    expect(tr.locator("#messages")).to_contain_text("The deadline has passed")
    expect(tr.get_by_test_id("status")).to_have_text("Draft")
    axe_clean(tr)


def test_staff_set_up_the_real_programmes_call(live_server, browser, transactional_db, axe_clean):
    """Turkey + EU countries, EUR 3,500, two participants each, deadline 23:59 CET: on the
    staff pages (the admin is for superusers), the zone chosen from the list."""
    from allauth.mfa.models import Authenticator
    from django.conf import settings as django_settings
    from django.test import Client

    from tests.accounts.factories import UserFactory

    staff = UserFactory(is_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    Programme.objects.create(name="Civil Society Exchange", slug="cse").staff.add(staff)
    session = Client()
    session.force_login(staff)  # signed in (with two factors set up) in another tab
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": session.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + "/staff/")
    page.get_by_role("button", name="New call of Civil Society Exchange").click()
    axe_clean(page)
    page.locator("#id_slug").fill("cse-2027")
    page.locator("#id_title_en").fill("Civil Society Exchange: call 2027")
    page.locator("#id_cohort_en").fill("Cohort 2027")
    page.locator("#id_cohort_tr").fill("2027 Dönemi")
    page.locator("#id_cohort_de").fill("Jahrgang 2027")
    page.locator("#id_text_en").fill("Apply together.")
    page.locator("#id_time_zone").select_option("Europe/Berlin")
    page.locator("#id_opens_local").fill("2027-09-01T09:00")
    page.locator("#id_closes_local").fill("2027-10-12T23:59")
    page.get_by_role("button", name="Create the call").click()
    expect(page.locator("#messages")).to_contain_text("The call has been created")
    expect(page.locator("nav.staff-tabs [aria-current=page]")).to_have_text("Overview")
    axe_clean(page)
    call = Call.objects.get(title_en="Civil Society Exchange: call 2027")
    assert call.slug == "cse-2027"
    assert call.closes_at == datetime.datetime(2027, 10, 12, 21, 59, tzinfo=datetime.UTC)
    assert call.turkey_countries == ["TR"] and "FR" in call.europe_countries
    assert "NO" not in call.europe_countries and len(call.europe_countries) == 27  # the EU
    assert (call.grant_amount, call.grant_currency, call.participants_per_organisation) == (
        3500,
        "EUR",
        2,
    )
    assert call.questions.filter(key="common_issue", required=True).exists()
