"""A call whose deadline has passed with submitted applications, and reviewers with two
factors: the world of the selection tests (loaded as a plugin by tests/conftest.py)."""

import datetime
from dataclasses import dataclass

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from exchange.applications import services as application_services
from exchange.applications.models import Application
from exchange.calls import services as call_services
from exchange.calls.models import Call
from exchange.organisations.models import Membership
from exchange.selection import services
from exchange.selection.models import Reviewer
from tests.accounts.factories import UserFactory
from tests.applications.fixtures import confirm_all, fill_in
from tests.organisations.factories import OrganisationFactory

EUROPE = ["DE", "AT", "NL"]
AREAS = ["volunteer-management", "fundraising", "governance", "advocacy"]


def admin(organisation):
    return organisation.memberships.get(role=Membership.Role.ADMIN).user


def submit_pair(call, k: int, *, area=None) -> Application:
    turkish = OrganisationFactory(name=f"Dernek {k}", country="TR", city="Ankara")
    european = OrganisationFactory(
        name=f"Verein {k}", country=EUROPE[k % len(EUROPE)], city="Köln", languages=["de", "en"]
    )
    application = application_services.start_application(
        call=call, organisation=turkish, by=admin(turkish)
    )
    invitation = application_services.invite_partner(
        application=application, by=admin(turkish), organisation=european
    )
    application_services.accept_invitation(
        invitation=invitation, organisation=european, by=admin(european)
    )
    fill_in(application, (turkish, admin(turkish)), (european, admin(european)))
    application_services.save_answers(
        application=application,
        organisation=None,
        by=admin(turkish),
        values={"capacity_area": area or AREAS[k % len(AREAS)]},
        versions={"capacity_area": 1},
    )
    confirm_all(application)
    return application_services.submit_application(application=application, by=admin(turkish))


def close(call):
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    call.refresh_from_db()


def two_factor(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


def make_reviewer(programme, name, country, *, call=None, by=None, mfa=True) -> Reviewer:
    user = UserFactory(display_name=name, email=f"{name.lower()}@review.example")
    if mfa:
        two_factor(user)
    reviewer = services.invite_reviewer(
        programme=programme, call=call, by=by, email=user.email, name=name, country=country
    )
    return services.accept_invitation(reviewer=reviewer, by=user)


@dataclass
class SelectionWorld:
    call: Call
    applications: list
    reviewers: list
    staff: object


@pytest.fixture
def programme_staff(programme):
    user = two_factor(UserFactory(is_staff=True, display_name="Selin Staff"))
    programme.staff.add(user)
    return user


@pytest.fixture
def selection(call, programme, programme_staff):
    """Six submitted applications of a closed call, screened eligible, and four reviewers
    (two from each side)."""
    call_services.add_default_rubric(call)
    applications = [submit_pair(call, k) for k in range(6)]
    close(call)
    for application in applications:
        services.screen(application=application, eligible=True, reason="", by=programme_staff)
    reviewers = [
        make_reviewer(programme, name, country, by=programme_staff)
        for name, country in (("Ayse", "TR"), ("Burak", "TR"), ("Clara", "DE"), ("Dirk", "NL"))
    ]
    return SelectionWorld(call, applications, reviewers, programme_staff)
