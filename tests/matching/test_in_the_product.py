import json

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from exchange.matching import services
from exchange.matching.models import CandidateMark, StatementReading
from tests.organisations.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def fresh_index():
    services.reset_index()
    yield
    services.reset_index()


@pytest.fixture
def german_partner(db):
    return OrganisationFactory(
        name="Ehrenamt Köln e.V.",
        country="DE",
        city="Köln",
        languages=["de", "en"],
        needs=["volunteer-management"],
        offers=["individual-giving"],
        fields=["environment-climate"],
    )


def test_members_see_recommended_partners_with_reasons(
    login, org_member, organisation, german_partner
):
    OrganisationFactory(name="Same Side Derneği", country="TR", needs=["volunteer-management"])
    OrganisationFactory(
        name="No Common Language", country="FR", languages=["fr"], needs=["volunteer-management"]
    )
    page = login(org_member).get(reverse("matching:partners", args=[organisation.slug]))
    assert page.status_code == 200
    assert "Ehrenamt Köln e.V." in page.text
    assert "You both want to strengthen volunteer management" in page.text
    assert "You share English" in page.text
    assert "Same Side Derneği" not in page.text and "No Common Language" not in page.text


def test_reasons_are_translated(login, org_member, organisation, german_partner):
    client = login(org_member)
    client.post(reverse("accounts:set-language"), {"language": "tr"})
    page = client.get(reverse("matching:partners", args=[organisation.slug]))
    assert "İkiniz de gönüllü yönetimi alanını güçlendirmek istiyorsunuz." in page.text
    assert "(%" in page.text  # Turkish writes the percent sign first


def test_the_country_filter_offers_only_the_other_side(login, org_member, organisation):
    page = login(org_member).get(reverse("matching:partners", args=[organisation.slug]))
    choices = page.context["form"].fields["country"].choices
    codes = {code for code, _name in choices}
    assert organisation.country.code == "TR"
    assert {"DE", "FR", "BE"} <= codes
    assert "TR" not in codes
    # A country of the same side typed into the address is refused, not a server error.
    page = login(org_member).get(
        reverse("matching:partners", args=[organisation.slug]), {"country": "TR"}
    )
    assert page.status_code == 200


def test_filters_narrow_the_recommendations(login, org_member, organisation, german_partner):
    OrganisationFactory(
        name="Climate Brussels", country="BE", languages=["en"], needs=["volunteer-management"]
    )
    url = reverse("matching:partners", args=[organisation.slug])
    page = login(org_member).get(url, {"country": "BE"})
    assert "Climate Brussels" in page.text and "Ehrenamt Köln e.V." not in page.text
    page = login(org_member).get(url, {"area": "individual-giving"}, headers={"HX-Request": "true"})
    assert (
        "Ehrenamt Köln e.V." in page.text
        and "Climate Brussels" not in page.text
        and "<html" not in page.text
    )


def test_dismissed_partners_do_not_come_back_and_saved_ones_are_listed(
    login, org_member, organisation, german_partner
):
    client = login(org_member)
    mark = reverse("matching:mark", args=[organisation.slug, german_partner.slug])
    client.post(mark, {"action": "saved"})
    assert CandidateMark.objects.get().kind == "saved"
    assert (
        "Saved partners" in client.get(reverse("matching:partners", args=[organisation.slug])).text
    )
    client.post(mark, {"action": "dismissed"})
    client.get(reverse("organisations:list"))  # the confirmation message is shown once
    page = client.get(reverse("matching:partners", args=[organisation.slug]))
    assert "Ehrenamt Köln e.V." not in page.text


def test_outsiders_cannot_see_or_mark(login, outsider, organisation, german_partner):
    client = login(outsider)
    assert client.get(reverse("matching:partners", args=[organisation.slug])).status_code == 403
    assert (
        client.post(
            reverse("matching:mark", args=[organisation.slug, german_partner.slug]),
            {"action": "saved"},
        ).status_code
        == 403
    )
    assert not CandidateMark.objects.exists()


def test_an_organisation_cannot_mark_itself(login, org_admin, organisation):
    assert (
        login(org_admin)
        .post(
            reverse("matching:mark", args=[organisation.slug, organisation.slug]),
            {"action": "saved"},
        )
        .status_code
        == 404
    )


def test_texts_are_read_after_a_profile_is_saved(db):
    with TestCase.captureOnCommitCallbacks(execute=True):
        org = OrganisationFactory(
            name="Words Only", needs=[("", "Gönüllülerimizi uzun süre tutmakta zorlanıyoruz.")]
        )
    reading = StatementReading.objects.get(statement__organisation=org)
    assert len(reading.areas) == 16 and len(bytes(reading.embedding)) == 512 * 2


def test_a_text_already_read_on_the_platform_is_never_embedded_again(db, monkeypatch):
    sentence = "Gönüllülerimizi uzun süre tutmakta zorlanıyoruz."
    with TestCase.captureOnCommitCallbacks(execute=True):
        OrganisationFactory(name="First", needs=[("", sentence)])
    embedded = []
    real = services.text.embed
    monkeypatch.setattr(services.text, "embed", lambda texts: embedded.extend(texts) or real(texts))
    with TestCase.captureOnCommitCallbacks(execute=True):
        second = OrganisationFactory(name="Second", needs=[("", sentence), ("", "Bağış azaldı.")])
    assert embedded == ["Bağış azaldı."]
    first_vector = StatementReading.objects.filter(statement__organisation__name="First").get()
    same = StatementReading.objects.get(statement__organisation=second, statement__text=sentence)
    assert (
        bytes(same.embedding) == bytes(first_vector.embedding) and same.areas == first_vector.areas
    )


def test_text_only_needs_are_matched_once_the_engine_has_learned(db):
    """A German organisation that only wrote words is matched on the area it meant."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        OrganisationFactory(
            name="A",
            needs=[("volunteer-management", "We struggle to keep our volunteers engaged.")],
        )
        OrganisationFactory(
            name="B", needs=[("individual-giving", "We want more people to donate every month.")]
        )
        OrganisationFactory(
            name="C", needs=[("volunteer-management", "Gönüllülerimiz birkaç ay sonra ayrılıyor.")]
        )
        OrganisationFactory(
            name="D", needs=[("individual-giving", "Bireysel bağışçı sayımızı artırmak istiyoruz.")]
        )
        words = OrganisationFactory(
            name="Nur Worte e.V.",
            country="DE",
            city="Berlin",
            languages=["de", "en", "tr"],
            needs=[("", "Wir gewinnen Ehrenamtliche, aber sie bleiben nicht lange bei uns.")],
        )
    services.train_area_model()
    turkish = OrganisationFactory(
        name="Gönüllü Derneği", languages=["tr", "en"], needs=["volunteer-management"]
    )
    services.reset_index()
    best = services.recommend(turkish, 1)[0]
    assert best.id == words.pk
    assert best.reasons[0].kind == "common_need" and best.reasons[0].key == "volunteer-management"
    assert best.reasons[0].inferred


def test_the_page_says_which_reasons_were_read_from_words(login, org_member, organisation):
    with TestCase.captureOnCommitCallbacks(execute=True):
        for name, area, sentence in [
            ("A", "volunteer-management", "We struggle to keep our volunteers engaged."),
            ("B", "individual-giving", "We want more people to donate every month."),
        ]:
            OrganisationFactory(name=name, needs=[(area, sentence)])
        OrganisationFactory(
            name="Nur Worte e.V.",
            country="DE",
            languages=["de", "en"],
            needs=[
                ("", "Wir gewinnen Ehrenamtliche, aber sie bleiben nicht lange bei uns."),
                "advocacy",
            ],
        )
    services.train_area_model()
    services.reset_index()
    page = login(org_member).get(reverse("matching:partners", args=[organisation.slug]))
    assert "Nur Worte e.V." in page.text
    reasons = {r["text"]: r["inferred"] for r in page.context["recommendations"][0].reasons}
    assert reasons["You both want to strengthen volunteer management."] is True
    assert (
        reasons["You have experience in advocacy, which Nur Worte e.V. wants to strengthen."]
        is False
    )
    # The reason quotes the words it was read from, in the reader's language's sentence.
    assert (
        "Read from the words of Nur Worte e.V.: “Wir gewinnen Ehrenamtliche, aber sie " in page.text
    )
    german = login(org_member).get(
        reverse("matching:partners", args=[organisation.slug]), HTTP_ACCEPT_LANGUAGE="de"
    )
    assert "Gelesen aus den Worten von Nur Worte e.V.: »Wir gewinnen Ehrenamtliche" in german.text
    api = login(org_member).get(reverse("api:recommendations", args=[organisation.slug]))
    reason = next(r for r in api.json()[0]["reasons"] if r["inferred"])
    assert reason["read_from"][0]["whose"] == "partner"
    assert reason["read_from"][0]["words"].startswith("Wir gewinnen Ehrenamtliche")


def test_recommend_partners_command_prints_the_benchmark_format(
    db, capsys, german_partner, organisation
):
    organisation.ref, german_partner.ref = "tr-1", "de-1"
    organisation.save()
    german_partner.save()
    call_command("recommend_partners", "--all", "--limit", "10", "--format", "jsonl")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # A common need (2.0) and a shared field (0.5).
    assert {"ref": "tr-1", "partners": [{"ref": "de-1", "score": 2.5}]} in lines
    call_command("recommend_partners", "--ref", "de-1", "--reasons")
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert line["partners"][0]["ref"] == "tr-1" and line["partners"][0]["reasons"][0]["share"] > 0


def test_match_pool_pairs_a_file(db, tmp_path, capsys):
    records = [
        {
            "ref": "tr-1",
            "name": "A",
            "country": "TR",
            "city": "Van",
            "languages": ["tr", "en"],
            "needs": [{"area": "governance", "text": ""}],
            "offers": [],
        },
        {
            "ref": "tr-2",
            "name": "B",
            "country": "TR",
            "city": "Kars",
            "languages": ["tr", "de"],
            "needs": [{"area": "advocacy", "text": ""}],
            "offers": [],
        },
        {
            "ref": "de-1",
            "name": "C",
            "country": "DE",
            "city": "Bonn",
            "languages": ["de"],
            "needs": [{"area": "advocacy", "text": ""}],
            "offers": [],
        },
        {
            "ref": "nl-1",
            "name": "D",
            "country": "NL",
            "city": "Delft",
            "languages": ["en"],
            "needs": [{"area": "governance", "text": ""}],
            "offers": [],
        },
    ]
    path = tmp_path / "pool.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    call_command("match_pool", str(path))
    pairs = {
        (p["turkey"], p["europe"]) for p in map(json.loads, capsys.readouterr().out.splitlines())
    }
    assert pairs == {("tr-1", "nl-1"), ("tr-2", "de-1")}
