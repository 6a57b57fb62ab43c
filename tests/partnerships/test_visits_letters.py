"""Visa invitation letters: only the host's admins and staff issue, read and revoke them; the
PDF (its text layer read back with pypdf) holds Turkish and German text, fits one A4 page,
survives long input; the QR code's signed URL opens a page with the letter's number, dates,
host and validity, and nothing about the traveller."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from exchange.core.models import StatusChange
from exchange.core.permissions import Refused
from exchange.notifications.models import Notification
from exchange.partnerships.visits import pdf, services
from exchange.partnerships.visits.models import InvitationLetter, Visit
from tests.partnerships.visits_fixtures import confirm, issue, trip  # noqa: F401

pypdf = pytest.importorskip("pypdf")
needs_pdf = pytest.mark.skipif(not pdf.is_available(), reason="WeasyPrint needs Pango")
L = InvitationLetter.Status


def _text(document: bytes):
    reader = pypdf.PdfReader(io.BytesIO(document))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_letter_needs_a_confirmed_visit_and_only_the_hosts_admins_or_staff_issue_it(trip):  # noqa: F811
    with pytest.raises(Refused, match="confirms the visit"):
        issue(trip)
    confirm(trip)
    for someone in (trip["admin"], trip["member"], trip["host_member"]):
        with pytest.raises(Refused):
            services.issue_letter(
                visit=trip["visit"], traveller=trip["traveller"], by=someone, language="en",
                host_address="x", signatory_name="x", signatory_role="x", costs_covered="x",
            )  # fmt: skip
    letter = issue(trip)
    assert re.fullmatch(r"CSE-\d{4}-\d{6}", letter.number)
    assert letter.status == L.ISSUED and letter.issued_by == trip["host_admin"]
    by_staff = issue(trip, by=trip["staff"], language="en")
    assert by_staff.number != letter.number
    assert StatusChange.objects.filter(workflow="visits.letter", to_status=L.ISSUED).count() == 2
    # The notice names the letter's number and the host, never the traveller or passport.
    notices = Notification.objects.filter(event="visits.letter_issued")
    assert letter.number in {n.params["number"] for n in notices}
    told = {n.recipient_id for n in notices}
    assert {trip["host_admin"].pk, trip["admin"].pk} <= told and trip["member"].pk not in told
    text = str([n.params for n in notices])
    assert "U12345678" not in text and "Şükrü" not in text
    with pytest.raises(ValidationError):
        issue(trip, language="tr")  # no Turkish letter for a German host


def test_a_traveller_without_a_passport_number_gets_no_letter(trip):  # noqa: F811
    confirm(trip)
    services.edit_traveller(traveller=trip["traveller"], by=trip["admin"], forget_passport=True)
    with pytest.raises(Refused, match="passport number"):
        issue(trip)


def test_revoking_a_letter_and_cancelling_a_visit(trip):  # noqa: F811
    confirm(trip)
    letter = issue(trip)
    with pytest.raises(Refused):
        services.revoke_letter(letter=letter, by=trip["admin"], reason="x")
    services.revoke_letter(letter=letter, by=trip["host_admin"], reason="Termin verschoben")
    letter.refresh_from_db()
    assert letter.status == L.REVOKED and letter.revoked_reason == "Termin verschoben"
    second = issue(trip)
    services.move_visit(visit=trip["visit"], to=Visit.Status.CANCELLED, by=trip["admin"])
    assert InvitationLetter.objects.get(pk=second.pk).status == L.REVOKED


# --- The PDF ----------------------------------------------------------------------------


@needs_pdf
def test_the_german_letter_has_german_and_turkish_characters_in_its_text_layer(trip):  # noqa: F811
    confirm(trip)
    letter = issue(trip)
    pages, text = _text(pdf.render(letter, "de"))
    text = _flat(text)
    assert pages == 1
    for words in (
        "Einladungsschreiben", "Şükrü Çağlar Öztürk", "Kölner Ehrenamt e.V.", "Jürgen Weiß",
        "U12345678", "Reisepassnummer", "Staatsangehörigkeit", letter.number, "Türkei",
        "Ankara Gönüllüleri", "CSE-P-",
    ):  # fmt: skip
        assert words in text, words


@needs_pdf
def test_the_turkish_letter_of_a_turkish_host(trip):  # noqa: F811
    services.move_visit(visit=trip["visit"], to=Visit.Status.CANCELLED, by=trip["admin"])
    visit = services.plan_visit(
        partnership=trip["partnership"], by=trip["host_admin"], host=trip["turkish"],
        starts_on=trip["visit"].starts_on, ends_on=trip["visit"].ends_on,
        purpose="Gönüllü yönetimi üzerine çalışma ziyareti",
    )  # fmt: skip
    traveller = services.add_traveller(
        visit=visit, by=trip["host_admin"], name="Jürgen Groß", organisation=trip["german"],
        needs_visa=True, nationality="DE", passport_number="C01X00T47",
    )  # fmt: skip
    services.move_visit(visit=visit, to=Visit.Status.CONFIRMED, by=trip["admin"])
    assert services.letter_languages(trip["turkish"]) == ["en", "tr"]
    letter = services.issue_letter(
        visit=visit, traveller=traveller, by=trip["admin"], language="tr",
        host_address="Kızılay Mah. İnönü Bulvarı 5", signatory_name="Ayşe Işık",
        signatory_role="Başkan", costs_covered="Konaklama ev sahibi kuruluş tarafından.",
    )  # fmt: skip
    pages, text = _text(pdf.render(letter))
    text = _flat(text)
    assert pages == 1
    for words in ("Davet Mektubu", "Pasaport numarası", "Ayşe Işık", "Jürgen Groß", "İnönü"):
        assert words in text, words
    pages, english = _text(pdf.render(letter, "en"))
    assert "Invitation letter" in english and pages == 1


@needs_pdf
def test_long_input_wraps_and_does_not_break_the_letter(trip):  # noqa: F811
    visit = trip["visit"]
    visit.programme = ("Ein sehr langer Programmpunkt mit Workshops und Besuchen. " * 80).strip()
    visit.purpose = "Zweck" + "x" * 290
    visit.save()
    confirm(trip)
    letter = issue(
        trip,
        host_address="Eine-sehr-lange-Straße-ohne-Leerzeichen-" * 10,
        costs_covered="Alles wird übernommen. " * 80,
        signatory_role="Vorstandsvorsitzende" * 8,
    )
    pages, text = _text(pdf.render(letter))
    assert pages <= 2
    assert letter.number in text and "Jürgen Weiß" in text


# --- Pages and verification -------------------------------------------------------------


def test_letters_are_the_hosts_admins_and_staffs_only(client, trip):  # noqa: F811
    confirm(trip)
    letter = issue(trip)
    p, visit = trip["partnership"], trip["visit"]
    detail = reverse("visits:detail", args=[p.pk, visit.pk])
    letter_pdf = reverse("visits:letter-pdf", args=[p.pk, visit.pk, letter.pk])
    for someone in (trip["admin"], trip["member"], trip["host_member"]):
        client.force_login(someone)
        assert letter.number not in client.get(detail).text
        assert client.get(letter_pdf).status_code == 403
    for someone in (trip["host_admin"], trip["staff"]):
        client.force_login(someone)
        assert letter.number in client.get(detail).text
        response = client.get(letter_pdf + "?language=de")
        if pdf.is_available():
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
            assert (
                "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
            )


def test_the_letter_form_shows_the_passport_number_masked(client, trip):  # noqa: F811
    confirm(trip)
    client.force_login(trip["host_admin"])
    p, visit = trip["partnership"], trip["visit"]
    url = reverse("visits:letter-add", args=[p.pk, visit.pk])
    page = client.get(url).text
    assert "••••5678" in page and "U12345678" not in page
    bad = client.post(url, {"traveller": trip["traveller"].pk, "language": "de"})
    assert bad.status_code == 400
    response = client.post(
        url,
        {"traveller": trip["traveller"].pk, "language": "de", "host_address": "Domstraße 1",
         "signatory_name": "Jürgen Weiß", "signatory_role": "Vorsitzender",
         "costs_covered": "Der Zuschuss"},
    )  # fmt: skip
    assert response.status_code == 302
    letter = InvitationLetter.objects.get()
    revoke = reverse("visits:letter-revoke", args=[p.pk, visit.pk, letter.pk])
    client.post(revoke, {"reason": ""})
    assert InvitationLetter.objects.get().status == L.ISSUED
    client.post(revoke, {"reason": "Falsche Daten"})
    assert InvitationLetter.objects.get().status == L.REVOKED


def test_the_verification_page_tells_valid_or_revoked_and_nothing_about_the_traveller(client, trip):  # noqa: F811
    confirm(trip)
    letter = issue(trip)
    url = services.verification_url(letter)
    assert url.startswith("http://testserver/letters/verify/")
    path = url.removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200
    assert letter.number in page.text and "This letter is valid." in page.text
    assert "Kölner Ehrenamt e.V." in page.text
    for private in ("U12345678", "Şükrü", "Öztürk", "1990"):
        assert private not in page.text
    services.revoke_letter(letter=letter, by=trip["host_admin"], reason="Abgesagt")
    page = client.get(path)
    assert "revoked and is no longer valid" in page.text and "Abgesagt" not in page.text
    # A forged or altered token finds nothing.
    assert client.get(path[:-3] + "abc/").status_code == 404
    other = path.replace(letter.number, "CSE-2020-000001")
    assert client.get(other).status_code == 404
