"""Background work of reports (django-tasks): the daily reminders of due dates. A retried
or doubled run sends nothing twice (services.send_due_reminders)."""

import datetime

from django_tasks import task

from . import services


@task()
def send_report_reminders(today: str | None = None) -> int:
    return services.send_due_reminders(datetime.date.fromisoformat(today) if today else None)
