"""What the selection does when applications change (core.events): a submitted or
rescreened application gets its standing, and a selected partnership that withdraws
offers its place to the waiting list."""

from exchange.applications.models import Application
from exchange.core import events
from exchange.core.events import Event

from . import services

S = Application.Status


def submitted(event: Event) -> None:
    services.refresh_standing(event.target)


def status_changed(event: Event) -> None:
    services.follow_status(event.target)


def withdrawn(event: Event) -> None:
    application = event.target
    services.follow_status(application)
    if event.data.get("source") != S.SELECTED:
        return
    services.audit(application.call, "selected_withdrew", by=event.actor, application=application)
    events.emit(
        "selection.place_freed",
        key=f"selection.place_freed:{event.key}",
        target=application,
        actor=event.actor,
    )
