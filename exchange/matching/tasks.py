"""Background work of the matching engine (django-tasks)."""

from django_tasks import task

from . import services


@task()
def read_organisation(organisation_id: int) -> int:
    """Embed and read a profile's texts after it was saved (never on the request path)."""
    return services.read_organisations([organisation_id])


@task()
def train_area_model() -> int:
    version = services.train_area_model()
    return version.pk if version else 0


@task()
def refresh_readings() -> int:
    """After an import: read all new texts, retrain the area model, re-read."""
    return services.refresh_readings()
