"""One signed-token helper for every link that is sent to someone (invitations).

A token names one object (`purpose` and its primary key, plus any claims such as the
invited address) and is signed with the project's secret. It is refused when forged,
when it is older than `lifetime()`, or when read for another purpose. The lifetime is one
setting, INVITATION_MAX_AGE_DAYS (14 days by default): invitations store the same moment
as `expires_at`, so a link and the object it opens expire together.
"""

import datetime

from django.conf import settings
from django.core import signing


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.INVITATION_MAX_AGE_DAYS)


def _salt(purpose: str) -> str:
    return f"exchange.{purpose}"


def make(purpose: str, pk: int, **claims) -> str:
    return signing.dumps({"i": pk, **claims}, salt=_salt(purpose))


def read(purpose: str, token: str) -> dict | None:
    """The token's claims (`i` is the primary key), or None if forged, expired or foreign."""
    try:
        data = signing.loads(token, salt=_salt(purpose), max_age=lifetime().total_seconds())
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None
    return data
