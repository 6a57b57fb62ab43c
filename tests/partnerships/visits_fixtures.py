"""A partnership with a German host, a Turkish travelling side and one visit, for the visits'
tests."""

import datetime

import pytest
from django.utils import timezone

from exchange.calls.models import Call, Programme
from exchange.organisations.models import Membership
from exchange.partnerships.visits import services
from exchange.partnerships.visits.models import Visit
from tests.organisations.factories import OrganisationFactory, add_member
from tests.partnerships.world import make_partnership
from tests.test_authorization import make_demo_call, staff_of


@pytest.fixture
def trip(db):
    call = Call.objects.get(slug=make_demo_call())
    turkish = OrganisationFactory(name="Ankara Gönüllüleri", country="TR", city="Ankara")
    german = OrganisationFactory(name="Kölner Ehrenamt e.V.", country="DE", city="Köln")
    partnership = make_partnership(call, turkish, german)
    admin = turkish.memberships.get(role=Membership.Role.ADMIN).user
    host_admin = german.memberships.get(role=Membership.Role.ADMIN).user
    today = timezone.localdate()
    visit = services.plan_visit(
        partnership=partnership,
        by=admin,
        host=german,
        from_city="Ankara",
        from_country="TR",
        starts_on=today + datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=34),
        purpose="Ehrenamtsmanagement kennenlernen",
        programme="Tag 1: Begrüßung. Tag 2: Besuch bei Freiwilligen.",
        mode=Visit.Mode.PHYSICAL,
    )
    traveller = services.add_traveller(
        visit=visit, by=admin, name="Şükrü Çağlar Öztürk", organisation=turkish,
        needs_visa=True, nationality="TR", passport_number="U12345678",
        date_of_birth=datetime.date(1990, 4, 1), email="sukru@example.org",
        costs_covered="Reise und Unterkunft aus dem Zuschuss.",
    )  # fmt: skip
    return {
        "partnership": partnership,
        "turkish": turkish,
        "german": german,
        "admin": admin,
        "member": add_member(turkish),
        "host_admin": host_admin,
        "host_member": add_member(german),
        "staff": staff_of(Programme.objects.get(slug="civil-society-exchange")),
        "visit": visit,
        "traveller": traveller,
    }


def confirm(trip):
    services.move_visit(visit=trip["visit"], to=Visit.Status.CONFIRMED, by=trip["host_admin"])


def issue(trip, by=None, **extra):
    fields = {
        "language": "de",
        "host_address": "Domstraße 1\n50667 Köln",
        "signatory_name": "Jürgen Weiß",
        "signatory_role": "Vorsitzender",
        "costs_covered": "Reise und Unterkunft übernimmt der Zuschuss; Verpflegung die Gastgeber.",
    }
    fields.update(extra)
    return services.issue_letter(
        visit=trip["visit"], traveller=trip["traveller"], by=by or trip["host_admin"], **fields
    )
