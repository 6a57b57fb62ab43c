"""List endpoints load a page in a fixed number of queries: the same for 10 objects as for
100 (no query per row)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exchange.applications import services as application_services
from exchange.applications.models import Application
from exchange.contacts import board
from exchange.contacts import services as contact_services
from exchange.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.organisations.factories import OrganisationFactory, add_member

from .helpers import call, client_for

pytestmark = pytest.mark.django_db


def queries(client, url):
    call(client, "get", url)  # the token's first use of the minute records it: not counted
    with CaptureQueriesContext(connection) as captured:
        response = call(client, "get", url)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


def grow(make, url, client, page_size=100):
    """Query counts of `url` after `make(10)` and then 90 more."""
    sep = "&" if "?" in url else "?"
    make(10)
    small = queries(client, f"{url}{sep}page_size={page_size}")
    make(90)
    large = queries(client, f"{url}{sep}page_size={page_size}")
    return small, large


def test_the_directory():
    def make(n):
        for _ in range(n):
            OrganisationFactory(
                country="DE", city="Köln", needs=["individual-giving"], fields=["sports"]
            )

    small, large = grow(make, "/api/v1/organisations/", client_for(None))
    assert small == large
    small, large = queries(client_for(None), "/api/v1/organisations/?q=Organisation"), None
    assert small <= 8


def test_members_conversations_and_contact_requests():
    home = OrganisationFactory()
    admin = home.memberships.get().user
    api = client_for(admin)

    def make(n):
        for _ in range(n):
            add_member(home)
            other = OrganisationFactory(country="DE", city="Berlin")
            sent = contact_services.send_contact_request(
                sender=other, recipient=home, by=other.memberships.get().user, message="Hi"
            )
            if Membership.objects.filter(organisation=home).count() % 2:
                contact_services.accept_request(request=sent, by=admin)

    assert len(set(grow(make, f"/api/v1/organisations/{home.slug}/members/", api))) == 1


def test_conversations_and_requests_lists(django_assert_max_num_queries):
    home = OrganisationFactory()
    admin = home.memberships.get().user
    api = client_for(admin)

    def make(n):
        for _ in range(n):
            other = OrganisationFactory(country="AT", city="Wien")
            sent = contact_services.send_contact_request(
                sender=other, recipient=home, by=other.memberships.get().user, message="Hi"
            )
            if n == 10:
                contact_services.accept_request(request=sent, by=admin)

    make(10)
    conversations = queries(api, "/api/v1/conversations/?page_size=100")
    requests = queries(api, "/api/v1/contact-requests/")
    make(90)
    assert queries(api, "/api/v1/conversations/?page_size=100") == conversations
    assert queries(api, "/api/v1/contact-requests/") == requests


def test_board_posts():
    def make(n):
        for _ in range(n):
            poster = OrganisationFactory(country="NL", city="Utrecht")
            board.create_post(
                organisation=poster,
                by=poster.memberships.get().user,
                area="governance",
                description="Looking",
                reply_deadline=timezone.localdate() + datetime.timedelta(days=5),
            )

    small, large = grow(make, "/api/v1/board/posts/", client_for(None))
    assert small == large


def test_my_applications_and_a_calls_applications_for_staff(call):
    from tests.test_authorization import staff_of

    person = UserFactory()
    staff = staff_of(call.programme)

    def make(n):
        for _ in range(n):
            organisation = OrganisationFactory(country="TR", city="Ankara")
            Membership.objects.create(organisation=organisation, user=person, role="admin")
            application = application_services.start_application(
                call=call, organisation=organisation, by=person
            )
            Application.objects.filter(pk=application.pk).update(
                status=Application.Status.SUBMITTED, submitted_at=timezone.now()
            )

    mine = client_for(person)
    theirs = client_for(staff)
    make(10)
    counts = (
        queries(mine, "/api/v1/applications/?page_size=100"),
        queries(theirs, f"/api/v1/calls/{call.slug}/applications/?page_size=100"),
        queries(mine, "/api/v1/me/organisations/"),
    )
    make(90)
    assert counts == (
        queries(mine, "/api/v1/applications/?page_size=100"),
        queries(theirs, f"/api/v1/calls/{call.slug}/applications/?page_size=100"),
        queries(mine, "/api/v1/me/organisations/"),
    )
