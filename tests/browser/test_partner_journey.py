"""An organisation from Turkey finds a recommended German partner, sends a contact
request, the partner accepts, both write in the conversation. axe-core on every page."""

import pytest
from playwright.sync_api import expect

from exchange.matching import services as matching
from tests.accounts.factories import PASSWORD
from tests.organisations.factories import OrganisationFactory


@pytest.fixture
def two_organisations(transactional_db):
    matching.reset_index()
    turkish = OrganisationFactory(
        name="Eskişehir Gönüllü Ağı",
        country="TR",
        city="Eskişehir",
        languages=["tr", "en"],
        needs=[("volunteer-management", "Gönüllülerimizi tutmakta zorlanıyoruz.")],
        offers=["advocacy"],
    )
    german = OrganisationFactory(
        name="Ehrenamt Leipzig e.V.",
        country="DE",
        city="Leipzig",
        languages=["de", "en"],
        needs=["volunteer-management"],
        offers=["individual-giving"],
        contact_email="kontakt@leipzig.example",
    )
    OrganisationFactory(
        name="Another Turkish Association", country="TR", city="Van", needs=["volunteer-management"]
    )
    yield turkish, german
    matching.reset_index()


def sign_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", name="My organisations")).to_be_visible()


def test_find_contact_accept_and_talk(live_server, browser, two_organisations, axe_clean):
    turkish, german = two_organisations
    ayse = turkish.memberships.get().user
    anna = german.memberships.get().user
    base = live_server.url

    tr = browser.new_context().new_page()
    sign_in(tr, base, ayse)
    tr.goto(base + turkish.get_absolute_url())
    tr.get_by_role("button", name="Recommended partners").click()
    results = tr.locator("#recommendations")
    expect(results).to_contain_text("Ehrenamt Leipzig e.V.")
    expect(results).to_contain_text("You both want to strengthen volunteer management")
    expect(results).not_to_contain_text("Another Turkish Association")
    axe_clean(tr)
    tr.get_by_role("button", name="Get in touch").first.click()
    axe_clean(tr)
    tr.get_by_label("Message").fill("Merhaba! Shall we work on volunteer management together?")
    tr.get_by_role("button", name="Send request").click()
    expect(tr.locator("#messages")).to_contain_text(
        "Your request was sent to Ehrenamt Leipzig e.V."
    )
    tr.goto(base + german.get_absolute_url())
    expect(tr.locator("main")).not_to_contain_text("kontakt@leipzig.example")

    de = browser.new_context().new_page()
    sign_in(de, base, anna)
    de.get_by_role("link", name="Contacts").click()
    expect(de.locator("main")).to_contain_text("Shall we work on volunteer management together?")
    axe_clean(de)
    de.get_by_role("button", name="Accept").click()
    de.get_by_label("Your message").fill("Gern! Here is our plan: https://example.org/plan")
    de.get_by_role("button", name="Send").click()
    expect(de.locator("#thread")).to_contain_text("Gern!")
    axe_clean(de)

    tr.get_by_role("link", name="Contacts").click()
    tr.get_by_role("link", name="Eskişehir Gönüllü Ağı · Ehrenamt Leipzig e.V.").or_(
        tr.get_by_role("link", name="Ehrenamt Leipzig e.V. · Eskişehir Gönüllü Ağı")
    ).click()
    expect(tr.locator("#thread a[href='https://example.org/plan']")).to_be_visible()
    tr.get_by_label("Your message").fill("Harika, Salı görüşelim!")
    tr.get_by_role("button", name="Send").click()
    expect(tr.locator("#thread")).to_contain_text("Harika, Salı görüşelim!")
    tr.goto(base + german.get_absolute_url())
    expect(tr.locator("main")).to_contain_text("kontakt@leipzig.example")
    axe_clean(tr)
