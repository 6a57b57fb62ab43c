"""The library's pages as visitors, authors and staff meet them, and what they send."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from io import BytesIO

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.library import markup, selectors, services
from exchange.library.models import PracticeModel
from tests.organisations.factories import OrganisationFactory

from .world import admin, own_model, published_model, text

DANGEROUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    '<svg onload="alert(1)">',
    "[x](vbscript:msgbox(1))",
    "<style>body{display:none}</style>",
    "<!-- comment --><b onclick=alert(1)>b</b>",
]


class Elements(HTMLParser):
    """Every element and attribute an HTML text really has (not text that looks like one)."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_safe(html: str):
    for tag, attrs in Elements(html).found:
        assert tag in markup.TAGS, (tag, html)
        assert set(attrs) <= markup.ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, attrs)
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.split(":")[0] in markup.SCHEMES, href


@pytest.mark.parametrize("attack", DANGEROUS)
def test_no_script_or_dangerous_link_survives_the_markdown(attack):
    html = str(markup.render(f"Intro {attack} **end**"))
    assert_safe(html)
    assert "<strong>end</strong>" in html


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>\"'=/:[]()*#-_ ajvscriptonerhf&;!")), max_size=160))
def test_any_markdown_renders_to_allowed_tags_and_links_only(source):
    assert_safe(str(markup.render(source)))


def test_links_keep_their_text_and_get_a_safe_rel():
    html = str(markup.render("[Our guide](https://example.org/guide)"))
    assert 'href="https://example.org/guide"' in html and "nofollow" in html


def test_a_visitor_reads_a_model_in_their_language_and_switches(client, organisation, staff):
    model = published_model(
        organisation, staff,
        {"tr": text("Yol arkadaşı sistemi", approach="**Her** yeni gönüllüye bir yol arkadaşı."),
         "de": text("Patensystem", approach="Jede neue Ehrenamtliche bekommt eine Patin.")},
    )  # fmt: skip
    url = reverse("library:detail", args=[model.slug])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Patensystem" in page and "Patin" in page
    assert 'property="og:title" content="Patensystem"' in page
    # English is missing: said so, and the original (Turkish) is shown to an English reader.
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Yol arkadaşı sistemi" in english and "not translated yet" in english
    assert "<strong>Her</strong>" in english
    switched = client.get(url + "?lang=de", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Patensystem" in switched


def test_public_pages_are_cacheable_for_visitors_and_private_for_people(
    client, organisation, staff
):
    model = published_model(organisation, staff, {"en": text("Buddy system")})
    url = reverse("library:detail", args=[model.slug])
    response = client.get(url)
    assert "public" in response["Cache-Control"] and "max-age=120" in response["Cache-Control"]
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    # An adoption changes the page: it is served again, not "not modified".
    import time

    time.sleep(1.05)  # Last-Modified has a resolution of a second
    adopter = OrganisationFactory(country="NL")
    services.adopt(model=model, organisation=adopter, by=admin(adopter), adaptation="In Utrecht.")
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 200
    client.force_login(admin(organisation))
    assert "private" in client.get(url)["Cache-Control"]


def test_a_draft_is_not_found_by_visitors_and_previewed_by_its_authors(client, organisation):
    model = own_model(organisation, {"en": text("Secret draft")})
    url = reverse("library:detail", args=[model.slug])
    assert client.get(url).status_code == 404
    client.force_login(admin(organisation))
    page = client.get(url).content.decode()
    assert "Preview of the draft" in page and "Secret draft" in page


def test_a_link_to_the_draft_leads_to_the_published_address(client, organisation, staff):
    from .world import publish

    model = own_model(organisation, {"en": text("Working title")})
    services.save_text(model=model, language="en", by=admin(organisation),
                       values=text("Buddies for new volunteers"))  # fmt: skip
    draft_url = reverse("library:tree", args=[model.slug])
    # Before publication, an address ending in the draft's number tells a stranger
    # nothing, not even its title.
    assert client.get(reverse("library:detail", args=[f"guess-{model.pk}"])).status_code == 404
    publish(model, staff)
    response = client.get(draft_url + "?lang=en")
    assert response.status_code == 301
    assert response["Location"] == reverse("library:tree", args=[model.slug]) + "?lang=en"
    assert model.slug == f"buddies-for-new-volunteers-{model.pk}"
    assert client.get(reverse("library:detail", args=[f"guess-{model.pk + 1}"])).status_code == 404


def test_the_search_page_finds_and_filters_without_javascript(client, organisation, partner, staff):
    published_model(organisation, staff, {"tr": text("Gönüllülerimizi tutmak")})
    published_model(partner, staff, {"de": text("Spendenbrief")}, areas=("individual-giving",))
    page = client.get(reverse("library:index"), {"q": "gonulluler"}).content.decode()
    assert "Gönüllülerimizi tutmak" in page and "Spendenbrief" not in page
    page = client.get(reverse("library:index"), {"area": "individual-giving"}).content.decode()
    assert "Spendenbrief" in page and "Gönüllülerimizi" not in page
    bad = client.get(reverse("library:index"), {"area": "<script>"})
    assert bad.status_code == 200 and "<script>" not in bad.content.decode()


def test_the_feed_lists_new_models_as_atom(client, organisation, staff):
    published_model(organisation, staff, {"en": text("Buddy system")})
    response = client.get(reverse("library:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)] == [
        "Buddy system"
    ]


def test_the_pdf_carries_turkish_and_german_letters(client, organisation, staff):
    from pypdf import PdfReader

    from exchange.library import pdf

    if not pdf.HTML:
        pytest.skip("WeasyPrint cannot load Pango here")
    model = published_model(
        organisation, staff,
        {"tr": text("Gönüllüler için İzmir’de rehberlik", approach="Şişli’de ğ ü ş ı İ ö ç")},
    )  # fmt: skip
    response = client.get(reverse("library:pdf", args=[model.slug]))
    assert response["Content-Type"] == "application/pdf"
    extracted = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Gönüllüler için İzmir" in extracted and "ğ ü ş ı İ ö ç" in extracted


def test_the_family_tree_page_draws_and_lists_three_generations(
    client, organisation, partner, outsider, staff
):
    root = published_model(organisation, staff, {"en": text("Buddy system")})
    child = published_model(
        partner, staff, {"en": text("Buddy system for sports clubs")}, origin=root
    )
    outsider_org = outsider.memberships.get().organisation
    grandchild = published_model(
        outsider_org, staff, {"en": text("Buddies in Rotterdam")}, origin=child
    )
    page = client.get(reverse("library:tree", args=[child.slug])).content.decode()
    assert page.count("<circle") == 3 and "<svg" in page
    assert "generation 3" in page and "Buddies in Rotterdam" in page
    assert f'href="{reverse("library:detail", args=[grandchild.slug])}"' in page
    detail = client.get(reverse("library:detail", args=[child.slug])).content.decode()
    assert "Adapted from" in detail and "Buddy system</a>" in detail


def test_a_large_family_costs_the_same_few_queries(
    django_assert_max_num_queries, organisation, staff
):
    from tests.library.bench_data import grow_family

    root = published_model(organisation, staff, {"en": text("Root")})
    grow_family(root, children=3, generations=4)  # 3 + 9 + 27 + 81 = 120 descendants
    with django_assert_max_num_queries(3):
        tree = selectors.family(root, "en")
    assert len(tree.rows) == 121 and tree.generations == 5


def test_an_author_writes_a_translation_beside_the_original(client, organisation):
    model = own_model(organisation, {"tr": text("Yol arkadaşı")})
    client.force_login(admin(organisation))
    page = client.get(reverse("library:edit-text", args=[model.slug, "de"])).content.decode()
    assert "Yol arkadaşı" in page  # the original, to translate from
    response = client.post(
        reverse("library:edit-text", args=[model.slug, "de"]),
        {"title": "", "summary": "Kurz", "approach": "<script>x</script> Paten"},
    )
    assert response.status_code == 400  # no title: the form comes back with what was typed
    assert "Paten" in response.content.decode()
    response = client.post(
        reverse("library:edit-text", args=[model.slug, "de"]),
        {"title": "Patensystem", "summary": "Kurz", "approach": "Paten"},
    )
    assert response.status_code == 302
    assert model.texts.get(language="de").title == "Patensystem"
    too_long = client.post(
        reverse("library:edit-text", args=[model.slug, "de"]),
        {"title": "T" * 500, "summary": "S", "approach": "A" * 20000},
    )
    assert too_long.status_code == 400


def test_organisation_page_recommends_models_for_its_needs(client, organisation, partner, staff):
    published_model(partner, staff, {"de": text("Patensystem")}, areas=("volunteer-management",))
    published_model(partner, staff, {"de": text("Spendenbrief")}, areas=("individual-giving",))
    fragment = client.get(
        reverse("library:for-organisation", args=[organisation.slug]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Patensystem" in fragment and "Spendenbrief" not in fragment
    profile = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()
    assert reverse("library:for-organisation", args=[organisation.slug]) in profile


def test_staff_publish_from_the_review_page(client, organisation, staff):
    model = own_model(organisation, {"en": text("Buddy system")})
    services.approve(model=model, by=admin(organisation))
    services.submit_for_review(model=model, by=admin(organisation))
    client.force_login(staff)
    assert "Buddy system" in client.get(reverse("library:review-queue")).content.decode()
    response = client.post(reverse("library:review", args=[model.slug]), {"decision": "send_back"})
    assert response.status_code == 400  # comments are required to send it back
    response = client.post(
        reverse("library:review", args=[model.slug]), {"decision": "publish", "note": "v1"}
    )
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.status == PracticeModel.Status.PUBLISHED
