"""Background work of notifications (django-tasks: in-process or db_worker)."""

from django_tasks import task

from . import delivery


@task()
def deliver_notifications(ids: list[int]) -> int:
    return delivery.deliver(ids)
