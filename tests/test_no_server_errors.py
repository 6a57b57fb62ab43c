"""Bad input from anyone never gives a server error: arbitrary ids, text and cookies thrown
at every URL of the authorization table, signed in and signed out (hypothesis)."""

import re
from urllib.parse import quote

import pytest
from django.urls import get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_authorization import PERSONAS, persona_user, shared_world, world  # noqa: F401 - a fixture

# Real objects' ids and slugs half of the time, so that requests reach the code behind them.
CONVERTERS = {
    "int": st.one_of(st.integers(min_value=1, max_value=40), st.integers(0, 2**80)),
    "slug": st.one_of(
        st.sampled_from(
            [
                "ankara-esitlik-dernegi",
                "closed-circle",
                "talk-partner",
                "cohort-2027",
                "issue",
                "organisation",
                "plan",
                "cohort-2026",
            ]
        ),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=80),
    ),
    "str": st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
        min_size=1,
        max_size=300,
    ),
}
SKIP = ("admin:", "account_", "mfa_", "socialaccount_", "headless", "usersessions")


def patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if hasattr(entry, "url_patterns"):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, prefix + str(entry.pattern), ns)
        elif entry.name and not f"{namespace}{entry.name}".startswith(SKIP):
            yield prefix + str(entry.pattern), entry.pattern.converters


ROUTES = sorted(
    {
        (route, tuple(sorted((k, type(c).__name__) for k, c in conv.items())))
        for route, conv in patterns()
    }
)

KIND = {"IntConverter": "int", "SlugConverter": "slug", "StringConverter": "str"}


@st.composite
def requests(draw):
    route, converters = draw(st.sampled_from(ROUTES))
    kinds = dict(converters)
    path = "/" + re.sub(
        r"<(?:\w+:)?(\w+)>",
        lambda m: quote(str(draw(CONVERTERS[KIND.get(kinds.get(m.group(1)), "str")])), safe=""),
        route,
    )
    text = st.text(max_size=400)
    data = draw(
        st.dictionaries(
            st.sampled_from(
                [
                    "q",
                    "body",
                    "message",
                    "email",
                    "organisation",
                    "role",
                    "language",
                    "next",
                    "to",
                    "reason",
                    "until",
                    "common_issue",
                    "v_common_issue",
                    "sender",
                    "page",
                    "country",
                    "area",
                    "action",
                    "decision",
                    "enabled",
                    "display_name",
                    "timezone",
                ]
            ),
            text,
            max_size=6,
        )
    )
    cookies = draw(
        st.dictionaries(
            st.sampled_from(["tz", "django_language", "sessionid", "csrftoken"]),
            st.text(
                alphabet=st.characters(
                    min_codepoint=33, max_codepoint=126, blacklist_characters=';,\\"'
                ),
                max_size=300,
            ),
            max_size=3,
        )
    )
    return (
        path,
        draw(st.sampled_from(["get", "post"])),
        data,
        cookies,
        draw(st.sampled_from(PERSONAS)),
    )


@pytest.mark.django_db
@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=requests())
def test_no_input_gives_a_server_error(client, world, request, case):  # noqa: F811
    path, method, data, cookies, persona = case
    client.logout()
    client.cookies.clear()
    user = persona_user(persona, world, request)
    if user is not None:
        client.force_login(user)
    for name, value in cookies.items():
        client.cookies[name] = value
    response = getattr(client, method)(path, data)
    assert response.status_code < 500, (method, path, data, cookies)
