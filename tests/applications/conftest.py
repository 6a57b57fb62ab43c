"""Applications' tests: the shared fixtures (fixtures.py) and programme staff as `staff`."""

import pytest
from allauth.mfa.models import Authenticator

from tests.accounts.factories import UserFactory

from .fixtures import COMPLETE, EACH, confirm_all, fill_in, people  # noqa: F401 - helpers


@pytest.fixture
def staff(programme):
    """Staff of the call's programme: not a superuser, with two factors."""
    user = UserFactory(is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    programme.staff.add(user)
    return user
