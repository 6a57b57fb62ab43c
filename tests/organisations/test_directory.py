import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory

URL = reverse("organisations:list")


def test_directory_lists_public_organisations_for_visitors(client, organisation, partner):
    OrganisationFactory(name="Hidden Circle", visibility=Organisation.Visibility.MEMBERS)
    response = client.get(URL)
    assert response.status_code == 200
    assert organisation.name in response.text and partner.name in response.text
    assert "Hidden Circle" not in response.text


def test_members_only_profiles_are_listed_for_signed_in_people(login, outsider):
    OrganisationFactory(name="Hidden Circle", visibility=Organisation.Visibility.MEMBERS)
    assert "Hidden Circle" in login(outsider).get(URL).text


def test_filters_live_in_the_url_and_work_without_javascript(client, organisation, partner):
    response = client.get(URL, {"side": "eu", "language": "de", "q": "ehrenamt"})
    assert partner.name in response.text and organisation.name not in response.text
    assert 'value="ehrenamt"' in response.text  # the form keeps the query
    assert "<html" in response.text  # a whole page for a plain GET


def test_htmx_requests_get_only_the_results(client, organisation):
    response = client.get(URL, {"q": "izmir"}, headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert organisation.name in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"side": "mars"},
        {"country": "XX"},
        {"page": "abc"},
        {"page": "99999"},
        {"sort": "evil"},
        {"q": '"*) OR (' * 20},
        {"q": "a" * 3000},
        {"hosts_visits": "maybe"},
        {"field": "<script>"},
    ],
)
def test_odd_input_never_breaks_the_directory(client, organisation, params):
    response = client.get(URL, params)
    assert response.status_code == 200


def test_city_filter_is_turkish_case_insensitive(client, organisation):
    assert organisation.name in client.get(URL, {"city": "IZMIR"}).text
    assert organisation.name in client.get(URL, {"city": "izm"}).text


def test_sorting_by_newest_and_name(client, db):
    OrganisationFactory(name="Zeytin Derneği")
    OrganisationFactory(name="Akdeniz Vakfı")
    by_name = client.get(URL, {"sort": "name"}).text
    assert by_name.index("Akdeniz Vakfı") < by_name.index("Zeytin Derneği")
    newest = client.get(URL, {"sort": "newest"}).text
    assert newest.index("Akdeniz Vakfı") < newest.index("Zeytin Derneği")


def test_pagination_keeps_the_filters(client, db, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for i in range(5):
        OrganisationFactory(name=f"Gençlik Derneği {i}")
    response = client.get(URL, {"q": "genclik"})
    assert "q=genclik&amp;page=2" in response.text
    assert "Gençlik Derneği 2" in client.get(URL, {"q": "genclik", "page": 2}).text


def test_contact_details_are_never_listed(client, organisation):
    assert "secret@izmir.example" not in client.get(URL).text


def _queries(client, params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("params", [{}, {"q": "dernek"}, {"need": "governance", "side": "tr"}])
def test_query_count_does_not_grow_with_the_number_of_organisations(client, db, settings, params):
    settings.DIRECTORY_PAGE_SIZE = 100
    for i in range(10):
        OrganisationFactory(
            name=f"Dernek {i}", fields=["youth"], needs=["governance"], offers=["advocacy"]
        )
    few = _queries(client, params)
    for i in range(90):
        OrganisationFactory(
            name=f"Dernek {i + 10}", fields=["youth"], needs=["governance"], offers=["advocacy"]
        )
    assert _queries(client, params) == few
