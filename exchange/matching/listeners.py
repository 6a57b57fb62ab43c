"""What the matching engine does when organisations change (core.events): it reads a
changed profile's texts again, and after an import reads everything new and learns."""

from django.db import transaction

from exchange.core.events import Event

from . import tasks


def profile_changed(event: Event) -> None:
    organisation_id = event.target.pk
    transaction.on_commit(lambda: tasks.read_organisation.enqueue(organisation_id))


def imported(event: Event) -> None:
    transaction.on_commit(tasks.refresh_readings.enqueue)
