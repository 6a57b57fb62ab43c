"""Changes of state for people: consent, preferences, and their privacy rights."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from auditlog.context import disable_auditlog
from auditlog.models import LogEntry as AuditEntry
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from exchange.core.models import StatusChange
from exchange.core.permissions import Refused

from . import privacy
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


# --- Privacy rights: download everything, delete the account -------------------------------


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_account(user: User) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "languages_spoken": user.languages,
        "interface_language": user.language,
        "time_zone": user.timezone,
        "joined": _iso(user.date_joined),
        "last_sign_in": _iso(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "consents": [
            {
                "document": c.document,
                "version": c.version,
                "accepted": _iso(c.accepted_at),
                "ip_address": c.ip_address,
            }
            for c in user.consents.all()
        ],
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "changes_you_made": [
            {
                "at": _iso(e.timestamp),
                "action": e.get_action_display(),
                "object": f"{e.content_type.app_label}.{e.content_type.model}",
                "object_id": e.object_pk,
                "ip_address": e.remote_addr,
            }
            for e in AuditEntry.objects.filter(actor=user).select_related("content_type")[:5000]
        ],
        "changes_of_status_you_made": [
            {
                "at": _iso(c.at),
                "what": c.workflow,
                "object_id": c.object_id,
                "from": c.from_status,
                "to": c.to_status,
                "reason": c.reason,
            }
            for c in StatusChange.objects.filter(by=user)[:5000]
        ],
        "admin_actions": [
            {"at": _iso(e.action_time), "object": e.object_repr, "change": e.get_change_message()}
            for e in AdminEntry.objects.filter(user=user)[:5000]
        ],
    }


def export_data(*, user: User) -> dict:
    """Everything the platform holds about a person, as one JSON-able document."""
    data = {
        "format": "civil-society-exchange/personal-data",
        "version": 1,
        "exported": _iso(timezone.now()),
        "account": export_account(user),
    }
    for section in privacy.SECTIONS:
        data[section.name] = section.export(user)
    with disable_auditlog():
        AuditEntry.objects.log_create(
            user, force_log=True, action=AuditEntry.Action.ACCESS, changes={"export": "all data"}
        )
    return data


def erasure_blockers(user: User) -> list[str]:
    return [reason for section in privacy.SECTIONS for reason in section.blockers(user)]


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Erase a person's data: each domain removes or anonymises what it holds, then the
    account itself is anonymised (the row stays, so that what others keep shows "a former
    member"), signed out everywhere, and the erasure is recorded without personal data."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at:
        return
    if blockers := erasure_blockers(user):
        raise Refused(" ".join(blockers), "state")
    for section in privacy.SECTIONS:
        section.erase(user)
    with disable_auditlog():
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.consents.all().delete()
        # What the audit trail recorded about this person (their e-mail and name in old
        # values) goes; what they did stays, without their address.
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_pk=str(user.pk)
        ).delete()
        AuditEntry.objects.filter(actor=user).update(remote_addr=None, actor_email=None)
        user.email = f"former-member-{user.pk}@erased.invalid"
        user.display_name = ""
        user.languages = []
        user.language = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.erased_at = timezone.now()
        user.set_unusable_password()  # other sessions end: their hash no longer matches
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        AuditEntry.objects.log_create(
            user, force_log=True, action=AuditEntry.Action.DELETE, changes={"erased": "account"}
        )
