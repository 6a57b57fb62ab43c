"""Changes of state for people: consent, preferences."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction

from .models import Consent, User


@transaction.atomic
def record_consent(
    *, user: User, ip_address: str | None = None, version: str | None = None
) -> Consent:
    consent, _created = Consent.objects.get_or_create(
        user=user,
        document="privacy-notice",
        version=version or settings.PRIVACY_NOTICE_VERSION,
        defaults={"ip_address": ip_address},
    )
    return consent


def set_interface_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def has_two_factor(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
