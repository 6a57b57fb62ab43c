"""The interface is translated for real: EN, TR and DE, nothing left untranslated."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "exchange" / "locale"
LANGS = ("tr", "de")


@pytest.mark.parametrize("lang", LANGS)
def test_catalogues_have_no_untranslated_or_fuzzy_entries(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("locale", [LOCALE, ROOT / "exchange" / "locale_overrides"])
@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogues_are_up_to_date(lang, locale):
    po = polib.pofile(str(locale / lang / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(locale / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in po.translated_entries()}
    assert compiled == source, "run `make messages` and commit the .mo files"


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext is not installed (apt-get install gettext)",
)
def test_every_string_in_code_and_templates_is_in_the_catalogues(tmp_path):
    """Extracts the strings again from a copy of the code: a new string without a
    translation fails here, in CI, instead of showing English to a Turkish user."""
    shutil.copytree(
        ROOT / "exchange",
        tmp_path / "exchange",
        ignore=shutil.ignore_patterns("__pycache__", "static"),
    )
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [
            sys.executable,
            "../manage.py",
            "makemessages",
            "-l",
            "tr",
            "-l",
            "de",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=tmp_path / "exchange",
        check=True,
        capture_output=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    for lang in LANGS:
        po = polib.pofile(
            str(tmp_path / "exchange" / "locale" / lang / "LC_MESSAGES" / "django.po")
        )
        untranslated = [e.msgid for e in po.untranslated_entries()] + [
            e.msgid for e in po.fuzzy_entries()
        ]
        assert untranslated == [], f"{lang}: translate these (then `make messages`): {untranslated}"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Örgüt rehberi"),
        ("de", "Verzeichnis der Organisationen"),
        ("en", "Directory of organisations"),
    ],
)
def test_pages_speak_the_chosen_language(db, lang, text):
    client = Client()
    client.post(reverse("accounts:set-language"), {"language": lang})
    page = client.get(reverse("organisations:list"))
    assert text in page.text and f'lang="{lang}"' in page.text


def test_search_finds_area_labels_across_languages(db):
    from exchange.organisations.filters import DirectoryFilter
    from exchange.organisations.models import Organisation
    from tests.organisations.factories import OrganisationFactory

    OrganisationFactory(
        name="Berlin Hilft e.V.",
        country="DE",
        city="Berlin",
        languages=["de"],
        needs=["volunteer-management"],
    )
    for query in ("gönüllü yönetimi", "Ehrenamtsmanagement", "volunteer management"):
        found = DirectoryFilter({"q": query}, queryset=Organisation.objects.all()).ordered()
        assert [o.name for o in found] == ["Berlin Hilft e.V."], query


def test_the_sign_in_pages_address_people_as_the_platform_does(db):
    """German: "Sie", never the library's "du"; Turkish: "İptal" with its dot."""
    client = Client()
    client.post(reverse("accounts:set-language"), {"language": "de"})
    page = client.get(reverse("account_reset_password")).text
    assert "Geben Sie unten Ihre E-Mail-Adresse ein" in page and " gib " not in page.lower()
    from django.utils import translation

    with translation.override("tr"):
        assert translation.gettext("Cancel") == "İptal"
