"""What the grant's part does when the workspace tells it something (core.events)."""

from exchange.core.events import Event

from . import services


def started(event: Event) -> None:
    """A new partnership starts with the usual instalments (70 % at the start, the rest
    after the final report), each with its checklist; staff change them on the grant tab."""
    services.default_instalments(partnership=event.target)
