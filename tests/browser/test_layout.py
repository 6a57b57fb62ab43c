"""Every journey page fits a 360 px phone and a 1280 px laptop in German, the longest of
the three languages, signed out and signed in, without horizontal scrolling; the phone's
menu opens without JavaScript; a page without JavaScript does not claim to save itself."""

import pytest
from django.urls import reverse

from exchange.accounts.models import User
from exchange.applications.demo import load_demo_applications
from exchange.applications.models import Application
from exchange.calls.demo import load_demo_calls
from exchange.contacts.demo import load_demo_contacts
from exchange.contacts.models import BoardPost, Conversation
from exchange.organisations.demo import PASSWORD, load_demo
from exchange.organisations.models import Organisation
from exchange.selection.demo import load_demo_selection

WIDTHS = (360, 1280)


@pytest.fixture
def demo(transactional_db):
    load_demo()
    load_demo_contacts()
    load_demo_calls(User.objects.get(email="staff@demo.exchange"))
    load_demo_applications()
    load_demo_selection()
    anna = User.objects.get(email="anna@demo.exchange")
    anna.language = "de"
    anna.save()
    return anna


def public_pages():
    org = Organisation.objects.filter(visibility=Organisation.Visibility.PUBLIC).first()
    return [
        "/",
        reverse("organisations:list"),
        reverse("organisations:list") + "?q=Ehrenamt&side=eu",
        org.get_absolute_url(),
        reverse("contacts:board"),
        reverse("contacts:board-post", args=[BoardPost.objects.first().pk]),
        reverse("calls:list"),
        reverse("calls:detail", args=["cohort-2027"]),
        reverse("accounts:privacy"),
        reverse("account_login"),
        reverse("account_signup"),
    ]


def member_pages(anna):
    org = anna.memberships.get().organisation
    application = Application.objects.filter(partners__organisation=org).first()
    return [
        reverse("site:home"),
        org.get_absolute_url(),
        reverse("organisations:edit", args=[org.slug]),
        reverse("organisations:members", args=[org.slug]),
        reverse("matching:partners", args=[org.slug]),
        reverse("contacts:inbox"),
        reverse(
            "contacts:conversation",
            args=[Conversation.objects.filter(organisations=org).first().pk],
        ),
        reverse("contacts:board-post-create"),
        reverse("applications:list"),
        application.get_absolute_url(),
        reverse("applications:section", args=[application.pk, "issue"]),
        reverse("applications:participants", args=[application.pk, org.pk]),
        reverse("applications:history", args=[application.pk]),
        reverse("notifications:list"),
        reverse("notifications:preferences"),
        reverse("accounts:profile"),
        reverse("accounts:data"),
        reverse("tokens:list"),
        reverse("tokens:create"),
    ]


def overflowing(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def sign_in(page, base, email):
    page.goto(base + reverse("account_login"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('site:home')}")


def staff_pages():
    from exchange.selection.models import Standing

    call = "cohort-2027"
    spring = "spring-2027"  # the demo's call in review
    first = Standing.objects.filter(call__slug=spring, status="under_review").first()
    return [
        reverse("calls:staff-home"),
        reverse("calls:staff-call", args=[call]),
        reverse("calls:staff-call-edit", args=[call]),
        reverse("calls:staff-form", args=[call]),
        reverse("calls:staff-rubric", args=[call]),
        *(
            reverse(f"selection:{name}", args=[spring])
            for name in ("screening", "reviewers", "assignment", "ranking", "cohort", "decisions")
        ),
        reverse("selection:application", args=[spring, first.application_id]),
        reverse("selection:decide", args=[spring, first.application_id]),
    ]


def reviewer_pages_fit_and_pass_axe(live_server, browser, width, axe_clean):
    """The demo reviewer (two factors set up) on their list, a review and their conflicts."""
    from allauth.mfa.models import Authenticator
    from django.conf import settings
    from django.test import Client

    from exchange.selection.models import Review

    person = User.objects.get(email="reviewer@demo.exchange")
    Authenticator.objects.get_or_create(
        user=person, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
    )
    client = Client()
    client.force_login(person)
    review = Review.objects.filter(reviewer__user=person).first()
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [
            {"name": "django_language", "value": "de", "url": live_server.url},
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
        ]
    )
    page = context.new_page()
    too_wide = {}
    for path in (
        reverse("selection:my-reviews"),
        reverse("selection:review", args=[review.pk]),
        reverse("selection:conflicts", args=[review.reviewer_id]),
    ):
        page.goto(live_server.url + path)
        assert page.url == live_server.url + path, page.url
        if overflowing(page) > 0:
            too_wide[path] = overflowing(page)
        axe_clean(page)
    assert too_wide == {}, f"wider than {width} px (by so many px): {too_wide}"
    context.close()


def staff_session():
    """The demo's programme staff, signed in (their two factors are set up): the session
    cookie of a test client, so that the browser skips the TOTP step."""
    from allauth.mfa.models import Authenticator
    from django.conf import settings
    from django.test import Client

    staff = User.objects.get(email="staff@demo.exchange")
    Authenticator.objects.get_or_create(
        user=staff, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
    )
    client = Client()
    client.force_login(staff)
    return settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value


def staff_pages_fit_and_pass_axe(live_server, browser, width, axe_clean):
    context = browser.new_context(viewport={"width": width, "height": 900})
    name, value = staff_session()
    context.add_cookies(
        [
            {"name": "django_language", "value": "de", "url": live_server.url},
            {"name": name, "value": value, "url": live_server.url},
        ]
    )
    page = context.new_page()
    too_wide = {}
    for path in staff_pages():
        page.goto(live_server.url + path)
        assert page.url == live_server.url + path, page.url  # not sent to sign in
        if overflowing(page) > 0:
            too_wide[path] = overflowing(page)
        axe_clean(page)
    assert too_wide == {}, f"wider than {width} px (by so many px): {too_wide}"
    context.close()


def test_pages_on_phones_and_laptops(live_server, browser, demo, subtests, axe_clean):
    """One demo for all: it takes seconds to load."""
    for width in WIDTHS:
        with subtests.test(width=width):
            fits(live_server, browser, demo, width)
        with subtests.test("staff pages", width=width):
            staff_pages_fit_and_pass_axe(live_server, browser, width, axe_clean)
        with subtests.test("reviewer pages", width=width):
            reviewer_pages_fit_and_pass_axe(live_server, browser, width, axe_clean)
    with subtests.test("the phone menu opens with and without JavaScript"):
        phone_menu_opens_with_and_without_javascript(live_server, browser)
    with subtests.test("without JavaScript the section page asks to press Save"):
        section_page_without_javascript_asks_to_press_save(live_server, browser)


def fits(live_server, browser, demo, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "django_language", "value": "de", "url": live_server.url}])
    page = context.new_page()
    too_wide = {}
    for path in public_pages():
        page.goto(live_server.url + path)
        if overflowing(page) > 0:
            too_wide[path] = overflowing(page)
    sign_in(page, live_server.url, demo.email)
    for path in member_pages(demo):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "de"
        if overflowing(page) > 0:
            too_wide[path] = overflowing(page)
    assert too_wide == {}, f"wider than {width} px (by so many px): {too_wide}"
    context.close()


def phone_menu_opens_with_and_without_javascript(live_server, browser):
    for javascript in (True, False):
        context = browser.new_context(
            viewport={"width": 360, "height": 800}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.goto(live_server.url + "/")
        links = page.locator("#site-menu")
        assert not links.is_visible()
        page.get_by_role("button", name="Menu").click()
        assert links.is_visible() and page.get_by_role("link", name="Directory").is_visible()
        context.close()


def section_page_without_javascript_asks_to_press_save(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url, "ayse@demo.exchange")
    application = Application.objects.filter(
        partners__organisation__memberships__user__email="ayse@demo.exchange", status="draft"
    ).first()
    page.goto(live_server.url + reverse("applications:section", args=[application.pk, "issue"]))
    assert page.get_by_text("Press Save to keep your answers.").is_visible()
    assert not page.get_by_text("saved automatically").is_visible()
    context.close()
