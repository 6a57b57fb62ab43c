"""Personal API tokens: created, found, used and revoked only here.

A token reads `cse_<prefix>_<secret>`. The prefix finds the row; the secret is compared as a
SHA-256 digest in constant time. A token of a staff member (programme staff or site staff)
works only while their account has two factors."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.accounts.services import has_two_factor
from exchange.core import text

from .models import ApiToken

MAX_ACTIVE = 20  # tokens a person may have at once
# Writing the last use on every request would turn every read into a write: once a minute.
LAST_USE_PRECISION = timedelta(minutes=1)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(*, user, name: str, scope: str) -> tuple[ApiToken, str]:
    """The new token and its whole text, which is never shown again."""
    name = text.clean(name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Name the token after what will use it.")]})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": [_("Choose read only or read and write.")]})
    with transaction.atomic():
        if user.api_tokens.filter(revoked_at=None).count() >= MAX_ACTIVE:
            raise ValidationError(
                _("You have %(max)s active tokens. Revoke one you no longer use first.")
                % {"max": MAX_ACTIVE}
            )
        prefix = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user, name=name[:80], prefix=prefix, digest=_digest(secret), scope=scope
        )
    return token, f"cse_{prefix}_{secret}"


def revoke_token(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def list_tokens(user):
    return user.api_tokens.filter(revoked_at=None)


def get_token_of(user, pk: int) -> ApiToken | None:
    return user.api_tokens.filter(pk=pk, revoked_at=None).first()


def needs_two_factor(user) -> bool:
    return bool(user.is_staff or user.is_superuser or user.programmes.exists())


def find(raw: str) -> ApiToken | None:
    """The active token this text names, or None (wrong, revoked, or a staff member's
    token while their account has no second factor)."""
    parts = raw.split("_", 2)  # the secret may itself hold "_"
    if len(parts) != 3 or parts[0] != "cse" or not parts[1] or not parts[2]:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1][:12], revoked_at=None)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, _digest(parts[2])):
        return None
    user = token.user
    if not user.is_active or user.erased_at is not None:
        return None
    if needs_two_factor(user) and not has_two_factor(user):
        return None
    return token


def touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
