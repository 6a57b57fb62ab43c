"""Fixtures of joint applications, shared by every test package (tests/conftest.py loads
this module as a plugin): a programme, an open call, a draft and a complete application,
and a clock to set the server's time."""

import datetime

import pytest
from django.utils import timezone

from exchange.applications import deadline, services
from exchange.calls import services as call_services
from exchange.calls.models import Call, Programme

COMPLETE = {
    "common_issue": "Keeping volunteers involved for more than a year.",
    "capacity_area": "volunteer-management",
    "planned_model": "A volunteer journey.",
    "visits_plan": "Two visits, monthly calls.",
    "expected_results": "A handbook.",
    "sharing": "A webinar.",
    "budget": "Travel and accommodation.",
}
EACH = {"motivation": "To learn.", "brings": "Experience.", "learn": "Onboarding."}


def people(organisation):
    code = organisation.slug[:10]
    return [
        {"name": "Deniz", "role": "Coordinator", "email": f"d@{code}.example", "needs_visa": True},
        {"name": "Ali", "role": "Director", "email": f"a@{code}.example", "needs_visa": False},
    ]


def fill_in(application, lead, *others):
    """Every required answer and each organisation's participants; `lead` and `others` are
    (organisation, one of its admins); the lead answers the partnership's questions."""
    services.save_answers(
        application=application, organisation=None, by=lead[1], values=COMPLETE, versions={}
    )
    for org, user in (lead, *others):
        services.save_answers(
            application=application, organisation=org, by=user, values=EACH, versions={}
        )
        services.save_participants(
            application=application, organisation=org, by=user, rows=people(org)
        )
    return application


def confirm_all(application):
    """Every organisation's first administrator confirms the current version."""
    for partner in application.partners.filter(is_active=True).select_related("organisation"):
        admin = partner.organisation.memberships.filter(role="admin").first().user
        services.confirm_application(
            application=application, organisation=partner.organisation, by=admin
        )


@pytest.fixture
def programme(db):
    return Programme.objects.create(name="Civil Society Exchange", slug="cse")


@pytest.fixture
def call(programme):
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        slug="cohort-2027",
        cohort_en="Cohort 2027",
        title_en="Call 2027",
        title_tr="Çağrı 2027",
        title_de="Ausschreibung 2027",
        text_en="Apply together.",
        time_zone="Europe/Berlin",
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=3),
        turkey_countries=["TR"],
        europe_countries=["DE", "AT", "NL"],
    )
    call_services.add_default_form(call)
    return call


@pytest.fixture
def application(call, organisation, org_admin, partner, partner_admin):
    """A draft of `organisation` (Turkey) with `partner` (Germany)."""
    application = services.start_application(call=call, organisation=organisation, by=org_admin)
    invitation = services.invite_partner(
        application=application, by=org_admin, organisation=partner
    )
    services.accept_invitation(invitation=invitation, organisation=partner, by=partner_admin)
    return application


@pytest.fixture
def complete(application, organisation, org_admin, partner, partner_admin):
    """The draft with every required answer and both organisations' participants."""
    return fill_in(application, (organisation, org_admin), (partner, partner_admin))


@pytest.fixture
def clock(monkeypatch):
    """Set the server's clock: clock.set(moment), or clock.sequence([...]) for a service that
    starts before and completes after a moment."""

    class Clock:
        def set(self, moment):
            monkeypatch.setattr(deadline, "now", lambda: moment)

        def sequence(self, moments):
            moments = list(moments)

            def tick():
                return moments.pop(0) if len(moments) > 1 else moments[0]

            monkeypatch.setattr(deadline, "now", tick)

    return Clock()
