"""Named domain events: how a lower app tells the higher ones that something happened.

A domain emits `emit(name, key=..., target=obj, actor=user, **data)` inside the
transaction of its change. Subscribers registered in their `AppConfig.ready()` with
`subscribe(prefix, handler)` are called at once, inside the same transaction, so what they
write (in-app notices, for instance) commits or rolls back with the change itself; work
outside the database (e-mail, reading texts) they queue with `transaction.on_commit`.

`key` names the occurrence: the same key emitted twice is the same event, and subscribers
must treat it so (notifications keep one notice per key and recipient). Domains never
import their subscribers: `matching` listens to `organisations`, `notifications` to all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    name: str  # "<app>.<what happened>", e.g. "applications.submitted"
    key: str  # one occurrence; emitting the same key again changes nothing downstream
    target: Any = None  # the model instance the event is about
    actor: Any = None  # the user who caused it, None for the system (expiry, imports)
    data: dict = field(default_factory=dict)  # plain values: ids, codes, a reason


Handler = Callable[[Event], None]
_subscribers: list[tuple[str, Handler]] = []


def subscribe(prefix: str, handler: Handler) -> None:
    """Call `handler` for every event whose name starts with `prefix` ("" for all)."""
    if (prefix, handler) not in _subscribers:
        _subscribers.append((prefix, handler))


def emit(name: str, *, key: str, target=None, actor=None, **data) -> Event:
    event = Event(name=name, key=key, target=target, actor=actor, data=data)
    for prefix, handler in list(_subscribers):
        if name.startswith(prefix):
            handler(event)
    return event
