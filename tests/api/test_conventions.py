"""The API's conventions: problem details translated by Accept-Language, consistent
statuses, capped pagination in a stable order, times in UTC, money as decimal strings,
rate limits with Retry-After."""

import datetime

import pytest

from exchange.calls.models import Call
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory

from .helpers import call, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_calls():
    from exchange.calls.demo import load_demo_calls

    load_demo_calls()
    return Call.objects.get(slug="cohort-2027")


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Enter a valid"), ("tr", "Geçerli"), ("de", "gültige")],
)
def test_field_errors_are_problem_details_in_the_requested_language(language, words):
    api = client_for(UserFactory(), language=language)
    response = call(api, "post", "/api/v1/organisations/x/invitations/", {"email": "nope"})
    assert response.status_code == 404  # not a member: the organisation is not theirs
    own = OrganisationFactory()
    api = client_for(own.memberships.get().user, language=language)
    response = call(api, "post", f"/api/v1/organisations/{own.slug}/invitations/", {"email": "x"})
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["code"] == "invalid" and body["type"].startswith("urn:")
    assert words.lower() in body["errors"]["email"][0].lower()
    assert response.headers["Content-Language"] == language


def test_a_refusal_says_why_in_the_persons_language_when_no_header_asks_otherwise(demo_calls):
    user = UserFactory(language="de")
    api = client_for(user, language="")
    api.defaults.pop("HTTP_ACCEPT_LANGUAGE", None)
    org = OrganisationFactory()
    response = call(api, "patch", f"/api/v1/organisations/{org.slug}/profile/", {"city": "X"})
    assert response.status_code == 403
    assert response.headers["Content-Language"] == "de"


def test_statuses_for_method_media_type_and_unreadable_json():
    api = client_for(UserFactory())
    assert call(api, "delete", "/api/v1/calls/").status_code == 405
    assert call(api, "delete", "/api/v1/calls/").json()["code"] == "method_not_allowed"
    wrong = api.patch("/api/v1/me/", data="display_name=x", content_type="text/plain")
    assert wrong.status_code == 415
    broken = api.patch("/api/v1/me/", data="{not json", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    assert call(api, "get", "/api/v1/calls/?page=0").status_code == 400
    assert call(api, "get", "/api/v1/nothing/").json()["status"] == 404


def test_times_are_utc_and_money_is_a_decimal_string(demo_calls):
    response = call(client_for(None, language="tr"), "get", "/api/v1/calls/cohort-2027/")
    body = response.json()
    assert body["closes_at"].endswith("Z")
    closes = datetime.datetime.fromisoformat(body["closes_at"].replace("Z", "+00:00"))
    assert closes == demo_calls.closes_at
    assert body["time_zone"] == demo_calls.time_zone
    assert body["rules"]["grant"] == {"amount": f"{demo_calls.grant_amount:.2f}", "currency": "EUR"}
    assert body["title"] == demo_calls.title_tr and body["titles"]["de"] == demo_calls.title_de


def test_pages_are_stable_and_counts_capped_as_on_the_directory(settings):
    for i in range(7):
        OrganisationFactory(name=f"Org {i:02d}", country="DE", city="Köln")
    api = client_for(None)
    first = call(api, "get", "/api/v1/organisations/?page_size=3").json()
    second = call(api, "get", first["next"]).json()
    names = [o["name"] for o in first["results"] + second["results"]]
    assert names == sorted(names) and len(set(names)) == 6
    assert first["count"] == 7 and first["count_is_capped"] is False
    assert second["previous"] is not None
    from exchange.api.base import CappedPagination

    CappedPagination.cap, old = 5, CappedPagination.cap
    try:
        capped = call(api, "get", "/api/v1/organisations/").json()
    finally:
        CappedPagination.cap = old
    assert capped["count"] == 5 and capped["count_is_capped"] is True


def test_the_directory_takes_the_pages_filters_and_refuses_unknown_values():
    OrganisationFactory(name="Ankara Gönüllüleri", country="TR", city="Ankara")
    OrganisationFactory(name="Berlin Hilfe", country="DE", city="Berlin")
    api = client_for(None)
    found = call(api, "get", "/api/v1/organisations/?side=tr").json()["results"]
    assert [o["name"] for o in found] == ["Ankara Gönüllüleri"]
    bad = call(api, "get", "/api/v1/organisations/?country=XX")
    assert bad.status_code == 400 and "country" in bad.json()["detail"]


def test_a_token_over_its_rate_gets_429_with_retry_after(monkeypatch):
    from exchange.api.throttling import PerToken

    monkeypatch.setattr(PerToken, "THROTTLE_RATES", {"token": "3/min"})
    api = client_for(UserFactory())
    statuses = [call(api, "get", "/api/v1/me/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = call(api, "get", "/api/v1/me/")
    assert int(limited.headers["Retry-After"]) > 0
    assert limited.json()["code"] == "throttled"
    assert call(client_for(UserFactory()), "get", "/api/v1/me/").status_code == 200


def test_an_address_over_its_rate_gets_429_whatever_the_token(monkeypatch):
    from exchange.api.throttling import PerAddress

    monkeypatch.setattr(PerAddress, "THROTTLE_RATES", {"address": "2/min"})
    statuses = [call(client_for(None), "get", "/api/v1/taxonomy/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
