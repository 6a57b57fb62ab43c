"""Times in the reader's zone: a visitor's browser zone (URL-encoded in a cookie), a new
account's default taken from it, and any cookie that is not a zone leaves the page in UTC."""

import pytest
from django.urls import reverse


def test_a_visitor_sees_times_in_the_zone_their_browser_reports(client, db):
    client.cookies["tz"] = "Europe%2FBerlin"  # as site.js writes it (encodeURIComponent)
    assert "Times are shown in Europe/Berlin." in client.get(reverse("calls:list")).text


def test_signing_up_from_berlin_defaults_to_berlin(client, db):
    client.cookies["tz"] = "Europe%2FBerlin"
    page = client.get(reverse("account_signup")).text
    assert '<option value="Europe/Berlin" selected>' in page


@pytest.mark.parametrize(
    "cookie", ["x" * 300, "Europe%2F..%2F..%2Fetc%2Fpasswd", "Mars/Olympus", "%00", "UTC%"]
)
def test_a_cookie_that_is_not_a_zone_leaves_the_page_in_utc(client, db, cookie):
    client.cookies["tz"] = cookie
    response = client.get(reverse("calls:list"))
    assert response.status_code == 200 and "Times are shown in UTC." in response.text


def test_demo_people_live_where_their_organisations_do(db):
    from exchange.accounts.models import User
    from exchange.organisations.demo import load_demo

    load_demo()
    assert User.objects.get(email="anna@demo.exchange").timezone == "Europe/Berlin"
    assert User.objects.get(email="ayse@demo.exchange").timezone == "Europe/Istanbul"
