"""Background work shared by all domains (django-tasks: in-process or db_worker)."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    # Sensitive content never goes into e-mails: callers send links, not data.
    return send_mail(subject, body, None, to)
