"""A published model as a PDF (WeasyPrint), in the language the reader reads it in."""

from django.conf import settings
from django.template.loader import render_to_string

try:
    from weasyprint import HTML
except OSError:  # Pango missing: `make run` says which Debian packages to install
    HTML = None


def render(context: dict) -> bytes | None:
    if HTML is None:
        return None
    html = render_to_string("library/pdf.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
