"""The submitted application as a PDF (WeasyPrint). WeasyPrint needs Pango from the system;
where it is missing the rest of the site works and `render` returns None."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override

from . import selectors

try:
    from weasyprint import HTML
except OSError:  # Pango missing: `make run` says which Debian packages to install
    HTML = None


def is_available() -> bool:
    return HTML is not None


def context(application) -> dict:
    schema = selectors.schema_for(application)
    partners = selectors.active_partners(application)
    return {
        "application": application,
        "call": application.call,
        "partners": partners,
        "sections": selectors.sections_with_answers(application, schema, partners),
    }


def render(application, language: str | None = None) -> bytes | None:
    if HTML is None:
        return None
    with override(language or settings.LANGUAGE_CODE):
        html = render_to_string("applications/pdf.html", context(application))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
