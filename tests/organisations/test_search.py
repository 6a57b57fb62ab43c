"""Directory search behaves the same on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from exchange.organisations.filters import DirectoryFilter
from exchange.organisations.models import Organisation
from tests.organisations.factories import OrganisationFactory


def search(**params):
    return [o.name for o in DirectoryFilter(params, queryset=Organisation.objects.all()).ordered()]


@pytest.fixture
def orgs(db):
    return [
        OrganisationFactory(
            name="İzmir Işık Derneği", city="İzmir", description="Gönüllüler ile çalışıyoruz."
        ),
        OrganisationFactory(
            name="Ehrenamt Köln e.V.",
            country="DE",
            city="Köln",
            languages=["de"],
            description="Wir begleiten Ehrenamtliche in Köln.",
        ),
        OrganisationFactory(
            name="Youth Bridge",
            country="NL",
            city="Utrecht",
            languages=["en"],
            description="Youth exchanges and training.",
            needs=["individual-giving"],
        ),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("izmir", "İzmir Işık Derneği"),
        ("IZMIR", "İzmir Işık Derneği"),
        ("ISIK", "İzmir Işık Derneği"),
        ("isik", "İzmir Işık Derneği"),
        ("gonulluler", "İzmir Işık Derneği"),
        ("gönüllü", "İzmir Işık Derneği"),
        ("koln", "Ehrenamt Köln e.V."),
        ("Ehrenamtlichen", "Ehrenamt Köln e.V."),
        ("ehrenamtliche begleiten", "Ehrenamt Köln e.V."),
        ("trainings", "Youth Bridge"),
        ("individual giving", "Youth Bridge"),
    ],
)
def test_search_finds_word_forms_case_and_accents(orgs, query, expected):
    assert search(q=query) == [expected]


def test_every_word_must_match(orgs):
    assert search(q="izmir köln") == []


def test_search_combines_with_filters(orgs):
    assert search(q="youth", side="eu") == ["Youth Bridge"]
    assert search(q="youth", side="tr") == []
    assert search(need="individual-giving") == ["Youth Bridge"]


def test_name_matches_rank_first(db):
    OrganisationFactory(name="Anadolu Derneği", description="Kadın dayanışması için çalışıyoruz.")
    OrganisationFactory(name="Kadın Dayanışma Vakfı", description="Eğitim veriyoruz.")
    assert search(q="dayanışma")[0] == "Kadın Dayanışma Vakfı"


def test_editing_a_profile_updates_the_index(orgs):
    from exchange.organisations import services

    org = orgs[2]
    org.description = "Klimaschutz in Utrecht"
    services.update_organisation(
        by=org.memberships.first().user, organisation=org, lists=services.lists_of(org)
    )
    assert search(q="klimaschutz") == ["Youth Bridge"]
    assert search(q="trainings") == []


def test_deleted_organisation_leaves_the_index(orgs):
    orgs[0].delete()
    assert search(q="izmir") == []


class TestArbitraryQueries(HypothesisTestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(max_size=60))
    def test_no_query_breaks_the_search(self, text):
        OrganisationFactory(name="Kadıköy Kültür Derneği")
        result = search(q=text)
        assert isinstance(result, list)


def test_a_large_match_set_lists_only_matches_and_says_more_than(db, settings, client):
    settings.DIRECTORY_RESULT_CAP = 2  # ranking window: 4
    for i in range(6):
        OrganisationFactory(name=f"Kültür Derneği {i}")
    OrganisationFactory(name="Spor Kulübü")
    names = search(q="kultur")
    assert len(names) >= 4 and all(n.startswith("Kültür Derneği") for n in names)
    assert "More than 2 organisations found" in client.get("/organisations/", {"q": "kultur"}).text
    settings.DIRECTORY_RESULT_CAP = 10
    assert "6 organisations found" in client.get("/organisations/", {"q": "kultur"}).text


def test_filters_folded_into_the_text_search_keep_exactly_the_filtered_profiles(db):
    """A text search with filters (tags in the index) finds what the same filters without
    text (joins) find among the profiles that match the text."""
    from exchange.organisations.filters import DirectoryFilter
    from exchange.organisations.models import Organisation
    from tests.organisations.factories import OrganisationFactory

    OrganisationFactory(
        name="Gönüllü Ağı", country="TR", languages=["tr"], needs=["advocacy"], kind="network"
    )
    OrganisationFactory(
        name="Gönüllü Vakfı",
        country="TR",
        languages=["tr", "en"],
        offers=["advocacy"],
        kind="foundation",
        hosts_visits=True,
    )
    OrganisationFactory(
        name="Freiwillige Gönüllü e.V.",
        country="DE",
        languages=["de", "en"],
        needs=["advocacy"],
        fields=["youth"],
    )
    combos = [
        {"need": "advocacy"},
        {"offer": "advocacy"},
        {"language": "en"},
        {"side": "tr"},
        {"country": "DE"},
        {"kind": "foundation"},
        {"field": "youth"},
        {"hosts_visits": "on"},
        {"need": "advocacy", "language": "en"},
    ]
    everything = Organisation.objects.all()
    for combo in combos:
        with_text = {
            o.name
            for o in DirectoryFilter({"q": "gönüllü", **combo}, queryset=everything).ordered()
        }
        without = {o.name for o in DirectoryFilter(combo, queryset=everything).ordered()}
        assert with_text == without, combo
        assert with_text, combo


def test_reindexing_writes_the_search_keys_again(db, settings):
    from django.core.management import call_command

    from exchange.organisations.filters import DirectoryFilter
    from exchange.organisations.models import Organisation
    from tests.organisations.factories import OrganisationFactory

    OrganisationFactory(name="Gönüllü Tiflis", country="GE", languages=["en"])
    search = {"q": "gönüllü", "side": "eu"}
    assert [o.name for o in DirectoryFilter(search, queryset=Organisation.objects.all()).ordered()]
    settings.EXCHANGE_EUROPE = [c for c in settings.EXCHANGE_EUROPE if c != "GE"]
    call_command("reindex_search", stdout=open("/dev/null", "w"))
    assert not list(DirectoryFilter(search, queryset=Organisation.objects.all()).ordered())
