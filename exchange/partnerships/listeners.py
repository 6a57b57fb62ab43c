"""Published decisions become a cohort and its partnerships (core.events)."""

from exchange.applications.models import Application
from exchange.core.events import Event

from . import services

S = Application.Status


def published(event: Event) -> None:
    services.create_cohort(call=event.target)


def decided(event: Event) -> None:
    """A place offered from the waiting list after publication."""
    application = event.target
    if event.data.get("status") == S.SELECTED and event.data.get("source") == S.WAITING_LIST:
        services.create_partnership(application=application)


def withdrawn(event: Event) -> None:
    if event.data.get("source") == S.SELECTED:
        services.withdraw_partnership(application=event.target)
