"""The model's way to the library, adoption and lineage, as people meet them."""

import pytest
from django.core.exceptions import ValidationError

from exchange.calls.models import Call, Programme
from exchange.core.permissions import Refused
from exchange.library import selectors, services
from exchange.library.filters import search
from exchange.library.models import Adoption, PracticeModel
from exchange.notifications.models import Notification
from exchange.partnerships.reports import services as report_services
from exchange.partnerships.reports.models import Report
from tests.organisations.factories import OrganisationFactory, add_member
from tests.partnerships.world import make_partnership
from tests.test_authorization import make_demo_call, staff_of

from .world import admin, own_model, publish, published_model, text

S = PracticeModel.Status


@pytest.fixture
def pair(db):
    call = Call.objects.get(slug=make_demo_call())
    turkish = OrganisationFactory(name="Ankara Gönüllüleri", country="TR", city="Ankara")
    german = OrganisationFactory(name="Kölner Ehrenamt", country="DE", city="Köln")
    partnership = make_partnership(call, turkish, german)
    partnership.capacity_area = "volunteer-management"
    partnership.save()
    return {
        "partnership": partnership,
        "turkish": turkish,
        "german": german,
        "staff": staff_of(Programme.objects.get(slug="civil-society-exchange")),
    }


def _final_report(partnership, by, **answers):
    report_services.ensure_reports([partnership])
    report = Report.objects.get(partnership=partnership, kind="final")
    report.partnership = partnership
    report_services.save_report_answers(report=report, by=by, values=answers, versions={})


def test_the_draft_starts_from_the_final_report_and_both_organisations_approve(pair):
    partnership, turkish, german = pair["partnership"], pair["turkish"], pair["german"]
    _final_report(
        partnership,
        admin(turkish),
        final_model_problem="Gönüllülerimiz birkaç ay sonra ayrılıyor.",
        final_model_approach="Her yeni gönüllüye bir yol arkadaşı.",
        final_model_lessons="Buddies need a short training.",
    )
    model = services.start_for_partnership(
        partnership=partnership, by=admin(turkish), language="tr"
    )
    draft = model.texts.get(language="tr")
    assert draft.problem == "Gönüllülerimiz birkaç ay sonra ayrılıyor."
    assert draft.approach == "Her yeni gönüllüye bir yol arkadaşı."
    assert draft.worked == "Buddies need a short training."
    assert model.capacity_areas == ["volunteer-management"]
    assert sorted(model.countries) == ["DE", "TR"]
    # Starting again finds the same model rather than a second one.
    assert (
        services.start_for_partnership(partnership=partnership, by=admin(german), language="de")
        == model
    )

    services.save_text(model=model, language="tr", by=admin(turkish),
                       values={**draft.content(), "summary": "Gönüllüleri tutmanın yolu."})  # fmt: skip
    services.approve(model=model, by=admin(turkish))
    assert model.status == S.DRAFT  # the German organisation has not approved yet
    with pytest.raises(Refused) as refused:
        services.submit_for_review(model=model, by=admin(turkish))
    assert refused.value.code == "transition"
    services.approve(model=model, by=admin(german))
    assert model.status == S.APPROVED
    services.submit_for_review(model=model, by=admin(german))
    assert model.status == S.IN_REVIEW
    # Staff hear of it; authors cannot change it while it is in review.
    assert Notification.objects.filter(recipient=pair["staff"], kind="library").exists()
    with pytest.raises(Refused):
        services.save_text(model=model, language="tr", by=admin(turkish), values=draft.content())

    version = services.publish(model=model, by=pair["staff"], note="First version")
    model.refresh_from_db()
    assert (model.status, model.published_number, version.number) == (S.PUBLISHED, 1, 1)
    assert model.titles["tr"] == draft.title
    assert Notification.objects.filter(recipient=admin(german), kind="library").exists()


def test_an_edit_withdraws_approvals_and_an_update_keeps_the_published_version(pair, staff):
    organisation = pair["turkish"]
    model = published_model(organisation, staff, {"en": text("Buddy system")})
    services.save_text(
        model=model, language="en", by=admin(organisation),
        values=text("Buddy system, second edition"),
    )  # fmt: skip
    model.refresh_from_db()
    assert model.status == S.DRAFT and not model.approvals.exists()
    # Readers still read version 1 until the update is published.
    assert selectors.reading(selectors.latest_version(model), "en").title == "Buddy system"
    publish(model, staff, note="New title")
    assert model.published_number == 2
    assert (
        selectors.reading(selectors.latest_version(model), "en").title
        == "Buddy system, second edition"
    )
    assert [v.number for v in selectors.versions_of(model)] == [2, 1]


def test_the_address_comes_from_the_title_at_first_publication_and_then_stays(pair, staff):
    organisation = pair["turkish"]
    model = own_model(organisation, {"tr": text("Taslak")})
    services.save_text(model=model, language="tr", by=admin(organisation),
                       values=text("Gönüllü yol arkadaşları"))  # fmt: skip
    publish(model, staff)
    assert model.slug == f"gonullu-yol-arkadaslari-{model.pk}"
    services.save_text(model=model, language="tr", by=admin(organisation),
                       values=text("Yol arkadaşları, ikinci baskı"))  # fmt: skip
    publish(model, staff)
    assert model.slug == f"gonullu-yol-arkadaslari-{model.pk}"  # links keep working


def test_only_admins_approve_staff_review_and_outsiders_see_nothing(pair, staff):
    organisation = pair["turkish"]
    member = add_member(organisation)
    model = own_model(organisation, {"en": text("Buddy system")})
    with pytest.raises(Refused) as refused:
        services.approve(model=model, by=member)
    assert refused.value.code == "forbidden"
    outsider = admin(OrganisationFactory(country="NL"))
    with pytest.raises(Refused) as refused:
        services.save_text(model=model, language="en", by=outsider, values=text("Mine now"))
    assert refused.value.code == "not_found"
    services.approve(model=model, by=admin(organisation))
    services.submit_for_review(model=model, by=member)
    with pytest.raises(Refused):
        services.publish(model=model, by=member)
    with pytest.raises(ValidationError):
        services.send_back(model=model, by=staff, comments="  ")
    services.send_back(model=model, by=staff, comments="Add the steps, please.")
    assert model.status == S.SENT_BACK
    assert selectors.last_comments(model).reason == "Add the steps, please."


def test_an_incomplete_model_cannot_be_approved(pair):
    organisation = pair["turkish"]
    model = own_model(organisation, {"en": text("Buddy system", approach="")})
    with pytest.raises(Refused) as refused:
        services.approve(model=model, by=admin(organisation))
    assert refused.value.code == "incomplete"


def test_a_reader_gets_their_language_where_it_exists_and_sees_what_is_missing(pair, staff):
    model = published_model(
        pair["turkish"], staff,
        {"tr": text("Yol arkadaşı sistemi"), "de": text("Patensystem")},
    )  # fmt: skip
    version = selectors.latest_version(model)
    german = selectors.reading(version, "de")
    assert (german.language, german.title) == ("de", "Patensystem")
    english = selectors.reading(version, "en")
    assert english.language == "tr"  # the language it was written in
    assert english.missing == ["en"]


def _titles(params):
    _filterset, results, _count = search(params)
    return [m.titles.get("en") or next(iter(m.titles.values())) for m in list(results)[:20]]


def test_search_finds_turkish_word_forms_with_and_without_turkish_letters(pair, staff):
    published_model(
        pair["turkish"], staff,
        {"tr": text("Gönüllülerimizi tutmak", problem="Gönüllülerimiz kısa sürede ayrılıyor.")},
    )  # fmt: skip
    published_model(pair["german"], staff, {"de": text("Spendenbrief", problem="Wenige Spenden.")},
                    areas=("individual-giving",))  # fmt: skip
    for query in ("gönüllü", "gonulluler", "GÖNÜLLÜLERİN", "gönüllülerimizin"):
        assert _titles({"q": query}) == ["Gönüllülerimizi tutmak"], query
    assert _titles({"q": "Spenden"}) == ["Spendenbrief"]
    # A capacity area's label in another language finds a model filed under it.
    assert _titles({"q": "bağış"}) == ["Spendenbrief"]  # "Bireysel bağış", in Turkish


def test_filters_are_tags_of_the_same_search(pair, staff):
    published_model(pair["turkish"], staff, {"tr": text("Yol arkadaşı")}, fields=("youth",))
    published_model(pair["german"], staff, {"de": text("Patenschaft"), "en": text("Buddying")},
                    areas=("governance",))  # fmt: skip
    assert _titles({"area": "governance"}) == ["Buddying"]
    assert _titles({"language": "en"}) == ["Buddying"]
    assert _titles({"country": "TR"}) == ["Yol arkadaşı"]
    assert _titles({"field": "youth", "q": "arkadaş"}) == ["Yol arkadaşı"]
    assert _titles({"area": "governance", "q": "arkadaş"}) == []
    # A draft is never found.
    own_model(pair["turkish"], {"tr": text("Taslak arkadaş")})
    assert "Taslak arkadaş" not in _titles({"q": "arkadaş"})


def test_adoption_lineage_and_the_count_of_multiplication(pair, staff):
    turkish, german = pair["turkish"], pair["german"]
    third = OrganisationFactory(name="Wiener Ehrenamt", country="AT")
    root = published_model(turkish, staff, {"en": text("Buddy system")})
    with pytest.raises(Refused):
        services.adopt(model=root, organisation=turkish, by=admin(turkish), adaptation="Ours")
    adoption = services.adopt(model=root, organisation=german, by=admin(german),
                              adaptation="For our sports clubs.")  # fmt: skip
    assert Notification.objects.filter(recipient=admin(turkish), kind="library").exists()
    with pytest.raises(Refused):
        services.adopt(model=root, organisation=german, by=admin(german), adaptation="Again")
    with pytest.raises(ValidationError):
        services.report_adoption(adoption=adoption, by=admin(german), status="done", outcome="")
    services.report_adoption(adoption=adoption, by=admin(german), status="done",
                             outcome="Twelve of fifteen stayed.")  # fmt: skip
    child = services.publish_adaptation(adoption=adoption, by=admin(german), language="en")
    assert child.origin == root and child.texts.get().context == "For our sports clubs."
    publish(child, staff)
    second = services.adopt(model=child, organisation=third, by=admin(third), adaptation="Vienna")
    grandchild = services.publish_adaptation(adoption=second, by=admin(third), language="en")
    publish(grandchild, staff)

    tree = selectors.family(grandchild, "en")
    assert [(n.id, n.depth) for n in tree.rows] == [(root.pk, 0), (child.pk, 1), (grandchild.pk, 2)]
    assert tree.generations == 3 and tree.descendants_of(root.pk) == 2
    counts = selectors.adoption_counts()
    assert {m.pk: m.adopted for m in counts["models"]} == {
        root.pk: 1,
        child.pk: 1,
        grandchild.pk: 0,
    }
    assert counts["outside"] == 2


def test_attachments_are_checked_by_their_bytes_and_covers_reencoded(pair):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.organisations.test_profiles import image_bytes

    organisation = pair["turkish"]
    model = own_model(organisation, {"en": text("Buddy system")})
    fake = SimpleUploadedFile("guide.pdf", b"<script>alert(1)</script>")
    with pytest.raises(ValidationError) as error:
        services.add_attachment(
            model=model, by=admin(organisation), upload=fake, title="", language="en"
        )
    assert "not a real PDF" in str(error.value)
    with pytest.raises(ValidationError):
        services.add_attachment(model=model, by=admin(organisation),
                                upload=SimpleUploadedFile("run.exe", b"MZ"), title="", language="en")  # fmt: skip
    good = SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n%...")
    item = services.add_attachment(
        model=model, by=admin(organisation), upload=good, title="Guide", language="en"
    )
    assert (item.extension, item.title) == ("pdf", "Guide")
    services.set_cover(model=model, by=admin(organisation),
                       upload=SimpleUploadedFile("c.jpg", image_bytes()), alt="Volunteers")  # fmt: skip
    model.refresh_from_db()
    assert model.cover.read(8) == b"\x89PNG\r\n\x1a\n"
    assert Adoption.objects.count() == 0


def test_a_person_who_leaves_is_no_longer_named_but_the_model_stays(pair, staff):
    from exchange.accounts.privacy import SECTIONS

    organisation = pair["turkish"]
    person = admin(organisation)
    model = own_model(organisation, {"en": text("Buddy system")})
    services.name_me(model=model, by=person, name="Ayşe Yılmaz")
    publish(model, staff)
    assert selectors.latest_version(model).facts["authors"] == ["Ayşe Yılmaz"]
    section = next(s for s in SECTIONS if s.name == "library")
    assert section.export(person)["named_as_author"][0]["name"] == "Ayşe Yılmaz"
    section.erase(person)
    assert selectors.latest_version(model).facts["authors"] == []
    assert PracticeModel.objects.filter(pk=model.pk).exists()
