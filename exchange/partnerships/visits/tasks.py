"""Background work of visits (django-tasks)."""

from django_tasks import task

from . import services


@task()
def purge_passport_numbers() -> int:
    """Daily: delete passport numbers some days after the visit (see services)."""
    return services.purge_passport_numbers()
