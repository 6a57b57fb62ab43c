"""Personal API tokens: created on the settings page and shown once, stored as a digest,
scoped, revocable, with the last use shown; a staff member's token needs two factors."""

import hashlib
import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from exchange.api import tokens
from exchange.api.models import ApiToken
from exchange.calls.models import Programme
from tests.accounts.factories import UserFactory

from .helpers import call, client_for, signed_in_recently, token_for

pytestmark = pytest.mark.django_db


def test_a_token_is_made_on_the_settings_page_shown_once_and_stored_as_a_digest(client):
    user = UserFactory()
    signed_in_recently(client, user)
    page = client.post(reverse("tokens:create"), {"name": "Reporting sheet", "scope": "read"})
    assert page.status_code == 200
    secret = page.context["secret"]
    assert secret in page.text and "no-store" in page.headers["Cache-Control"]
    stored = ApiToken.objects.get(user=user)
    assert stored.name == "Reporting sheet" and stored.scope == "read"
    assert secret not in (stored.digest, stored.prefix)
    assert stored.digest == hashlib.sha256(secret.split("_", 2)[2].encode()).hexdigest()
    listing = client.get(reverse("tokens:list")).text
    assert "Reporting sheet" in listing and secret not in listing
    assert (
        call(client_for(None), "get", "/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {secret}").json()[
            "email"
        ]
        == user.email
    )


def test_the_page_keeps_what_was_typed_when_the_name_is_missing(client):
    signed_in_recently(client, UserFactory())
    page = client.post(reverse("tokens:create"), {"name": " ", "scope": "write"})
    assert page.status_code == 400
    assert re.search(r'value="write"[^>]*checked', page.text)
    assert not ApiToken.objects.exists()


def test_creating_a_token_asks_for_the_password_after_a_while(client):
    client.force_login(UserFactory())  # a session, but no password typed lately
    assert client.get(reverse("tokens:create")).status_code == 200
    response = client.post(reverse("tokens:create"), {"name": "CRM", "scope": "read"})
    assert response.status_code == 302 and "reauthenticate" in response.url
    assert not ApiToken.objects.exists()


def test_last_use_is_recorded_and_shown(client):
    user = UserFactory()
    secret = token_for(user, "read")
    call(client_for(None), "get", "/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    token = ApiToken.objects.get(user=user)
    assert token.last_used_at is not None
    client.force_login(user)
    assert "never" not in client.get(reverse("tokens:list")).text


def test_a_read_only_token_reads_but_does_not_write():
    user = UserFactory()
    api = client_for(user, scope="read")
    assert call(api, "get", "/api/v1/me/").status_code == 200
    refused = call(api, "patch", "/api/v1/me/", {"display_name": "X"})
    assert refused.status_code == 403
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert "read only" in refused.json()["detail"]
    user.refresh_from_db()
    assert user.display_name != "X"


def test_a_revoked_token_no_longer_works_and_only_its_owner_revokes_it(client):
    owner, stranger = UserFactory(), UserFactory()
    secret = token_for(owner)
    token = ApiToken.objects.get(user=owner)
    client.force_login(stranger)
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 404
    assert (
        call(
            client_for(None), "get", "/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {secret}"
        ).status_code
        == 200
    )
    client.force_login(owner)
    assert client.post(reverse("tokens:revoke", args=[token.pk])).status_code == 302
    gone = call(client_for(None), "get", "/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert gone.status_code == 401 and gone.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "raw",
    ["cse_nothing_here", "Bearer", "cse__", "cse_abc", "x" * 500, "cse_ffffffff_" + "a" * 43],
)
def test_a_wrong_token_is_a_401_problem(raw):
    UserFactory()
    response = call(client_for(None), "get", "/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_a_staff_members_token_works_only_while_the_account_has_two_factors():
    staff = UserFactory(is_staff=True)
    Programme.objects.create(name="P", slug="p").staff.add(staff)
    secret = token_for(staff)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert call(client_for(None), "get", "/api/v1/me/", **headers).status_code == 401
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert call(client_for(None), "get", "/api/v1/me/", **headers).status_code == 200


def test_names_are_required_and_tokens_are_capped():
    user = UserFactory()
    with pytest.raises(Exception, match="Name the token"):
        tokens.create_token(user=user, name="  ", scope="read")
    for i in range(tokens.MAX_ACTIVE):
        tokens.create_token(user=user, name=f"t{i}", scope="read")
    with pytest.raises(Exception, match="active tokens"):
        tokens.create_token(user=user, name="one more", scope="read")


def test_the_session_needs_the_csrf_token_to_write():
    from django.test import Client

    user = UserFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert call(browser, "get", "/api/v1/me/").status_code == 200
    refused = call(browser, "patch", "/api/v1/me/", {"display_name": "Forged"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
