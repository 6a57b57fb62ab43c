"""The deadline rule: what counts is the moment a submission is *completed* on the server,
not when the applicant opened the form or pressed the button; the client's clock is never
asked. An individual extension moves the deadline for one application only."""

import datetime

from django.utils import timezone


def effective_deadline(
    closes_at: datetime.datetime, extended_until: datetime.datetime | None
) -> datetime.datetime:
    if extended_until is not None and extended_until > closes_at:
        return extended_until
    return closes_at


def is_in_time(
    moment: datetime.datetime,
    closes_at: datetime.datetime,
    extended_until: datetime.datetime | None = None,
) -> bool:
    """True up to and including the deadline's exact instant; one microsecond later is late."""
    return moment <= effective_deadline(closes_at, extended_until)


def now() -> datetime.datetime:
    """The server's clock: the only one the deadline rule listens to (tests and the demo's
    replay of past applications replace it)."""
    return timezone.now()
