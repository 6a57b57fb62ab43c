import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from exchange.organisations.models import CapacityStatement, Membership, Organisation

CREATE = reverse("organisations:create")


def profile_data(**overrides):
    data = {
        "name": "Eskişehir Gençlik Derneği",
        "kind": "association",
        "country": "TR",
        "city": "Eskişehir",
        "founded": "2012",
        "staff_count": "3",
        "volunteer_count": "40",
        "description": "Gençlerle birlikte çalışıyoruz.",
        "languages": ["tr", "en"],
        "thematic_fields": ["youth"],
        "need-0-area": "volunteer-management",
        "need-0-text": "Gönüllüleri tutmak istiyoruz.",
        "need-1-area": "",
        "need-1-text": "Bağışçı bulmak zor.",
        "offer-0-area": "advocacy",
        "offer-0-text": "",
        "contact_email": "info@genclik.example",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def image_bytes(fmt="PNG", size=(64, 64)):
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, format=fmt)
    return out.getvalue()


def test_a_person_creates_an_organisation_and_becomes_its_admin(login, db):
    from tests.accounts.factories import UserFactory

    person = UserFactory()
    response = login(person).post(CREATE, profile_data())
    organisation = Organisation.objects.get(name="Eskişehir Gençlik Derneği")
    assert response.status_code == 302 and response.url == organisation.get_absolute_url()
    assert Membership.objects.get(organisation=organisation).user == person
    assert Membership.objects.get(organisation=organisation).role == Membership.Role.ADMIN
    needs = organisation.statements.filter(kind=CapacityStatement.Kind.NEED)
    assert [(s.area, s.text) for s in needs] == [
        ("volunteer-management", "Gönüllüleri tutmak istiyoruz."),
        ("", "Bağışçı bulmak zor."),
    ]
    assert sorted(lang.code for lang in organisation.languages.all()) == ["en", "tr"]


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(CREATE)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_failed_form_keeps_everything_typed(login, outsider):
    data = profile_data(
        country="", languages=[], **{"need-1-text": "Bağışçı bulmak zor ve yorucu."}
    )
    response = login(outsider).post(CREATE, data)
    assert response.status_code == 400
    assert "Bağışçı bulmak zor ve yorucu." in response.text
    assert 'value="Eskişehir Gençlik Derneği"' in response.text
    assert "Choose at least one working language." in response.text
    assert not Organisation.objects.filter(name="Eskişehir Gençlik Derneği").exists()


def test_an_area_cannot_be_both_need_and_offer(login, outsider):
    response = login(outsider).post(
        CREATE, profile_data(**{"offer-0-area": "volunteer-management"})
    )
    assert response.status_code == 400
    assert "both a need and an offer" in response.text


def test_a_country_outside_the_programme_is_refused(login, outsider):
    response = login(outsider).post(CREATE, profile_data(country="US"))
    assert response.status_code == 400


def test_logo_is_reencoded_and_served_through_a_checked_view(login, outsider, client):
    upload = SimpleUploadedFile("logo.jpg", image_bytes("JPEG"), content_type="image/jpeg")
    login(outsider).post(CREATE, {**profile_data(), "logo_upload": upload})
    organisation = Organisation.objects.get(name="Eskişehir Gençlik Derneği")
    response = client.get(reverse("organisations:logo", args=[organisation.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.png", b"<?php echo 'I am not an image'; ?>", "not an image we can read"),
        ("logo.png", b"%PDF-1.4 lying about its type", "not an image we can read"),
        ("logo.bmp", image_bytes("BMP"), "format are not accepted"),
        ("logo.png", b"\x89PNG" + b"0" * (3 * 1024 * 1024), "too large"),
    ],
)
def test_bad_uploads_get_a_clear_message_and_lose_nothing(login, outsider, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = login(outsider).post(CREATE, {**profile_data(), "logo_upload": upload})
    assert response.status_code == 400
    assert message in response.text
    assert "Gönüllüleri tutmak istiyoruz." in response.text


def test_admin_edits_the_profile(login, org_admin, organisation):
    url = reverse("organisations:edit", args=[organisation.slug])
    form = login(org_admin).get(url)
    assert "Gönüllülerimizi tutmakta zorlanıyoruz." in form.text  # existing rows are shown
    response = login(org_admin).post(
        url, profile_data(name="İzmir Gönüllüleri Derneği", city="Karşıyaka")
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.city == "Karşıyaka"


@pytest.mark.parametrize(
    ("persona", "status"), [("org_member", 403), ("outsider", 403), (None, 302)]
)
def test_only_admins_edit(request, client, organisation, persona, status):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("organisations:edit", args=[organisation.slug])).status_code == status
    assert (
        client.post(
            reverse("organisations:edit", args=[organisation.slug]), profile_data()
        ).status_code
        == status
    )


@pytest.mark.parametrize(
    ("persona", "visible"),
    [("org_member", True), ("org_admin", True), ("outsider", False), (None, False)],
)
def test_contact_details_only_for_the_organisations_own_people(
    request, client, organisation, persona, visible
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    page = client.get(organisation.get_absolute_url())
    assert page.status_code == 200
    assert ("secret@izmir.example" in page.text) is visible
    assert ("+90 232 000 00 00" in page.text) is visible


def test_members_only_profile_is_hidden_from_visitors(client, login, outsider, organisation):
    organisation.visibility = Organisation.Visibility.MEMBERS
    organisation.save()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert login(outsider).get(organisation.get_absolute_url()).status_code == 200


def test_wrong_method_is_refused(client, organisation):
    assert client.delete(organisation.get_absolute_url()).status_code == 405
