"""The model library in the browser: the Turkish organisation drafts its partnership's model
on a phone in Turkish and adds a German version; both organisations approve it; staff
publish it; a visitor finds it by searching in Turkish without Turkish letters and in an
inflected form, reads its German version; another organisation adopts it and publishes its
adaptation; the family tree shows the link. axe-core on every page, nothing wider than
360 px on the phone."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from exchange.calls.models import Call, Programme
from exchange.library import services
from exchange.library.models import PracticeModel
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory, admin_of
from tests.partnerships.world import make_partnership

from .test_layout import overflowing
from .test_partner_journey import sign_in
from .test_workspace_journey import session_of

PHONE = {"width": 360, "height": 800}
LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture
def world(transactional_db):
    programme = Programme.objects.create(name="Civil Society Exchange", slug="cse")
    now = timezone.now()
    call = Call.objects.create(
        programme=programme, slug="cohort-2027", cohort_en="Cohort 2027",
        title_en="Civil Society Exchange 2027", text_en="Apply.",
        opens_at=now - datetime.timedelta(days=200), closes_at=now - datetime.timedelta(days=180),
        turkey_countries=["TR"], europe_countries=["DE"],
    )  # fmt: skip
    turkish = OrganisationFactory(name="Eskişehir Gönüllü Ağı", country="TR", city="Eskişehir")
    german = OrganisationFactory(name="Ehrenamt Leipzig e.V.", country="DE", city="Leipzig")
    adopter = OrganisationFactory(name="Vrijwilligers Utrecht", country="NL", city="Utrecht")
    partnership = make_partnership(call, turkish, german)
    staff = UserFactory(is_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    programme.staff.add(staff)
    return {
        "partnership": partnership, "turkish": admin_of(turkish), "german": admin_of(german),
        "adopter": admin_of(adopter), "staff": staff,
    }  # fmt: skip


def checked(page, axe_clean, *, phone=True):
    axe_clean(page)
    if phone:
        assert overflowing(page) <= 0, page.url


def test_draft_approve_publish_find_read_adopt_and_the_family_tree(
    live_server, browser, world, axe_clean
):
    base = live_server.url
    p = world["partnership"]

    # 1. The Turkish admin starts the model on her phone and writes it in Turkish.
    tr = browser.new_context(viewport=PHONE).new_page()
    sign_in(tr, base, world["turkish"])
    tr.goto(base + reverse("library:partnership-model", args=[p.pk]))
    checked(tr, axe_clean)
    tr.get_by_label("Language you write it in").select_option("tr")
    tr.get_by_role("button", name="Start our model").click()
    tr.get_by_label("Title").fill("Gönüllülerimizi tutmanın yolu: yol arkadaşları")
    tr.get_by_label("Summary in two or three sentences").fill(
        "Her yeni gönüllüye deneyimli bir yol arkadaşı eşlik ediyor."
    )
    tr.get_by_label("The problem it answers").fill("Gönüllülerimiz birkaç ay içinde ayrılıyordu.")
    tr.get_by_label("The approach").fill("**Yol arkadaşı** ilk üç ay her hafta arıyor.")
    checked(tr, axe_clean)
    tr.get_by_role("button", name="Save").click()
    expect(tr.locator("#messages")).to_contain_text("Saved.")
    # A German version beside it.
    tr.get_by_role("row", name="Deutsch").get_by_role("link", name="Translate").click()
    tr.get_by_label("Title").fill("Patensystem für neue Ehrenamtliche")
    tr.get_by_label("Summary in two or three sentences").fill(
        "Jede neue Ehrenamtliche bekommt eine Patin."
    )
    tr.get_by_label("The problem it answers").fill("Ehrenamtliche gingen nach wenigen Monaten.")
    tr.get_by_label("The approach").fill("Die Patin ruft drei Monate lang jede Woche an.")
    tr.get_by_role("button", name="Save").click()
    tr.get_by_role("link", name="Capacity areas, countries and licence").click()
    tr.get_by_label("Volunteer management").check()
    checked(tr, axe_clean)
    tr.get_by_role("button", name="Save").click()
    tr.get_by_role("button", name="Approve for my organisation").click()
    expect(tr.locator("#messages")).to_contain_text("The other organisations approve next.")
    checked(tr, axe_clean)
    model = PracticeModel.objects.get(partnership=p)

    # 2. The German admin approves on a laptop and sends it to review.
    de = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(de, base, world["german"])
    de.goto(base + reverse("library:edit", args=[model.slug]))
    de.get_by_role("button", name="Approve for my organisation").click()
    expect(de.locator("#messages")).to_contain_text("Every author organisation approved")
    de.get_by_role("button", name="Send to review").click()
    expect(de.locator("#messages")).to_contain_text("Sent to the programme's staff for review.")

    # 3. Staff publish it from the review queue.
    staff_context = browser.new_context(viewport=LAPTOP)
    name, value = session_of(world["staff"])  # staff's two factors are set up
    staff_context.add_cookies([{"name": name, "value": value, "url": base}])
    st = staff_context.new_page()
    st.goto(base + reverse("library:review-queue"))
    checked(st, axe_clean, phone=False)
    st.get_by_role("link", name="Gönüllülerimizi tutmanın yolu: yol arkadaşları").click()
    st.get_by_label("Publish").check()
    checked(st, axe_clean, phone=False)
    st.get_by_role("button", name="Decide").click()
    expect(st.locator("#messages")).to_contain_text("Published in the library.")

    # 4. A visitor searches in Turkish without Turkish letters, and in an inflected form.
    visitor = browser.new_context(viewport=PHONE).new_page()
    for words in ("gonullulerin", "GÖNÜLLÜLERİMİZİN"):
        visitor.goto(base + reverse("library:index") + f"?q={words}")
        expect(
            visitor.get_by_role("link", name="Gönüllülerimizi tutmanın yolu: yol arkadaşları")
        ).to_be_visible()
    checked(visitor, axe_clean)
    visitor.get_by_role("link", name="Gönüllülerimizi tutmanın yolu: yol arkadaşları").click()
    expect(visitor.locator(".language-versions")).to_contain_text("not translated yet")
    checked(visitor, axe_clean)
    visitor.get_by_role("link", name="Deutsch").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Patensystem für neue Ehrenamtliche"
    )
    checked(visitor, axe_clean)

    # 5. Another organisation adopts it and publishes its adaptation.
    nl = browser.new_context(viewport=PHONE).new_page()
    sign_in(nl, base, world["adopter"])
    nl.goto(base + reverse("library:detail", args=[model.slug]))
    nl.get_by_role("button", name="We are adopting this model").click()
    nl.get_by_label("How you adapt it").fill(
        "For our sports clubs in Utrecht, with two buddies each."
    )
    checked(nl, axe_clean)
    nl.get_by_role("button", name="Adopt").click()
    expect(nl.locator("#messages")).to_contain_text("Your adoption is on the model's page.")
    nl.get_by_role("button", name="Start a new model from this one").click()
    expect(nl.locator("#messages")).to_contain_text("names its origin")
    nl.get_by_label("Title").fill("Buddies for sports clubs")
    nl.get_by_role("button", name="Save").click()
    child = PracticeModel.objects.get(origin=model)
    services.approve(model=child, by=world["adopter"])
    services.submit_for_review(model=child, by=world["adopter"])
    services.publish(model=child, by=world["staff"])

    # 6. The family tree shows the link, drawn and as a list.
    visitor.goto(base + reverse("library:tree", args=[child.slug]))
    expect(visitor.locator("svg circle")).to_have_count(2)
    expect(visitor.locator(".tree-list")).to_contain_text("Buddies for sports clubs")
    expect(visitor.locator(".tree-list")).to_contain_text("generation 2")
    checked(visitor, axe_clean)
    # (A visitor's browser keeps the public page two minutes; a new visitor reads it fresh.)
    later = browser.new_context(viewport=PHONE).new_page()
    later.goto(base + reverse("library:detail", args=[model.slug]))
    expect(later.locator("#adoptions")).to_contain_text("Vrijwilligers Utrecht")


def test_without_javascript_on_a_phone_and_printed_on_a4(live_server, browser, world):
    """A visitor with JavaScript off searches, reads the German version and the family
    tree; the model's page printed on A4 shows the model, not the site's menus."""
    from tests.library.world import published_model, text

    turkish = world["turkish"].memberships.get().organisation
    model = published_model(
        turkish, world["staff"],
        {"tr": text("Gönüllülerimizi tutmanın yolu"), "de": text("Patensystem für Ehrenamtliche")},
    )  # fmt: skip
    base = live_server.url
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(base + reverse("library:index"))
    page.get_by_label("Search").fill("gönüllülerimizin")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Gönüllülerimizi tutmanın yolu").click()
    page.get_by_role("link", name="Deutsch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Patensystem für Ehrenamtliche")
    # (axe-core cannot run where JavaScript is off; the journey above checks these pages.)
    assert overflowing(page) <= 0
    page.get_by_role("link", name="See its family tree").click()
    expect(page.locator(".tree-list")).to_contain_text("generation 1")
    assert overflowing(page) <= 0

    a4 = browser.new_context(viewport={"width": 794, "height": 1123}).new_page()
    a4.emulate_media(media="print")
    a4.goto(base + reverse("library:detail", args=[model.slug]))
    expect(a4.locator(".site-header")).to_be_hidden()
    expect(a4.locator(".model-actions")).to_be_hidden()
    expect(a4.get_by_role("heading", level=1)).to_be_visible()
    assert overflowing(a4) <= 0
