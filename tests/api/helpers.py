"""Clients of the API as people and programs use it: a personal token per persona."""

import json

from django.test import Client

from exchange.api import tokens


def token_for(user, scope="write") -> str:
    return tokens.create_token(user=user, name="tests", scope=scope)[1]


def client_for(user, *, scope="write", language="en") -> Client:
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    if user is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user, scope)}"
    return Client(**headers)


def call(client, method, url, body=None, **extra):
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(url, data=data, content_type="application/json", **extra)


def signed_in_recently(client, user):
    """Signed in a moment ago with the password, as the sensitive pages require."""
    from tests.accounts.factories import PASSWORD

    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
