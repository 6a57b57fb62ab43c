"""Sign up -> verify the e-mail -> create an organisation in Turkish -> find organisations
by typing without Turkish letters and in other word forms. axe-core on every page."""

import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from exchange.organisations.importing import import_lines

IMPORTED = [
    {
        "ref": "de-0101",
        "name": "Ehrenamt Köln e.V.",
        "country": "DE",
        "city": "Köln",
        "kind": "association",
        "languages": ["de", "tr"],
        "fields": ["youth"],
        "description": "Wir stärken Ehrenamtliche in Köln.",
        "needs": [
            {"area": None, "text": "Wir suchen Wege, junge Ehrenamtliche langfristig zu binden."}
        ],
        "offers": [{"area": "advocacy", "text": ""}],
        "hosts_visits": True,
    },
    {
        "ref": "tr-0101",
        "name": "Işıklı Gönüllüler Derneği",
        "country": "TR",
        "city": "İzmir",
        "kind": "association",
        "languages": ["tr", "en"],
        "fields": ["education"],
        "description": "Gönüllülerle çocuklara kitap okuyoruz.",
        "needs": [{"area": "individual-giving", "text": "Bağışçı bulmakta zorlanıyoruz."}],
        "offers": [],
        "hosts_visits": False,
    },
]


@pytest.fixture
def imported(transactional_db):
    report = import_lines(json.dumps(r, ensure_ascii=False) for r in IMPORTED)
    assert report.ok


def test_sign_up_create_an_organisation_and_search(
    live_server, page, imported, axe_clean, csp_errors
):
    base = live_server.url
    page.goto(base + "/")
    axe_clean(page)
    page.select_option("#language-select", "tr")
    expect(page.locator("html")).to_have_attribute("lang", "tr")

    page.get_by_role("button", name="Kaydol").first.click()
    page.get_by_label("E-posta").first.fill("elif@example.org")
    page.locator("#id_password1").fill("uzun-ve-guclu-Parola-7")
    page.locator("#id_password2").fill("uzun-ve-guclu-Parola-7")
    page.get_by_label("Adınız").fill("Elif Şahin")
    page.locator("#id_timezone").select_option("Europe/Istanbul")
    axe_clean(page)
    page.get_by_label("Aydınlatma metnini okudum").check()
    page.locator("form button[type=submit]").last.click()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    page.goto(base + link)
    axe_clean(page)
    page.locator("main form button[type=submit]").click()

    page.goto(base + "/accounts/login/")
    page.get_by_label("E-posta").first.fill("elif@example.org")
    page.get_by_label("Parola").first.fill("uzun-ve-guclu-Parola-7")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", name=re.compile("Hoş geldiniz"))).to_be_visible()

    page.get_by_role("button", name="Örgüt oluştur").first.click()
    axe_clean(page)
    page.locator("#id_name").fill("Karşıyaka Gençlik Derneği")
    page.get_by_label("Ülke").select_option("TR")
    page.get_by_label("Şehir").fill("İzmir")
    page.get_by_role("checkbox", name="Türkçe", exact=True).check()
    page.get_by_role("checkbox", name="Gençlik", exact=True).check()
    page.locator("#id_need-0-area").select_option("volunteer-management")
    page.locator("#id_need-0-text").fill("Gönüllülerimizi uzun süre tutmak istiyoruz.")
    page.get_by_role("button", name="Örgütü oluştur").click()
    expect(page.get_by_role("heading", name="Karşıyaka Gençlik Derneği")).to_be_visible()
    axe_clean(page)

    page.get_by_role("link", name="Rehber").first.click()
    search = page.locator("#id_q")
    search.fill("koln")  # htmx updates the results while typing
    expect(page.locator("#results")).to_contain_text("Ehrenamt Köln e.V.")
    expect(page.locator("#results")).not_to_contain_text("Işıklı Gönüllüler Derneği")
    assert "q=koln" in page.url  # the URL holds the search
    search.fill("isikli gonulluler")
    expect(page.locator("#results")).to_contain_text("Işıklı Gönüllüler Derneği")
    search.fill("Ehrenamtlichen")
    expect(page.locator("#results")).to_contain_text("Ehrenamt Köln e.V.")
    page.get_by_label("Taraf").select_option("tr")
    search.fill("")
    expect(page.locator("#results")).to_contain_text("Karşıyaka Gençlik Derneği")
    expect(page.locator("#results")).not_to_contain_text("Ehrenamt Köln e.V.")
    axe_clean(page)
    assert csp_errors == []


def test_directory_works_without_javascript(live_server, browser, imported, axe_clean):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/organisations/")
    page.get_by_label("Search").fill("gonullu")
    page.get_by_role("button", name="Search").click()
    assert "q=gonullu" in page.url
    expect(page.locator("#results")).to_contain_text("Işıklı Gönüllüler Derneği")
    expect(page.locator("#results")).not_to_contain_text("Ehrenamt Köln e.V.")
    context.close()
