"""The partnership's six months in the browser: a member of the Turkish organisation plans a
visit to the German host on a phone and adds herself as a traveller who needs a visa; the
host's admin confirms it and issues the invitation letter; the letter's PDF carries the
address its QR code encodes, and that page, opened by anyone, names the letter and whether
it is valid but not the passport number. The member logs an expense in TRY converted with
the rates table, fills the self-assessment at the start (a chart with a text alternative
and a data table), and submits the mid-term report of the call's own report form. axe-core
on every main page, and nothing wider than the 360 px phone."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from exchange.calls import services as call_services
from exchange.calls.models import Call, FormPurpose, FormSection, Programme
from exchange.partnerships.money.models import ExchangeRate, Expense
from exchange.partnerships.reports.models import Assessment, Report
from exchange.partnerships.visits import pdf
from exchange.partnerships.visits.models import InvitationLetter, Visit
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory, add_member, admin_of
from tests.partnerships.world import make_partnership

from .test_layout import overflowing
from .test_partner_journey import sign_in

pypdf = pytest.importorskip("pypdf")

PASSPORT = "U98765432"
PHONE = {"width": 360, "height": 800}
LAPTOP = {"width": 1280, "height": 900}
SPENT_ON = datetime.date.today() - datetime.timedelta(days=3)


@pytest.fixture
def world(transactional_db, settings, live_server):
    # The letter's QR code and printed address lead to this server.
    settings.SITE_URL = live_server.url
    programme = Programme.objects.create(name="Civil Society Exchange", slug="cse")
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        slug="cohort-2027",
        cohort_en="Cohort 2027",
        title_en="Civil Society Exchange 2027",
        text_en="Apply.",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
        turkey_countries=["TR"],
        europe_countries=["DE"],
    )
    call_services.add_default_form(call)
    # The call's own mid-term report form, as staff make it in the admin.
    section = FormSection.objects.create(
        call=call, purpose=FormPurpose.MIDTERM, key="midterm", scope="partnership",
        title_en="Mid-term report",
    )  # fmt: skip
    section.questions.create(
        call=call, key="midterm_progress", kind="long_text", required=True, position=1,
        label_en="What have you done so far towards your goals?", word_limit=200,
    )  # fmt: skip
    section.questions.create(
        call=call, key="midterm_volunteers", kind="number", required=True, position=2,
        label_en="How many volunteers took part so far?", min_value=0,
    )  # fmt: skip
    call_services.publish_form(call, FormPurpose.MIDTERM)

    turkish = OrganisationFactory(name="Eskişehir Gönüllü Ağı", country="TR", city="Eskişehir")
    german = OrganisationFactory(
        name="Ehrenamt Leipzig e.V.", country="DE", city="Leipzig", languages=["de", "en"]
    )
    partnership = make_partnership(call, turkish, german)
    assert (partnership.grant_currency, partnership.status) == ("EUR", "active")
    member = add_member(turkish, UserFactory(display_name="Ayşe Yılmaz"))
    # The rates table on the day the money was spent: 1 EUR = 36.8981 TRY.
    ExchangeRate.objects.create(date=SPENT_ON, currency="TRY", rate=Decimal("36.8981"))
    return {
        "partnership": partnership,
        "turkish": turkish,
        "german": german,
        "member": member,
        "host_admin": admin_of(german),
    }


def checked(page, axe_clean, *, phone=True):
    axe_clean(page)
    if phone:
        assert overflowing(page) <= 0, page.url


def verification_url_in(document: bytes, base: str) -> str:
    """The address printed under the QR code (the text layer may break it across lines)."""
    reader = pypdf.PdfReader(io.BytesIO(document))
    text = re.sub(r"\s+", "", " ".join(p.extract_text() for p in reader.pages))
    assert PASSPORT in text  # the letter itself names the passport for the consulate
    found = re.search(re.escape(base) + r"/letters/verify/[A-Za-z0-9_:\-]+/", text)
    assert found, text
    return found.group(0)


@pytest.mark.skipif(not pdf.is_available(), reason="WeasyPrint needs Pango")
def test_the_partnerships_six_months(live_server, browser, world, axe_clean):
    base = live_server.url
    p = world["partnership"]
    starts = timezone.localdate() + datetime.timedelta(days=40)

    # 1. Ayşe, of the Turkish organisation, plans the visit on her phone.
    tr = browser.new_context(viewport=PHONE).new_page()
    sign_in(tr, base, world["member"])
    tr.goto(base + reverse("visits:list", args=[p.pk]))
    tr.get_by_role("button", name="Plan a visit").click()
    expect(tr.get_by_role("heading", name="Plan a visit")).to_be_visible()
    expect(tr.get_by_label("Host")).to_have_value(str(world["german"].pk))
    tr.get_by_label("How").select_option("physical")
    tr.get_by_label("First day").fill(starts.isoformat())
    tr.get_by_label("Last day").fill((starts + datetime.timedelta(days=4)).isoformat())
    tr.get_by_label("Purpose").fill("Learn how Leipzig keeps its volunteers")
    tr.get_by_label("Programme").fill("Day 1: welcome. Day 2: volunteer coordinators.")
    checked(tr, axe_clean)
    tr.get_by_role("button", name="Save").click()
    expect(tr.locator("#messages")).to_contain_text("The visit is planned. Now add who travels.")
    expect(tr.get_by_role("heading", name="Add a traveller")).to_be_visible()
    tr.get_by_label("Full name (as in the passport)").fill("Ayşe Yılmaz")
    tr.get_by_label("Needs a visa").check()
    tr.get_by_label("Nationality").select_option("TR")
    tr.get_by_label("Passport number").fill(PASSPORT)
    tr.get_by_label("Date of birth").fill("1991-03-14")
    tr.get_by_label("Who pays for what").fill("Travel and accommodation from the grant.")
    checked(tr, axe_clean)
    tr.get_by_role("button", name="Save", exact=True).click()
    expect(tr.locator("#messages")).to_contain_text("The traveller is saved.")
    expect(tr.get_by_role("heading", name="Visit to Ehrenamt Leipzig e.V.")).to_be_visible()
    travellers = tr.locator("section[aria-labelledby=travellers-title]")
    expect(travellers).to_contain_text("Ayşe Yılmaz")
    expect(travellers).to_contain_text("Needs a visa (Türkiye)")
    expect(tr.locator("main")).not_to_contain_text(PASSPORT)
    expect(tr.get_by_role("button", name="Confirm the visit as host")).to_have_count(0)
    expect(tr.get_by_text("An admin of Ehrenamt Leipzig e.V. confirms the visit.")).to_be_visible()
    checked(tr, axe_clean)
    visit = Visit.objects.get(partnership=p)
    assert (visit.status, visit.mode, visit.host) == ("planned", "physical", world["german"])
    assert visit.travellers.get().passport_number == PASSPORT

    # 2. The host's admin confirms the visit and issues the letter, on a laptop.
    de = browser.new_context(viewport=LAPTOP).new_page()
    sign_in(de, base, world["host_admin"])
    de.goto(base + reverse("visits:detail", args=[p.pk, visit.pk]))
    de.get_by_role("button", name="Confirm the visit as host").click()
    expect(de.locator("#messages")).to_contain_text("The visit is now: Confirmed by the host.")
    de.get_by_role("button", name="Issue a letter").click()
    expect(de.get_by_role("heading", name="Issue a visa invitation letter")).to_be_visible()
    expect(de.locator("main")).to_contain_text("••••5432")
    expect(de.locator("main")).not_to_contain_text(PASSPORT)
    de.get_by_label("Language of the letter").select_option("en")
    de.get_by_label("The host's postal address").fill("Karl-Liebknecht-Straße 1\n04107 Leipzig")
    de.get_by_label("Signed by").fill("Jürgen Weiß")
    de.get_by_label("Signatory's position").fill("Chair")
    de.get_by_label("Who pays for what").fill(
        "Travel and accommodation from the grant; meals by the host."
    )
    checked(de, axe_clean, phone=False)
    de.get_by_role("button", name="Issue the letter").click()
    letter = InvitationLetter.objects.get(visit=visit)
    expect(de.locator("#messages")).to_contain_text(f"Letter {letter.number} is issued.")
    letters = de.locator("section[aria-labelledby=letters-title]")
    expect(letters).to_contain_text(letter.number)
    checked(de, axe_clean, phone=False)
    href = letters.get_by_role("link", name="PDF (English)").get_attribute("href")
    response = de.request.get(base + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    document = response.body()
    assert document.startswith(b"%PDF-")
    verify = verification_url_in(document, base)

    # A consulate scans the QR code: no account, a phone.
    anyone = browser.new_context(viewport=PHONE).new_page()
    anyone.goto(verify)
    expect(anyone.get_by_role("heading", name=f"Invitation letter {letter.number}")).to_be_visible()
    main = anyone.locator("main")
    expect(main).to_contain_text("This letter is valid.")
    expect(main).to_contain_text("Ehrenamt Leipzig e.V., Leipzig, Germany")
    for private in (PASSPORT, "5432", "Ayşe", "Yılmaz", "1991"):
        expect(main).not_to_contain_text(private)
    assert PASSPORT not in anyone.content()
    checked(anyone, axe_clean)

    # 3. Ayşe logs what the bus to Istanbul airport cost, in lira.
    tr.goto(base + reverse("money:expenses", args=[p.pk]))
    tr.get_by_role("button", name="Add an expense").click()
    tr.get_by_label("Category").select_option("travel")
    tr.get_by_label("What it was for").fill("Bus to Istanbul airport")
    tr.get_by_label("Date spent").fill(SPENT_ON.isoformat())
    tr.get_by_label("Amount").fill("3689.81")
    tr.get_by_label("Currency").select_option("TRY")
    tr.get_by_label("Take the rate of that day from the rates table").check()
    tr.get_by_label("Paid by").select_option(str(world["turkish"].pk))
    checked(tr, axe_clean)
    tr.get_by_role("button", name="Save as draft").click()
    expect(tr.locator("#messages")).to_contain_text("The expense is saved as a draft.")
    expense = Expense.objects.get(partnership=p)
    assert (expense.converted, expense.rate_source, expense.rate_date) == (
        Decimal("100.00"),
        "table",
        SPENT_ON,
    )
    tr.goto(base + reverse("money:expenses", args=[p.pk]))
    row = tr.locator("tbody tr", has_text="Bus to Istanbul airport")
    expect(row).to_contain_text(re.compile(r"3,689\.81\s+TRY"))
    expect(row).to_contain_text(re.compile(r"100\.00\s+EUR"))
    expect(row).to_contain_text("Travel")
    expect(row).to_contain_text("Draft")
    checked(tr, axe_clean)

    # 4. Her organisation's self-assessment at the start.
    tr.goto(base + reverse("reports:assessment", args=[p.pk]))
    expect(tr.locator("main")).to_contain_text("No self-assessment is submitted yet.")
    tr.get_by_role("row", name=re.compile("Eskişehir Gönüllü Ağı")).get_by_role(
        "link", name="Fill in"
    ).click()
    statements = tr.locator("fieldset.statement")
    assert statements.count() >= 3
    for i in range(statements.count()):
        statements.nth(i).locator("input[type=radio]").nth(2 if i % 2 else 1).check()
    checked(tr, axe_clean)
    tr.get_by_role("button", name="Submit", exact=True).click()
    expect(tr.locator("#messages")).to_contain_text("the self-assessment is submitted")
    assert Assessment.objects.get(partnership=p, stage="start").status == "submitted"
    chart = tr.locator("figure.assessment-figure svg[role=img]")
    expect(chart).to_be_visible()
    labelled_by = chart.get_attribute("aria-labelledby").split()
    title = tr.locator(f"svg title#{labelled_by[0]}")
    expect(title).to_have_text(
        "Self-assessment per capacity area, at the start and at the end (1 to 5)"
    )
    expect(tr.locator(f"svg desc#{labelled_by[1]}")).to_contain_text("at the start")
    table = tr.get_by_role("table", name="Mean scores per capacity area (1 to 5)")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text(re.compile(r"[23]\.\d"))
    expect(tr.get_by_role("table", name="Who has rated itself")).to_contain_text("Submitted")
    checked(tr, axe_clean)

    # 5. The mid-term report, on the call's own form.
    tr.goto(base + reverse("reports:list", args=[p.pk]))
    tr.get_by_role("link", name="Mid-term report").click()
    expect(tr.get_by_role("group", name="Mid-term report")).to_be_visible()
    tr.get_by_label("What have you done so far towards your goals?").fill(
        "We met in Leipzig and wrote a first onboarding guide for new volunteers."
    )
    tr.get_by_label("How many volunteers took part so far?").fill("24")
    checked(tr, axe_clean)
    tr.get_by_role("button", name="Save and submit").click()
    expect(tr.locator("#messages")).to_contain_text("The report is submitted.")
    row = tr.get_by_role("row", name=re.compile("Mid-term report"))
    expect(row).to_contain_text("Submitted")
    checked(tr, axe_clean)
    report = Report.objects.get(partnership=p, kind="midterm")
    assert report.status == "submitted" and report.answers["midterm_volunteers"] in (24, "24")
    tr.get_by_role("link", name="Mid-term report").click()
    expect(tr.locator("dl.answers")).to_contain_text("wrote a first onboarding guide")
    checked(tr, axe_clean)


def session_of(user):
    """The session cookie of a test client signed in as `user` (staff skip the TOTP step
    that way; their two factors are set up)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value


def programme_staff(programme):
    from allauth.mfa.models import Authenticator

    staff = UserFactory(display_name="Selin Kaya", is_staff=True, language="de")
    programme.staff.add(staff)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return staff


def test_every_workspace_page_fits_a_phone_and_a_laptop_in_german(
    live_server, browser, world, subtests, axe_clean
):
    """The workspace at the demo's "midway" stage (plan, visits, letters, meetings, cohort
    events, expenses, self-assessment, reports), for a member and for staff."""
    from exchange.partnerships.demo import _parts, _plan
    from exchange.partnerships.meetings.demo import load_demo_cohort_events

    p = world["partnership"]
    _plan(p, "midway")
    _parts(p, "midway")
    load_demo_cohort_events(p.cohort, finished=False)
    visit = p.visits.order_by("pk").first()
    expense = Expense.objects.filter(partnership=p).order_by("pk").first()
    report = Report.objects.filter(partnership=p).order_by("pk").first()
    ws = [p.pk]
    member_pages = [
        reverse("partnerships:mine"),
        *(reverse(f"partnerships:{name}", args=ws) for name in ("workspace", "plan", "history")),
        reverse("partnerships:cohort", args=[p.cohort_id]),
        reverse("visits:list", args=ws),
        reverse("visits:add", args=ws),
        reverse("visits:detail", args=[p.pk, visit.pk]),
        reverse("meetings:list", args=ws),
        reverse("meetings:add", args=ws),
        reverse("meetings:events", args=[p.cohort_id]),
        reverse("meetings:calendar"),
        reverse("money:grant", args=ws),
        reverse("money:expenses", args=ws),
        reverse("money:expense-add", args=ws),
        reverse("money:expense", args=[p.pk, expense.pk]),
        reverse("reports:list", args=ws),
        reverse("reports:report", args=[p.pk, report.pk]),
        reverse("reports:assessment", args=ws),
    ]
    cohort = [p.cohort_id]
    staff_pages = [
        reverse("partnerships:staff-cohorts"),
        reverse("partnerships:progress", args=cohort),
        reverse("visits:cohort-calendar", args=cohort),
        reverse("meetings:cohort-events", args=cohort),
        reverse("money:rates"),
        reverse("reports:cohort", args=cohort),
        reverse("reports:cohort-assessment", args=cohort),
        reverse("money:expenses", args=ws),
    ]
    member = world["member"]
    member.language = "de"
    member.save()
    people = {"member": member, "staff": programme_staff(p.cohort.call.programme)}
    for width in (360, 1280):
        for who, pages in (("member", member_pages), ("staff", staff_pages)):
            with subtests.test(who=who, width=width):
                context = browser.new_context(viewport={"width": width, "height": 900})
                name, value = session_of(people[who])
                context.add_cookies(
                    [
                        {"name": "django_language", "value": "de", "url": live_server.url},
                        {"name": name, "value": value, "url": live_server.url},
                    ]
                )
                page = context.new_page()
                too_wide = {}
                for path in pages:
                    page.goto(live_server.url + path)
                    assert page.url.startswith(live_server.url + path), page.url
                    assert page.locator("html").get_attribute("lang") == "de", path
                    if overflowing(page) > 0:
                        too_wide[path] = overflowing(page)
                    axe_clean(page)
                assert too_wide == {}, f"wider than {width} px (by so many px): {too_wide}"
                context.close()
