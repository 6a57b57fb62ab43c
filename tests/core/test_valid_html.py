"""Every page is valid HTML: html5lib in strict mode refuses a parse error (a <ul> inside
a <p>, an unclosed tag, a stray end tag) that browsers would silently repair."""

import html5lib
import pytest
from django.urls import reverse


def assert_valid(response, url):
    assert response.status_code == 200, url
    html = response.text
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(html)
    except html5lib.html5parser.ParseError as exc:
        line = html.splitlines()[parser.errors[-1][0][0] - 1] if parser.errors else ""
        pytest.fail(f"{url}: {exc}\n{line.strip()[:200]}")


def pages(organisation):
    return [
        reverse("site:landing"),
        reverse("organisations:list"),
        reverse("organisations:list") + "?q=izmir&side=tr",
        organisation.get_absolute_url(),
        reverse("accounts:privacy"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]


def test_public_pages_are_valid(client, organisation):
    from exchange.calls.demo import load_demo_calls

    load_demo_calls()
    extra = [
        reverse("calls:list"),
        reverse("calls:detail", args=["cohort-2027"]),
        reverse("contacts:board"),
    ]
    for url in pages(organisation) + extra:
        assert_valid(client.get(url), url)


def test_member_pages_are_valid(login, org_admin, organisation):
    client = login(org_admin)
    for url in pages(organisation)[:5] + [
        reverse("site:home"),
        reverse("accounts:profile"),
        reverse("organisations:create"),
        reverse("organisations:edit", args=[organisation.slug]),
        reverse("organisations:members", args=[organisation.slug]),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
    ]:
        assert_valid(client.get(url), url)
