"""Background work of applications: the receipts with the PDF after a submission."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from exchange.organisations.models import Membership

from . import pdf
from .models import Application


@task()
def send_submission_receipts(application_id: int) -> int:
    """Every member of the partnership's organisations gets a receipt in their own language,
    with the submitted application attached as a PDF (the applicants' own text, sent to them)."""
    application = Application.objects.select_related("call").get(pk=application_id)
    people = {
        m.user.pk: m.user
        for m in Membership.objects.filter(
            organisation__application_partners__application=application,
            organisation__application_partners__is_active=True,
        ).select_related("user")
    }.values()
    link = settings.SITE_URL.rstrip("/") + reverse("applications:detail", args=[application.pk])
    documents = {}
    sent = 0
    for user in people:
        language = user.language or settings.LANGUAGE_CODE
        if language not in documents:
            documents[language] = pdf.render(application, language)
        with override(language):
            subject = _("Application submitted: %(call)s") % {"call": application.call.title}
            body = _(
                "Your joint application to “%(call)s” was submitted on %(moment)s (UTC). "
                "Every partner organisation confirmed it. The submitted version is attached."
            ) % {
                "call": application.call.title,
                "moment": application.submitted_at.strftime("%Y-%m-%d %H:%M:%S"),
            }
            if documents[language] is None:
                body += "\n" + _("The PDF could not be made on this server; see it online.")
        message = EmailMessage(subject, body + "\n\n" + link + "\n", None, [user.email])
        if documents[language] is not None:
            message.attach(
                f"application-{application.pk}.pdf", documents[language], "application/pdf"
            )
        sent += message.send()
    return sent
