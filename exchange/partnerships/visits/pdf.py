"""A visa invitation letter as a one-page A4 PDF (WeasyPrint), with a QR code that leads to
its public verification page. WeasyPrint needs Pango from the system; where it is missing
the rest of the site works and `render` returns None (see applications/pdf.py)."""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override

from . import services

try:
    from weasyprint import HTML
except OSError:  # Pango missing: `make run` says which Debian packages to install
    HTML = None


def is_available() -> bool:
    return HTML is not None


DATE_FORMATS = {"en": "j F Y", "de": "j. F Y", "tr": "j F Y"}


def context(letter, language: str = "en") -> dict:
    visit = letter.visit
    partnership = visit.partnership
    url = services.verification_url(letter)
    return {
        "letter": letter,
        "visit": visit,
        "host": visit.host,
        "traveller": letter.traveller,
        "partnership": partnership,
        "call": partnership.cohort.call,
        "reference": f"CSE-P-{partnership.pk:05d}",
        "verify_url": url,
        "date_format": DATE_FORMATS.get(language, "j F Y"),
        "qr": segno.make(url, error="m").svg_data_uri(scale=3, border=0),
    }


def render(letter, language: str | None = None) -> bytes | None:
    if HTML is None:
        return None
    language = language or letter.language
    if language not in services.letter_languages(letter.visit.host):
        language = "en"
    with override(language):
        html = render_to_string(f"visits/letter_{language}.html", context(letter, language))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
