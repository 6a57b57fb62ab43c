"""Shared personas for the truth tables of permission rules (tests/*/test_rules.py)."""

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import UserFactory

PERSONAS = (
    "anonymous",
    "member",
    "org_admin",
    "partner_admin",
    "outsider",
    "staff",
    "other_staff",
    "superuser",
)


def staff_of(programme):
    user = UserFactory(is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    programme.staff.add(user)
    return user


def persona(request, name, programme=None):
    """The user a persona stands for; programme staff need the programme."""
    if name == "anonymous":
        return AnonymousUser()
    if name == "member":
        return request.getfixturevalue("org_member")
    if name in ("org_admin", "partner_admin", "outsider"):
        return request.getfixturevalue(name)
    if name == "superuser":
        return UserFactory(is_staff=True, is_superuser=True)
    from exchange.calls.models import Programme

    if name == "staff":
        return staff_of(programme or Programme.objects.create(name="Main", slug="main"))
    return staff_of(Programme.objects.create(name="Multiplier", slug="multiplier"))


def table(rows: dict) -> list:
    """[(rule name, persona, expected)] from {rule name: set of personas allowed}."""
    return [(rule, p, p in allowed) for rule, allowed in rows.items() for p in PERSONAS]


def rows(table_: dict) -> list:
    """[(rule name, set of personas allowed)] to parametrise by rule; each test then tries
    every persona on the same objects (a rule reads, it changes nothing)."""
    return list(table_.items())
