"""The library through the API: the same search, reading and rules as the pages."""

from django.urls import reverse

from exchange.library.filters import search
from tests.api.helpers import call, client_for

from .world import admin, own_model, published_model, text


def test_the_api_finds_the_same_models_in_the_same_order_as_the_page(organisation, partner, staff):
    for k, org in enumerate((organisation, partner, organisation)):
        published_model(
            org, staff, {"tr": text(f"Gönüllü rehberi {k}", problem="gönüllülerimiz " * (k + 1))}
        )
    published_model(partner, staff, {"de": text("Spendenbrief")}, areas=("individual-giving",))
    for params in (
        {"q": "gönüllü"},
        {"q": "gonullu", "sort": "newest"},
        {"area": "individual-giving"},
    ):
        response = client_for(None).get(reverse("api:library"), params)
        assert response.status_code == 200
        _f, results, _n = search(params)
        assert [m["slug"] for m in response.json()["results"]] == [m.slug for m in list(results)]
    bad = client_for(None).get(reverse("api:library"), {"area": "nonsense"})
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"


def test_a_model_reads_in_the_asked_language_with_safe_html(organisation, staff):
    model = published_model(
        organisation, staff,
        {"tr": text("Yol arkadaşı", approach="**Her** gönüllüye <script>x</script>"),
         "de": text("Patensystem")},
    )  # fmt: skip
    body = (
        client_for(None).get(reverse("api:library-model", args=[model.slug]), {"lang": "de"}).json()
    )
    assert (body["language"], body["title"], body["missing"]) == ("de", "Patensystem", ["en"])
    turkish = (
        client_for(None, language="tr").get(reverse("api:library-model", args=[model.slug])).json()
    )
    approach = next(s for s in turkish["sections"] if s["key"] == "approach")
    assert "<strong>Her</strong>" in approach["html"] and "<script" not in approach["html"]
    lineage = client_for(None).get(reverse("api:library-lineage", args=[model.slug])).json()
    assert lineage["models"][0]["slug"] == model.slug and lineage["generations"] == 1


def test_draft_approve_review_and_adopt_through_the_api(organisation, partner, staff):
    me = admin(organisation)
    client = client_for(me)
    created = call(client, "post", reverse("api:library-drafts"), {
        "organisation": organisation.slug, "language": "tr",
        "title": "Gönüllü rehberi", "summary": "Kısa özet.",
    })  # fmt: skip
    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    response = call(client, "put", reverse("api:library-draft-text", args=[slug, "tr"]), {
        "title": "Gönüllü rehberi", "summary": "Kısa özet.",
        "sections": {"problem": "Gönüllüler ayrılıyor.", "approach": "Yol arkadaşı."},
    })  # fmt: skip
    assert response.status_code == 200
    bad = call(client, "put", reverse("api:library-draft-text", args=[slug, "tr"]),
               {"title": "x", "summary": "y", "sections": {"nonsense": "z"}})  # fmt: skip
    assert bad.status_code == 422
    assert (
        call(
            client,
            "patch",
            reverse("api:library-draft", args=[slug]),
            {"capacity_areas": ["governance"]},
        ).status_code
        == 200
    )
    assert (
        call(client, "post", reverse("api:library-draft-approve", args=[slug])).json()["status"]
        == "approved"
    )
    assert (
        call(client, "post", reverse("api:library-draft-submit", args=[slug])).json()["status"]
        == "in_review"
    )
    review = call(
        client_for(staff),
        "post",
        reverse("api:library-draft-review", args=[slug]),
        {"decision": "publish"},
    )
    assert review.status_code == 200 and review.json()["published_version"] == 1
    found = client_for(None).get(reverse("api:library"), {"q": "gönüllülerin"}).json()
    assert [m["slug"] for m in found["results"]] == [slug]

    adopter = client_for(admin(partner))
    adopted = call(adopter, "post", reverse("api:library-adoptions", args=[slug]),
                   {"organisation": partner.slug, "adaptation": "Für unsere Sportvereine."})  # fmt: skip
    assert adopted.status_code == 201
    again = call(adopter, "post", reverse("api:library-adoptions", args=[slug]),
                 {"organisation": partner.slug, "adaptation": "Noch einmal."})  # fmt: skip
    assert again.status_code == 403
    listed = client_for(None).get(reverse("api:library-adoptions", args=[slug])).json()
    assert [a["organisation"]["slug"] for a in listed] == [partner.slug]


def test_a_draft_is_not_public_through_the_api(organisation):
    model = own_model(organisation, {"en": text("Secret")})
    assert client_for(None).get(reverse("api:library-model", args=[model.slug])).status_code == 404
    assert (
        client_for(admin(organisation))
        .get(reverse("api:library-model", args=[model.slug]))
        .status_code
        == 200
    )
