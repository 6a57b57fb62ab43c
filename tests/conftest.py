"""Personas (healthchecks' Alice/Bob idea) and shared fixtures.

org_admin and org_member belong to `organisation` (Turkey); partner_admin administers
`partner` (Germany); outsider belongs to another organisation; staff runs the programme.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.utils import translation

from exchange.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory, add_member, admin_of

pytest_plugins = ["tests.applications.fixtures", "tests.selection.fixtures"]


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://testserver"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # rate limits live in the cache
    # A request leaves its user's language active in the thread (the middleware activates
    # it); each test starts in the default language, whatever ran before it on this worker.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="İzmir Gönüllüleri Derneği",
        country="TR",
        city="İzmir",
        description="Gönüllülerle birlikte çevre eğitimi yapıyoruz.",
        needs=[("volunteer-management", "Gönüllülerimizi tutmakta zorlanıyoruz.")],
        offers=["advocacy"],
        fields=["environment-climate"],
        contact_email="secret@izmir.example",
        contact_phone="+90 232 000 00 00",
    )


@pytest.fixture
def org_admin(organisation):
    return admin_of(organisation)


@pytest.fixture
def org_member(organisation):
    return add_member(organisation, role=Membership.Role.MEMBER)


@pytest.fixture
def partner(db):
    return OrganisationFactory(
        name="Ehrenamt Köln e.V.",
        country="DE",
        city="Köln",
        languages=["de", "en"],
        description="Wir qualifizieren Ehrenamtliche.",
        offers=["volunteer-management"],
    )


@pytest.fixture
def partner_admin(partner):
    return admin_of(partner)


@pytest.fixture
def outsider(db):
    other = OrganisationFactory(
        name="Another Organisation", country="NL", city="Rotterdam", languages=["nl", "en"]
    )
    return admin_of(other)


@pytest.fixture
def staff(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


@pytest.fixture
def login(client):
    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture
def shared_dir():
    """../shared beside the checkout (CI and developers have it; users do not)."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent.parent / "shared"
    if not path.is_dir():
        pytest.skip("../shared is absent: the benchmark data sets are not available here")
    return path
